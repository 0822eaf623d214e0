from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Email"

    def ready(self):
        # Other apps register their kinds of email with notifications: the conditions an email
        # must still meet when sent (notifications.send_conditions) and the wording a programme
        # manager can edit (notifications.editable), from their `emails` and `tasks` modules.
        # Importing them here makes the registrations hold in every process (web, worker, beat,
        # tests) without notifications importing any other app by name (dependencies run one way).
        autodiscover_modules("emails")
        autodiscover_modules("tasks")
