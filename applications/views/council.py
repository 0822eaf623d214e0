"""The council's side: start, fill in, check, submit and withdraw an expression of interest.

Every view names its permission, and finds the application through
`applications_editable_by(user)`, so another council's application is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications import services
from applications.enums import ApplicationStatus, Section
from applications.forms.questions import (
    SECTION_FORMS,
    EvidenceUploadForm,
    TeamForm,
    WithdrawForm,
)
from applications.models import Application
from applications.selectors import (
    applications_editable_by,
    applications_visible_to,
    board_letters,
    evidence_documents,
    section_statuses,
    team_composition_warning,
    team_of,
    with_answers,
    words_used,
)
from applications.services.applying import can_change_section
from applications.views.evidence import evidence_download
from applications.views.information import (
    after_reopened_section_saved,
    closed_section_message,
    information_context,
)
from notifications.enums import EmailStatus
from notifications.selectors import emails_about, latest_emails_about
from programmes.errors import add_to_form
from programmes.models import Programme
from programmes.selectors import closing_time_for, open_programmes, organisation_of

SECTIONS = list(Section)


class CouncilView(PermissionRequiredMixin, View):
    permission_required = "applications.apply"

    def get_application(self, pk: int) -> Application:
        return get_object_or_404(with_answers(applications_editable_by(self.request.user)), pk=pk)


def application_context(application: Application) -> dict:
    closes_at = closing_time_for(
        programme=application.programme, organisation=application.organisation
    )
    return {
        "application": application,
        "programme": application.programme,
        "closes_at": closes_at,
        "is_closed": timezone.now() >= closes_at,
        "words_used": words_used(application),
        "team": team_of(application),
        "evidence": evidence_documents(application),
        "letters": board_letters(application),
        "composition_warning": team_composition_warning(team_of(application)),
    }


def emails_for_council(application: Application) -> list:
    """Emails the council has been sent: decisions held for review stay private until released."""
    return [
        email
        for email in latest_emails_about(application)
        if email.status not in (EmailStatus.HELD, EmailStatus.CANCELLED)
    ]


class YourApplicationsView(CouncilView):
    def get(self, request):
        organisation = organisation_of(request.user)
        if organisation is None and not request.user.is_programme_manager:
            return redirect("programmes:choose_organisation")
        applications = (
            applications_editable_by(request.user)
            # "project": the cohort's Project holds the link (cohort builds on applications).
            .select_related("programme", "organisation", "project")
            .order_by("-programme__closes_at")
        )
        started = {a.programme_id for a in applications}
        return render(
            request,
            "applications/your_applications.html",
            {
                "organisation": organisation,
                "applications": applications,
                "programmes_to_start": [p for p in open_programmes() if p.pk not in started],
            },
        )


class StartApplicationView(CouncilView):
    def get(self, request, slug):
        # Arriving here after signing in: the start button is a form, so send them back to it.
        programme = get_object_or_404(Programme.objects.filter(is_published=True), slug=slug)
        if organisation_of(request.user) is None:
            choose = reverse("programmes:choose_organisation")
            return redirect(f"{choose}?next={programme.get_absolute_url()}")
        return redirect(programme)

    def post(self, request, slug):
        programme = get_object_or_404(Programme.objects.filter(is_published=True), slug=slug)
        organisation = organisation_of(request.user)
        if organisation is None:
            messages.info(request, "Tell us which organisation you work for before you apply.")
            return redirect(
                f"{reverse('programmes:choose_organisation')}?next={programme.get_absolute_url()}"
            )
        try:
            application = services.start_application(
                programme=programme, organisation=organisation, by=request.user
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect(programme)
        return redirect(application)


class OverviewView(CouncilView):
    """The task list: each section's status, then check and submit."""

    def get(self, request, pk):
        application = self.get_application(pk)
        statuses = section_statuses(application)
        context = application_context(application)
        context.update(
            statuses=statuses,
            completed=sum(s.is_complete for s in statuses),
            all_complete=all(s.is_complete for s in statuses),
            emails=emails_for_council(application),
        )
        context.update(information_context(application))
        template = (
            "applications/task_list.html" if application.is_draft else "applications/submitted.html"
        )
        return render(request, template, context)


class SectionView(CouncilView):
    """One question page, with "Save and continue" and "Save and come back later"."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.section = Section(kwargs["section"])
        except ValueError as missing:
            raise Http404("No such section") from missing
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, application, data=None, files=None, *, require_complete=False):
        form_class = SECTION_FORMS[self.section]
        return (
            form_class(data, files, application=application, require_complete=require_complete)
            if form_class is not TeamForm
            else form_class(data, application=application, require_complete=require_complete)
        )

    def render_page(self, application, form, *, conflict=None, upload_form=None, status=200):
        context = application_context(application)
        forms = getattr(form, "all_forms", [form])
        if upload_form is not None:
            forms = [*forms, upload_form]
        context.update(
            section=self.section,
            form=form,
            forms=forms,
            has_errors=any(f.errors for f in forms),
            conflict=conflict,
            upload_form=upload_form or EvidenceUploadForm(),
            words_elsewhere=words_used(application, except_section=self.section),
            composition_warning=team_composition_warning(team_of(application)),
            evidence=evidence_documents(application),
            letters=board_letters(application),
            return_to_check=self.request.GET.get("return") == "check",
        )
        return render(
            self.request,
            f"applications/sections/{self.section.value}.html",
            context,
            status=status,
        )

    def get(self, request, pk, section):
        application = self.get_application(pk)
        if not can_change_section(application, self.section):
            return redirect(application)
        return self.render_page(application, self.make_form(application))

    def post(self, request, pk, section):
        application = self.get_application(pk)
        if not can_change_section(application, self.section):
            messages.error(request, closed_section_message(application))
            return redirect(application)
        finishing = "save_and_continue" in request.POST
        form = self.make_form(application, request.POST, request.FILES, require_complete=finishing)
        if not form.is_valid():
            return self.render_page(application, form)
        try:
            services.save_section(
                application_id=application.pk,
                section=self.section,
                answers=form.answers(),
                seen_version=form.cleaned_data["seen_version"],
                by=request.user,
                letter=form.cleaned_data.get("letter"),
            )
        except services.EditConflict as conflict:
            # Keep what this person typed, show what the other person saved, and let the next
            # save go through now that they have seen it.
            theirs = self.get_application(pk)
            data = request.POST.copy()
            data["seen_version"] = theirs.section_versions.get(self.section, 0)
            form = self.make_form(theirs, data, require_complete=False)
            form.is_valid()
            return self.render_page(theirs, form, conflict=conflict, status=409)
        except services.ApplicationError as error:
            # A refused letter of support is reported against the letter field of this page.
            add_to_form(form, error, fields={"file": "letter"})
            return self.render_page(application, form)

        if not application.is_draft:
            return after_reopened_section_saved(request, application, finishing=finishing)
        if not finishing:
            messages.success(
                request,
                "Your answers have been saved. You can come back to them at any time "
                "before the closing date.",
            )
            return redirect(application)
        if request.GET.get("return") == "check":
            return redirect("applications:check", pk=application.pk)
        position = SECTIONS.index(self.section)
        if position + 1 < len(SECTIONS):
            return redirect(
                "applications:section", pk=application.pk, section=SECTIONS[position + 1].value
            )
        return redirect("applications:check", pk=application.pk)


class UploadEvidenceView(SectionView):
    def dispatch(self, request, *args, **kwargs):
        kwargs["section"] = Section.EVIDENCE.value
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk, section=None):
        application = self.get_application(pk)
        upload_form = EvidenceUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                document = services.upload_evidence(
                    application_id=application.pk,
                    upload=upload_form.cleaned_data["file"],
                    by=request.user,
                )
            except services.ApplicationError as error:
                upload_form.add_error("file", error.message)
            else:
                messages.success(request, f"‘{document.display_name}’ has been uploaded.")
                return redirect(
                    "applications:section", pk=application.pk, section=Section.EVIDENCE.value
                )
        return self.render_page(
            self.get_application(pk), self.make_form(application), upload_form=upload_form
        )


class RemoveEvidenceView(CouncilView):
    def post(self, request, pk, document_pk):
        application = self.get_application(pk)
        try:
            services.remove_evidence(
                document_id=get_object_or_404(application.documents, pk=document_pk).pk,
                application_id=application.pk,
                by=request.user,
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
            return redirect(application)
        messages.success(request, "The file has been removed.")
        section = Section.BOARD if request.POST.get("from") == "board" else Section.EVIDENCE
        return redirect("applications:section", pk=application.pk, section=section.value)


class CheckAnswersView(CouncilView):
    def get(self, request, pk):
        application = self.get_application(pk)
        return render(request, "applications/check_answers.html", self.context(application))

    def context(self, application, error=None):
        statuses = section_statuses(application)
        context = application_context(application)
        context.update(
            statuses=statuses,
            all_complete=all(s.is_complete for s in statuses),
            composition_warning=team_composition_warning(team_of(application)),
            evidence=evidence_documents(application),
            letters=board_letters(application),
            submit_error=error,
            has_errors=bool(error),
            over_limit=words_used(application) > application.programme.word_limit,
        )
        return context

    def post(self, request, pk):
        application = self.get_application(pk)
        try:
            # Judged by when the council's request reached the service, not by when a busy
            # worker got to it (peerlearning/arrival.py).
            application = services.submit_application(
                application_id=application.pk,
                by=request.user,
                at=getattr(request, "arrived_at", None),
            )
        except services.ApplicationError as error:
            return render(
                request,
                "applications/check_answers.html",
                self.context(application, error=error.message),
                status=400,
            )
        return redirect("applications:confirmation", pk=application.pk)


class ConfirmationView(CouncilView):
    def get(self, request, pk):
        application = self.get_application(pk)
        if application.status == ApplicationStatus.DRAFT:
            return redirect(application)
        return render(request, "applications/confirmation.html", application_context(application))


class WithdrawView(CouncilView):
    def get(self, request, pk):
        application = self.get_application(pk)
        return render(
            request,
            "applications/withdraw.html",
            {"application": application, "form": WithdrawForm()},
        )

    def post(self, request, pk):
        application = self.get_application(pk)
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "applications/withdraw.html",
                {"application": application, "form": form, "has_errors": True},
            )
        try:
            services.withdraw_application(
                application_id=application.pk,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Your application has been withdrawn.")
        return redirect(application)


class DownloadDocumentView(PermissionRequiredMixin, View):
    """Evidence leaves private storage only here: as an attachment, never sniffed as HTML."""

    permission_required = "applications.apply"

    def get(self, request, pk, document_pk):
        application = get_object_or_404(applications_visible_to(request.user), pk=pk)
        document = get_object_or_404(application.documents, pk=document_pk)
        return evidence_download(document)


class EmailView(CouncilView):
    """An email sent about the council's own application, as its recipient saw it (text)."""

    def get(self, request, pk, email_pk):
        application = self.get_application(pk)
        email = get_object_or_404(
            emails_about(application)
            .filter(hide_body_from_staff=False)
            .exclude(status__in=[EmailStatus.HELD, EmailStatus.CANCELLED]),
            pk=email_pk,
        )
        return render(
            request, "applications/email.html", {"application": application, "email": email}
        )
