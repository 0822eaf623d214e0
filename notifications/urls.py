from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.OutboxView.as_view(), name="outbox"),
    path("<int:pk>/", views.OutboxEmailView.as_view(), name="email"),
    path("<int:pk>/html/", views.OutboxEmailHtmlView.as_view(), name="email_html"),
]
