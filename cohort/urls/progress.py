"""Cohort projects: consultants, progress updates, refined key questions and action plans."""

from django.urls import path

from cohort.views import progress

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
    path(
        "projects/<int:pk>/key-question/",
        progress.RefineKeyQuestionView.as_view(),
        name="refine_key_question",
    ),
    path("projects/<int:pk>/actions/new/", progress.ActionFormView.as_view(), name="add_action"),
    path(
        "projects/<int:pk>/actions/review/",
        progress.ReviewActionPlanView.as_view(),
        name="review_action_plan",
    ),
    path(
        "projects/<int:pk>/actions/<int:item_pk>/",
        progress.ActionFormView.as_view(),
        name="change_action",
    ),
    path(
        "projects/<int:pk>/actions/<int:item_pk>/remove/",
        progress.RemoveActionView.as_view(),
        name="remove_action",
    ),
    path("our-projects/<int:pk>/", progress.OurProjectView.as_view(), name="our_project"),
]
