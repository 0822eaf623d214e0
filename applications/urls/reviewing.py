from django.urls import path

from applications.views import reviewing

urlpatterns = [
    path("reviews/", reviewing.YourReviewsView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", reviewing.ReviewView.as_view(), name="review"),
    path(
        "reviews/<int:pk>/conflict-of-interest/",
        reviewing.DeclareConflictView.as_view(),
        name="declare_conflict",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/",
        reviewing.ReviewDocumentView.as_view(),
        name="review_download",
    ),
    path(
        "staff/programme/<slug:slug>/reviewers/",
        reviewing.ReviewersView.as_view(),
        name="reviewers",
    ),
    path(
        "staff/programme/<slug:slug>/reviewers/automatic/",
        reviewing.AutomaticAssignmentView.as_view(),
        name="assign_automatically",
    ),
    path(
        "staff/programme/<slug:slug>/reviewers/assign/",
        reviewing.AssignReviewerView.as_view(),
        name="assign_reviewer",
    ),
    path(
        "staff/programme/<slug:slug>/reviewers/<int:review_pk>/remove/",
        reviewing.UnassignReviewerView.as_view(),
        name="unassign_reviewer",
    ),
    path(
        "staff/programme/<slug:slug>/moderation/",
        reviewing.ModerationView.as_view(),
        name="moderation",
    ),
]
