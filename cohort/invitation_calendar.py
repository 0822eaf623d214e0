"""The iCalendar (.ics) file sent with each learning-day invitation, update and cancellation.

One event per invitation: its UID is fixed for the day and the person (the invitation), so a
calendar program replaces the event when an update arrives with the same UID and a higher
SEQUENCE (`LearningDay.calendar_sequence`), and removes it on METHOD:CANCEL (RFC 5545, 5546).
Times are written with TZID Europe/London and a VTIMEZONE for the event's year, so the day shows
at the right time in any time zone and across the clock changes.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from notifications.services import Attachment
from programmes.dates import LONDON

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def event_uid(invitation) -> str:
    """Stable for one learning day and one person: every update of the event keeps it."""
    host = urlsplit(settings.SITE_URL).hostname or "peerlearning"
    return f"learning-day-{invitation.learning_day_id}-invitation-{invitation.pk}@{host}"


def location_of(learning_day) -> str:
    if learning_day.venue_name:
        address = ", ".join(
            line.strip() for line in learning_day.venue_address.splitlines() if line.strip()
        )
        return f"{learning_day.venue_name}, {address}" if address else learning_day.venue_name
    return learning_day.online_link


def invitation_calendar(*, invitation, learning_day, method: str = REQUEST) -> str:
    """The .ics text for one invitee: METHOD:REQUEST to invite or update, CANCEL to cancel."""
    programme = learning_day.programme
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Local Government Association//Peer Learning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)

    event = icalendar.Event()
    event.add("uid", event_uid(invitation))
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", learning_day.starts_at.astimezone(LONDON))
    event.add("dtend", learning_day.ends_at.astimezone(LONDON))
    event.add("sequence", learning_day.calendar_sequence)
    event.add("summary", f"{learning_day.title}: {programme.title}")
    event.add("location", location_of(learning_day))
    if learning_day.venue_latitude is not None and learning_day.venue_longitude is not None:
        event.add("geo", (float(learning_day.venue_latitude), float(learning_day.venue_longitude)))
    description = [learning_day.agenda.strip()] if learning_day.agenda.strip() else []
    if learning_day.online_link:
        description.append(f"Join online: {learning_day.online_link}")
    if description:
        event.add("description", "\n\n".join(description))
    if learning_day.online_link:
        event.add("url", learning_day.online_link)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")

    organizer = icalendar.vCalAddress(f"mailto:{programme.contact_email}")
    organizer.params["cn"] = icalendar.vText(programme.title)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{invitation.email}")
    attendee.params["cn"] = icalendar.vText(invitation.name)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
    # Answers go through the signed link (with access and dietary needs), not calendar replies.
    attendee.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)

    year = learning_day.starts_at.astimezone(LONDON).year
    calendar.add_missing_timezones(
        first_date=datetime.date(year - 1, 1, 1), last_date=datetime.date(year + 2, 1, 1)
    )
    return calendar.to_ical().decode("utf-8")


def calendar_attachment(*, invitation, learning_day, method: str = REQUEST) -> Attachment:
    """The .ics as an email attachment, with its METHOD in the content type as RFC 6047 asks."""
    return Attachment(
        f"learning-day-{learning_day.sequence}.ics",
        f"text/calendar; method={method}",
        invitation_calendar(invitation=invitation, learning_day=learning_day, method=method),
    )
