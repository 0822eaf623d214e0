"""Sending that survives faults, against real SMTP servers on localhost: temporary failures are
retried with backoff, permanent ones are marked failed with the server's answer, and the sweeper
picks up what lost tasks and killed workers leave behind."""

import datetime
import smtplib
import socket
import threading

import pytest
from django.utils import timezone

from notifications import services
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.tasks import send_outbound_email
from tests.notifications.scripted_smtp import BUSY, REJECTED

pytestmark = pytest.mark.django_db


def write(to_email="officer@example.org", **overrides) -> OutboundEmail:
    arguments = {
        "kind": "test",
        "to_email": to_email,
        "subject": "Hello",
        "body_text": "Hello there",
        "reason": "Test",
    } | overrides
    return services.queue_rendered_email(**arguments)


def test_temporary_421_is_retried_and_delivered_once(
    scripted_sink, eager_retries, django_capture_on_commit_callbacks
):
    """The server answers 421, then accepts: the task retries and the email arrives once."""
    with django_capture_on_commit_callbacks(execute=True):  # eager Celery: retries run at once
        email = write("busy-council@example.org")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert scripted_sink.attempts["busy-council@example.org"] == 2
    assert len(scripted_sink.to("busy-council@example.org")) == 1


def test_permanent_550_is_failed_with_the_answer_and_not_retried(
    scripted_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = write("reject-council@example.org")
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 1
    assert email.last_error == REJECTED
    assert scripted_sink.attempts["reject-council@example.org"] == 1
    assert scripted_sink.to("reject-council@example.org") == []
    # A task delivered again (a redelivery, the sweeper) leaves a failed email alone.
    assert send_outbound_email.delay(email_id=email.pk).get() is False
    assert scripted_sink.attempts["reject-council@example.org"] == 1


def test_temporary_failure_waits_for_its_next_attempt(scripted_sink, settings):
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 60
    email = write("busy-later@example.org")
    before = timezone.now()
    with pytest.raises(services.TemporarySendFailure) as failure:
        services.send_outbound_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.last_error == BUSY
    assert 45 <= failure.value.retry_in.total_seconds() <= 75
    assert before + datetime.timedelta(seconds=45) <= email.next_attempt_at
    # The sweeper leaves it until then.
    assert services.requeue_unsent_email(older_than_seconds=0) == 0


def test_every_attempt_fails_then_the_email_is_failed(settings):
    settings.EMAIL_PORT = 1  # connection refused, every time
    email = write()
    for attempt in range(1, services.MAX_ATTEMPTS):
        with pytest.raises(services.TemporarySendFailure):
            services.send_outbound_email(email_id=email.pk)
        assert OutboundEmail.objects.get(pk=email.pk).attempts == attempt
    assert services.send_outbound_email(email_id=email.pk) is False
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, services.MAX_ATTEMPTS)


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says a word (an SMTP server that hangs)."""
    listener = socket.create_server(("127.0.0.1", 0))
    yield listener.getsockname()[1]
    listener.close()


def test_timeout_is_temporary(settings, silent_server):
    settings.EMAIL_PORT = silent_server
    settings.EMAIL_TIMEOUT = 0.3
    email = write()
    with pytest.raises(services.TemporarySendFailure):
        services.send_outbound_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert "timed out" in email.last_error.lower() or "timeout" in email.last_error.lower()


@pytest.fixture
def hanging_up_server():
    """A TCP server that closes every connection as soon as it is made."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()
    thread.join(timeout=2)


def test_dropped_connection_is_temporary(settings, hanging_up_server):
    settings.EMAIL_PORT = hanging_up_server
    email = write()
    with pytest.raises(services.TemporarySendFailure):
        services.send_outbound_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert "SMTPServerDisconnected" in email.last_error


@pytest.mark.parametrize(
    ("error", "permanent", "description"),
    [
        (smtplib.SMTPDataError(421, b"4.3.2 Try later"), False, "421 4.3.2 Try later"),
        (smtplib.SMTPDataError(550, b"5.1.1 No such user"), True, "550 5.1.1 No such user"),
        (smtplib.SMTPSenderRefused(451, b"4.7.1 Greylisted", "a@b"), False, "451 4.7.1 Greylisted"),
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"), True, "535 5.7.8 Bad"),
        (
            smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"5.1.1 Unknown")}),
            True,
            "Recipient refused: x@example.org: 550 5.1.1 Unknown",
        ),
        (
            smtplib.SMTPRecipientsRefused({"x@example.org": (452, b"4.2.2 Mailbox full")}),
            False,
            "Recipient refused: x@example.org: 452",
        ),
        (smtplib.SMTPServerDisconnected("Connection closed"), False, "SMTPServerDisconnected"),
        (ConnectionRefusedError(111, "Connection refused"), False, "ConnectionRefusedError"),
        (TimeoutError("timed out"), False, "TimeoutError: timed out"),
        (UnicodeEncodeError("ascii", "é", 0, 1, "no"), True, "UnicodeEncodeError"),
    ],
)
def test_classify_failure_follows_smtp_reply_classes(error, permanent, description):
    failure = services.classify_failure(error)
    assert failure.permanent is permanent
    assert failure.description.startswith(description)


def test_retry_delay_doubles_with_jitter_up_to_a_cap(settings):
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 30
    settings.EMAIL_RETRY_BACKOFF_MAX_SECONDS = 1800
    for attempt, nominal in [(1, 30), (2, 60), (3, 120), (4, 240), (7, 1800), (12, 1800)]:
        delays = {services.retry_delay(attempt=attempt).total_seconds() for _ in range(20)}
        assert all(nominal * 0.75 <= delay <= nominal * 1.25 for delay in delays)
        assert len(delays) > 1  # jittered


# --- The sweeper ------------------------------------------------------------------------------


def age(email: OutboundEmail, **fields) -> None:
    OutboundEmail.objects.filter(pk=email.pk).update(**fields)


def test_sweeper_requeues_a_row_stuck_in_sending(
    smtp_sink, settings, django_capture_on_commit_callbacks
):
    """A worker died mid-send: after the sending timeout the row is queued again, and sent."""
    settings.EMAIL_SENDING_TIMEOUT_SECONDS = 600
    long_ago = timezone.now() - datetime.timedelta(minutes=11)
    stuck, recent = write("stuck@example.org"), write("busy-worker@example.org")
    age(stuck, status=EmailStatus.SENDING, claimed_at=long_ago, attempts=1, created_at=long_ago)
    age(recent, status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_unsent_email() == 1

    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (EmailStatus.SENT, 2)
    assert len(smtp_sink.to("stuck@example.org")) == 1
    recent.refresh_from_db()
    assert recent.status == EmailStatus.SENDING  # its worker may still be sending it


def test_sweeper_fails_a_row_that_killed_its_worker_every_time(settings):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    email = write()
    age(email, status=EmailStatus.SENDING, claimed_at=long_ago, attempts=services.MAX_ATTEMPTS)
    assert services.requeue_unsent_email() == 0
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "stopped while sending" in email.last_error


def test_sweeper_requeues_queued_rows_whose_task_was_lost(
    smtp_sink, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    lost = write("lost@example.org")  # its on-commit task never ran: a broker outage
    retry_due = write("retry-due@example.org")
    retry_later = write("retry-later@example.org")
    fresh = write("fresh@example.org")
    age(lost, created_at=long_ago)
    age(retry_due, created_at=long_ago, claimed_at=long_ago, attempts=1, next_attempt_at=long_ago)
    age(
        retry_later,
        created_at=long_ago,
        claimed_at=long_ago,
        attempts=1,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_unsent_email(older_than_seconds=120) == 2

    sent = set(
        OutboundEmail.objects.filter(status=EmailStatus.SENT).values_list("to_email", flat=True)
    )
    assert sent == {"lost@example.org", "retry-due@example.org"}
    fresh.refresh_from_db()
    assert fresh.status == EmailStatus.QUEUED  # its own task may still be on its way


def test_sweeping_again_and_again_sends_once(smtp_sink, django_capture_on_commit_callbacks):
    email = write("swept@example.org")
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.requeue_unsent_email(older_than_seconds=0)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
    assert len(smtp_sink.to("swept@example.org")) == 1


# --- Deduplication ----------------------------------------------------------------------------


def test_queue_email_once_writes_each_key_once(submitted, django_capture_on_commit_callbacks):
    arguments = {
        "template": "composed",
        "to_email": "once@example.org",
        "context": {"subject": "Expression of interest withdrawn", "body": "Hello."},
        "reason": "Test",
        "related": submitted,
        "dedup_key": "test:once",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.queue_email_once(**arguments)
        assert services.queue_email_once(**arguments) is None
    assert first.dedup_key == "test:once"
    assert OutboundEmail.objects.filter(dedup_key="test:once").count() == 1
    assert len(callbacks) == 1


@pytest.fixture
def submitted():
    from tests.factories import submitted_application

    return submitted_application()


def test_a_name_with_a_comma_is_one_recipient(smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = write("jo@example.org", to_name="Smith, Jo (Cllr)")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    [message] = smtp_sink.to("jo@example.org")
    assert message["To"].addresses[0].display_name == "Smith, Jo (Cllr)"
    assert len(smtp_sink.messages) == 1


def test_an_attachment_arrives_with_the_email(smtp_sink, django_capture_on_commit_callbacks):
    """Attachments are stored with the row, so a retry or a sweep sends the same file."""
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_rendered_email(
            kind="test",
            to_email="invitee@example.org",
            subject="Learning day 1",
            body_text="See the attached invitation.",
            reason="Test",
            attachments=[services.Attachment("learning-day-1.ics", "text/calendar", calendar)],
        )

    [message] = smtp_sink.to("invitee@example.org")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "learning-day-1.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content().replace("\r\n", "\n") == calendar.replace("\r\n", "\n")
