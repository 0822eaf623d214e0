"""Reminders to councils with a draft expression of interest, before the closing date-time.

Beat runs `queue_due_draft_reminders` every few minutes (in UTC). Each draft's reminders fall
due a number of days before its closing date-time (`Programme.draft_reminder_days`, [7, 1] by
default; extensions for the organisation included), counted in calendar days on the Europe/London
wall clock: a 5pm deadline gets its reminders at 5pm, GMT or BST, whichever is in force that
day. Nothing waits in the broker with an eta: the sweep works out from the database what is due.

Each reminder is sent once, by its deduplication key
`draft-reminder:<application>:<days>d:user-<user>` and the outbox's unique constraint on it,
however often the sweep runs and however many run at once. When several of a draft's reminders
are due together (the draft was started late, or beat was down), only the latest is sent, and a
reminder that fell due before the draft was started is not sent at all.

The state is checked twice: the sweep only looks at drafts, and when the email is finally sent
(it can wait in the outbox: a broker outage, a retry), the send condition in
`applications.emails` is asked again, so a council that has submitted or withdrawn meanwhile
gets nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from applications import emails
from applications.models import Application
from applications.selectors.reminders import (
    drafts_that_may_need_reminding,
    recipients_for,
    reminder_days,
    reminder_due_times,
)
from notifications import editable
from notifications.services import queue_editable_email_once
from programmes.selectors import closing_time_for

KIND = emails.DRAFT_REMINDER  # its wording: applications.emails


def dedup_key(*, application_id: int, days: int, user_id: int, closes_at: datetime.datetime) -> str:
    """Once per draft, occasion, person and closing time: a deadline extension granted after a
    reminder went out makes the reminders before the new closing time due again."""
    closing = closes_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M")
    return f"draft-reminder:{application_id}:{days}d:user-{user_id}:closes-{closing}"


def queue_due_draft_reminders(*, now: datetime.datetime | None = None) -> int:
    """Write every draft reminder that has fallen due and not been written; return how many.

    Side effects: one OutboundEmail ("draft_reminder", about the application, with a
    deduplication key) per recipient of each due reminder, each sent on commit.
    """
    now = now or timezone.now()
    written = 0
    wordings = {}  # by programme: its manager's wording, or the default
    for application in drafts_that_may_need_reminding(now=now):
        days = reminder_days(application.programme)
        if not days:
            continue
        closes_at = closing_time_for(
            programme=application.programme, organisation=application.organisation
        )
        if now >= closes_at:
            continue
        due = [
            (due_at, n)
            for n, due_at in reminder_due_times(closes_at=closes_at, days=days).items()
            if application.created_at < due_at <= now
        ]
        if not due:
            continue
        _, occasion = max(due)  # the latest due: "closes tomorrow" supersedes "in 7 days"
        if application.programme_id not in wordings:
            wordings[application.programme_id] = editable.wording_for(KIND, application.programme)
        written += _queue_reminder(
            application=application,
            days=occasion,
            closes_at=closes_at,
            wording=wordings[application.programme_id],
        )
    return written


@transaction.atomic
def _queue_reminder(
    *,
    application: Application,
    days: int,
    closes_at: datetime.datetime,
    wording: editable.Wording,
) -> int:
    written = 0
    for person in recipients_for(application):
        email = queue_editable_email_once(
            dedup_key=dedup_key(
                application_id=application.pk, days=days, user_id=person.pk, closes_at=closes_at
            ),
            kind=KIND,
            wording=wording,
            values=emails.draft_reminder_values(
                application=application, person=person, days=days, closes_at=closes_at
            ),
            to_email=person.email,
            to_name=person.name,
            reason=f"Reminds the council that its draft is not submitted, {days} "
            f"day{'s' if days != 1 else ''} before the closing date.",
            related=application,
            scope=application.programme,
        )
        written += email is not None
    return written
