"""Learning days: programme managers schedule them and invite the cohort; invitees answer.

The programme managers' pages name `cohort.manage_learning_days`. The invitees' pages need no
account: the signed link is the permission (InvitationLinkView), and it opens only the invitation
it was made for.
"""

import csv
import io

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.emails.learning_days import when_text, where_text
from cohort.enums import Attendance, InvitationAnswer
from cohort.forms.learning_days import (
    AnswerForm,
    CandidateVenueForm,
    LearningDayForm,
    NeedsForm,
    SubstituteForm,
    WalkInForm,
)
from cohort.invitation_links import LINK_VALID_FOR, read_invitation_link
from cohort.models import CandidateVenue, LearningDay, LearningDayInvitation
from cohort.selectors.learning_days import (
    answer_counts,
    attendance_by_organisation,
    attendance_counts,
    by_organisation,
    expected_on_the_day,
    invitations_to,
    learning_days_of,
)
from cohort.services.learning_days import (
    LearningDayError,
    add_candidate_venue,
    answer_invitation,
    cancel_learning_day,
    change_learning_day,
    invite_cohort,
    record_attendance,
    record_walk_in,
    remove_candidate_venue,
    schedule_learning_day,
    use_candidate_venue,
)
from cohort.venue_ranking import (
    Location,
    Place,
    Venue,
    explain_suggestion,
    format_miles,
    rank_venues,
)
from programmes.errors import add_to_form
from programmes.exports import spreadsheet_safe
from programmes.models import Programme
from programmes.views.public import PublicView


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


# --- On the day: the register, the sign-in sheet and the attendance export -------------------

MARK_PREFIX = "attendance-"


class RegisterView(LearningDaysManagerView):
    """Who came, marked on a phone: everyone invited by organisation, one save for the page.

    People who declined are listed too, with "Sent apologies" chosen for them until the register
    is saved. Someone who came without an invitation is added with the walk-in form below it.
    """

    def get(self, request, slug, pk):
        day = self.get_day(slug, pk)
        return self.render_page(day)

    def post(self, request, slug, pk):
        day = self.get_day(slug, pk)
        if "walk-in-name" in request.POST:
            return self.add_walk_in(day)
        marks = {}
        for key, value in request.POST.items():
            if key.startswith(MARK_PREFIX) and key[len(MARK_PREFIX) :].isdigit():
                marks[int(key[len(MARK_PREFIX) :])] = value
        try:
            record_attendance(learning_day_id=day.pk, marks=marks, by=request.user)
        except LearningDayError as error:
            return self.render_page(day, error=error.message, status=400)
        messages.success(request, f"The register for ‘{day.title}’ has been saved.")
        return redirect("cohort:learning_day_register", slug=slug, pk=day.pk)

    def add_walk_in(self, day):
        form = WalkInForm(self.request.POST, projects=self.projects(day))
        if form.is_valid():
            try:
                walk_in = record_walk_in(
                    learning_day_id=day.pk, walk_in=form.walk_in(), by=self.request.user
                )
            except LearningDayError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    self.request, f"{walk_in.name} has been added to the register as present."
                )
                return redirect("cohort:learning_day_register", slug=day.programme.slug, pk=day.pk)
        return self.render_page(day, walk_in_form=form, status=400)

    @staticmethod
    def projects(day):
        return day.programme.projects.select_related("organisation").order_by(
            "organisation__name", "pk"
        )

    def render_page(self, day, *, walk_in_form=None, error=None, status=200):
        # Whom each person sends in their place is not shown here: no need to fetch it.
        invitations = list(invitations_to(day).prefetch_related(None))
        for invitation in invitations:
            invitation.mark = invitation.attendance or (
                Attendance.APOLOGIES if invitation.answer == InvitationAnswer.DECLINED else ""
            )
        counts = attendance_counts(invitations)
        walk_in_form = walk_in_form or WalkInForm(projects=self.projects(day))
        return render(
            self.request,
            "cohort/learning_days/register.html",
            {
                "programme": day.programme,
                "learning_day": day,
                "when": when_text(day),
                "groups": by_organisation(invitations),
                "invited_count": len(invitations),
                "counts": [(label, counts[value]) for value, label in Attendance.choices[1:]]
                + [(Attendance.NOT_RECORDED.label, counts[Attendance.NOT_RECORDED])],
                "by_organisation": attendance_by_organisation(invitations),
                "choices": Attendance.choices[1:],
                "walk_in_form": walk_in_form,
                "error": error,
                "has_errors": bool(error or walk_in_form.errors),
            },
            status=status,
        )


class SignInSheetView(LearningDaysManagerView):
    """A sheet to print: everyone coming or yet to answer, by organisation, with room to sign."""

    BLANK_ROWS = 6

    def get(self, request, slug, pk):
        day = self.get_day(slug, pk)
        return render(
            request,
            "cohort/learning_days/sign_in_sheet.html",
            {
                "programme": day.programme,
                "learning_day": day,
                "when": when_text(day),
                "where": where_text(day),
                "groups": by_organisation(expected_on_the_day(day)),
                "blank_rows": range(self.BLANK_ROWS),
            },
        )


def attendance_csv(invitations) -> str:
    """One row per invitee: who, for which organisation, their answer and whether they came.

    Access and dietary needs are left out: they were given to arrange the day, not to be passed
    round in a spreadsheet.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "Name",
            "Email",
            "Job title",
            "Organisation",
            "In place of",
            "Answer",
            "Attendance",
            "Attendance recorded",
        ]
    )
    for invitation in invitations:
        recorded = invitation.attendance_recorded_at
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in [
                    invitation.name,
                    invitation.email,
                    invitation.role,
                    invitation.project.organisation.name,
                    invitation.substitute_for.name if invitation.substitute_for else "",
                    invitation.get_answer_display(),
                    invitation.get_attendance_display(),
                    timezone.localtime(recorded).isoformat(timespec="minutes") if recorded else "",
                ]
            ]
        )
    return buffer.getvalue()


class AttendanceCsvView(LearningDaysManagerView):
    def get(self, request, slug, pk):
        day = self.get_day(slug, pk)
        response = HttpResponse(
            "\ufeff" + attendance_csv(invitations_to(day).prefetch_related(None)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="attendance-{day.programme.slug}-{day.sequence}.csv"'
        )
        return response


# --- The invitee's pages, from the signed link ----------------------------------------------


class InvitationLinkView(PublicView):
    """Anyone with the link may answer for the invitee it was sent to.

    The signature stops guessing and tampering (the invitation's ID is what is signed, so one
    person's link cannot open another's invitation), and the timestamp makes it expire. The
    address is the credential: these pages are never cached and never send it as a Referer
    ("same-origin" rather than "no-referrer", which makes browsers post forms with `Origin: null`
    and fail Django's CSRF check).
    """

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def problem(self, kind: str, *, status: int, invitation=None) -> HttpResponse:
        return render(
            self.request,
            "cohort/learning_days/problem.html",
            {
                "problem": kind,
                "invitation": invitation,
                "learning_day": invitation.learning_day if invitation else None,
                "link_valid_days": LINK_VALID_FOR.days,
            },
            status=status,
        )

    def find(self, signed: str) -> LearningDayInvitation | HttpResponse:
        """The invitation the link is for, still open to answers; or the page to show instead."""
        try:
            invitation_id = read_invitation_link(signed)
        except signing.SignatureExpired:
            return self.problem("expired", status=410)
        except signing.BadSignature:
            return self.problem("invalid", status=400)
        invitation = (
            LearningDayInvitation.objects.select_related(
                "learning_day__programme", "project__organisation"
            )
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            return self.problem("gone", status=410)
        day = invitation.learning_day
        if day.is_cancelled:
            return self.problem("cancelled", status=410, invitation=invitation)
        if timezone.now() >= day.starts_at:
            return self.problem("closed", status=410, invitation=invitation)
        return invitation

    def page(self, template: str, invitation, *, signed: str, status: int = 200, **context):
        day = invitation.learning_day
        return render(
            self.request,
            f"cohort/learning_days/{template}",
            {
                "invitation": invitation,
                "learning_day": day,
                "programme": day.programme,
                "when": when_text(day),
                "where": where_text(day),
                "signed": signed,
                "has_errors": bool(context.get("form") and context["form"].errors),
                **context,
            },
            status=status,
        )

    # Once someone has been sent in the invitee's place, the invitation is theirs: the invitee's
    # own link shows what was recorded and answers nothing more (the service refuses it too).
    answers_after_sending_someone = False

    def get(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if self.sent_someone(found):
            return redirect("cohort:learning_day_answered", signed=signed)
        return self.show(found, signed=signed)

    def post(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if self.sent_someone(found):
            return redirect("cohort:learning_day_answered", signed=signed)
        return self.answer(found, signed=signed)

    def sent_someone(self, invitation) -> bool:
        return (
            not self.answers_after_sending_someone
            and invitation.answer == InvitationAnswer.SENT_SOMEONE_ELSE
        )

    def show(self, invitation, *, signed):  # pragma: no cover - each page defines it
        raise NotImplementedError

    def answer(self, invitation, *, signed):  # pragma: no cover - each page defines it
        raise NotImplementedError

    def service_error(self, form, error: LearningDayError):
        add_to_form(form, error)


class AnswerView(InvitationLinkView):
    """Can you come: yes (then needs), no, or someone else will (then who)."""

    def show(self, invitation, *, signed, form=None):
        if form is None:
            initial = (
                {"answer": invitation.answer}
                if invitation.answer in InvitationAnswer.answered()
                else {}
            )
            form = AnswerForm(initial=initial)
        return self.page(
            "answer.html",
            invitation,
            signed=signed,
            form=form,
            status=400 if form.errors else 200,
        )

    def answer(self, invitation, *, signed):
        form = AnswerForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        answer = form.cleaned_data["answer"]
        if answer == InvitationAnswer.SENT_SOMEONE_ELSE:
            return redirect("cohort:learning_day_substitute", signed=signed)
        try:
            answer_invitation(invitation_id=invitation.pk, answer=answer)
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        if answer == InvitationAnswer.ACCEPTED:
            return redirect("cohort:learning_day_needs", signed=signed)
        return redirect("cohort:learning_day_answered", signed=signed)


class NeedsView(InvitationLinkView):
    """For someone coming: access and dietary needs, both optional."""

    def show(self, invitation, *, signed, form=None):
        if invitation.answer != InvitationAnswer.ACCEPTED:
            return redirect("cohort:learning_day_answer", signed=signed)
        form = form or NeedsForm(
            initial={
                "access_needs": invitation.access_needs,
                "dietary_needs": invitation.dietary_needs,
            }
        )
        return self.page(
            "needs.html", invitation, signed=signed, form=form, status=400 if form.errors else 200
        )

    def answer(self, invitation, *, signed):
        form = NeedsForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        try:
            answer_invitation(
                invitation_id=invitation.pk,
                answer=InvitationAnswer.ACCEPTED,
                access_needs=form.cleaned_data["access_needs"],
                dietary_needs=form.cleaned_data["dietary_needs"],
            )
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        return redirect("cohort:learning_day_answered", signed=signed)


class SubstituteView(InvitationLinkView):
    """Who is coming in your place: they get an invitation of their own."""

    def show(self, invitation, *, signed, form=None):
        form = form or SubstituteForm()
        return self.page(
            "substitute.html",
            invitation,
            signed=signed,
            form=form,
            status=400 if form.errors else 200,
        )

    def answer(self, invitation, *, signed):
        form = SubstituteForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        try:
            answer_invitation(
                invitation_id=invitation.pk,
                answer=InvitationAnswer.SENT_SOMEONE_ELSE,
                substitute=form.substitute(),
            )
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        return redirect("cohort:learning_day_answered", signed=signed)


class AnsweredView(InvitationLinkView):
    """The confirmation: what we have recorded, and how to change it."""

    answers_after_sending_someone = True

    def show(self, invitation, *, signed):
        if invitation.answer == InvitationAnswer.AWAITING:
            return redirect("cohort:learning_day_answer", signed=signed)
        substitute = invitation.substitutes.order_by("-pk").first()
        return self.page(
            "answered.html",
            invitation,
            signed=signed,
            substitute=substitute,
            change_url=reverse("cohort:learning_day_answer", kwargs={"signed": signed}),
        )

    def post(self, request, signed):
        return redirect("cohort:learning_day_answered", signed=signed)


# --- Choosing a venue by the cohort's travel -------------------------------------------------


def _location(latitude, longitude) -> Location | None:
    if latitude is None or longitude is None:
        return None
    return Location(latitude=float(latitude), longitude=float(longitude))


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
        candidates = list(day.candidate_venues.order_by("name", "pk"))
        organisations = [
            project.organisation
            for project in day.programme.projects.select_related("organisation").order_by(
                "organisation__name", "pk"
            )
        ]
        places = [
            Place(name=org.name, location=_location(org.latitude, org.longitude))
            for org in organisations
        ]
        ranked = rank_venues(
            [
                Venue(
                    name=candidate.name,
                    location=_location(candidate.latitude, candidate.longitude),
                    key=candidate,
                )
                for candidate in candidates
            ],
            places,
        )
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
