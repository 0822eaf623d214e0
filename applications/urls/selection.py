from django.urls import path

from applications.views import selection

urlpatterns = [
    path("staff/programme/<slug:slug>/cohort/", selection.CohortView.as_view(), name="cohort"),
    path(
        "staff/programme/<slug:slug>/cohort/accept/",
        selection.AcceptSuggestionView.as_view(),
        name="accept_suggestion",
    ),
    path(
        "staff/programme/<slug:slug>/decisions/",
        selection.DecisionsView.as_view(),
        name="decisions",
    ),
]
