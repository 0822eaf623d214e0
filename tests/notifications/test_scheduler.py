"""The scheduler cannot fail silently: beat's heartbeat, and the warning programme managers see."""

import datetime
import logging

import pytest
import time_machine
from django.urls import reverse

from accounts.enums import StaffRole
from notifications import tasks
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail, SchedulerHeartbeat
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

BEAT_RAN = datetime.datetime(2026, 12, 4, 9, 30, tzinfo=datetime.UTC)
WARNING = "Reminders are not being sent: the scheduler last ran at Friday 4 December 2026, 9:30am"


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def managers_pages() -> list[str]:
    programme = ProgrammeFactory()
    return [
        reverse("notifications:outbox"),
        reverse("programmes:manage"),
        reverse("cohort:dashboard", args=[programme.slug]),
    ]


def warnings_on(client, url: str) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200
    return [
        text
        for text in page.content.decode().split("data-scheduler-warning")[1:]
        if "Reminders are not being sent" in text or "schedulers are running" in text
    ]


def test_the_heartbeat_task_records_when_and_which_beat_ran():
    with time_machine.travel(BEAT_RAN, tick=False):
        tasks.record_scheduler_heartbeat.delay(beat="app-1:4242")
    heartbeat = SchedulerHeartbeat.objects.get()
    assert (heartbeat.beat, heartbeat.last_ran_at) == ("app-1:4242", BEAT_RAN)


def test_no_warning_while_the_scheduler_runs(manager_client):
    urls = managers_pages()
    with time_machine.travel(BEAT_RAN, tick=False):
        tasks.record_scheduler_heartbeat.delay(beat="app-1:4242")
    with time_machine.travel(BEAT_RAN + datetime.timedelta(minutes=9, seconds=59), tick=False):
        for url in urls:
            assert warnings_on(manager_client, url) == [], url


def test_every_managers_page_warns_ten_minutes_after_the_scheduler_stopped(manager_client):
    urls = managers_pages()
    with time_machine.travel(BEAT_RAN, tick=False):
        tasks.record_scheduler_heartbeat.delay(beat="app-1:4242")
    with time_machine.travel(BEAT_RAN + datetime.timedelta(minutes=10, seconds=1), tick=False):
        for url in urls:
            page = manager_client.get(url).content.decode()
            assert WARNING + " (10\xa0minutes ago)." in page, url


def test_the_warning_says_when_the_scheduler_never_ran(manager_client):
    page = manager_client.get(reverse("programmes:manage")).content.decode()
    assert "Reminders are not being sent: the scheduler has not run yet." in page


def test_two_beats_at_once_are_reported_on_the_page_and_in_the_log(manager_client, caplog):
    tasks.record_scheduler_heartbeat.delay(beat="app-1:4242")
    with caplog.at_level(logging.ERROR, logger="notifications.services"):
        tasks.record_scheduler_heartbeat.delay(beat="app-2:99")
    assert [r.getMessage() for r in caplog.records if r.name == "notifications.services"] == [
        "More than one beat is running: app-2:99 and app-1:4242"
    ]
    page = manager_client.get(reverse("notifications:outbox")).content.decode()
    assert "2 schedulers are running at once, so scheduled reminders may be sent twice." in page


def test_a_beat_stopped_for_a_day_is_forgotten():
    with time_machine.travel(BEAT_RAN, tick=False):
        tasks.record_scheduler_heartbeat.delay(beat="app-1:4242")
    with time_machine.travel(BEAT_RAN + datetime.timedelta(days=1, minutes=1), tick=False):
        tasks.record_scheduler_heartbeat.delay(beat="app-1:5151")
    assert list(SchedulerHeartbeat.objects.values_list("beat", flat=True)) == ["app-1:5151"]


def test_outbox_shows_how_long_the_oldest_queued_email_has_waited(manager_client):
    def write(status, created_at):
        OutboundEmail.objects.create(
            kind="t", to_email="a@example.org", subject="s", body_text="b", reason="r",
            status=status, created_at=created_at,
        )  # fmt: skip

    outbox = reverse("notifications:outbox")
    with time_machine.travel(BEAT_RAN, tick=False):
        assert "No email is waiting to be sent." in manager_client.get(outbox).content.decode()
        # Held emails wait for a programme manager, not for the service.
        write(EmailStatus.HELD, BEAT_RAN - datetime.timedelta(days=3))
        write(EmailStatus.QUEUED, BEAT_RAN - datetime.timedelta(hours=2, minutes=5))
        write(EmailStatus.QUEUED, BEAT_RAN - datetime.timedelta(minutes=5))
        page = manager_client.get(outbox).content.decode()
    assert (
        "The oldest email waiting to be sent has waited 2\xa0hours, 5\xa0minutes "
        "(since Friday 4 December 2026, 7:25am)." in page
    )
