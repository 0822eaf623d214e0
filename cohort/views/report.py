"""The end-of-programme report for programme managers (SPEC §4.7): a printable page and the same
report as a Word document. Read-only."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.report_document import CONCLUSIONS_PROMPT, SECTIONS, report_document
from cohort.selectors.report import programme_report
from programmes.models import Programme

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReportView(PermissionRequiredMixin, View):
    permission_required = "cohort.view_dashboard"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "cohort/report/report.html",
            {
                "programme": programme,
                "report": programme_report(programme),
                "sections": SECTIONS,
                "conclusions": CONCLUSIONS_PROMPT,
            },
        )


class ReportDocumentView(PermissionRequiredMixin, View):
    permission_required = "cohort.view_dashboard"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        response = HttpResponse(
            report_document(programme_report(programme)), content_type=DOCX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{programme.slug}-report.docx"'
        return response
