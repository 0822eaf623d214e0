"""The programme team's view of applications: the list, every answer, and deadline extensions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.enums import ApplicationStatus
from applications.models import Application
from applications.selectors import (
    board_letters,
    evidence_documents,
    status_counts,
    team_composition_warning,
    team_of,
    with_answers,
    words_used,
)
from notifications.selectors import latest_emails_about
from programmes import services as programme_services
from programmes.forms import DeadlineExtensionForm
from programmes.models import Organisation, Programme
from programmes.selectors import closing_time_for

PAGE_SIZE = 50


class ReviewerView(PermissionRequiredMixin, View):
    permission_required = "applications.review_applications"


class ProgrammeApplicationsView(ReviewerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        applications = programme.applications.select_related("organisation").order_by(
            "organisation__name"
        )
        status = request.GET.get("status")
        if status in ApplicationStatus.values:
            applications = applications.filter(status=status)
        page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "applications/staff/list.html",
            {
                "programme": programme,
                "page": page,
                "counts": [
                    (ApplicationStatus(s), n)
                    for s, n in status_counts(programme.applications.all()).items()
                ],
                "current_status": status,
                "extensions": programme.deadline_extensions.select_related("organisation").order_by(
                    "organisation__name"
                ),
            },
        )


class ApplicationDetailView(ReviewerView):
    def get(self, request, pk):
        application = get_object_or_404(
            with_answers(Application.objects.all()).prefetch_related("events__actor"), pk=pk
        )
        team = team_of(application)
        return render(
            request,
            "applications/staff/detail.html",
            {
                "application": application,
                "programme": application.programme,
                "team": team,
                "composition_warning": team_composition_warning(team),
                "words_used": words_used(application),
                "evidence": evidence_documents(application),
                "letters": board_letters(application),
                "emails": latest_emails_about(application),
                "closes_at": closing_time_for(
                    programme=application.programme, organisation=application.organisation
                ),
            },
        )


class DeadlineExtensionView(PermissionRequiredMixin, View):
    permission_required = "applications.extend_deadlines"

    def form(self, programme, data=None):
        organisations = Organisation.objects.filter(applications__programme=programme).order_by(
            "name"
        ) | Organisation.objects.filter(is_confirmed=True)
        return DeadlineExtensionForm(
            data,
            organisations=organisations.distinct().order_by("name"),
            initial={"organisation": self.request.GET.get("organisation")},
        )

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "applications/staff/extend_deadline.html",
            {"programme": programme, "form": self.form(programme)},
        )

    def post(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        form = self.form(programme, request.POST)
        if form.is_valid():
            try:
                extension = programme_services.grant_deadline_extension(
                    programme=programme, granted_by=request.user, **form.extension()
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error("closes_on" if field == "closes_at" else field, errors)
            else:
                messages.success(
                    request, f"{extension.organisation} can now submit until the new closing date."
                )
                return redirect("applications:staff_list", slug=programme.slug)
        return render(
            request,
            "applications/staff/extend_deadline.html",
            {"programme": programme, "form": form, "has_errors": True},
        )
