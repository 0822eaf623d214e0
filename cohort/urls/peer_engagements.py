"""Peer engagements: a project's visits and calls to its peers, and the peer's signed link."""

from django.urls import path

from cohort.views import peer_engagements as views

urlpatterns = [
    path(
        "projects/<int:pk>/peer-engagements/",
        views.EngagementsView.as_view(),
        name="peer_engagements",
    ),
    path(
        "projects/<int:pk>/peer-engagements/new/",
        views.ProposeView.as_view(),
        name="propose_peer_engagement",
    ),
    path(
        "projects/<int:pk>/peer-engagements/<int:engagement_pk>/",
        views.RecordView.as_view(),
        name="record_peer_engagement",
    ),
    path(
        "peer-engagements/<str:signed>/",
        views.PeerAnswerView.as_view(),
        name="peer_engagement_answer",
    ),
    path(
        "peer-engagements/<str:signed>/answered/",
        views.PeerAnsweredView.as_view(),
        name="peer_engagement_answered",
    ),
]
