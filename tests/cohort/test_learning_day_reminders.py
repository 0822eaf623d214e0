"""Learning-day reminders: those who have not answered are reminded 7 days before the day, those
coming 2 days before, at the day's London wall-clock time across the clock change; each once
however often beat sweeps; never about a cancelled day; checked again when sent."""

import datetime
import re

import pytest
import time_machine

from cohort import invitation_links
from cohort.emails import learning_days as ld_emails
from cohort.enums import InvitationAnswer
from cohort.models import LearningDayInvitation, Project, ProjectMember
from cohort.services import learning_day_reminders as reminders_service
from cohort.services import learning_days as service
from cohort.services.learning_days import LearningDayDetails
from cohort.tasks import queue_learning_day_reminders
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import send_outbound_email
from programmes.dates import LONDON
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SECOND = datetime.timedelta(seconds=1)
# Thursday 2 April 2026, 10am BST. Clocks go forward on Sunday 29 March.
STARTS = datetime.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
ENDS = datetime.datetime(2026, 4, 2, 16, 0, tzinfo=LONDON)
INVITED = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SEVEN_DAYS = datetime.datetime(2026, 3, 26, 10, 0, tzinfo=UTC)  # 10am GMT, Thursday 26 March
TWO_DAYS = datetime.datetime(2026, 3, 31, 9, 0, tzinfo=UTC)  # 10am BST, Tuesday 31 March


def details(**overrides) -> LearningDayDetails:
    fields = {
        "sequence": 1,
        "title": "Learning day 1",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "venue_name": "Local Government House",
    }
    return LearningDayDetails(**{**fields, **overrides})


@pytest.fixture
def invitations(django_capture_on_commit_callbacks):
    """Three people invited on 1 March 2026 to the day: Ann, Ben and Cat, none answered yet."""
    with time_machine.travel(INVITED, tick=False):
        programme = ProgrammeFactory()
        project = Project.objects.create(
            programme=programme, organisation=OrganisationFactory(), key_question="Q"
        )
        for position, name in enumerate(["Ann", "Ben", "Cat"], start=1):
            ProjectMember.objects.create(
                project=project, position=position, name=name, email=f"{name.lower()}@example.org"
            )
        day = service.schedule_learning_day(programme_id=programme.pk, details=details())
        with django_capture_on_commit_callbacks(execute=True):
            service.invite_cohort(learning_day_id=day.pk)
    return {i.name: i for i in day.invitations.all()}


def answer(invitation, value, *, at=INVITED + datetime.timedelta(days=1)):
    with time_machine.travel(at, tick=False):
        service.answer_invitation(invitation_id=invitation.pk, answer=value)


def sweep(at: datetime.datetime, capture) -> int:
    """Run the sweep as beat would at `at`, sending what it writes (eager Celery, real SMTP)."""
    with time_machine.travel(at, tick=False), capture(execute=True):
        return queue_learning_day_reminders.delay().get()


def reminders() -> list[tuple[str, str, str]]:
    return sorted(
        OutboundEmail.objects.filter(
            kind__in=[ld_emails.ANSWER_REMINDER, ld_emails.DAY_REMINDER]
        ).values_list("to_email", "kind", "status")
    )


def test_due_times_follow_the_london_clock():
    assert reminders_service.reminder_due_times(starts_at=STARTS, days=[7, 2]) == {
        7: SEVEN_DAYS,
        2: TWO_DAYS,
    }


def test_answer_reminder_7_days_before_and_day_reminder_2_days_before_each_once(
    invitations, smtp_sink, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    answer(invitations["Ann"], InvitationAnswer.ACCEPTED)
    answer(invitations["Ben"], InvitationAnswer.DECLINED)
    smtp_sink.clear()

    assert sweep(SEVEN_DAYS - SECOND, capture) == 0
    assert sweep(SEVEN_DAYS, capture) == 1
    for minutes in [0, 5, 60, 60 * 24]:  # beat keeps sweeping
        assert sweep(SEVEN_DAYS + datetime.timedelta(minutes=minutes), capture) == 0
    assert reminders() == [("cat@example.org", ld_emails.ANSWER_REMINDER, EmailStatus.SENT)]
    [message] = smtp_sink.to("cat@example.org")
    programme = invitations["Cat"].learning_day.programme
    assert message["Subject"].strip() == (
        f"Reminder: can you come to Learning day 1 of “{programme.title}”?"
    )
    body = message.get_body(("plain",)).get_content()
    assert "is in 7 days, and we have not heard" in body
    signed = re.search(r"/learning-days/answer/(\S+?)/\s", body).group(1)
    with time_machine.travel(SEVEN_DAYS, tick=False):
        assert invitation_links.read_invitation_link(signed) == invitations["Cat"].pk
    # The link answers for Cat: staff see that the reminder went, not its body.
    assert OutboundEmail.objects.get(kind=ld_emails.ANSWER_REMINDER).hide_body_from_staff
    assert OutboundEmail.objects.get(kind=ld_emails.ANSWER_REMINDER).dedup_key == (
        f"learning_day_answer_reminder:{invitations['Cat'].pk}:7d:starts-20260402T0900"
    )

    assert sweep(TWO_DAYS - SECOND, capture) == 0
    assert sweep(TWO_DAYS, capture) == 1
    assert sweep(TWO_DAYS + datetime.timedelta(minutes=5), capture) == 0
    assert reminders() == [
        ("ann@example.org", ld_emails.DAY_REMINDER, EmailStatus.SENT),
        ("cat@example.org", ld_emails.ANSWER_REMINDER, EmailStatus.SENT),
    ]
    [message] = smtp_sink.to("ann@example.org")
    assert message["Subject"].strip() == (
        f"Reminder: Learning day 1 of “{programme.title}” is in 2 days"
    )
    # Ben declined: nothing. Nothing more once the day has started.
    assert smtp_sink.to("ben@example.org") == []
    assert sweep(STARTS, capture) == 0


def test_someone_who_answered_gets_no_answer_reminder(
    invitations, django_capture_on_commit_callbacks
):
    for name in ["Ann", "Ben", "Cat"]:
        answer(invitations[name], InvitationAnswer.DECLINED)
    assert sweep(SEVEN_DAYS, django_capture_on_commit_callbacks) == 0
    assert sweep(TWO_DAYS, django_capture_on_commit_callbacks) == 0
    assert reminders() == []


def test_a_cancelled_day_reminds_nobody(invitations, django_capture_on_commit_callbacks):
    answer(invitations["Ann"], InvitationAnswer.ACCEPTED)
    with time_machine.travel(INVITED + datetime.timedelta(days=2), tick=False):
        service.cancel_learning_day(learning_day_id=invitations["Ann"].learning_day_id)
    assert sweep(SEVEN_DAYS, django_capture_on_commit_callbacks) == 0
    assert sweep(TWO_DAYS, django_capture_on_commit_callbacks) == 0
    assert reminders() == []


def test_someone_invited_after_the_due_time_is_not_reminded_of_it(
    invitations, django_capture_on_commit_callbacks
):
    late = invitations["Ann"]
    LearningDayInvitation.objects.filter(pk=late.pk).update(invited_at=SEVEN_DAYS + SECOND)
    LearningDayInvitation.objects.exclude(pk=late.pk).update(answer="declined", answered_at=INVITED)
    assert sweep(SEVEN_DAYS + datetime.timedelta(hours=1), django_capture_on_commit_callbacks) == 0
    assert reminders() == []


def test_a_late_sweep_sends_one_reminder_of_each_kind(
    invitations, django_capture_on_commit_callbacks
):
    """Beat was down until the day before: Ann (coming) and Ben and Cat (not answered) get one
    reminder each, not one per occasion missed."""
    answer(invitations["Ann"], InvitationAnswer.ACCEPTED)
    day_before = TWO_DAYS + datetime.timedelta(days=1)
    assert sweep(day_before, django_capture_on_commit_callbacks) == 3
    assert sweep(day_before + SECOND, django_capture_on_commit_callbacks) == 0
    assert [(email, kind) for email, kind, _ in reminders()] == [
        ("ann@example.org", ld_emails.DAY_REMINDER),
        ("ben@example.org", ld_emails.ANSWER_REMINDER),
        ("cat@example.org", ld_emails.ANSWER_REMINDER),
    ]


def test_a_reminder_is_not_sent_if_the_person_answered_meanwhile(
    invitations, smtp_sink, django_capture_on_commit_callbacks
):
    for name in ["Ann", "Ben"]:
        answer(invitations[name], InvitationAnswer.DECLINED)
    smtp_sink.clear()
    with time_machine.travel(SEVEN_DAYS, tick=False):
        assert reminders_service.queue_due_learning_day_reminders() == 1  # written, not yet sent
        answer(invitations["Cat"], InvitationAnswer.ACCEPTED, at=SEVEN_DAYS)
        email = OutboundEmail.objects.get(kind=ld_emails.ANSWER_REMINDER)
        assert send_outbound_email(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == EmailStatus.CANCELLED
    assert email.last_error == "Not sent: the invitee has answered “Coming”."
    assert smtp_sink.messages == []


def test_a_moved_day_reminds_again_and_the_old_reminder_is_not_sent(
    invitations, smtp_sink, django_capture_on_commit_callbacks
):
    answer(invitations["Ann"], InvitationAnswer.ACCEPTED)
    for name in ["Ben", "Cat"]:
        answer(invitations[name], InvitationAnswer.DECLINED)
    with time_machine.travel(TWO_DAYS, tick=False):
        assert reminders_service.queue_due_learning_day_reminders() == 1  # waits in the outbox
        old = OutboundEmail.objects.get(kind=ld_emails.DAY_REMINDER)
        later = details(
            starts_at=STARTS + datetime.timedelta(hours=2),
            ends_at=ENDS + datetime.timedelta(hours=2),
        )
        service.change_learning_day(
            learning_day_id=invitations["Ann"].learning_day_id, details=later
        )
        assert send_outbound_email(email_id=old.pk) is False
    old.refresh_from_db()
    assert old.status == EmailStatus.CANCELLED
    assert "moved" in old.last_error
    smtp_sink.clear()
    # The new time's 2-day reminder is due at noon BST on 31 March.
    assert (
        sweep(TWO_DAYS + datetime.timedelta(hours=2) - SECOND, django_capture_on_commit_callbacks)
        == 0
    )
    assert sweep(TWO_DAYS + datetime.timedelta(hours=2), django_capture_on_commit_callbacks) == 1
    assert len(smtp_sink.to("ann@example.org")) == 1


def test_a_reminder_is_not_sent_once_the_day_is_cancelled(
    invitations, smtp_sink, django_capture_on_commit_callbacks
):
    with time_machine.travel(SEVEN_DAYS, tick=False):
        assert reminders_service.queue_due_learning_day_reminders() == 3
        service.cancel_learning_day(learning_day_id=invitations["Ann"].learning_day_id)
        for email in OutboundEmail.objects.filter(kind=ld_emails.ANSWER_REMINDER):
            assert send_outbound_email(email_id=email.pk) is False
    assert {status for _, _, status in reminders()} == {EmailStatus.CANCELLED}
