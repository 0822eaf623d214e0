from django.urls import path

from applications.views import council, staff

urlpatterns = [
    path("", council.YourApplicationsView.as_view(), name="mine"),
    path("start/<slug:slug>/", council.StartApplicationView.as_view(), name="start"),
    path("<int:pk>/", council.OverviewView.as_view(), name="overview"),
    path("<int:pk>/evidence/upload/", council.UploadEvidenceView.as_view(), name="upload_evidence"),
    path(
        "<int:pk>/documents/<int:document_pk>/remove/",
        council.RemoveEvidenceView.as_view(),
        name="remove_evidence",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        council.DownloadDocumentView.as_view(),
        name="download",
    ),
    path("<int:pk>/check-your-answers/", council.CheckAnswersView.as_view(), name="check"),
    path("<int:pk>/confirmation/", council.ConfirmationView.as_view(), name="confirmation"),
    path("<int:pk>/withdraw/", council.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/emails/<int:email_pk>/", council.EmailView.as_view(), name="email"),
    path("<int:pk>/<slug:section>/", council.SectionView.as_view(), name="section"),
    path("staff/<int:pk>/", staff.ApplicationDetailView.as_view(), name="staff_detail"),
    path(
        "staff/programme/<slug:slug>/", staff.ProgrammeApplicationsView.as_view(), name="staff_list"
    ),
    path(
        "staff/programme/<slug:slug>/applications.csv",
        staff.ExportApplicationsView.as_view(),
        {"file_format": "csv"},
        name="staff_export_csv",
    ),
    path(
        "staff/programme/<slug:slug>/applications.xlsx",
        staff.ExportApplicationsView.as_view(),
        {"file_format": "xlsx"},
        name="staff_export_xlsx",
    ),
    path(
        "staff/programme/<slug:slug>/extend-deadline/",
        staff.DeadlineExtensionView.as_view(),
        name="extend_deadline",
    ),
]
