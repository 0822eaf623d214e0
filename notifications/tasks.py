"""Thin tasks: keyword-only IDs, fetch again, call a service."""

from celery import shared_task

from notifications import services


@shared_task(
    bind=True,
    name=services.SEND_TASK,
    # Acknowledged after it ran, one at a time (settings: prefetch multiplier 1): a worker that
    # dies mid-send leaves the task to another, and the claim makes a second run send nothing.
    acks_late=True,
    # The row counts attempts (services.MAX_ATTEMPTS) across retries, sweeps and restarts.
    max_retries=None,
)
def send_outbound_email(self, *, email_id: int) -> bool:
    try:
        return services.send_outbound_email(email_id=email_id)
    except services.TemporarySendFailure as failure:
        # A short countdown (backoff capped well below Redis's visibility timeout); if this retry
        # is lost, the sweeper finds the row queued past its `next_attempt_at`.
        raise self.retry(countdown=failure.retry_in.total_seconds(), exc=failure) from None


@shared_task(name="notifications.requeue_unsent_email")
def requeue_unsent_email() -> int:
    return services.requeue_unsent_email()


@shared_task(name="notifications.record_scheduler_heartbeat")
def record_scheduler_heartbeat(*, beat: str = "unnamed beat") -> None:
    """Run by beat every minute; `beat` is the host:process id of the beat that sent it
    (peerlearning/celery.py names it), so two beats at once show as two fresh heartbeats."""
    services.record_scheduler_heartbeat(beat=beat)
