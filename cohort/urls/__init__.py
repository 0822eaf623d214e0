"""URLs of the cohort app, one module per area of work, all in one namespace. The addresses
are those the pages had before the app existed."""

from cohort.urls import dashboard, learning_days, peer_matching, progress, themes

app_name = "cohort"

urlpatterns = [
    *learning_days.urlpatterns,
    *progress.urlpatterns,
    *themes.urlpatterns,
    *dashboard.urlpatterns,
    # Peer matching (issue 15 parts 2 and 3).
    *peer_matching.urlpatterns,
]
