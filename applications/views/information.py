"""The "more information" loop: a programme manager asks a council about one section; the council
changes that section and sends its updated answer.

Staff find the application among all applications (their permission says they may); a council
finds it through `applications_editable_by(user)`, so another council's application is a 404.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.enums import ApplicationStatus, Section
from applications.forms.information import InformationRequestForm
from applications.models import Application
from applications.selectors import (
    applications_editable_by,
    board_letters,
    evidence_documents,
    team_composition_warning,
    team_of,
    with_answers,
    words_used,
)
from applications.selectors.assessment import open_information_request
from applications.services.applying import ApplicationError
from applications.services.information import request_more_information, resubmit_after_information
from applications.views.staff import detail_context


def information_context(application: Application) -> dict:
    """For the council's application page: the question waiting for an answer, if there is one."""
    information_request = open_information_request(application)
    return {
        "information_request": information_request,
        "reopened_section": Section(information_request.section) if information_request else None,
    }


def closed_section_message(application: Application) -> str:
    """Why a council cannot change a section of its application now."""
    if application.status == ApplicationStatus.MORE_INFORMATION:
        section = Section(application.reopened_section)
        return (
            f"You can only change ‘{section.label}’: it is the section the programme team "
            "asked about."
        )
    return "This application has been submitted and can no longer be changed."


def after_reopened_section_saved(request, application: Application, *, finishing: bool):
    """Where a council goes after saving the section it was asked about."""
    if finishing:
        return redirect("applications:send_information", pk=application.pk)
    messages.success(
        request,
        "Your answer has been saved. When it is ready, send your updated answer to the "
        "programme team.",
    )
    return redirect(application)


class RequestInformationView(PermissionRequiredMixin, View):
    """A programme manager asks the council a question about one section of its application."""

    permission_required = "applications.review_applications"

    def get(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        return redirect(reverse("applications:staff_detail", args=[application.pk]) + "#ask")

    def post(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        form = InformationRequestForm(request.POST)
        if form.is_valid():
            try:
                request_more_information(
                    application_id=application.pk,
                    section=form.cleaned_data["section"],
                    question=form.cleaned_data["question"],
                    by=request.user,
                )
            except ApplicationError as error:
                if error.field in form.fields:
                    form.add_error(error.field, error.message)
                else:
                    messages.error(request, error.message)
                    return redirect("applications:staff_detail", pk=application.pk)
            else:
                messages.success(
                    request,
                    f"Your question has been sent to {application.organisation.name}. "
                    f"They can now change ‘{Section(form.cleaned_data['section']).label}’.",
                )
                return redirect("applications:staff_detail", pk=application.pk)
        application = get_object_or_404(
            with_answers(Application.objects.all()).prefetch_related("events__actor"), pk=pk
        )
        return render(
            request,
            "applications/staff/detail.html",
            detail_context(application, form=form),
            status=400,
        )


class SendInformationView(PermissionRequiredMixin, View):
    """The council checks its updated answer and sends it to the programme team."""

    permission_required = "applications.apply"

    def get_application(self, pk: int) -> Application:
        return get_object_or_404(with_answers(applications_editable_by(self.request.user)), pk=pk)

    def render_page(self, application: Application, *, error: str = "", status: int = 200):
        context = information_context(application)
        team = team_of(application)
        context.update(
            application=application,
            programme=application.programme,
            team=team,
            composition_warning=team_composition_warning(team),
            evidence=evidence_documents(application),
            letters=board_letters(application),
            words_used=words_used(application),
            send_error=error,
            has_errors=bool(error),
        )
        return render(self.request, "applications/information/check.html", context, status=status)

    def get(self, request, pk):
        application = self.get_application(pk)
        if application.status != ApplicationStatus.MORE_INFORMATION:
            return redirect(application)
        return self.render_page(application)

    def post(self, request, pk):
        application = self.get_application(pk)
        try:
            resubmit_after_information(application_id=application.pk, by=request.user)
        except ApplicationError as error:
            return self.render_page(application, error=error.message, status=400)
        messages.success(request, "Your updated answer has been sent to the programme team.")
        return redirect(application)
