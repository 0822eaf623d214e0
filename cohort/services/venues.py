"""A learning day's candidate venues: add, remove, and use one (through `change_learning_day`,
so invitees get the update as for any other change).
"""

import dataclasses
import decimal

from django.db import IntegrityError, transaction

from cohort.models import CandidateVenue, LearningDay
from cohort.services.learning_days import (
    LearningDayDetails,
    LearningDayError,
    change_learning_day,
    check_open,
)

LOCATION_PLACES = decimal.Decimal("0.00001")  # five decimal places: about a metre


def _location(value, *, name: str, limit: int, field: str) -> decimal.Decimal:
    try:
        number = decimal.Decimal(str(value))
        if not number.is_finite():
            raise ValueError(value)
        number = number.quantize(LOCATION_PLACES, decimal.ROUND_HALF_UP)
    except (decimal.InvalidOperation, ValueError) as bad:
        raise LearningDayError(f"Enter the {name} as a number", field=field) from bad
    if not -limit <= number <= limit:
        raise LearningDayError(f"The {name} must be between -{limit} and {limit}", field=field)
    return number


@transaction.atomic
def add_candidate_venue(
    *,
    learning_day_id: int,
    name: str,
    address: str,
    latitude: decimal.Decimal,
    longitude: decimal.Decimal,
) -> CandidateVenue:
    """Add a venue to compare for a learning day. Raises LearningDayError for a cancelled or
    started day, a missing name, a location out of range, or a name the day already has (in any
    case).

    The name's spaces are tidied and the location rounded to five decimal places (about a
    metre). Side effects: one CandidateVenue. No email: nothing changes for invitees until a
    venue is used (`use_candidate_venue`).
    """
    day = LearningDay.objects.select_for_update().get(pk=learning_day_id)
    check_open(day)
    name = " ".join(name.split())
    if not name:
        raise LearningDayError("Enter the venue’s name", field="name")
    latitude = _location(latitude, name="latitude", limit=90, field="latitude")
    longitude = _location(longitude, name="longitude", limit=180, field="longitude")
    if day.candidate_venues.filter(name__iexact=name).exists():
        raise LearningDayError(f"‘{name}’ is already a candidate venue", field="name")
    try:
        with transaction.atomic():
            return CandidateVenue.objects.create(
                learning_day=day,
                name=name,
                address=address.strip(),
                latitude=latitude,
                longitude=longitude,
            )
    except IntegrityError as clash:
        raise LearningDayError(f"‘{name}’ is already a candidate venue", field="name") from clash


@transaction.atomic
def remove_candidate_venue(*, venue_id: int) -> None:
    """Stop comparing a venue. Side effects: the CandidateVenue is deleted; a day already at that
    venue keeps it (the day holds its own copy of the name, address and location)."""
    CandidateVenue.objects.filter(pk=venue_id).delete()


@transaction.atomic
def use_candidate_venue(*, venue_id: int) -> LearningDay:
    """Hold the learning day at a candidate venue, through `change_learning_day`, so its rules
    apply: raises LearningDayError for a cancelled day, a day that has started, or a venue
    removed meanwhile.

    Side effects (those of `change_learning_day`): the day's venue name, address, latitude and
    longitude become the venue's (its online link, if any, stays); if that changes the place and
    people have been invited, the day's calendar_sequence goes up by one and every invitee who
    has not declined is emailed the new details with an updated .ics.
    """
    gone = LearningDayError("That venue has been removed from the candidates")
    day_id = (
        CandidateVenue.objects.filter(pk=venue_id).values_list("learning_day_id", flat=True).first()
    )
    if day_id is None:
        raise gone
    # The day is locked before its details are read, so a change saved meanwhile is not undone.
    day = LearningDay.objects.select_for_update(of=("self",)).get(pk=day_id)
    venue = CandidateVenue.objects.filter(pk=venue_id).first()
    if venue is None:
        raise gone
    current = LearningDayDetails(
        **{field.name: getattr(day, field.name) for field in dataclasses.fields(LearningDayDetails)}
    )
    details = dataclasses.replace(
        current,
        venue_name=venue.name,
        venue_address=venue.address,
        venue_latitude=venue.latitude,
        venue_longitude=venue.longitude,
    )
    return change_learning_day(learning_day_id=day.pk, details=details)
