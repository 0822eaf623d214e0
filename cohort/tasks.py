"""Thin tasks: explicit names, keyword-only IDs, a service call each.

Importing this module also registers the send conditions and editable wording of this app's
emails with notifications; NotificationsConfig.ready imports it in every process.
"""

from celery import shared_task

from cohort.services import learning_day_reminders as reminders_service
from cohort.services import progress


@shared_task(name="cohort.queue_learning_day_reminders")
def queue_learning_day_reminders() -> int:
    """Run by beat every few minutes: write the learning-day reminders that have fallen due."""
    return reminders_service.queue_due_learning_day_reminders()


@shared_task(name="cohort.queue_progress_update_reminders")
def queue_progress_update_reminders() -> int:
    """Run by beat every few minutes: ask consultants for the progress updates that are due."""
    return progress.queue_due_progress_update_reminders()
