"""Consultants are asked for a project's progress update when one is due: the programme's number
of weeks after the latest update (before the first, after the project or the programme started),
at 9am on the London wall clock, through the clock changes; each occasion once however often beat
sweeps; never after the programme ends, never for a project without a consultant; and cancelled
when sent if the update was written meanwhile or the project has another consultant."""

import datetime

import pytest
import time_machine
from django.conf import settings

from accounts.enums import StaffRole
from cohort.models import Project
from cohort.services import progress
from cohort.services.progress import assign_consultant, record_progress_update
from cohort.tasks import queue_progress_update_reminders
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
KIND = "progress_update_due"


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def project_running(runs_from, runs_until, *, weeks=4, consultant=True, started=None) -> Project:
    """A cohort project, started (with its consultant) before the programme runs."""
    if started is None:
        started = london(runs_from.year, runs_from.month, runs_from.day) - datetime.timedelta(7)
    with time_machine.travel(started, tick=False):
        programme = ProgrammeFactory(
            opens_at=started - datetime.timedelta(days=60),
            closes_at=started - datetime.timedelta(days=30),
            decisions_due=(started - datetime.timedelta(days=20)).date(),
            runs_from=runs_from,
            runs_until=runs_until,
            progress_update_every_weeks=weeks,
        )
        return Project.objects.create(
            programme=programme,
            organisation=OrganisationFactory(),
            key_question="How can schools and services work together?",
            consultant=UserFactory(role=StaffRole.CONSULTANT, name="Janet Consultant")
            if consultant
            else None,
        )


def sweep(at: datetime.datetime, capture) -> int:
    """Run the sweep as beat would at `at`, sending what it writes (eager Celery, real SMTP)."""
    with time_machine.travel(at, tick=False), capture(execute=True):
        return queue_progress_update_reminders.delay().get()


def reminders_sent() -> list[tuple[str, str]]:
    return sorted(OutboundEmail.objects.filter(kind=KIND).values_list("dedup_key", "status"))


CLOCK_CHANGES = [
    pytest.param(
        # Runs from Monday 2 March 2026; four weeks later is Monday 30 March, the day after the
        # clocks go forward: 9am BST is 08:00 UTC.
        datetime.date(2026, 3, 2),
        utc(2026, 3, 30, 8, 0),
        "Monday 30 March 2026",
        "20260330",
        id="spring-forward",
    ),
    pytest.param(
        # Runs from Monday 5 October 2026; four weeks later is Monday 2 November, after the
        # clocks go back on 25 October: 9am GMT is 09:00 UTC.
        datetime.date(2026, 10, 5),
        utc(2026, 11, 2, 9, 0),
        "Monday 2 November 2026",
        "20261102",
        id="fall-back",
    ),
]


@pytest.mark.parametrize(("runs_from", "due_at", "due_text", "due_key"), CLOCK_CHANGES)
def test_an_update_falls_due_at_9am_london_time_and_is_asked_for_once(
    runs_from, due_at, due_text, due_key, smtp_sink, django_capture_on_commit_callbacks
):
    project = project_running(runs_from, runs_from + datetime.timedelta(days=150))
    consultant = project.consultant
    capture = django_capture_on_commit_callbacks
    second = datetime.timedelta(seconds=1)

    assert sweep(due_at - second, capture) == 0
    assert sweep(due_at - datetime.timedelta(hours=1), capture) == 0
    assert reminders_sent() == []

    assert sweep(due_at, capture) == 1
    for minutes in [0, 5, 10, 60, 60 * 24, 60 * 24 * 6]:  # beat keeps sweeping
        assert sweep(due_at + datetime.timedelta(minutes=minutes), capture) == 0
    key = f"progress-update:{project.pk}:user-{consultant.pk}:due-{due_key}"
    assert reminders_sent() == [(key, EmailStatus.SENT)]
    assert due_at.astimezone(LONDON).hour == 9

    [message] = smtp_sink.to(consultant.email)
    body = message.get_body(("plain",)).get_content()
    council = project.organisation.name
    subject = " ".join(message["Subject"].split())
    assert subject == f"A progress update on {council}’s project is due"
    assert "Dear Janet Consultant," in body
    assert f"is due on {due_text}. Latest update: none yet." in body
    assert f"{settings.SITE_URL}/projects/{project.pk}/progress/new/" in body
    email = OutboundEmail.objects.get(kind=KIND)
    assert (email.related, email.scope) == (project, project.programme)


def test_an_update_moves_the_next_one_and_each_is_asked_for(django_capture_on_commit_callbacks):
    project = project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31))
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(london(2026, 3, 16, 15), tick=False):
        record_progress_update(
            project_id=project.pk,
            status="green",
            summary="Met the team.",
            next_steps="",
            by=project.consultant,
        )
    assert sweep(london(2026, 3, 30, 9), capture) == 0  # no longer due then
    assert sweep(london(2026, 4, 13, 8, 59), capture) == 0
    assert sweep(london(2026, 4, 13, 9), capture) == 1
    [(key, _)] = reminders_sent()
    assert key.endswith(":due-20260413")
    assert "Latest update: Monday 16 March 2026." in OutboundEmail.objects.get().body_text


def test_an_update_written_after_the_reminder_cancels_it_when_sent(
    smtp_sink, django_capture_on_commit_callbacks
):
    """The reminder waited in the outbox (broker down) while the consultant wrote the update:
    the send checks again and cancels it, saying why."""
    project = project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31))
    with (
        time_machine.travel(london(2026, 3, 30, 9, 1), tick=False),
        django_capture_on_commit_callbacks() as waiting,  # written, not yet sent
    ):
        assert progress.queue_due_progress_update_reminders() == 1
    with time_machine.travel(london(2026, 3, 30, 9, 30), tick=False):
        record_progress_update(
            project_id=project.pk,
            status="amber",
            summary="Slower than planned.",
            next_steps="",
            by=project.consultant,
        )
        for send in waiting:
            send()

    reminder = OutboundEmail.objects.get(kind=KIND)
    assert (reminder.status, reminder.last_error) == (
        EmailStatus.CANCELLED,
        "Not sent: a progress update has been written since.",
    )
    assert smtp_sink.to(project.consultant.email) == []


def test_a_new_consultant_cancels_the_old_reminder_and_gets_their_own(
    smtp_sink, django_capture_on_commit_callbacks
):
    project = project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31))
    first = project.consultant
    second = UserFactory(role=StaffRole.CONSULTANT)
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    with time_machine.travel(london(2026, 3, 30, 9, 1), tick=False):
        with django_capture_on_commit_callbacks() as waiting:
            assert progress.queue_due_progress_update_reminders() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assign_consultant(project_id=project.pk, consultant=second, by=manager)
        for send in waiting:
            send()
    old = OutboundEmail.objects.get(kind=KIND, to_email=first.email)
    assert (old.status, old.last_error) == (
        EmailStatus.CANCELLED,
        "Not sent: the project has a different consultant now.",
    )
    assert sweep(london(2026, 3, 30, 9, 5), django_capture_on_commit_callbacks) == 1
    subjects = sorted(" ".join(m["Subject"].split()) for m in smtp_sink.to(second.email))
    assert [subject.split()[0] for subject in subjects] == ["A", "You"]  # due, and assigned
    assert smtp_sink.to(first.email) == []


def test_a_project_without_a_consultant_gets_nothing(django_capture_on_commit_callbacks):
    project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31), consultant=False)
    assert sweep(london(2026, 3, 30, 9), django_capture_on_commit_callbacks) == 0
    assert sweep(london(2026, 5, 30, 9), django_capture_on_commit_callbacks) == 0
    assert reminders_sent() == []


def test_an_inactive_consultant_gets_nothing(django_capture_on_commit_callbacks):
    project = project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31))
    project.consultant.is_active = False
    project.consultant.save()
    assert sweep(london(2026, 3, 30, 9), django_capture_on_commit_callbacks) == 0


def test_nothing_is_due_after_the_programme_ends(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    # Due on Monday 30 March, a day after the programme ends: never asked for.
    project_running(datetime.date(2026, 3, 2), datetime.date(2026, 3, 29))
    assert sweep(london(2026, 3, 30, 9), capture) == 0
    assert sweep(london(2026, 4, 30, 9), capture) == 0
    # Due on its last day: asked for that morning.
    ends_that_day = project_running(datetime.date(2026, 3, 2), datetime.date(2026, 3, 30))
    assert sweep(london(2026, 3, 30, 9), capture) == 1
    [(key, _)] = reminders_sent()
    assert key.startswith(f"progress-update:{ends_that_day.pk}:")
    # A reminder that beat missed on the last day is not sent once the programme has ended.
    OutboundEmail.objects.all().delete()
    assert sweep(london(2026, 3, 31, 9), capture) == 0


def test_the_programme_chooses_how_many_weeks_apart(django_capture_on_commit_callbacks):
    project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31), weeks=2)
    assert sweep(london(2026, 3, 16, 9), django_capture_on_commit_callbacks) == 1
    [(key, _)] = reminders_sent()
    assert key.endswith(":due-20260316")


def test_a_project_started_after_the_programme_counts_from_its_start(
    django_capture_on_commit_callbacks,
):
    project_running(
        datetime.date(2026, 3, 2), datetime.date(2026, 7, 31), started=london(2026, 3, 11, 15)
    )
    assert sweep(london(2026, 3, 30, 9), django_capture_on_commit_callbacks) == 0
    assert sweep(london(2026, 4, 8, 9), django_capture_on_commit_callbacks) == 1


def test_beat_runs_the_sweep_every_few_minutes():
    [entry] = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == queue_progress_update_reminders.name
    ]
    assert entry["schedule"] <= 300


def test_sweep_queries_do_not_grow_with_projects(django_assert_max_num_queries):
    for _ in range(5):
        project_running(datetime.date(2026, 3, 2), datetime.date(2026, 7, 31))
    # Projects with their latest update (1), the programmes' wording (1 each: 5), and per
    # email a transaction and savepoint (4), a dedup check and an insert.
    with (
        time_machine.travel(london(2026, 3, 30, 9, 1), tick=False),
        django_assert_max_num_queries(1 + 5 + 5 * 6),
    ):
        assert progress.queue_due_progress_update_reminders() == 5
