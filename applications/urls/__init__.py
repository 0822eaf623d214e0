"""URLs of the applications app, one module per area of work, all in one namespace."""

from applications.urls import applying, board, information, reviewing, selection

app_name = "applications"

urlpatterns = [
    *reviewing.urlpatterns,
    *selection.urlpatterns,
    *information.urlpatterns,
    *board.urlpatterns,
    # Last: its "<pk>/<section>/" pattern would otherwise catch the others' addresses.
    *applying.urlpatterns,
]
