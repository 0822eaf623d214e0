from django.apps import AppConfig


class CohortConfig(AppConfig):
    name = "cohort"
    verbose_name = "The cohort"

    def ready(self):
        # Registers what follows when a council takes its place in the cohort (its project
        # starts) with applications.places, which the selection services call.
        from cohort.services import projects  # noqa: F401
