from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("stay-signed-in/", views.StaySignedInView.as_view(), name="stay_signed_in"),
]
