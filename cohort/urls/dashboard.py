"""The programme dashboard and the end-of-programme report, at their addresses under
`applications/staff/` from before the cohort app."""

from django.urls import path

from cohort.views import dashboard, report

urlpatterns = [
    path(
        "applications/staff/programme/<slug:slug>/dashboard/",
        dashboard.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "applications/staff/programme/<slug:slug>/report/",
        report.ReportView.as_view(),
        name="report",
    ),
    path(
        "applications/staff/programme/<slug:slug>/report.docx",
        report.ReportDocumentView.as_view(),
        name="report_docx",
    ),
]
