import pytest
from django.contrib.contenttypes.models import ContentType

from notifications import services
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.selectors import emails_about
from tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def queue(**overrides):
    application = submitted_application()
    arguments = {
        "template": "composed",
        "to_email": "officer@example.org",
        "to_name": "Zoë Officer",
        "context": {
            "subject": "Expression of interest withdrawn: test",
            "body": "Dear Zoë Officer,\n\nHello.",
        },
        "reason": "Test",
        "related": application,
    } | overrides
    return services.queue_email(**arguments)


def test_queue_email_records_the_rendered_email_before_sending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email = queue()
    assert email.status == EmailStatus.QUEUED
    assert email.subject.startswith("Expression of interest withdrawn: ")
    assert "Dear Zoë Officer" in email.body_text
    assert "<p>Dear Zoë Officer,</p>" in email.body_html
    assert len(callbacks) == 1  # the send is queued only once the transaction commits


def test_held_email_is_not_queued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email = queue(hold=True)
    assert email.status == EmailStatus.HELD
    assert callbacks == []


def test_send_delivers_once_over_real_smtp(smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert services.send_outbound_email(email_id=email.pk) is False  # already sent on commit
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1
    [message] = smtp_sink.to("officer@example.org")
    assert message["Message-ID"] == f"<outbound-{email.pk}@peerlearning>"
    assert message["To"] == "Zoë Officer <officer@example.org>"
    assert message.get_body(preferencelist=("html",)) is not None


def test_failed_send_goes_back_to_the_queue_with_the_error(settings):
    email = queue()
    settings.EMAIL_PORT = 1  # nothing listens there
    with pytest.raises(services.TemporarySendFailure):
        services.send_outbound_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert "refused" in email.last_error.lower()
    assert email.next_attempt_at > email.claimed_at


def test_send_marks_failed_after_the_last_attempt(settings):
    email = queue()
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    settings.EMAIL_PORT = 1
    assert services.send_outbound_email(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == services.MAX_ATTEMPTS
    assert "refused" in email.last_error.lower()


def test_requeue_unsent_email_picks_up_stranded_rows(django_capture_on_commit_callbacks, smtp_sink):
    email = queue()  # its on-commit send never ran, like a broker outage
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_unsent_email(older_than_seconds=0) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(smtp_sink.to("officer@example.org")) == 1


def test_emails_about_finds_only_that_objects_emails():
    first = queue()
    queue(related=submitted_application())
    assert list(emails_about(first.related)) == [first]
    assert first.related_type == ContentType.objects.get(model="application")


def test_password_reset_bodies_are_hidden_from_staff():
    email = services.queue_rendered_email(
        kind="password_reset_key",
        to_email="a@example.org",
        subject="Reset",
        body_text="link",
        reason="r",
    )
    assert email.hide_body_from_staff is True


def test_release_held_emails_sends_them_once(smtp_sink, django_capture_on_commit_callbacks):
    held = [queue(hold=True, to_email=f"held{n}@example.org") for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_held_emails(email_ids=[e.pk for e in held]) == 3
        assert services.release_held_emails(email_ids=[e.pk for e in held]) == 0
    assert set(
        OutboundEmail.objects.filter(pk__in=[e.pk for e in held]).values_list("status", flat=True)
    ) == {"sent"}
    assert all(len(smtp_sink.to(f"held{n}@example.org")) == 1 for n in range(3))
