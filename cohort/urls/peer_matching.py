"""The cohort's peer matching: the programme manager's page and its actions."""

from django.urls import path

from cohort.views import peer_matching as views

urlpatterns = [
    path(
        "manage/<slug:slug>/peer-matching/matches.xlsx",
        views.PeerMatchesSpreadsheetView.as_view(),
        name="peer_matches_xlsx",
    ),
    path(
        "manage/<slug:slug>/peer-matching/engagements.xlsx",
        views.PeerEngagementsSpreadsheetView.as_view(),
        name="peer_engagements_xlsx",
    ),
    path(
        "manage/<slug:slug>/peer-matching/", views.PeerMatchingView.as_view(), name="peer_matching"
    ),
    path(
        "manage/<slug:slug>/peer-matching/accept/",
        views.AcceptSuggestionView.as_view(),
        name="accept_peer_matching",
    ),
    path(
        "manage/<slug:slug>/peer-matching/weights/",
        views.WeightsView.as_view(),
        name="peer_matching_weights",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/",
        views.ChangeMatchView.as_view(),
        name="change_peer_match",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/lock/",
        views.MatchActionView.as_view(action="lock"),
        name="lock_peer_match",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/unlock/",
        views.MatchActionView.as_view(action="unlock"),
        name="unlock_peer_match",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/remove/",
        views.MatchActionView.as_view(action="remove"),
        name="remove_peer_match",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/rule-out/<int:approach_pk>/",
        views.RuleOutView.as_view(),
        name="rule_out_peer_pair",
    ),
    path(
        "manage/<slug:slug>/peer-matching/projects/<int:pk>/allow/<int:approach_pk>/",
        views.AllowPairView.as_view(),
        name="allow_peer_pair",
    ),
]
