"""The programme's pool of peer approaches (programme managers)."""

from django.urls import path

from cohort.views import peer_approaches as views

urlpatterns = [
    path(
        "manage/<slug:slug>/peer-approaches/",
        views.PeerApproachesView.as_view(),
        name="peer_approaches",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/new/",
        views.PeerApproachFormView.as_view(),
        name="add_peer_approach",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/<int:pk>/",
        views.PeerApproachFormView.as_view(),
        name="change_peer_approach",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/<int:pk>/archive/",
        views.ArchivePeerApproachView.as_view(),
        name="archive_peer_approach",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/import/",
        views.ImportPeerApproachesView.as_view(),
        name="import_peer_approaches",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/template.csv",
        views.ImportTemplateView.as_view(),
        name="peer_approaches_template",
    ),
    path(
        "manage/<slug:slug>/peer-approaches/from-offers/",
        views.OffersToApproachesView.as_view(),
        name="peer_approaches_from_offers",
    ),
]
