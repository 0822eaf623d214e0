"""The register of a learning day (present, absent, apologies, walk-ins), its printable sign-in
sheet and the attendance CSV, for programme managers (`cohort.manage_learning_days`).
"""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from cohort.emails.learning_days import when_text, where_text
from cohort.enums import Attendance, InvitationAnswer
from cohort.forms.learning_days import (
    WalkInForm,
)
from cohort.selectors.learning_days import (
    attendance_by_organisation,
    attendance_counts,
    by_organisation,
    expected_on_the_day,
    invitations_to,
)
from cohort.services.learning_days import LearningDayError
from cohort.services.register import has_begun, record_attendance, record_walk_in
from cohort.views.learning_days import LearningDaysManagerView
from programmes.dates import LONDON
from programmes.errors import add_to_form
from programmes.exports import spreadsheet_safe

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
            record_attendance(learning_day_id=day.pk, marks=marks)
        except LearningDayError as error:
            return self.render_page(day, error=error.message, status=400)
        messages.success(request, f"The register for ‘{day.title}’ has been saved.")
        return redirect("cohort:learning_day_register", slug=slug, pk=day.pk)

    def add_walk_in(self, day):
        form = WalkInForm(self.request.POST, projects=self.projects(day))
        if form.is_valid():
            try:
                walk_in = record_walk_in(learning_day_id=day.pk, walk_in=form.walk_in())
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
                "has_begun": has_begun(day),
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
            "Attendance recorded (UK time)",
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
                    # UK wall-clock time, as people read it, whatever the server's zone.
                    recorded.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") if recorded else "",
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
