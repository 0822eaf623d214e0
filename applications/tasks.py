"""Thin tasks: explicit names, keyword-only IDs, a service call each.

Importing this module also registers the send conditions of this app's emails with
notifications (applications.services.reminders); NotificationsConfig.ready imports it in every
process, and Celery in the worker.
"""

from celery import shared_task

from applications.services import reminders


@shared_task(name="applications.queue_draft_reminders")
def queue_draft_reminders() -> int:
    """Run by beat every few minutes: write the draft reminders that have fallen due."""
    return reminders.queue_due_draft_reminders()
