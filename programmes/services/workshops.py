"""Workshops: open events any council can book delegates onto, and offers to host field visits.

The rules (seed 001) hold in the database and under concurrency, not only in forms: every booking
and cancellation first locks the workshop's row (`select_for_update`), so two councils taking the
last place at the same moment are served one after the other: one is booked, the other goes on
the waiting list. Inside that lock the service checks the booking deadline, the organisation's
delegate cap (its booked and waiting places count; cancelled ones do not), the capacity, and that
the email address has no place already (also a partial unique constraint on the table).

A cancelled place is offered at once to the first on the waiting list (the earliest booking),
who is emailed. Every booking emails the delegate: a confirmation, or that they are on the
waiting list. The wording of each email is editable per programme
(programmes.emails.workshops; defaults in templates/emails/editable/workshop_*.txt).
"""

import dataclasses
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.services import queue_editable_email
from programmes.dates import format_datetime
from programmes.emails.workshops import (
    BOOKED,
    BOOKING_CANCELLED,
    PLACE_OFFERED,
    WAITING,
    placeholder_values,
)
from programmes.enums import BookingStatus
from programmes.errors import DomainError
from programmes.models import FieldVisitOffer, Organisation, Programme, Workshop, WorkshopBooking

ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITING)


class WorkshopError(DomainError):
    """A change that cannot be made; `field` names the form field it is about, if any."""


@dataclasses.dataclass(frozen=True)
class WorkshopDetails:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_name: str
    booking_closes_at: datetime.datetime
    capacity: int
    delegates_per_organisation: int = 2
    description: str = ""
    venue_address: str = ""
    is_published: bool = False


# --- Setting up workshops (programme managers) --------------------------------------------------


def _validate(details: WorkshopDetails) -> None:
    if details.ends_at <= details.starts_at:
        raise WorkshopError("The end time must be after the start time", field="ends_time")
    if details.booking_closes_at > details.starts_at:
        raise WorkshopError(
            "Bookings must close before the workshop starts", field="booking_closes_on"
        )
    if details.capacity < 1:
        raise WorkshopError("The workshop must have at least 1 place", field="capacity")
    if details.delegates_per_organisation < 1:
        raise WorkshopError(
            "Each organisation must be able to send at least 1 delegate",
            field="delegates_per_organisation",
        )
    if not details.venue_name.strip():
        raise WorkshopError("Enter the venue’s name", field="venue_name")


@transaction.atomic
def save_workshop(
    *, programme_id: int, details: WorkshopDetails, workshop_id: int | None = None
) -> Workshop:
    """Add a workshop to a programme (no `workshop_id`) or change one. Raises WorkshopError when
    the details do not hold.

    Side effects: the Workshop row. When a change adds places, people on the waiting list are
    offered them in the order they booked, and each is emailed (as on a cancellation). Fewer
    places than are booked take nobody's place away: the workshop is simply full.
    """
    _validate(details)
    if workshop_id is None:
        programme = Programme.objects.get(pk=programme_id)
        return Workshop.objects.create(programme=programme, **dataclasses.asdict(details))
    workshop = (
        Workshop.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=workshop_id, programme_id=programme_id)
    )
    for name, value in dataclasses.asdict(details).items():
        setattr(workshop, name, value)
    workshop.save()
    _offer_free_places(workshop)
    return workshop


# --- Booking (councils) ------------------------------------------------------------------------


def _locked_workshop(workshop_id: int) -> Workshop:
    return (
        Workshop.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=workshop_id)
    )


def cap_message(cap: int) -> str:
    delegates = "delegate" if cap == 1 else "delegates"
    return (
        f"Your organisation has already nominated {cap} {delegates}, the most each "
        "organisation can send"
    )


@transaction.atomic
def book_delegate(
    *,
    workshop_id: int,
    organisation: Organisation,
    name: str,
    email: str,
    job_title: str = "",
    by=None,
) -> WorkshopBooking:
    """Nominate a delegate from `organisation` for a workshop, until its booking deadline.

    Raises WorkshopError, before writing anything, when the workshop is not published, bookings
    have closed, the organisation already has `delegates_per_organisation` delegates booked or
    waiting, or the email address already has a place. Side effects: one WorkshopBooking, booked
    while there are places and otherwise on the waiting list (the returned booking's status says
    which); an email to the delegate confirming their place, or that they are on the waiting
    list. The workshop's row is locked while this runs.
    """
    workshop = _locked_workshop(workshop_id)
    if not workshop.is_published or not workshop.programme.is_published:
        raise WorkshopError("This workshop is not open for booking")
    if timezone.now() >= workshop.booking_closes_at:
        raise WorkshopError(
            f"Bookings for this workshop closed on {format_datetime(workshop.booking_closes_at)}"
        )
    address = email.strip().lower()
    name = " ".join(name.split())
    places = workshop.bookings.filter(status__in=ACTIVE)
    if places.filter(email=address).exists():
        raise WorkshopError(f"{address} already has a place at this workshop", field="email")
    if places.filter(organisation=organisation).count() >= workshop.delegates_per_organisation:
        raise WorkshopError(cap_message(workshop.delegates_per_organisation))
    full = places.filter(status=BookingStatus.BOOKED).count() >= workshop.capacity
    try:
        with transaction.atomic():
            booking = WorkshopBooking.objects.create(
                workshop=workshop,
                organisation=organisation,
                name=name,
                email=address,
                job_title=" ".join(job_title.split()),
                status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
                booked_by=by,
            )
    except IntegrityError as clash:  # the unique constraint, should the lock ever be bypassed
        raise WorkshopError(
            f"{address} already has a place at this workshop", field="email"
        ) from clash
    if full:
        _send(
            WAITING,
            booking,
            workshop,
            "Tells a delegate that the workshop is full and they are on its waiting list.",
        )
    else:
        _send(BOOKED, booking, workshop, "Confirms a delegate’s place at a workshop.")
    return booking


@transaction.atomic
def cancel_booking(*, booking_id: int, by=None) -> WorkshopBooking:
    """Cancel a delegate's place (or their place on the waiting list), until the workshop starts.

    Raises WorkshopError when the place is already cancelled or the workshop has started. Side
    effects: the booking is cancelled (status and cancelled_at); the delegate is emailed; a
    booked place freed is offered to the first on the waiting list, who is booked and emailed.
    The workshop's row is locked while this runs, as for bookings.
    """
    workshop_id = WorkshopBooking.objects.values_list("workshop_id", flat=True).get(pk=booking_id)
    workshop = _locked_workshop(workshop_id)
    booking = WorkshopBooking.objects.select_for_update().get(pk=booking_id)
    if booking.status == BookingStatus.CANCELLED:
        raise WorkshopError(f"{booking.name}’s place has already been cancelled")
    if timezone.now() >= workshop.starts_at:
        raise WorkshopError("This workshop has already started, so places cannot be cancelled")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    _send(BOOKING_CANCELLED, booking, workshop, "Tells a delegate their place was cancelled.")
    _offer_free_places(workshop)
    return booking


def _offer_free_places(workshop: Workshop) -> list[WorkshopBooking]:
    """Book people from the waiting list, earliest first, into the places free. The caller holds
    the workshop's lock."""
    if timezone.now() >= workshop.starts_at:
        return []
    booked = workshop.bookings.filter(status=BookingStatus.BOOKED).count()
    free = workshop.capacity - booked
    if free <= 0:
        return []
    offered = list(
        workshop.bookings.select_for_update()
        .filter(status=BookingStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for booking in offered:
        booking.status = BookingStatus.BOOKED
        booking.save(update_fields=["status"])
        _send(
            PLACE_OFFERED,
            booking,
            workshop,
            "Tells a delegate on the waiting list that a place has come free and is theirs.",
        )
    return offered


def _send(kind: str, booking: WorkshopBooking, workshop: Workshop, reason: str) -> None:
    queue_editable_email(
        kind=kind,
        scope=workshop.programme,
        values=placeholder_values(booking=booking, workshop=workshop),
        to_email=booking.email,
        to_name=booking.name,
        reason=reason,
        related=booking,
    )


# --- Field visits ------------------------------------------------------------------------------


@transaction.atomic
def offer_field_visit(
    *,
    programme_id: int,
    organisation: Organisation,
    what_they_would_show: str,
    contact_name: str,
    contact_email: str,
    by=None,
) -> FieldVisitOffer:
    """Offer (or change) an organisation's offer to host a field visit for a programme.

    One offer per organisation and programme (a unique constraint): a second offer replaces the
    first's details. Raises WorkshopError when the programme is not published. Side effects: the
    FieldVisitOffer row. No email.
    """
    programme = Programme.objects.get(pk=programme_id)
    if not programme.is_published:
        raise WorkshopError("This programme is not taking offers")
    values = {
        "what_they_would_show": what_they_would_show.strip(),
        "contact_name": " ".join(contact_name.split()),
        "contact_email": contact_email.strip().lower(),
        "offered_by": by,
    }
    offer = (
        FieldVisitOffer.objects.select_for_update()
        .filter(programme=programme, organisation=organisation)
        .first()
    )
    if offer is None:
        try:
            with transaction.atomic():
                return FieldVisitOffer.objects.create(
                    programme=programme, organisation=organisation, **values
                )
        except IntegrityError:  # another person from the organisation offered at the same time
            offer = FieldVisitOffer.objects.select_for_update().get(
                programme=programme, organisation=organisation
            )
    for name, value in values.items():
        setattr(offer, name, value)
    offer.save(update_fields=list(values))
    return offer
