"""Learning-day reminders (beat runs `queue_due_learning_day_reminders` every few minutes): those
who have not answered are reminded 7 days before the day starts, those coming 2 days before, on
the Europe/London wall clock (as applications.services.reminders). Each is written once per
deduplication key `<kind>:<invitation>:<days>d:starts-<start in UTC>`, so a day that is moved
reminds again; the send condition (cohort.emails.learning_days) checks again, when the email is
finally sent, that it is still wanted.
"""

import datetime

from django.utils import timezone

from cohort.emails.learning_days import (
    ANSWER_REMINDER,
    REMINDERS,
    placeholder_values,
    start_stamp,
)
from cohort.models import LearningDayInvitation
from notifications import editable
from notifications.services import queue_editable_email_once
from programmes.dates import LONDON


def reminder_due_times(
    *, starts_at: datetime.datetime, days: list[int]
) -> dict[int, datetime.datetime]:
    """When each reminder falls due: `days` calendar days before the start, same London time.

    A learning day at 10am BST on Thursday 2 April 2026 gives 10am GMT on Thursday 26 March
    (10:00 UTC) for 7 days and 10am BST on Tuesday 31 March (09:00 UTC) for 2 days.
    """
    local = starts_at.astimezone(LONDON)
    return {n: (local - datetime.timedelta(days=n)).astimezone(datetime.UTC) for n in days}


def reminder_dedup_key(
    *, kind: str, invitation_id: int, days: int, starts_at: datetime.datetime
) -> str:
    """Once per kind, invitation, occasion and start time: a day that moves reminds again."""
    return f"{kind}:{invitation_id}:{days}d:starts-{start_stamp(starts_at)}"


def invitations_that_may_need_reminding(*, now: datetime.datetime):
    """Invitations awaiting an answer or accepted, to days not cancelled that are ahead (soon)."""
    longest = max(max(days) for _, days in REMINDERS.values())
    return (
        LearningDayInvitation.objects.filter(
            answer__in=[answer for answer, _ in REMINDERS.values()],
            learning_day__is_cancelled=False,
            learning_day__starts_at__gt=now,
            learning_day__starts_at__lte=now + datetime.timedelta(days=longest + 1),
        )
        .select_related("learning_day__programme")
        .order_by("pk")
    )


def queue_due_learning_day_reminders(*, now: datetime.datetime | None = None) -> int:
    """Write every learning-day reminder that has fallen due and not been written; return how many.

    Side effects: one OutboundEmail per due reminder ("learning_day_answer_reminder" to those
    still to answer, "learning_day_reminder" to those coming), with a deduplication key, each
    sent on commit. When several occasions of a kind are due at once only the latest is sent,
    and an occasion that fell due before the person was invited is not sent at all.
    """
    now = now or timezone.now()
    written = 0
    wordings = {}  # by (kind, programme): the manager's wording, or the default
    for invitation in invitations_that_may_need_reminding(now=now):
        day = invitation.learning_day
        for kind, (answer, days) in REMINDERS.items():
            if invitation.answer != answer:
                continue
            due = [
                (due_at, n)
                for n, due_at in reminder_due_times(starts_at=day.starts_at, days=days).items()
                if invitation.invited_at < due_at <= now
            ]
            if not due:
                continue
            _, occasion = max(due)
            if (kind, day.programme_id) not in wordings:
                wordings[kind, day.programme_id] = editable.wording_for(kind, day.programme)
            email = queue_editable_email_once(
                dedup_key=reminder_dedup_key(
                    kind=kind, invitation_id=invitation.pk, days=occasion, starts_at=day.starts_at
                ),
                kind=kind,
                wording=wordings[kind, day.programme_id],
                values=placeholder_values(invitation=invitation, day=day, days=occasion),
                to_email=invitation.email,
                to_name=invitation.name,
                reason=(
                    f"Asks an invitee who has not answered to say whether they can come, "
                    f"{occasion} days before the learning day."
                    if kind == ANSWER_REMINDER
                    else f"Reminds an invitee who is coming about the learning day, {occasion} "
                    "days before it."
                ),
                related=invitation,
                scope=day.programme,
                # It carries the invitee's signed link to answer, as the invitation does.
                hide_body_from_staff=True,
            )
            written += email is not None
    return written
