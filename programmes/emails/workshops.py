"""Kinds of email about workshops (sent by programmes.services.workshops), each with wording a
programme manager can edit per programme; the defaults are templates/emails/editable/<kind>.txt.

- `workshop_booked`: to a delegate nominated for a workshop, confirming their place.
- `workshop_waiting_list`: to a delegate nominated when the workshop was full.
- `workshop_place_offered`: to the first on the waiting list when a place comes free.
- `workshop_booking_cancelled`: to a delegate whose place (or waiting-list place) is cancelled.
"""

import datetime

from django.utils import timezone

from notifications import editable
from programmes.dates import LONDON, format_date, format_datetime, format_time
from programmes.models import Organisation, Programme, Workshop, WorkshopBooking

BOOKED = "workshop_booked"
WAITING = "workshop_waiting_list"
PLACE_OFFERED = "workshop_place_offered"
BOOKING_CANCELLED = "workshop_booking_cancelled"


# How workshops are written, in pages and emails.
PLACEHOLDERS = {
    "name": "the delegate’s name",
    "organisation": "the organisation that nominated them",
    "workshop": "the workshop’s title",
    "programme": "the programme’s title",
    "when": "the date and times, like Tuesday 9 July 2019, 10am to 4pm",
    "where": "the venue and its address",
    "contact email": "the programme’s contact email address",
}


def when_text(workshop: Workshop) -> str:
    """ "Tuesday 9 July 2019, 10am to 4pm", in London time."""
    starts, ends = workshop.starts_at.astimezone(LONDON), workshop.ends_at.astimezone(LONDON)
    if starts.date() == ends.date():
        return f"{format_date(starts)}, {format_time(starts)} to {format_time(ends)}"
    return f"{format_datetime(starts)} to {format_datetime(ends)}"


def where_text(workshop: Workshop) -> str:
    lines = [line.strip() for line in workshop.venue_address.splitlines() if line.strip()]
    return ", ".join([workshop.venue_name, *lines])


def placeholder_values(*, booking: WorkshopBooking, workshop: Workshop) -> dict[str, str]:
    return {
        "name": booking.name or "colleague",
        "organisation": booking.organisation.name,
        "workshop": workshop.title,
        "programme": workshop.programme.title,
        "when": when_text(workshop),
        "where": where_text(workshop),
        "contact email": workshop.programme.contact_email,
    }


def preview_values(programme: Programme) -> dict[str, str]:
    """Values from a real booking (or workshop) of the programme, for the wording preview."""
    booking = (
        WorkshopBooking.objects.filter(workshop__programme=programme)
        .select_related("workshop__programme", "organisation")
        .order_by("workshop__starts_at", "pk")
        .first()
    )
    if booking is not None:
        return placeholder_values(booking=booking, workshop=booking.workshop)
    workshop = programme.workshops.order_by("starts_at").first()
    if workshop is None:
        start = timezone.now().astimezone(LONDON).replace(hour=10, minute=0, second=0)
        workshop = Workshop(
            title="Research workshop",
            starts_at=start + datetime.timedelta(days=30),
            ends_at=start + datetime.timedelta(days=30, hours=6),
            venue_name="Local Government House",
            venue_address="18 Smith Square\nLondon\nSW1P 3HZ",
        )
    workshop.programme = programme
    example = WorkshopBooking(
        name="Alex Example",
        email="alex@example.org",
        organisation=Organisation(name="Exampleshire County Council"),
    )
    return placeholder_values(booking=example, workshop=workshop)


KINDS = [
    (
        BOOKED,
        "Place at a workshop confirmed",
        "Sent to a delegate when their organisation books them a place at a workshop.",
    ),
    (
        WAITING,
        "On the waiting list for a workshop",
        "Sent to a delegate nominated when the workshop was already full: they are on its "
        "waiting list.",
    ),
    (
        PLACE_OFFERED,
        "A place at a workshop has come free",
        "Sent to the first delegate on a workshop’s waiting list when a place comes free: the "
        "place is theirs.",
    ),
    (
        BOOKING_CANCELLED,
        "Place at a workshop cancelled",
        "Sent to a delegate when their organisation cancels their place at a workshop.",
    ),
]

for kind, name, description in KINDS:
    editable.register(
        editable.EditableKind(
            group="Workshops",
            kind=kind,
            name=name,
            description=description,
            placeholders=PLACEHOLDERS,
            scope_model=Programme,
            scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
            sample=preview_values,
        )
    )
