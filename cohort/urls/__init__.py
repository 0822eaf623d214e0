"""URLs of the cohort app, one module per area of work, all in one namespace. The addresses
are those the pages had before the app existed."""

from cohort.urls import (
    dashboard,
    learning_days,
    peer_approaches,
    peer_engagements,
    peer_matching,
    progress,
    themes,
)

app_name = "cohort"

urlpatterns = [
    *learning_days.urlpatterns,
    *progress.urlpatterns,
    *themes.urlpatterns,
    *dashboard.urlpatterns,
    # Peer approaches (issue 15)
    *peer_approaches.urlpatterns,
    # Peer engagements (issue 15 item 4).
    *peer_engagements.urlpatterns,
    # Peer matching (issue 15 parts 2 and 3).
    *peer_matching.urlpatterns,
]
