from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Expressions of interest"

    def ready(self):
        # Registers the groups of people programme managers can email from the outbox.
        from applications import recipient_groups  # noqa: F401
