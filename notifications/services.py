"""Writing and sending outbound email.

Every email is a row first, written in the transaction of the change that causes it; a Celery task
queued on commit sends it. Sending claims the row with a conditional update (`queued → sending`),
which the database applies under the row's lock, so a redelivered or repeated task finds it no
longer queued and sends nothing.

Failures: a temporary one (an SMTP 4xx answer, connection refused, a timeout, a dropped
connection) puts the row back in the queue with a time for the next attempt, and the task retries
after an exponential backoff with jitter; after MAX_ATTEMPTS, or at once on a permanent answer
(5xx), the row is marked failed with the server's answer, for a programme manager to see in the
outbox. `requeue_unsent_email`, run by beat every few minutes, picks up what a lost task or a
killed worker left behind.
"""

import dataclasses
import datetime
import logging
import random
import smtplib
import time
from collections.abc import Sequence
from email.utils import formataddr

import kombu.exceptions
from celery import current_app
from celery.signals import after_task_publish
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from notifications import editable, send_conditions
from notifications.enums import EmailStatus
from notifications.models import EmailTemplate, OutboundEmail, SchedulerHeartbeat

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Emails carrying a sign-in or password-reset link: staff see that they went, not the link.
SECRET_KINDS = frozenset({"email_confirmation_signup", "email_confirmation", "password_reset_key"})
REQUEUE_BATCH = 10_000


@dataclasses.dataclass(frozen=True)
class Attachment:
    """A text file sent with an email, such as a calendar invitation (text/calendar)."""

    filename: str
    content_type: str
    content: str


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
    created_by=None,
    scope: models.Model | None = None,
    attachments: Sequence[Attachment] = (),
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
        created_by=created_by,
        scope=scope,
        attachments=attachments,
    )


def queue_email_once(*, dedup_key: str, **arguments) -> OutboundEmail | None:
    """`queue_email`, unless an email with this deduplication key was ever written; then None."""
    return _once(dedup_key, lambda: queue_email(dedup_key=dedup_key, **arguments))


def queue_editable_email(
    *,
    kind: str,
    scope: models.Model,
    values: dict[str, str],
    to_email: str,
    reason: str,
    to_name: str = "",
    related: models.Model | None = None,
    hold: bool = False,
    hide_body_from_staff: bool | None = None,
    dedup_key: str | None = None,
    created_by=None,
    attachments: Sequence[Attachment] = (),
    wording: editable.Wording | None = None,
) -> OutboundEmail:
    """An email of an editable kind, in the scope's wording (the programme manager's for that
    programme, or the default file; a sweep writing many passes the `wording` it looked up once),
    filled in with `values` (plain text: escaped for HTML here).

    Side effects: as `queue_rendered_email`; the email's scope is `scope`, for the outbox filter.
    """
    registered = editable.editable_kind(kind)
    rendered = editable.render(
        wording or editable.wording_for(kind, scope),
        values,
        links=registered.links if registered else editable.SERVICE_LINKS,
    )
    return queue_rendered_email(
        kind=kind,
        to_email=to_email,
        to_name=to_name,
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        reason=reason,
        related=related,
        hold=hold,
        hide_body_from_staff=hide_body_from_staff,
        dedup_key=dedup_key,
        created_by=created_by,
        scope=scope,
        attachments=attachments,
    )


def queue_editable_email_once(*, dedup_key: str, **arguments) -> OutboundEmail | None:
    """`queue_editable_email`, unless an email with this deduplication key was ever written;
    then None."""
    return _once(dedup_key, lambda: queue_editable_email(dedup_key=dedup_key, **arguments))


def _once(dedup_key: str, write) -> OutboundEmail | None:
    # The key's unique constraint decides when two callers race (two sweeps at once): the
    # loser's row is rolled back to a savepoint, with its on-commit send, and it gets None.
    if OutboundEmail.objects.filter(dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        if OutboundEmail.objects.filter(dedup_key=dedup_key).exists():
            return None
        raise


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
    created_by=None,
    scope: models.Model | None = None,
    attachments: Sequence[Attachment] = (),
) -> OutboundEmail:
    if hide_body_from_staff is None:
        hide_body_from_staff = kind in SECRET_KINDS
    email = OutboundEmail.objects.create(
        kind=kind,
        to_email=to_email,
        to_name=to_name,
        subject=subject[:300],
        body_text=body_text,
        body_html=body_html,
        reason=reason[:300],
        hide_body_from_staff=hide_body_from_staff,
        status=EmailStatus.HELD if hold else EmailStatus.QUEUED,
        related=related,
        dedup_key=dedup_key,
        created_by=created_by,
        scope=scope,
        attachments=[dataclasses.asdict(attachment) for attachment in attachments],
    )
    if not hold:
        enqueue_send_on_commit(email_id=email.pk)
    return email


# After a failed publish, this process stops trying for a few seconds: a request that writes
# several emails (a submission writes four) waits for the broker once, not once per email.
BROKER_PAUSE_SECONDS = 10.0
_broker_paused_until = 0.0


def enqueue_send_on_commit(*, email_id: int) -> None:
    def enqueue():
        # The row is safe in the database already: if the broker is down, the sweeper queues it
        # again later, so the web request that caused the email never fails because of it.
        global _broker_paused_until
        if time.monotonic() < _broker_paused_until:
            logger.warning("Broker unavailable: outbound email %s waits for the sweeper", email_id)
            return
        try:
            _enqueue(email_id)
        except Exception as error:
            if isinstance(error, kombu.exceptions.OperationalError):
                _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
            logger.exception("Could not queue outbound email %s; the sweeper will retry", email_id)

    transaction.on_commit(enqueue)


# The send task (notifications.tasks) calls this module, so this module finds the task by its
# registered name, as the broker does, rather than importing it back.
SEND_TASK = "notifications.send_outbound_email"


def _enqueue(email_id: int) -> None:
    current_app.tasks[SEND_TASK].delay(email_id=email_id)


@after_task_publish.connect
def _broker_answers(**kwargs) -> None:
    """Any task published from this process means the broker is back: stop pausing."""
    global _broker_paused_until
    _broker_paused_until = 0.0


# --- Sending ----------------------------------------------------------------------------------


class TemporarySendFailure(Exception):
    """The send failed for a reason that may pass; the row is queued again for `retry_in`."""

    def __init__(self, *, email_id: int, retry_in: datetime.timedelta, error: str):
        super().__init__(f"Email {email_id}: {error}; retrying in {retry_in.total_seconds():.0f}s")
        self.email_id = email_id
        self.retry_in = retry_in


@dataclasses.dataclass(frozen=True)
class SendFailure:
    permanent: bool
    description: str


def classify_failure(error: Exception) -> SendFailure:
    """Whether an error from sending is worth trying again, and what the server said.

    SMTP's own rule: a 4xx reply is a temporary failure, a 5xx reply a permanent one. Connection
    errors (refused, reset, timed out, dropped mid-conversation) are temporary. Anything else is a
    fault in the email itself (it cannot be encoded, say) and will fail the same way every time.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [
            f"{address}: {code} {_text(message)}"
            for address, (code, message) in error.recipients.items()
        ]
        permanent = all(code >= 500 for code, _ in error.recipients.values())
        return SendFailure(permanent, "Recipient refused: " + "; ".join(answers))
    if isinstance(error, smtplib.SMTPResponseException):
        return SendFailure(
            error.smtp_code >= 500, f"{error.smtp_code} {_text(error.smtp_error)}".strip()
        )
    if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
        return SendFailure(False, f"{type(error).__name__}: {error}")
    return SendFailure(True, f"{type(error).__name__}: {error}")


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def retry_delay(*, attempt: int) -> datetime.timedelta:
    """Exponential backoff with jitter: about base × 2^(attempt − 1), capped, scattered ±25%.

    The jitter keeps a batch that failed together (the SMTP server was down) from retrying in one
    burst. The cap stays well below Redis's visibility timeout (settings.CELERY_BROKER_...), so a
    waiting retry is never redelivered as a duplicate.
    """
    base = settings.EMAIL_RETRY_BACKOFF_SECONDS
    delay = min(settings.EMAIL_RETRY_BACKOFF_MAX_SECONDS, base * 2 ** max(attempt - 1, 0))
    return datetime.timedelta(seconds=delay * random.uniform(0.75, 1.25))


def send_outbound_email(*, email_id: int) -> bool:
    """Send one queued email; return whether this call sent it.

    Side effects: the row moves queued → sending (claimed under its row lock, once), then to sent;
    or to cancelled when its kind's send condition no longer holds (a reminder about a draft
    that has been submitted); or back to queued with `next_attempt_at` after a temporary failure,
    raising TemporarySendFailure so the task retries; or to failed, with the server's answer in
    `last_error`, after a permanent failure or MAX_ATTEMPTS. At most one SMTP delivery.
    """
    claimed = OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
        status=EmailStatus.SENDING,
        attempts=F("attempts") + 1,
        claimed_at=timezone.now(),
        next_attempt_at=None,
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    if reason := send_conditions.reason_not_to_send(email):
        OutboundEmail.objects.filter(pk=email_id, status=EmailStatus.SENDING).update(
            status=EmailStatus.CANCELLED, last_error=f"Not sent: {reason}"[:2000]
        )
        return False
    try:
        build_message(email).send()
    except Exception as error:
        _record_failure(email, error)
        return False
    # Whatever happened to the row meanwhile (the sweeper may have put back a row whose send took
    # very long), it has now been sent.
    OutboundEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return True


def build_message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        # formataddr quotes a name with a comma or brackets ("Smith, Jo"), which would otherwise
        # read as two addresses.
        to=[formataddr((email.to_name, email.to_email)) if email.to_name else email.to_email],
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["content_type"])
    return message


def _record_failure(email: OutboundEmail, error: Exception) -> None:
    failure = classify_failure(error)
    still_sending = OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING)
    if failure.permanent or email.attempts >= MAX_ATTEMPTS:
        still_sending.update(status=EmailStatus.FAILED, last_error=failure.description[:2000])
        logger.warning(
            "Outbound email %s failed after %s attempt(s): %s",
            email.pk,
            email.attempts,
            failure.description,
            exc_info=not isinstance(error, OSError),
        )
        return
    retry_in = retry_delay(attempt=email.attempts)
    still_sending.update(
        status=EmailStatus.QUEUED,
        last_error=failure.description[:2000],
        next_attempt_at=timezone.now() + retry_in,
    )
    raise TemporarySendFailure(email_id=email.pk, retry_in=retry_in, error=failure.description)


# --- The sweeper ------------------------------------------------------------------------------


def requeue_unsent_email(
    *, older_than_seconds: int = 120, sending_timeout_seconds: int | None = None
) -> int:
    """Queue again every email a lost task or a killed worker left behind; return how many.

    - `sending` for longer than the sending timeout: the worker died mid-send (the SMTP exchange
      may or may not have finished, so the email may arrive twice: at most once per such death).
      It goes back to the queue, or is marked failed if that was its last attempt.
    - `queued` for longer than `older_than_seconds` (past its retry time, if it has one): its
      task never reached the broker (it was down) or was lost with a worker.
    A task queued twice is harmless: the second finds the row claimed and sends nothing.
    Side effects: rows updated; send tasks published now (not on commit: beat runs it outside
    any transaction). If the broker is still down it stops at the first failure.
    """
    now = timezone.now()
    if sending_timeout_seconds is None:
        sending_timeout_seconds = settings.EMAIL_SENDING_TIMEOUT_SECONDS
    stuck = OutboundEmail.objects.filter(
        status=EmailStatus.SENDING,
        claimed_at__lt=now - datetime.timedelta(seconds=sending_timeout_seconds),
    )
    stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=EmailStatus.FAILED,
        last_error="The worker stopped while sending it, on every attempt.",
    )
    stuck.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=EmailStatus.QUEUED,
        last_error="The worker stopped while sending it; queued again.",
        next_attempt_at=None,
    )

    cutoff = now - datetime.timedelta(seconds=older_than_seconds)
    waiting = OutboundEmail.objects.filter(status=EmailStatus.QUEUED).filter(
        Q(next_attempt_at__isnull=True, created_at__lte=cutoff)
        & (Q(claimed_at__isnull=True) | Q(claimed_at__lte=cutoff))
        | Q(next_attempt_at__lte=cutoff)
    )
    ids = list(waiting.order_by("created_at", "id").values_list("pk", flat=True)[:REQUEUE_BATCH])
    for queued, email_id in enumerate(ids):
        try:
            _enqueue(email_id)
        except Exception:
            logger.exception("The broker is still unavailable; %s emails wait", len(ids) - queued)
            return queued
    return len(ids)


# --- Outbox operations ------------------------------------------------------------------------


def release_held_emails(*, email_ids) -> int:
    """Send emails that were held for review (decisions, bulk invitations) together.

    Side effects: each held row becomes queued and a send task is queued on commit.
    Returns how many were released; rows no longer held are left alone.
    """
    return _move(email_ids, EmailStatus.HELD, EmailStatus.QUEUED, enqueue=True)


def hold_emails(*, email_ids) -> int:
    """Stop queued emails from going until a programme manager releases them.

    A task already queued for one finds it held and sends nothing; one already being sent goes.
    Returns how many were held.
    """
    return _move(email_ids, EmailStatus.QUEUED, EmailStatus.HELD)


def cancel_emails(*, email_ids) -> int:
    """Make sure queued or held emails are never sent; return how many were cancelled."""
    return _move(email_ids, [EmailStatus.QUEUED, EmailStatus.HELD], EmailStatus.CANCELLED)


def retry_failed_emails(*, email_ids) -> int:
    """Try failed emails again, with a fresh set of attempts; return how many were queued.

    Side effects: each failed row becomes queued (attempts start again from zero; the last error
    stays until the next attempt) and a send task is queued on commit.
    """
    return _move(email_ids, EmailStatus.FAILED, EmailStatus.QUEUED, enqueue=True, attempts=0)


@transaction.atomic
def _move(email_ids, from_status, to_status, *, enqueue: bool = False, **changes) -> int:
    from_statuses = [from_status] if isinstance(from_status, str) else list(from_status)
    ids = list(
        OutboundEmail.objects.select_for_update()
        .filter(pk__in=list(email_ids), status__in=from_statuses)
        .values_list("pk", flat=True)
    )
    OutboundEmail.objects.filter(pk__in=ids).update(
        status=to_status, next_attempt_at=None, **changes
    )
    if enqueue:
        for email_id in ids:
            enqueue_send_on_commit(email_id=email_id)
    return len(ids)


# --- Emails written in the outbox -------------------------------------------------------------

COMPOSED_KIND = "composed"
MAX_COMPOSED_RECIPIENTS = 500


def parse_recipients(text: str) -> list[str]:
    """Email addresses, one a line (commas and semicolons too), duplicates dropped.

    Raises ValidationError naming every line that is not an email address.
    """
    addresses, seen, wrong = [], set(), []
    for line in text.replace(",", "\n").replace(";", "\n").splitlines():
        address = line.strip().strip("<>").strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            wrong.append(line.strip())
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    if wrong:
        shown = ", ".join(f"‘{w}’" for w in wrong[:5]) + (" and others" if len(wrong) > 5 else "")
        raise ValidationError(
            f"Enter email addresses like name@example.org, one on each line. "
            f"Not email addresses: {shown}"
        )
    if not addresses:
        raise ValidationError("Enter at least one email address")
    if len(addresses) > MAX_COMPOSED_RECIPIENTS:
        raise ValidationError(f"Enter {MAX_COMPOSED_RECIPIENTS} email addresses or fewer")
    return addresses


@transaction.atomic
def compose_email(
    *,
    recipients: list[str],
    subject: str,
    body: str,
    hold: bool,
    by,
    scope: models.Model | None = None,
) -> list[OutboundEmail]:
    """A programme manager's own email to a list of people, one email each, through the outbox.

    Side effects: one OutboundEmail row per recipient (kind "composed", belonging to `scope`:
    the programme whose groups it was written to), held for review or queued to send on commit.
    """
    reason = f"Written in the outbox by {by.get_full_name()}."
    return [
        queue_email(
            template=COMPOSED_KIND,
            to_email=address,
            context={"subject": subject, "body": body.replace("\r\n", "\n")},
            reason=reason,
            hold=hold,
            created_by=by,
            scope=scope,
        )
        for address in recipients
    ]


# --- Email templates --------------------------------------------------------------------------


@transaction.atomic
def save_email_template(
    *, kind: str, scope: models.Model, subject: str, body: str, by
) -> EmailTemplate:
    """A programme manager's wording for one kind of email in one programme.

    Raises ValidationError (by field) naming any placeholder the email does not have.
    Side effects: the scope's EmailTemplate row written; emails written from now on use it.
    """
    editable_kind = editable.editable_kind(kind)
    if editable_kind is None or not isinstance(scope, editable_kind.scope_model):
        raise ValidationError("This email cannot be edited here")
    body = body.replace("\r\n", "\n")
    editable.check_placeholders(editable_kind, subject=subject, body=body)
    template, _ = EmailTemplate.objects.update_or_create(
        kind=kind,
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
        defaults={
            "subject": subject.strip(),
            "body": body,
            "updated_by": by,
            "updated_at": timezone.now(),
        },
    )
    return template


def reset_email_template(*, kind: str, scope: models.Model) -> bool:
    """Go back to the default wording; return whether there was wording of the scope's own."""
    deleted, _ = EmailTemplate.objects.filter(
        kind=kind, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    ).delete()
    return bool(deleted)


def record_scheduler_heartbeat(*, beat: str) -> None:
    """Record that scheduled work ran now, for the beat named `beat` (host:process id).

    Side effects: writes this beat's `SchedulerHeartbeat`, deletes the rows of beats not heard
    from for a day (restarted beats have new process ids), and logs an error naming every beat
    heard from lately when there is more than one.
    """
    now = timezone.now()
    with transaction.atomic():
        SchedulerHeartbeat.objects.update_or_create(beat=beat[:200], defaults={"last_ran_at": now})
        SchedulerHeartbeat.objects.filter(last_ran_at__lt=now - datetime.timedelta(days=1)).delete()
        recent = now - datetime.timedelta(seconds=3 * settings.SCHEDULER_HEARTBEAT_SECONDS)
        others = list(
            SchedulerHeartbeat.objects.filter(last_ran_at__gte=recent)
            .exclude(beat=beat[:200])
            .values_list("beat", flat=True)
        )
    if others:
        # Two beats do scheduled work twice; their host:process ids say which to stop.
        logger.error("More than one beat is running: %s and %s", beat, ", ".join(others))
