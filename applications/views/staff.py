"""The programme team's view of applications: the list (filtered, sorted, exported), every
answer with its history, reviews and questions asked, and deadline extensions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.enums import ApplicationStatus, Section
from applications.exports import XLSX_CONTENT_TYPE, applications_sheet, as_csv, as_xlsx, for_export
from applications.filters import SORTS, ApplicationFilter
from applications.forms.information import InformationRequestForm
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
from applications.selectors.assessment import (
    overall_score,
    review_summary,
    submitted_reviews,
    weighted_mean,
)
from applications.services.information import ASKABLE
from notifications.selectors import latest_emails_about
from programmes import services as programme_services
from programmes.errors import DomainError, add_to_form
from programmes.forms import DeadlineExtensionForm
from programmes.models import Organisation, Programme
from programmes.selectors import closing_time_for

PAGE_SIZE = 50
# The direction a column sorts in when it is first chosen: best scores and earliest first.
FIRST_SORT = {"score": "-score", "submitted": "submitted", "organisation": "organisation"}
SORT_DESCRIPTIONS = {
    "organisation": "organisation, A to Z",
    "-organisation": "organisation, Z to A",
    "score": "weighted score, lowest first",
    "-score": "weighted score, highest first",
    "submitted": "submission time, earliest first",
    "-submitted": "submission time, latest first",
}


class ReviewerView(PermissionRequiredMixin, View):
    permission_required = "applications.review_applications"


def sortable_columns(current: str) -> dict[str, dict]:
    """For each sortable column: its aria-sort value and the sort its header link asks for."""
    columns = {}
    for key, label in SORTS.items():
        if current.removeprefix("-") != key:
            columns[key] = {"label": label, "aria_sort": "none", "next": FIRST_SORT[key]}
        elif current.startswith("-"):
            columns[key] = {"label": label, "aria_sort": "descending", "next": key}
        else:
            columns[key] = {"label": label, "aria_sort": "ascending", "next": f"-{key}"}
    return columns


class ProgrammeApplicationsView(ReviewerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        counts = status_counts(programme.applications.all())
        filters = ApplicationFilter(request.GET, programme=programme, status_counts=counts)
        page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "applications/staff/list.html",
            {
                "programme": programme,
                "filters": filters,
                "page": page,
                "page_range": page.paginator.get_elided_page_range(
                    page.number, on_each_side=2, on_ends=1
                ),
                "rows": [
                    (application, weighted_mean(application.score_total, application.score_weights))
                    for application in page
                ],
                "columns": sortable_columns(filters.current_sort),
                "sort_description": SORT_DESCRIPTIONS[filters.current_sort],
                "counts": [(ApplicationStatus(s), n) for s, n in counts.items()],
                "total": sum(counts.values()),
                "extensions": programme.deadline_extensions.select_related("organisation").order_by(
                    "organisation__name"
                ),
            },
        )


class ExportApplicationsView(ReviewerView):
    """The filtered list, in the list's order, with scores and reviewers' comments."""

    def get(self, request, slug, file_format):
        programme = get_object_or_404(Programme, slug=slug)
        filters = ApplicationFilter(request.GET, programme=programme)
        sheet = applications_sheet(for_export(filters.qs))
        filename = f"applications-{programme.slug}"
        if file_format == "xlsx":
            response = HttpResponse(as_xlsx(sheet), content_type=XLSX_CONTENT_TYPE)
        else:
            # A byte order mark, so that Excel reads the file as UTF-8.
            response = HttpResponse(
                "\ufeff" + as_csv(sheet), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ApplicationDetailView(ReviewerView):
    def get(self, request, pk):
        application = get_object_or_404(
            with_answers(Application.objects.all()).prefetch_related("events__actor"), pk=pk
        )
        return render(request, "applications/staff/detail.html", detail_context(application))


def detail_context(application: Application, *, form=None) -> dict:
    """Everything the staff page of one application shows, with the form to ask the council a
    question while it can be asked."""
    team = team_of(application)
    reviews = list(submitted_reviews().filter(application=application))
    can_ask = application.status in ASKABLE
    return {
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
        "reviews": [review_summary(review) for review in reviews],
        "overall_score": overall_score(reviews),
        "information_requests": [
            (information_request, Section(information_request.section).label)
            for information_request in application.information_requests.select_related(
                "asked_by", "answered_by"
            )
        ],
        "reopened_section": (
            Section(application.reopened_section) if application.reopened_section else None
        ),
        "can_ask": can_ask,
        "information_form": form or (InformationRequestForm() if can_ask else None),
        "has_errors": bool(form and form.errors),
    }


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
                    programme=programme, by=request.user, **form.extension()
                )
            except DomainError as error:
                add_to_form(form, error, fields={"closes_at": "closes_on"})
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
