from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [path("signed-in/", views.AfterSignInView.as_view(), name="after_sign_in")]
