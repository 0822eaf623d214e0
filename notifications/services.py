"""Writing and sending outbound email.

Every email is a row first, written in the transaction of the change that causes it; a Celery task
queued on commit sends it. Sending claims the row with a conditional update, so a redelivered or
repeated task finds it no longer queued and sends nothing.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def queue_email(
    *,
    template: str,
    to_email: str,
    context: dict,
    reason: str,
    to_name: str = "",
    related: models.Model | None = None,
    hold: bool = False,
    dedup_key: str | None = None,
) -> OutboundEmail:
    """Render `templates/emails/<template>` (subject, .txt and .html) and record it to be sent.

    Side effects: one OutboundEmail row; a send task queued when the transaction commits
    (unless `hold`, when it waits in the outbox for a programme manager to release it).
    """
    context = {**context, "to_name": to_name, "site_url": settings.SITE_URL}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    return queue_rendered_email(
        kind=template,
        to_email=to_email,
        to_name=to_name,
        subject=subject,
        body_text=render_to_string(f"emails/{template}.txt", context),
        body_html=render_to_string(f"emails/{template}.html", context),
        reason=reason,
        related=related,
        hold=hold,
        dedup_key=dedup_key,
    )


def queue_rendered_email(
    *,
    kind: str,
    to_email: str,
    subject: str,
    body_text: str,
    reason: str,
    body_html: str = "",
    to_name: str = "",
    related: models.Model | None = None,
    hold: bool = False,
    dedup_key: str | None = None,
    hide_body_from_staff: bool | None = None,
) -> OutboundEmail:
    if hide_body_from_staff is None:
        hide_body_from_staff = kind in {
            "email_confirmation_signup",
            "email_confirmation",
            "password_reset_key",
        }
    email = OutboundEmail.objects.create(
        kind=kind,
        to_email=to_email,
        to_name=to_name,
        subject=subject[:300],
        body_text=body_text,
        body_html=body_html,
        reason=reason,
        hide_body_from_staff=hide_body_from_staff,
        status=EmailStatus.HELD if hold else EmailStatus.QUEUED,
        related=related,
        dedup_key=dedup_key,
    )
    if not hold:
        enqueue_send_on_commit(email_id=email.pk)
    return email


def enqueue_send_on_commit(*, email_id: int) -> None:
    from notifications.tasks import send_outbound_email

    def enqueue():
        # The row is safe in the database already: if the broker is down, the sweeper queues it
        # again later, so the web request that caused the email never fails because of it.
        try:
            send_outbound_email.delay(email_id=email_id)
        except Exception:
            logger.exception("Could not queue outbound email %s; the sweeper will retry", email_id)

    transaction.on_commit(enqueue)


def send_outbound_email(*, email_id: int) -> bool:
    """Send one queued email; return whether this call sent it.

    Side effects: the row moves queued → sending → sent (or back to queued, or failed after
    MAX_ATTEMPTS), and one SMTP delivery.
    """
    claimed = OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[f"{email.to_name} <{email.to_email}>" if email.to_name else email.to_email],
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as error:
        failed = email.attempts >= MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED if failed else EmailStatus.QUEUED,
            last_error=str(error)[:2000],
        )
        raise
    OutboundEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def release_held_emails(*, email_ids) -> int:
    """Send emails that were held for review (decisions, bulk invitations) together.

    Side effects: each held row becomes queued and a send task is queued on commit.
    Returns how many were released; rows no longer held are left alone.
    """
    with transaction.atomic():
        held = list(
            OutboundEmail.objects.select_for_update()
            .filter(pk__in=list(email_ids), status=EmailStatus.HELD)
            .values_list("pk", flat=True)
        )
        OutboundEmail.objects.filter(pk__in=held).update(status=EmailStatus.QUEUED)
        for email_id in held:
            enqueue_send_on_commit(email_id=email_id)
    return len(held)


def requeue_unsent_email(*, older_than_seconds: int = 120) -> int:
    """Queue again every email still waiting after `older_than_seconds` (lost or failed enqueue)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(status=EmailStatus.QUEUED, created_at__lt=cutoff)
        .filter(models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=cutoff))
        .values_list("pk", flat=True)[:1000]
    )
    for email_id in ids:
        enqueue_send_on_commit(email_id=email_id)
    return len(ids)
