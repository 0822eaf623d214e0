"""A learning day's candidate venues, ranked by the cohort's travel (cohort.selectors.venues),
for programme managers (`cohort.manage_learning_days`).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from cohort.emails.learning_days import when_text, where_text
from cohort.forms.learning_days import CandidateVenueForm
from cohort.models import CandidateVenue
from cohort.selectors.venues import ranked_venues
from cohort.services.learning_days import LearningDayError
from cohort.services.venues import add_candidate_venue, remove_candidate_venue, use_candidate_venue
from cohort.venue_ranking import explain_suggestion, format_miles
from cohort.views.learning_days import LearningDaysManagerView
from programmes.errors import add_to_form


class VenuesView(LearningDaysManagerView):
    """Candidate venues for a day, ranked by the total distance the cohort's organisations would
    travel (cohort.venue_ranking), with a form to add one."""

    def get(self, request, slug, pk):
        return self.render_page(self.get_day(slug, pk), CandidateVenueForm())

    def post(self, request, slug, pk):
        day = self.get_day(slug, pk)
        form = CandidateVenueForm(request.POST)
        if form.is_valid():
            try:
                venue = add_candidate_venue(learning_day_id=day.pk, **form.venue())
            except LearningDayError as error:
                add_to_form(form, error)
            else:
                messages.success(request, f"‘{venue.name}’ has been added.")
                return redirect("cohort:learning_day_venues", slug=slug, pk=day.pk)
        return self.render_page(day, form)

    def render_page(self, day, form):
        ranked, places = ranked_venues(day)
        rows = [
            {
                "venue": entry.venue.key,
                "ranked": entry,
                "total": format_miles(entry.total_miles),
                "mean": "" if entry.mean_miles is None else format_miles(entry.mean_miles),
                "furthest_miles": (
                    "" if entry.furthest_miles is None else format_miles(entry.furthest_miles)
                ),
                "in_use": (
                    entry.venue.key.name == day.venue_name
                    and entry.venue.key.latitude == day.venue_latitude
                    and entry.venue.key.longitude == day.venue_longitude
                ),
            }
            for entry in ranked
        ]
        can_change = day.is_open()
        return render(
            self.request,
            "cohort/learning_days/venues.html",
            {
                "programme": day.programme,
                "learning_day": day,
                "when": when_text(day),
                "where": where_text(day) if day.venue_name or day.online_link else "",
                "rows": rows,
                "suggestion": explain_suggestion(ranked),
                "cohort_size": len(places),
                "unlocated": [place.name for place in places if place.location is None],
                "can_change": can_change,
                "people_invited": can_change and day.invitations.exists(),
                "form": form,
                "has_errors": bool(form.errors),
            },
            status=400 if form.errors else 200,
        )


class CandidateVenueActionView(LearningDaysManagerView):
    """A button on the venues page, for one candidate venue of the day (POST only)."""

    http_method_names = ["post"]

    def get_venue(self, slug, pk, venue_pk) -> CandidateVenue:
        day = self.get_day(slug, pk)
        return get_object_or_404(
            CandidateVenue.objects.select_related("learning_day__programme"),
            learning_day=day,
            pk=venue_pk,
        )


class RemoveCandidateVenueView(CandidateVenueActionView):
    def post(self, request, slug, pk, venue_pk):
        venue = self.get_venue(slug, pk, venue_pk)
        remove_candidate_venue(venue_id=venue.pk)
        messages.success(request, f"‘{venue.name}’ has been removed.")
        return redirect("cohort:learning_day_venues", slug=slug, pk=pk)


class UseCandidateVenueView(CandidateVenueActionView):
    def post(self, request, slug, pk, venue_pk):
        venue = self.get_venue(slug, pk, venue_pk)
        sequence_before = venue.learning_day.calendar_sequence
        try:
            day = use_candidate_venue(venue_id=venue.pk)
        except LearningDayError as error:
            messages.error(request, error.message)
        else:
            told = (
                " Everyone invited who has not declined has been emailed the new details."
                if day.calendar_sequence > sequence_before
                else ""
            )
            messages.success(request, f"‘{day.title}’ will be held at ‘{venue.name}’.{told}")
        return redirect("cohort:learning_day_venues", slug=slug, pk=pk)
