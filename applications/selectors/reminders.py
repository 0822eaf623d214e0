"""Reads for the draft reminders (applications.services.reminders): when each falls due, to
whom it goes, and which drafts may need one. Also used by the reminder's email kind
(applications.emails) for its preview."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q

from applications.enums import ApplicationStatus
from applications.models import Application
from programmes.dates import LONDON
from programmes.models import DeadlineExtension, Membership


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
