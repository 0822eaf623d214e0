"""Reads for workshops: the programme team's lists with counts, the councils' view (their own
organisation's delegates only), and field visit offers."""

import itertools

from django.db.models import Count, Q, QuerySet

from programmes.enums import BookingStatus
from programmes.models import FieldVisitOffer, Organisation, Programme, Workshop, WorkshopBooking

ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITING)


def _with_counts(workshops: QuerySet[Workshop]) -> QuerySet[Workshop]:
    return workshops.annotate(
        booked_count=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def workshops_of(programme: Programme) -> QuerySet[Workshop]:
    """Every workshop of a programme, published or not, with booked_count and waiting_count."""
    return _with_counts(programme.workshops.all()).order_by("starts_at", "title", "pk")


def published_workshops(programme: Programme) -> QuerySet[Workshop]:
    """The workshops councils can see and book: published, in a published programme."""
    return _with_counts(
        Workshop.objects.filter(
            programme=programme, is_published=True, programme__is_published=True
        )
    ).order_by("starts_at", "title", "pk")


def bookings_for_staff(workshop: Workshop) -> list[tuple[Organisation, list[WorkshopBooking]]]:
    """Every booking of a workshop (cancelled ones too), grouped by organisation, by name."""
    bookings = workshop.bookings.select_related("organisation").order_by(
        "organisation__name", "organisation_id", "created_at", "pk"
    )
    return [
        (organisation, list(group))
        for organisation, group in itertools.groupby(bookings, key=lambda b: b.organisation)
    ]


def delegates_of(*, organisation: Organisation | None, programme: Programme) -> dict[int, list]:
    """The organisation's delegates with a place (booked or waiting) at each of the programme's
    workshops, by workshop ID. Never another organisation's."""
    if organisation is None:
        return {}
    bookings = WorkshopBooking.objects.filter(
        organisation=organisation, workshop__programme=programme, status__in=ACTIVE
    ).order_by("workshop_id", "created_at", "pk")
    return {
        workshop_id: list(group)
        for workshop_id, group in itertools.groupby(bookings, key=lambda b: b.workshop_id)
    }


def field_visit_offers_of(programme: Programme) -> QuerySet[FieldVisitOffer]:
    return programme.field_visit_offers.select_related("organisation").order_by(
        "organisation__name"
    )
