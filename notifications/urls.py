from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.OutboxView.as_view(), name="outbox"),
    path("actions/", views.OutboxActionView.as_view(), name="actions"),
    path("compose/", views.ComposeView.as_view(), name="compose"),
    path("templates/", views.EmailTemplatesView.as_view(), name="templates"),
    path(
        "templates/<str:kind>/<int:scope_type>/<int:scope_id>/",
        views.EmailTemplateView.as_view(),
        name="template",
    ),
    path("<int:pk>/", views.OutboxEmailView.as_view(), name="email"),
    path("<int:pk>/html/", views.OutboxEmailHtmlView.as_view(), name="email_html"),
]
