from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from peerlearning import health
from peerlearning.views import AfterSignInView
from programmes.views.public import HomeView

admin.site.site_header = "Peer Learning administration"
handler400 = "peerlearning.error_pages.bad_request"
handler500 = "peerlearning.error_pages.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/signed-in/", AfterSignInView.as_view(), name="after_sign_in"),
    path("account/", include("accounts.urls")),
    # Before applications: the dashboard and report keep their addresses under applications/.
    path("", include("cohort.urls")),
    path("applications/", include("applications.urls")),
    path("outbox/", include("notifications.urls")),
    path("", include("programmes.urls")),
    path(f"{settings.ADMIN_URL}", admin.site.urls),
]
