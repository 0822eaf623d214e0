"""The email pipeline under faults, with real parts: a Redis server of its own that the tests
stop and start, a Celery worker (one process at a time, concurrency 1) that they kill with
SIGKILL, and an SMTP server that answers 421 or 550 when told to (tests/notifications/
scripted_smtp.py).

These tests never use the session's worker: they publish to their own Redis, so nothing they do
to it reaches the other integration tests.
"""

import contextlib
import datetime
import os
import signal
import subprocess
import time

import kombu.pools
import pytest
import redis
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from notifications import services
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.tasks import requeue_unsent_email
from peerlearning.celery import app as celery_app
from tests.factories import ApplicationFactory, UserFactory, complete_application, council_user
from tests.integration.conftest import start_worker, stop_worker, wait_until
from tests.notifications.scripted_smtp import REJECTED, free_port, start_scripted_sink

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BATCH = 1_000
KILLS_AT = (300, 650)  # emails sent when the worker is killed


class RedisServer:
    """A throwaway redis-server on a port of its own, in the foreground so it can be stopped."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def answers(self) -> bool:
        with (
            contextlib.suppress(redis.exceptions.ConnectionError),
            redis.Redis.from_url(self.url, socket_connect_timeout=0.5) as client,
        ):
            return client.ping()
        return False


def _forget_broker_connections() -> None:
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def rig(django_db_setup, django_db_blocker):
    """Own Redis, own scripted SMTP server, and this process publishing to that Redis."""
    server = RedisServer()
    server.start()
    sink, controller = start_scripted_sink()
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = server.url
    _forget_broker_connections()
    try:
        yield server, sink
    finally:
        celery_app.conf.broker_url = saved
        _forget_broker_connections()
        controller.stop()
        server.stop()


@pytest.fixture
def fault_worker(rig):
    """A worker on the rig, restartable; retries after about half a second, not 30."""
    server, sink = rig
    sink.clear()
    workers = []

    def start():
        worker = start_worker(
            broker_url=server.url,
            smtp_port=sink.port,
            concurrency=1,
            name="faults",
            extra_env={"EMAIL_RETRY_BACKOFF_SECONDS": "0.5"},
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        stop_worker(worker)


def count(status: str) -> int:
    return OutboundEmail.objects.filter(status=status).count()


def kill(worker) -> None:
    """SIGKILL the worker and its pool: no warm shutdown, nothing acknowledged or put back."""
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)


def test_worker_killed_twice_mid_batch_loses_nothing(fault_worker, rig, record_property):
    """1,000 emails; the worker is killed with SIGKILL twice mid-batch and restarted. Every email
    arrives; one arrives twice only if a kill fell inside its own SMTP exchange (after the server
    accepted it, before the row was marked sent): at most one per kill."""
    _, sink = rig
    worker = fault_worker()
    with transaction.atomic():  # one commit: a thousand tasks published together
        emails = [
            services.queue_rendered_email(
                kind="fault_test",
                to_email=f"kill-{n}@example.org",
                subject=f"Batch email {n}",
                body_text="Hello",
                reason="Integration test",
            )
            for n in range(BATCH)
        ]
    started = time.monotonic()
    in_flight = set()  # rows a killed worker was sending: the only ones that may arrive twice
    for kill_at in KILLS_AT:
        worker.wait_until(
            lambda kill_at=kill_at: count(EmailStatus.SENT) >= kill_at,
            timeout=60,
            what=f"{kill_at} emails to be sent",
        )
        kill(worker)
        in_flight |= {
            f"<outbound-{pk}@peerlearning>"
            for pk in OutboundEmail.objects.filter(status=EmailStatus.SENDING).values_list(
                "pk", flat=True
            )
        }
        worker = fault_worker()

    # Until everything is sent: let the worker drain the queue, then sweep as beat would. With
    # the worker idle, a row still `sending` belongs to a killed worker, and a row still `queued`
    # lost its task with it (the task was taken but never acknowledged).
    for _ in range(5):
        worker.wait_until_idle(timeout=60)
        if count(EmailStatus.SENT) == BATCH:
            break
        services.requeue_unsent_email(older_than_seconds=0, sending_timeout_seconds=0)
    worker.wait_until_idle(timeout=60)
    elapsed = time.monotonic() - started

    assert count(EmailStatus.SENT) == BATCH
    arrivals = sink.message_ids()
    assert set(arrivals) == {email.message_id for email in emails}  # none lost
    duplicates = sum(n - 1 for n in arrivals.values())
    record_property("emails", BATCH)
    record_property("sigkills", len(KILLS_AT))
    record_property("in flight at a kill", len(in_flight))
    record_property("duplicates", duplicates)
    record_property("seconds", round(elapsed, 1))
    assert len(in_flight) <= len(KILLS_AT)  # one worker process, one email at a time
    assert {message_id for message_id, n in arrivals.items() if n > 1} <= in_flight
    assert all(n <= 2 for n in arrivals.values())


def test_submission_while_redis_is_stopped_is_saved_and_emails_follow(
    fault_worker, rig, client, caplog, record_property
):
    """Redis stops; a council submits: the submission is saved at once, its confirmations wait
    in the outbox, and arrive (once each) after Redis is started again and the sweeper runs."""
    server, sink = rig
    worker = fault_worker()
    application = complete_application(ApplicationFactory())
    user = council_user(organisation=application.organisation)
    client.force_login(user)

    server.stop()
    try:
        started = time.monotonic()
        response = client.post(reverse("applications:check", args=[application.pk]))
        took = time.monotonic() - started
        assert response.status_code == 302, response.content.decode()[:2000]
        application.refresh_from_db()
        assert application.status == "submitted"
        assert took < 3, f"the submission waited {took:.1f}s for the broker"
        record_property("submission seconds with Redis stopped", round(took, 2))
        assert "Could not queue outbound email" in caplog.text
        emails = list(OutboundEmail.objects.filter(kind="application_submitted"))
        assert len(emails) == 4
        assert {e.status for e in emails} == {EmailStatus.QUEUED}
    finally:
        server.start()

    # Beat's next sweep, a few minutes later: it runs in the worker, which has reconnected.
    OutboundEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    worker.wait_until(worker.ping, timeout=30, what="the worker to reconnect to Redis")
    requeue_unsent_email.delay()
    recipients = [e.to_email for e in emails]
    worker.wait_until(
        lambda: count(EmailStatus.SENT) == 4,
        timeout=30,
        what="the 4 confirmations to be sent after Redis came back",
    )
    worker.wait_until_idle()
    assert [len(sink.to(address)) for address in recipients] == [1, 1, 1, 1]


def test_421_then_accepted_is_delivered_once_after_a_retry(fault_worker, rig):
    _, sink = rig
    worker = fault_worker()
    email = services.queue_rendered_email(
        kind="fault_test",
        to_email="busy-council@example.org",
        subject="Try again",
        body_text="Hello",
        reason="Integration test",
    )
    worker.wait_until(
        lambda: count(EmailStatus.SENT) == 1, what="the email to be sent after a retry"
    )
    worker.wait_until_idle()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")
    assert sink.attempts["busy-council@example.org"] == 2
    assert len(sink.to("busy-council@example.org")) == 1
    assert "Retry in" in worker.log()  # Celery's own retry, with its countdown


def test_550_is_failed_visible_in_the_outbox_and_not_retried(fault_worker, rig, client):
    _, sink = rig
    worker = fault_worker()
    email = services.queue_rendered_email(
        kind="fault_test",
        to_email="reject-council@example.org",
        subject="Refused",
        body_text="Hello",
        reason="Integration test",
    )
    worker.wait_until(lambda: count(EmailStatus.FAILED) == 1, what="the email to be failed")
    worker.wait_until_idle()
    time.sleep(1.5)  # longer than a retry would wait
    worker.wait_until_idle()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.FAILED, 1, REJECTED)
    assert sink.attempts["reject-council@example.org"] == 1
    assert sink.to("reject-council@example.org") == []

    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    page = client.get(reverse("notifications:outbox"), {"status": "failed"}).content.decode()
    assert "Refused" in page and REJECTED in page
