"""Reminders to councils with a draft: due N calendar days before the closing date-time at the
same London wall-clock time, across the clock changes; each sent once however often beat sweeps;
and never to a council that has submitted, even if it submitted after the reminder was written."""

import datetime

import pytest
import time_machine
from django.conf import settings

from applications import services
from applications.enums import ApplicationStatus
from applications.services import reminders
from applications.tasks import queue_draft_reminders
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from programmes.models import DeadlineExtension
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    council_user,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def draft_closing_at(closes_at, *, started, reminder_days=None, members=1, **programme_fields):
    """A council's draft in a programme closing at `closes_at`, started at `started`."""
    with time_machine.travel(started, tick=False):
        fields = {"draft_reminder_days": reminder_days} if reminder_days is not None else {}
        programme = ProgrammeFactory(
            opens_at=started - datetime.timedelta(days=30),
            closes_at=closes_at,
            **fields,
            **programme_fields,
        )
        people = [council_user() for _ in range(members)]
        organisation = people[0].memberships.get().organisation
        for person in people[1:]:
            person.memberships.update(organisation=organisation)
        application = ApplicationFactory(
            programme=programme, organisation=organisation, created_by=people[0]
        )
    return application, people


def sweep(at: datetime.datetime, capture) -> int:
    """Run the sweep as beat would at `at`, sending what it writes (eager Celery, real SMTP)."""
    with time_machine.travel(at, tick=False), capture(execute=True):
        return queue_draft_reminders.delay().get()


def reminders_sent() -> list[tuple[str, str]]:
    return sorted(
        OutboundEmail.objects.filter(kind=reminders.KIND).values_list("dedup_key", "status")
    )


CLOCK_CHANGES = [
    pytest.param(
        # Clocks go forward on Sunday 29 March 2026: the 7-day reminder is at 5pm GMT, the
        # 1-day reminder and the deadline at 5pm BST.
        london(2026, 4, 3, 17, 0),
        utc(2026, 3, 27, 17, 0),
        utc(2026, 4, 2, 16, 0),
        "Friday 3 April 2026, 5pm",
        id="spring-forward",
    ),
    pytest.param(
        # Clocks go back on Sunday 25 October 2026: 7-day reminder at 5pm BST, the rest GMT.
        london(2026, 10, 30, 17, 0),
        utc(2026, 10, 23, 16, 0),
        utc(2026, 10, 29, 17, 0),
        "Friday 30 October 2026, 5pm",
        id="fall-back",
    ),
]


@pytest.mark.parametrize(("closes_at", "seven_days", "one_day", "closing_text"), CLOCK_CHANGES)
def test_reminders_fall_due_at_the_london_time_each_once(
    closes_at,
    seven_days,
    one_day,
    closing_text,
    smtp_sink,
    django_capture_on_commit_callbacks,
):
    """Friday 3 April 2026, 5pm: reminders at 5pm GMT on 27 March and 5pm BST on 2 April."""
    application, [person] = draft_closing_at(closes_at, started=seven_days - datetime.timedelta(10))
    second = datetime.timedelta(seconds=1)
    seven_key = reminders.dedup_key(
        application_id=application.pk, days=7, user_id=person.pk, closes_at=closes_at
    )
    one_key = reminders.dedup_key(
        application_id=application.pk, days=1, user_id=person.pk, closes_at=closes_at
    )
    capture = django_capture_on_commit_callbacks

    assert sweep(seven_days - second, capture) == 0
    assert reminders_sent() == []

    assert sweep(seven_days, capture) == 1
    for minutes in [0, 5, 10, 60 * 24, 60 * 24 * 3]:  # beat keeps sweeping
        assert sweep(seven_days + datetime.timedelta(minutes=minutes), capture) == 0
    assert sweep(one_day - second, capture) == 0
    assert reminders_sent() == [(seven_key, EmailStatus.SENT)]

    assert sweep(one_day, capture) == 1
    for minutes in [0, 5, 60, 60 * 23]:
        assert sweep(one_day + datetime.timedelta(minutes=minutes), capture) == 0
    assert sweep(closes_at, capture) == 0
    assert sweep(closes_at + datetime.timedelta(days=1), capture) == 0
    assert reminders_sent() == sorted([(seven_key, EmailStatus.SENT), (one_key, "sent")])

    week, day = smtp_sink.to(person.email)
    assert (
        "Applications close in 7 days: " + closing_text in week.get_body(("plain",)).get_content()
    )
    assert "Applications close tomorrow: " + closing_text in day.get_body(("plain",)).get_content()
    assert "not submitted yet" in day["Subject"]
    assert (
        f"{settings.SITE_URL}/applications/{application.pk}/"
        in day.get_body(("plain",)).get_content()
    )


def test_due_times_keep_the_london_wall_clock_across_both_changes():
    spring = reminders.reminder_due_times(closes_at=london(2026, 4, 3, 17), days=[7, 1])
    autumn = reminders.reminder_due_times(closes_at=london(2026, 10, 30, 17), days=[7, 1])
    assert spring == {7: utc(2026, 3, 27, 17), 1: utc(2026, 4, 2, 16)}
    assert autumn == {7: utc(2026, 10, 23, 16), 1: utc(2026, 10, 29, 17)}
    assert {due.astimezone(LONDON).hour for due in [*spring.values(), *autumn.values()]} == {17}


def test_every_member_of_the_council_is_reminded_once(django_capture_on_commit_callbacks):
    closes_at = london(2026, 6, 12, 17)
    application, people = draft_closing_at(closes_at, started=london(2026, 5, 1, 9), members=2)
    starter = UserFactory()  # started the draft, membership since removed
    inactive = UserFactory(is_active=False)
    MembershipFactory(user=inactive, organisation=application.organisation)
    application.created_by = starter
    application.save()

    for _ in range(3):
        sweep(london(2026, 6, 5, 17, 1), django_capture_on_commit_callbacks)

    recipients = OutboundEmail.objects.filter(kind=reminders.KIND).values_list(
        "to_email", flat=True
    )
    assert sorted(recipients) == sorted([people[0].email, people[1].email, starter.email])


def test_no_reminder_once_the_council_has_submitted(django_capture_on_commit_callbacks):
    closes_at = london(2026, 6, 12, 17)
    application, [person] = draft_closing_at(closes_at, started=london(2026, 5, 1, 9))
    complete_application(application)
    with time_machine.travel(london(2026, 6, 4, 10), tick=False):
        services.submit_application(application_id=application.pk, by=person)

    assert sweep(london(2026, 6, 5, 17, 1), django_capture_on_commit_callbacks) == 0
    assert sweep(london(2026, 6, 11, 17, 1), django_capture_on_commit_callbacks) == 0
    assert not OutboundEmail.objects.filter(kind=reminders.KIND).exists()


def test_reminder_written_before_a_submission_is_cancelled_when_sent(
    smtp_sink, django_capture_on_commit_callbacks
):
    """The reminder waited in the outbox (broker down) while the council submitted: the send
    checks again and cancels it, saying why."""
    closes_at = london(2026, 6, 12, 17)
    application, [person] = draft_closing_at(closes_at, started=london(2026, 5, 1, 9))
    complete_application(application)
    with time_machine.travel(london(2026, 6, 5, 17, 1), tick=False):
        with django_capture_on_commit_callbacks() as waiting:  # written, not yet sent
            assert reminders.queue_due_draft_reminders() == 1
        services.submit_application(application_id=application.pk, by=person)
        smtp_sink.clear()
        for send in waiting:
            send()

    reminder = OutboundEmail.objects.get(kind=reminders.KIND)
    assert reminder.status == EmailStatus.CANCELLED
    assert reminder.last_error == "Not sent: the expression of interest is submitted."
    assert [m["Subject"] for m in smtp_sink.to(person.email)] == []


def test_reminder_is_cancelled_if_it_waited_past_the_closing_time(
    django_capture_on_commit_callbacks,
):
    closes_at = london(2026, 6, 12, 17)
    draft_closing_at(closes_at, started=london(2026, 5, 1, 9))
    with (
        time_machine.travel(london(2026, 6, 11, 17, 1), tick=False),
        django_capture_on_commit_callbacks() as waiting,
    ):
        reminders.queue_due_draft_reminders()
    with time_machine.travel(london(2026, 6, 12, 17, 1), tick=False):
        for send in waiting:
            send()
    reminder = OutboundEmail.objects.get(kind=reminders.KIND)
    assert (reminder.status, reminder.last_error) == (
        EmailStatus.CANCELLED,
        "Not sent: the closing date has passed.",
    )


def test_an_extension_moves_the_reminders(django_capture_on_commit_callbacks):
    closes_at = london(2026, 6, 12, 17)
    application, _ = draft_closing_at(closes_at, started=london(2026, 5, 1, 9))
    DeadlineExtension.objects.create(
        programme=application.programme,
        organisation=application.organisation,
        closes_at=london(2026, 6, 19, 12),
        reason="Flooding",
    )
    capture = django_capture_on_commit_callbacks
    assert sweep(london(2026, 6, 5, 17, 1), capture) == 0  # 7 days before the programme closes
    assert sweep(london(2026, 6, 12, 12), capture) == 1  # 7 days before its own closing time
    assert sweep(london(2026, 6, 13, 9), capture) == 0  # the programme has closed; not for them
    assert sweep(london(2026, 6, 18, 12), capture) == 1
    assert sweep(london(2026, 6, 19, 12), capture) == 0
    keys = OutboundEmail.objects.filter(kind="draft_reminder").values_list("dedup_key", flat=True)
    assert sorted(k.split(":")[2] for k in keys) == ["1d", "7d"]


def test_an_extension_granted_after_the_last_reminder_brings_a_new_one(
    django_capture_on_commit_callbacks,
):
    closes_at = london(2026, 6, 12, 17)
    application, _ = draft_closing_at(closes_at, started=london(2026, 5, 1, 9))
    capture = django_capture_on_commit_callbacks
    assert sweep(london(2026, 6, 11, 17), capture) == 1  # "closes tomorrow"
    DeadlineExtension.objects.create(
        programme=application.programme,
        organisation=application.organisation,
        closes_at=london(2026, 6, 26, 17),
        reason="Cyber attack",
    )
    assert sweep(london(2026, 6, 19, 17), capture) == 1  # 7 days before the new closing time
    assert sweep(london(2026, 6, 25, 17), capture) == 1  # and the day before it
    assert sweep(london(2026, 6, 25, 18), capture) == 0
    assert OutboundEmail.objects.filter(kind="draft_reminder").count() == 3


@pytest.mark.parametrize(
    ("started", "expected"),
    [
        (london(2026, 6, 1, 9), ["7d", "1d"]),
        (london(2026, 6, 8, 9), ["1d"]),  # started inside the last week: no "7 days" reminder
        (london(2026, 6, 12, 9), []),  # started on the last day: nothing to remind of
    ],
)
def test_reminders_that_fell_due_before_the_draft_began_are_skipped(
    started, expected, django_capture_on_commit_callbacks
):
    draft_closing_at(london(2026, 6, 12, 17), started=started)
    sent = []
    for at in [london(2026, 6, 5, 17), london(2026, 6, 11, 17), london(2026, 6, 12, 16)]:
        if at > started:
            sweep(at, django_capture_on_commit_callbacks)
            sent = [key.split(":")[2] for key, _ in reminders_sent()]
    assert sorted(sent) == sorted(expected)


def test_when_beat_was_down_only_the_latest_due_reminder_goes(django_capture_on_commit_callbacks):
    draft_closing_at(london(2026, 6, 12, 17), started=london(2026, 5, 1, 9))
    # Nothing swept between 4 June and 11 June 18:00: both reminders are due; one goes.
    assert sweep(london(2026, 6, 11, 18), django_capture_on_commit_callbacks) == 1
    assert [key.split(":")[2] for key, _ in reminders_sent()] == ["1d"]


def test_the_programme_chooses_its_reminder_days(django_capture_on_commit_callbacks):
    draft_closing_at(
        london(2026, 6, 12, 17), started=london(2026, 5, 1, 9), reminder_days=[3, "x", -1, 3]
    )
    capture = django_capture_on_commit_callbacks
    assert sweep(london(2026, 6, 5, 17, 1), capture) == 0
    assert sweep(london(2026, 6, 9, 17, 1), capture) == 1
    assert sweep(london(2026, 6, 11, 17, 1), capture) == 0
    assert [key.split(":")[2] for key, _ in reminders_sent()] == ["3d"]


def test_no_reminders_when_the_programme_turns_them_off_or_is_unpublished(
    django_capture_on_commit_callbacks,
):
    draft_closing_at(london(2026, 6, 12, 17), started=london(2026, 5, 1, 9), reminder_days=[])
    draft_closing_at(london(2026, 6, 12, 17), started=london(2026, 5, 1, 9), is_published=False)
    assert sweep(london(2026, 6, 11, 17, 1), django_capture_on_commit_callbacks) == 0


def test_beat_runs_the_sweep_every_few_minutes():
    [entry] = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == queue_draft_reminders.name
    ]
    assert entry["schedule"] <= 300
    assert settings.CELERY_TIMEZONE == "UTC"


def test_sweep_queries_do_not_grow_with_recipients(django_assert_max_num_queries):
    application, _ = draft_closing_at(
        london(2026, 6, 12, 17), started=london(2026, 5, 1, 9), members=5
    )
    assert application.status == ApplicationStatus.DRAFT
    # Drafts + their members (2), the closing time and the programme's wording (2), a
    # transaction (2), and per email a savepoint (2), a dedup check and an insert.
    with (
        time_machine.travel(london(2026, 6, 11, 17, 1), tick=False),
        django_assert_max_num_queries(2 + 2 + 2 + 5 * 4),
    ):
        assert reminders.queue_due_draft_reminders() == 5
