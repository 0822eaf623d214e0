"""Learning days: programme managers schedule them, invite the cohort and see the answers
(`cohort.manage_learning_days`). The register is in `register`, the invitees' answers in
`invitation_answers`, the candidate venues in `venues`.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.emails.learning_days import when_text, where_text
from cohort.enums import InvitationAnswer
from cohort.forms.learning_days import (
    LearningDayForm,
)
from cohort.models import LearningDay
from cohort.selectors.learning_days import (
    answer_counts,
    by_organisation,
    invitations_to,
    learning_days_of,
)
from cohort.services.learning_days import (
    LearningDayError,
    cancel_learning_day,
    change_learning_day,
    invite_cohort,
    schedule_learning_day,
)
from programmes.errors import add_to_form
from programmes.models import Programme


class LearningDaysManagerView(PermissionRequiredMixin, View):
    permission_required = "cohort.manage_learning_days"

    def get_day(self, slug: str, pk: int) -> LearningDay:
        return get_object_or_404(
            LearningDay.objects.select_related("programme"), programme__slug=slug, pk=pk
        )


def _with_when(day: LearningDay) -> LearningDay:
    day.when = when_text(day)
    return day


class LearningDaysView(LearningDaysManagerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "cohort/learning_days/list.html",
            {
                "programme": programme,
                "learning_days": [_with_when(day) for day in learning_days_of(programme)],
                "cohort_size": programme.projects.count(),
            },
        )


class LearningDayFormView(LearningDaysManagerView):
    """Schedule a learning day (no pk) or change one."""

    def get_objects(self, slug, pk):
        if pk is None:
            programme = get_object_or_404(Programme, slug=slug)
            return programme, LearningDay(programme=programme)
        day = self.get_day(slug, pk)
        return day.programme, day

    def get(self, request, slug, pk=None):
        programme, day = self.get_objects(slug, pk)
        initial = {}
        if day.pk is None:
            following = (
                programme.learning_days.order_by("-sequence")
                .values_list("sequence", flat=True)
                .first()
            )
            number = (following or 0) + 1
            initial = {"sequence": number, "title": f"Learning day {number}"}
        return self.render_page(programme, day, LearningDayForm(learning_day=day, initial=initial))

    def post(self, request, slug, pk=None):
        programme, day = self.get_objects(slug, pk)
        form = LearningDayForm(request.POST, learning_day=day)
        if form.is_valid():
            try:
                if day.pk is None:
                    day = schedule_learning_day(programme_id=programme.pk, details=form.details())
                    messages.success(request, f"‘{day.title}’ has been scheduled.")
                else:
                    sequence_before = day.calendar_sequence
                    day = change_learning_day(learning_day_id=day.pk, details=form.details())
                    if day.calendar_sequence > sequence_before:
                        messages.success(
                            request,
                            f"‘{day.title}’ has been changed. Everyone invited who has not "
                            "declined has been emailed the new details.",
                        )
                    else:
                        messages.success(request, f"‘{day.title}’ has been saved.")
            except LearningDayError as error:
                add_to_form(form, error)
            else:
                return redirect("cohort:learning_days", slug=programme.slug)
        return self.render_page(programme, day, form, status=400)

    def render_page(self, programme, day, form, *, status=200):
        return render(
            self.request,
            "cohort/learning_days/form.html",
            {
                "programme": programme,
                "learning_day": day,
                "form": form,
                "has_errors": bool(form.errors),
            },
            status=status if form.errors else 200,
        )


class CancelLearningDayView(LearningDaysManagerView):
    def get(self, request, slug, pk):
        day = self.get_day(slug, pk)
        return render(
            request,
            "cohort/learning_days/cancel.html",
            {
                "programme": day.programme,
                "learning_day": day,
                "invited_count": day.invitations.count(),
                "when": when_text(day),
            },
        )

    def post(self, request, slug, pk):
        day = self.get_day(slug, pk)
        try:
            cancel_learning_day(learning_day_id=day.pk)
        except LearningDayError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"‘{day.title}’ has been cancelled. Everyone invited has been told."
            )
        return redirect("cohort:learning_days", slug=day.programme.slug)


class InviteCohortView(LearningDaysManagerView):
    def post(self, request, slug, pk):
        day = self.get_day(slug, pk)
        hold = request.POST.get("hold") == "yes"
        try:
            count = invite_cohort(learning_day_id=day.pk, hold=hold)
        except LearningDayError as error:
            messages.error(request, error.message)
            return redirect("cohort:learning_days", slug=day.programme.slug)
        if count and hold:
            messages.success(
                request,
                f"{count} {'invitation is' if count == 1 else 'invitations are'} held for review "
                "in the outbox. Check them there, then release them.",
            )
        elif count:
            messages.success(
                request,
                f"{count} {'person has' if count == 1 else 'people have'} been invited to "
                f"‘{day.title}’.",
            )
        else:
            messages.success(
                request, f"Everyone in the cohort is already invited to ‘{day.title}’."
            )
        return redirect("cohort:learning_day_invitations", slug=day.programme.slug, pk=day.pk)


class InvitationsView(LearningDaysManagerView):
    """Who is invited, by organisation, with their answers and needs (programme managers only)."""

    def get(self, request, slug, pk):
        day = self.get_day(slug, pk)
        invitations = list(invitations_to(day))
        counts = answer_counts(invitations)
        return render(
            request,
            "cohort/learning_days/invitations.html",
            {
                "programme": day.programme,
                "learning_day": day,
                "when": when_text(day),
                "where": where_text(day),
                "groups": by_organisation(invitations),
                "invited_count": len(invitations),
                "counts": [(label, counts[value]) for value, label in InvitationAnswer.choices],
                "can_invite": day.is_open(),
            },
        )
