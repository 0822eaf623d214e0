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
import zoneinfo

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from applications import emails
from applications.enums import ApplicationStatus
from applications.models import Application
from notifications import editable
from notifications.services import queue_editable_email_once
from programmes.models import DeadlineExtension, Membership
from programmes.selectors import closing_time_for

LONDON = zoneinfo.ZoneInfo("Europe/London")
KIND = emails.DRAFT_REMINDER  # its wording: applications.emails


def reminder_due_times(
    *, closes_at: datetime.datetime, days: list[int]
) -> dict[int, datetime.datetime]:
    """When each reminder falls due: `days` calendar days before closing, same London time.

    Subtracting days from a London wall-clock time keeps the wall-clock time; the offset (GMT or
    BST) is the one in force on the new day. A 5pm BST deadline on Friday 3 April 2026 gives
    5pm GMT on Friday 27 March (17:00 UTC) and 5pm BST on Thursday 2 April (16:00 UTC).
    """
    local = closes_at.astimezone(LONDON)
    return {n: (local - datetime.timedelta(days=n)).astimezone(datetime.UTC) for n in days}


def reminder_days(programme) -> list[int]:
    """The programme's reminder offsets, ignoring anything that is not a positive whole number."""
    values = programme.draft_reminder_days or []
    return sorted({n for n in values if isinstance(n, int) and not isinstance(n, bool) and n > 0})


def dedup_key(*, application_id: int, days: int, user_id: int, closes_at: datetime.datetime) -> str:
    """Once per draft, occasion, person and closing time: a deadline extension granted after a
    reminder went out makes the reminders before the new closing time due again."""
    closing = closes_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M")
    return f"draft-reminder:{application_id}:{days}d:user-{user_id}:closes-{closing}"


def drafts_that_may_need_reminding(*, now: datetime.datetime):
    """Drafts in published programmes whose closing time (extensions included) is still ahead."""
    extended = DeadlineExtension.objects.filter(
        programme=OuterRef("programme"), organisation=OuterRef("organisation"), closes_at__gt=now
    )
    members = Membership.objects.filter(user__is_active=True).select_related("user")
    return (
        Application.objects.filter(status=ApplicationStatus.DRAFT, programme__is_published=True)
        .filter(Q(programme__closes_at__gt=now) | Exists(extended))
        .select_related("programme", "organisation", "created_by")
        .prefetch_related(Prefetch("organisation__memberships", queryset=members))
        .order_by("pk")
    )


def recipients_for(application: Application) -> list:
    """The people acting for the council: its members, and whoever started the draft."""
    people = [m.user for m in application.organisation.memberships.all()]
    creator = application.created_by
    if creator and creator.is_active and creator.pk not in {p.pk for p in people}:
        people.append(creator)
    return sorted(people, key=lambda person: person.pk)


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
