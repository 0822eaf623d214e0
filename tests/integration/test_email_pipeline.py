"""Email from a committed change to an SMTP server, through Redis and a real Celery worker."""

import contextlib
import logging

import kombu.pools
import pytest
from django.db import transaction

from applications.services import submit_application
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import queue_email, requeue_unsent_email
from notifications.tasks import send_outbound_email
from peerlearning.celery import app as celery_app
from tests.factories import ApplicationFactory, complete_application, council_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SEND_TASK = send_outbound_email.name


def sent_count(**filters) -> int:
    return OutboundEmail.objects.filter(status=EmailStatus.SENT, **filters).count()


def withdrawn_email(application, to_email: str) -> OutboundEmail:
    return queue_email(
        template="composed",
        to_email=to_email,
        to_name="Alex Applicant",
        context={"subject": "Expression of interest withdrawn", "body": "Hello."},
        reason="Integration test.",
        related=application,
    )


def test_submitted_application_emails_arrive_through_real_worker(celery_worker, smtp_sink):
    application = complete_application(ApplicationFactory())
    user = council_user(organisation=application.organisation)

    runs_before = len(celery_worker.task_results(SEND_TASK))

    submitted = submit_application(application_id=application.pk, by=user)

    recipients = [
        user.email,
        *application.team.order_by("position").values_list("email", flat=True),
    ]
    assert len({address.lower() for address in recipients}) == 4
    celery_worker.wait_until(
        lambda: all(smtp_sink.to(address) for address in recipients) and sent_count() == 4,
        what="4 confirmation emails to reach the SMTP sink and be marked sent",
    )
    celery_worker.wait_until_idle()
    # The worker process sent them: four runs of the task, each of which sent its email.
    assert celery_worker.task_results(SEND_TASK)[runs_before:] == ["True"] * 4
    for address in recipients:
        [message] = smtp_sink.to(address)
        assert submitted.reference in message["Subject"]
        row = OutboundEmail.objects.get(to_email=address)
        assert message["Message-ID"] == row.message_id
    rows = OutboundEmail.objects.all()
    assert rows.count() == 4
    assert {(row.kind, row.status, row.attempts) for row in rows} == {
        ("application_submitted", EmailStatus.SENT, 1)
    }
    assert all(row.sent_at for row in rows)


def test_redelivered_send_task_sends_once(celery_worker, smtp_sink):
    application = ApplicationFactory()
    runs_before = len(celery_worker.task_results(SEND_TASK))
    email = withdrawn_email(application, "redelivered@example.org")  # queued on commit: 1 task

    for _ in range(3):  # the same task delivered again: a redelivery after a lost ack, a retry
        send_outbound_email.delay(email_id=email.pk)

    celery_worker.wait_until(
        lambda: sent_count(pk=email.pk) == 1, what="the email to be marked sent"
    )
    celery_worker.wait_until_idle()
    # The worker ran the task four times; one run sent the email, three found it already claimed.
    assert sorted(celery_worker.task_results(SEND_TASK)[runs_before:]) == [
        "False",
        "False",
        "False",
        "True",
    ]
    assert len(smtp_sink.to("redelivered@example.org")) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1


def _forget_broker_connections() -> None:
    # The app keeps a pool of connections to the broker it first used; drop them so the next
    # publish connects to whatever broker_url says now.
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_down():
    """Point the web side's Celery at a port where nothing listens, failing fast; restore after."""
    conf = celery_app.conf
    names = [
        "broker_url",
        "broker_connection_retry",
        "broker_connection_timeout",
        "broker_transport_options",
        "task_publish_retry",
    ]
    saved = {name: conf[name] for name in names}
    conf.update(
        broker_url="redis://127.0.0.1:1/0",
        broker_connection_retry=False,
        broker_connection_timeout=1,
        broker_transport_options={"max_retries": 0},
        task_publish_retry=False,
    )
    _forget_broker_connections()
    try:
        yield
    finally:
        conf.update(saved)
        _forget_broker_connections()


def test_email_waits_in_outbox_when_broker_is_down(celery_worker, smtp_sink, caplog):
    application = ApplicationFactory()
    runs_before = len(celery_worker.task_results(SEND_TASK))

    # The change that causes the email commits (the innermost block exits first, with the broker
    # still down); the failed enqueue on commit is logged, not raised into the request.
    with (
        broker_down(),
        caplog.at_level(logging.ERROR, logger="notifications.services"),
        transaction.atomic(),
    ):
        email = withdrawn_email(application, "outage@example.org")
    assert "Could not queue outbound email" in caplog.text
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 0
    celery_worker.wait_until_idle()
    assert smtp_sink.to("outage@example.org") == []
    assert celery_worker.task_results(SEND_TASK)[runs_before:] == []  # nothing reached the worker

    # The broker is back: the sweeper (run by beat every 5 minutes) queues it again.
    assert requeue_unsent_email(older_than_seconds=0) == 1

    celery_worker.wait_until(
        lambda: sent_count(pk=email.pk) == 1, what="the swept-up email to be marked sent"
    )
    celery_worker.wait_until_idle()
    assert celery_worker.task_results(SEND_TASK)[runs_before:] == ["True"]
    assert len(smtp_sink.to("outage@example.org")) == 1
