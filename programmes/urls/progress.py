"""Cohort projects: consultants and progress updates."""

from django.urls import path

from programmes.views import progress

urlpatterns = [
    path("manage/<slug:slug>/projects/", progress.ProjectsView.as_view(), name="projects"),
    path(
        "manage/<slug:slug>/projects/<int:pk>/consultant/",
        progress.AssignConsultantView.as_view(),
        name="assign_consultant",
    ),
    path("projects/", progress.MyProjectsView.as_view(), name="my_projects"),
    path("projects/<int:pk>/", progress.ProjectView.as_view(), name="project"),
    path(
        "projects/<int:pk>/progress/new/",
        progress.AddProgressUpdateView.as_view(),
        name="add_progress_update",
    ),
]
