from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Email"

    def ready(self):
        # Other apps register the conditions their emails must still meet when sent
        # (notifications.send_conditions) from their `tasks` module, the module Celery imports in
        # the worker anyway. Importing them here too makes the conditions hold in every process,
        # without notifications importing any other app by name (dependencies run one way).
        autodiscover_modules("tasks")
