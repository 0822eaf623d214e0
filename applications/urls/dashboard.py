from django.urls import path

from applications.views import dashboard

urlpatterns = [
    path(
        "staff/programme/<slug:slug>/dashboard/",
        dashboard.DashboardView.as_view(),
        name="dashboard",
    ),
]
