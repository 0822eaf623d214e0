"""Workshop places taken at the same moment on PostgreSQL: the workshop's row lock serves the
bookings one after the other, so neither the capacity nor an organisation's cap is exceeded."""

import datetime
import queue

import pytest
from django.utils import timezone

from programmes.enums import BookingStatus
from programmes.models import Workshop
from programmes.services.workshops import WorkshopError, book_delegate
from tests.factories import OrganisationFactory, ProgrammeFactory
from tests.integration.test_database import Statements, at_once

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


def open_workshop(**overrides) -> Workshop:
    starts = timezone.now() + datetime.timedelta(days=30)
    fields = {
        "programme": ProgrammeFactory(),
        "title": "London research workshop",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=6),
        "venue_name": "Local Government Association",
        "booking_closes_at": starts - datetime.timedelta(days=8),
        "capacity": 40,
        "delegates_per_organisation": 2,
        "is_published": True,
    }
    return Workshop.objects.create(**{**fields, **overrides})


def test_two_organisations_taking_the_last_place_at_once():
    """Exactly one is booked and the other goes on the waiting list, every time."""
    for round_number in range(ROUNDS):
        workshop = open_workshop(capacity=3)
        for n in range(2):
            book_delegate(
                workshop_id=workshop.pk,
                organisation=OrganisationFactory(),
                name=f"Early {n}",
                email=f"early{n}.{round_number}@example.org",
            )
        turns = queue.SimpleQueue()
        for n in range(2):
            turns.put((OrganisationFactory(), f"last{n}.{round_number}@example.org"))

        def take_the_last_place(turns=turns, workshop=workshop):
            organisation, email = turns.get()
            return book_delegate(
                workshop_id=workshop.pk, organisation=organisation, name="Last", email=email
            ).status

        statements = Statements()
        results = at_once(take_the_last_place, count=2, statements=statements)

        assert sorted(results) == [BookingStatus.BOOKED, BookingStatus.WAITING]
        assert workshop.bookings.filter(status=BookingStatus.BOOKED).count() == 3
        assert workshop.bookings.filter(status=BookingStatus.WAITING).count() == 1
        # Both bookings waited for the workshop's row lock: what decided was the lock.
        assert any("FOR UPDATE" in sql for sql in statements.sql), "the workshop was not locked"


def test_the_same_organisations_third_delegate_at_once_never_exceeds_the_cap():
    """Two colleagues nominating at the same moment, with one of two places left for their
    organisation: one is booked, the other refused."""
    for round_number in range(ROUNDS):
        workshop = open_workshop()
        organisation = OrganisationFactory()
        book_delegate(
            workshop_id=workshop.pk,
            organisation=organisation,
            name="First",
            email=f"first.{round_number}@example.org",
        )
        emails = queue.SimpleQueue()
        for n in range(2):
            emails.put(f"colleague{n}.{round_number}@example.org")

        def nominate(emails=emails, workshop=workshop, organisation=organisation):
            try:
                return book_delegate(
                    workshop_id=workshop.pk,
                    organisation=organisation,
                    name="Colleague",
                    email=emails.get(),
                ).status
            except WorkshopError as error:
                return error.message

        results = at_once(nominate, count=2)

        assert sorted(results) == [
            "Your organisation has already nominated 2 delegates, the most each organisation "
            "can send",
            BookingStatus.BOOKED,
        ]
        assert (
            workshop.bookings.filter(organisation=organisation)
            .exclude(status=BookingStatus.CANCELLED)
            .count()
            == 2
        )


def test_the_same_delegate_nominated_twice_at_once_gets_one_place():
    for round_number in range(ROUNDS):
        workshop = open_workshop()
        address = f"same.{round_number}@example.org"
        organisations = queue.SimpleQueue()
        for _ in range(2):
            organisations.put(OrganisationFactory())

        def nominate(workshop=workshop, address=address, organisations=organisations):
            try:
                return book_delegate(
                    workshop_id=workshop.pk,
                    organisation=organisations.get(),
                    name="Same Person",
                    email=address,
                ).status
            except WorkshopError as error:
                return error.message

        results = at_once(nominate, count=2)

        assert sorted(results) == [
            BookingStatus.BOOKED,
            f"{address} already has a place at this workshop",
        ]
        assert workshop.bookings.filter(email=address).count() == 1
