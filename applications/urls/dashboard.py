from django.urls import path

from applications.views import dashboard, report

urlpatterns = [
    path(
        "staff/programme/<slug:slug>/dashboard/",
        dashboard.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "staff/programme/<slug:slug>/report/",
        report.ReportView.as_view(),
        name="report",
    ),
    path(
        "staff/programme/<slug:slug>/report.docx",
        report.ReportDocumentView.as_view(),
        name="report_docx",
    ),
]
