import os
import socket

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerlearning.settings")

app = Celery("peerlearning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

HEARTBEAT_ENTRY = "scheduler-heartbeat"


@beat_init.connect
def name_this_beat(sender, **kwargs):
    """Every heartbeat this beat sends carries its host and process id
    (notifications.record_scheduler_heartbeat), so a second beat shows as a second heartbeat."""
    entry = sender.scheduler.schedule.get(HEARTBEAT_ENTRY)
    if entry is not None:
        entry.kwargs = {"beat": f"{socket.gethostname()}:{os.getpid()}"}
        # The first one at once, so a warning ends as soon as beat is back, not a minute later.
        sender.scheduler.apply_entry(entry, producer=sender.scheduler.producer)
