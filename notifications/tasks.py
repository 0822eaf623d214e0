from celery import shared_task

from notifications import services


@shared_task(
    name="notifications.send_outbound_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=4,
)
def send_outbound_email(*, email_id: int) -> bool:
    return services.send_outbound_email(email_id=email_id)


@shared_task(name="notifications.requeue_unsent_email")
def requeue_unsent_email() -> int:
    return services.requeue_unsent_email()
