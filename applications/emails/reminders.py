"""The reminder to finish a draft (sent by applications.services.reminders), and its send
condition."""

import datetime
from types import SimpleNamespace

from django.db.models import Case, Prefetch, When
from django.utils import timezone

from applications.emails.common import (
    DRAFT_REMINDER,
    EXAMPLE_COUNCIL,
    EXAMPLE_NAME,
    NAME,
    absolute_link,
    register_kind,
)
from applications.enums import ApplicationStatus
from applications.models import Application
from applications.selectors.reminders import recipients_for, reminder_days
from notifications import send_conditions
from notifications.models import OutboundEmail
from programmes.dates import format_datetime
from programmes.models import Membership, Programme
from programmes.selectors import closing_time_for

DRAFT_REMINDER_PLACEHOLDERS = {
    **NAME,
    "council": "the council’s name",
    "programme": "the programme’s title",
    "time left": "“tomorrow” or “in 7 days”",
    "closing date": "the council’s closing date and time, like Friday 3 April 2026, 5pm",
    "link": "the web address of the council’s expression of interest",
    "contact email": "the programme’s contact email address",
}


def draft_reminder_values(
    *, application: Application, person, days: int, closes_at: datetime.datetime
) -> dict[str, str]:
    return {
        "name": person.name or "colleague",
        "council": application.organisation.name,
        "programme": application.programme.title,
        "time left": "tomorrow" if days == 1 else f"in {days} days",
        "closing date": format_datetime(closes_at),
        "link": absolute_link(application.get_absolute_url()),
        "contact email": application.programme.contact_email,
    }


def _draft_reminder_sample(programme: Programme) -> dict[str, str]:
    """Values from a real draft in the programme (or another application of it)."""
    days = min(reminder_days(programme) or [1])
    application = (
        programme.applications.select_related("organisation", "created_by", "programme")
        .prefetch_related(
            Prefetch(
                "organisation__memberships",
                queryset=Membership.objects.filter(user__is_active=True).select_related("user"),
            )
        )
        .order_by(Case(When(status=ApplicationStatus.DRAFT, then=0), default=1), "pk")
        .first()
    )
    if application is None:
        return {
            "name": EXAMPLE_NAME,
            "council": EXAMPLE_COUNCIL,
            "programme": programme.title,
            "time left": "tomorrow" if days == 1 else f"in {days} days",
            "closing date": format_datetime(programme.closes_at),
            "link": absolute_link("/applications/"),
            "contact email": programme.contact_email,
        }
    closes_at = closing_time_for(programme=programme, organisation=application.organisation)
    person = application.created_by or next(iter(recipients_for(application)), None)
    return draft_reminder_values(
        application=application,
        person=person or SimpleNamespace(name=""),
        days=days,
        closes_at=closes_at,
    )


register_kind(
    kind=DRAFT_REMINDER,
    group="Applying",
    name="Reminder to finish a draft",
    description="Sent to each person acting for a council whose expression of interest is "
    "still a draft, the number of days before the closing date that the programme sets.",
    placeholders=DRAFT_REMINDER_PLACEHOLDERS,
    sample=_draft_reminder_sample,
)


@send_conditions.register(DRAFT_REMINDER)
def draft_reminder_still_wanted(email: OutboundEmail) -> str:
    """The reason not to send a draft reminder any more, or "" to send it."""
    application = (
        Application.objects.filter(pk=email.related_id)
        .select_related("programme", "organisation")
        .first()
    )
    if application is None:
        return "the expression of interest no longer exists."
    if application.status != ApplicationStatus.DRAFT:
        return f"the expression of interest is {application.get_status_display().lower()}."
    closes_at = closing_time_for(
        programme=application.programme, organisation=application.organisation
    )
    if timezone.now() >= closes_at:
        return "the closing date has passed."
    return ""
