"""Workshops (seed 001): setting them up, booking delegates before the deadline within each
organisation's cap and the capacity, the waiting list and its promotion, field visit offers, the
pages for programme managers and councils, who may see what, query counts, and the 2019 demo."""

import csv
import datetime
import html
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from demo.workshops import load_workshops_2019
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from programmes.emails import workshops as workshop_emails
from programmes.enums import BookingStatus
from programmes.models import FieldVisitOffer, Programme, Workshop, WorkshopBooking
from programmes.services import workshops as service
from programmes.services.workshops import WorkshopDetails, WorkshopError
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db

# The seed's London workshop: Tuesday 9 July 2019; book by Monday 1 July 2019, 5pm (BST).
STARTS = datetime.datetime(2019, 7, 9, 10, 0, tzinfo=LONDON)
ENDS = datetime.datetime(2019, 7, 9, 16, 0, tzinfo=LONDON)
CLOSES = datetime.datetime(2019, 7, 1, 17, 0, tzinfo=LONDON)
NOW = datetime.datetime(2019, 6, 10, 12, 0, tzinfo=LONDON)
CAP_MESSAGE = (
    "Your organisation has already nominated 2 delegates, the most each organisation can send"
)


@pytest.fixture(autouse=True)
def before_the_deadline():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def programme():
    return ProgrammeFactory(
        title="Children and young people’s mental health research",
        contact_email="research@example.org",
    )


def make_workshop(programme, **overrides) -> Workshop:
    fields = {
        "title": "London research workshop",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "venue_name": "Local Government Association",
        "venue_address": "18 Smith Square\nWestminster\nSW1P 3HZ",
        "booking_closes_at": CLOSES,
        "capacity": 40,
        "delegates_per_organisation": 2,
        "is_published": True,
    }
    return Workshop.objects.create(programme=programme, **{**fields, **overrides})


@pytest.fixture
def workshop(programme):
    return make_workshop(programme)


def book(workshop, organisation, n: int, **overrides) -> WorkshopBooking:
    fields = {
        "name": f"Delegate {n}",
        "email": f"delegate{n}.{organisation.pk}@example.org",
        "job_title": "Head of Early Help",
    }
    return service.book_delegate(
        workshop_id=workshop.pk, organisation=organisation, **{**fields, **overrides}
    )


def statuses(workshop) -> list[tuple[str, str]]:
    return list(workshop.bookings.order_by("pk").values_list("name", "status"))


# --- Services ----------------------------------------------------------------------------------


def test_booking_gives_a_place_and_emails_the_delegate(
    workshop, django_capture_on_commit_callbacks, smtp_sink
):
    organisation = OrganisationFactory(name="Stockport Council")
    with django_capture_on_commit_callbacks(execute=True):
        booking = service.book_delegate(
            workshop_id=workshop.pk,
            organisation=organisation,
            name="  Siobhan   O'Neill ",
            email=" Siobhan.ONeill@Stockport.Example.org ",
            job_title="Director of Public Health",
        )

    assert (booking.status, booking.name, booking.email) == (
        BookingStatus.BOOKED,
        "Siobhan O'Neill",
        "siobhan.oneill@stockport.example.org",
    )
    [message] = smtp_sink.to("siobhan.oneill@stockport.example.org")
    assert message["Subject"].strip() == "Your place at “London research workshop” is booked"
    body = message.get_body(("plain",)).get_content()
    assert "Dear Siobhan O'Neill," in body
    assert "Stockport Council has booked you a place" in body
    assert "When: Tuesday 9 July 2019, 10am to 4pm" in body
    assert "Where: Local Government Association, 18 Smith Square, Westminster, SW1P 3HZ" in body


def test_booking_after_the_deadline_is_refused(workshop, before_the_deadline):
    before_the_deadline.move_to(CLOSES)
    with pytest.raises(WorkshopError) as refused:
        book(workshop, OrganisationFactory(), 1)
    assert refused.value.message == ("Bookings for this workshop closed on Monday 1 July 2019, 5pm")
    assert not WorkshopBooking.objects.exists()


def test_booking_a_minute_before_the_deadline_is_accepted(workshop, before_the_deadline):
    before_the_deadline.move_to(CLOSES - datetime.timedelta(minutes=1))
    assert book(workshop, OrganisationFactory(), 1).status == BookingStatus.BOOKED


def test_an_organisations_third_delegate_is_refused(workshop):
    organisation = OrganisationFactory()
    book(workshop, organisation, 1)
    book(workshop, organisation, 2)
    with pytest.raises(WorkshopError) as refused:
        book(workshop, organisation, 3)
    assert refused.value.message == CAP_MESSAGE
    assert workshop.bookings.count() == 2
    # Another organisation still has its own two places.
    assert book(workshop, OrganisationFactory(), 1).status == BookingStatus.BOOKED


def test_waiting_list_places_count_towards_the_cap(programme):
    workshop = make_workshop(programme, capacity=1)
    organisation = OrganisationFactory()
    assert book(workshop, organisation, 1).status == BookingStatus.BOOKED
    assert book(workshop, organisation, 2).status == BookingStatus.WAITING
    with pytest.raises(WorkshopError, match="already nominated 2 delegates"):
        book(workshop, organisation, 3)


def test_a_cancelled_booking_frees_the_organisations_cap(workshop):
    organisation = OrganisationFactory()
    first = book(workshop, organisation, 1)
    book(workshop, organisation, 2)
    service.cancel_booking(booking_id=first.pk)
    assert book(workshop, organisation, 3).status == BookingStatus.BOOKED
    assert (
        workshop.bookings.filter(organisation=organisation)
        .exclude(status=BookingStatus.CANCELLED)
        .count()
        == 2
    )


def test_the_same_email_twice_is_refused_in_any_case(workshop):
    book(workshop, OrganisationFactory(), 1, email="alex@example.org")
    with pytest.raises(WorkshopError) as refused:
        book(workshop, OrganisationFactory(), 1, email="ALEX@example.org")
    assert (refused.value.message, refused.value.field) == (
        "alex@example.org already has a place at this workshop",
        "email",
    )


def test_a_cancelled_delegate_can_be_booked_again(workshop):
    organisation = OrganisationFactory()
    booking = book(workshop, organisation, 1, email="alex@example.org")
    service.cancel_booking(booking_id=booking.pk)
    again = book(workshop, organisation, 2, email="alex@example.org")
    assert again.status == BookingStatus.BOOKED
    assert workshop.bookings.filter(email="alex@example.org").count() == 2


def test_when_full_delegates_go_on_the_waiting_list_and_are_told(
    programme, django_capture_on_commit_callbacks, smtp_sink
):
    workshop = make_workshop(programme, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        book(workshop, OrganisationFactory(), 1)
        book(workshop, OrganisationFactory(), 1)
        waiting = book(workshop, OrganisationFactory(name="Salford City Council"), 1)

    assert waiting.status == BookingStatus.WAITING
    assert [status for _, status in statuses(workshop)] == ["booked", "booked", "waiting"]
    [message] = smtp_sink.to(waiting.email)
    assert (
        message["Subject"].strip() == "You are on the waiting list for “London research workshop”"
    )


def test_cancelling_offers_the_place_to_the_first_on_the_waiting_list(
    programme, django_capture_on_commit_callbacks, smtp_sink
):
    workshop = make_workshop(programme, capacity=1)
    booked = book(workshop, OrganisationFactory(), 1)
    first_waiting = book(workshop, OrganisationFactory(), 1)
    second_waiting = book(workshop, OrganisationFactory(), 1)
    smtp_sink.clear()

    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_booking(booking_id=booked.pk)

    assert statuses(workshop) == [
        (booked.name, "cancelled"),
        (first_waiting.name, "booked"),
        (second_waiting.name, "waiting"),
    ]
    booked.refresh_from_db()
    assert booked.cancelled_at == NOW
    [offered] = smtp_sink.to(first_waiting.email)
    assert offered["Subject"].strip() == "A place at “London research workshop” is now yours"
    [cancelled] = smtp_sink.to(booked.email)
    assert (
        cancelled["Subject"].strip()
        == "Your place at “London research workshop” has been cancelled"
    )
    assert smtp_sink.to(second_waiting.email) == []


def test_cancelling_a_waiting_place_promotes_nobody(programme):
    workshop = make_workshop(programme, capacity=1)
    book(workshop, OrganisationFactory(), 1)
    first_waiting = book(workshop, OrganisationFactory(), 1)
    second_waiting = book(workshop, OrganisationFactory(), 1)
    service.cancel_booking(booking_id=first_waiting.pk)
    second_waiting.refresh_from_db()
    assert second_waiting.status == BookingStatus.WAITING


def test_cancelling_twice_or_after_the_start_is_refused(workshop, before_the_deadline):
    booking = book(workshop, OrganisationFactory(), 1)
    other = book(workshop, OrganisationFactory(), 1)
    service.cancel_booking(booking_id=booking.pk)
    with pytest.raises(WorkshopError, match="has already been cancelled"):
        service.cancel_booking(booking_id=booking.pk)
    before_the_deadline.move_to(STARTS)
    with pytest.raises(WorkshopError) as refused:
        service.cancel_booking(booking_id=other.pk)
    assert refused.value.message == (
        "This workshop has already started, so places cannot be cancelled"
    )


def test_an_unpublished_workshop_cannot_be_booked(programme):
    workshop = make_workshop(programme, is_published=False)
    with pytest.raises(WorkshopError, match="not open for booking"):
        book(workshop, OrganisationFactory(), 1)


def test_adding_places_offers_them_to_the_waiting_list_in_order(programme):
    workshop = make_workshop(programme, capacity=1)
    book(workshop, OrganisationFactory(), 1)
    waiting = [book(workshop, OrganisationFactory(), 1) for _ in range(3)]
    service.save_workshop(
        programme_id=programme.pk,
        workshop_id=workshop.pk,
        details=WorkshopDetails(
            title=workshop.title,
            starts_at=STARTS,
            ends_at=ENDS,
            venue_name=workshop.venue_name,
            booking_closes_at=CLOSES,
            capacity=3,
            is_published=True,
        ),
    )
    assert [WorkshopBooking.objects.get(pk=booking.pk).status for booking in waiting] == [
        "booked",
        "booked",
        "waiting",
    ]


def test_save_workshop_refuses_bookings_closing_after_the_start(programme):
    with pytest.raises(WorkshopError) as refused:
        service.save_workshop(
            programme_id=programme.pk,
            details=WorkshopDetails(
                title="Workshop",
                starts_at=STARTS,
                ends_at=ENDS,
                venue_name="Venue",
                booking_closes_at=STARTS + datetime.timedelta(hours=1),
                capacity=10,
            ),
        )
    assert (refused.value.message, refused.value.field) == (
        "Bookings must close before the workshop starts",
        "booking_closes_on",
    )


def test_field_visit_offer_is_one_per_organisation_and_can_be_changed(programme):
    organisation = OrganisationFactory()
    first = service.offer_field_visit(
        programme_id=programme.pk,
        organisation=organisation,
        what_they_would_show="Our schools' mental health teams.",
        contact_name="Alex Example",
        contact_email="Alex@Example.org",
    )
    second = service.offer_field_visit(
        programme_id=programme.pk,
        organisation=organisation,
        what_they_would_show="Our early help front door.",
        contact_name="Sam Example",
        contact_email="sam@example.org",
    )
    assert first.pk == second.pk
    offer = FieldVisitOffer.objects.get()
    assert (offer.what_they_would_show, offer.contact_name, offer.contact_email) == (
        "Our early help front door.",
        "Sam Example",
        "sam@example.org",
    )


def test_workshop_emails_are_editable_kinds(programme, workshop):
    from notifications import editable

    for kind in [
        workshop_emails.BOOKED,
        workshop_emails.WAITING,
        workshop_emails.PLACE_OFFERED,
        workshop_emails.BOOKING_CANCELLED,
    ]:
        registered = editable.editable_kind(kind)
        assert registered is not None and registered.group == "Workshops"
        values = registered.sample(programme)
        assert values["when"] == "Tuesday 9 July 2019, 10am to 4pm"
        wording = editable.default_wording(kind)
        editable.check_placeholders(registered, subject=wording.subject, body=wording.body)


# --- Pages: programme managers -----------------------------------------------------------------


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def workshop_post(**overrides) -> dict:
    data = {
        "title": "Manchester research workshop",
        "description": "Open to any council.",
        "day_0": "15",
        "day_1": "7",
        "day_2": "2019",
        "starts_time": "10am",
        "ends_time": "3:30pm",
        "venue_name": "etc.venues",
        "venue_address": "11 Portland Street\nManchester\nM1 3HU",
        "booking_closes_on_0": "1",
        "booking_closes_on_1": "7",
        "booking_closes_on_2": "2019",
        "booking_closes_time": "5pm",
        "capacity": "40",
        "delegates_per_organisation": "2",
        "is_published": "on",
    }
    return {**data, **overrides}


def test_manager_adds_a_workshop_and_sees_it_listed_with_the_real_weekday(
    manager_client, programme
):
    response = manager_client.post(
        reverse("programmes:workshop_create", args=[programme.slug]), workshop_post()
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert (workshop.starts_at, workshop.ends_at, workshop.booking_closes_at) == (
        datetime.datetime(2019, 7, 15, 10, 0, tzinfo=LONDON),
        datetime.datetime(2019, 7, 15, 15, 30, tzinfo=LONDON),
        CLOSES,
    )
    page = manager_client.get(reverse("programmes:workshops", args=[programme.slug]))
    text = page.content.decode()
    # 15 July 2019 was a Monday (the seed's invitation called it a Wednesday).
    assert "Monday 15 July 2019, 10am to 3:30pm" in text
    assert "Book by Monday 1 July 2019, 5pm" in text


def test_manager_form_errors_keep_what_was_typed(manager_client, programme):
    response = manager_client.post(
        reverse("programmes:workshop_create", args=[programme.slug]),
        workshop_post(
            title="Manchester’s workshop",
            ends_time="9am",
            booking_closes_on_0="20",
            capacity="lots",
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert '<a href="#id_ends_time">The end time must be after the start time</a>' in text
    assert (
        '<a href="#id_booking_closes_on_0">Bookings must close before the workshop starts</a>'
        in text
    )
    assert "Enter the number of places as a whole number, like 40" in text
    assert html.escape("Manchester’s workshop") in text
    assert 'value="lots"' in text
    assert "11 Portland Street" in text
    assert not Workshop.objects.exists()


def test_manager_empty_form_says_what_to_enter(manager_client, programme):
    response = manager_client.post(reverse("programmes:workshop_create", args=[programme.slug]), {})
    errors = [str(error) for errors in response.context["form"].errors.values() for error in errors]
    assert errors == [
        "Enter the title",
        "Enter the date of the workshop",
        "Enter the start time",
        "Enter the end time",
        "Enter the venue’s name",
        "Enter the booking deadline",
        "Enter the booking deadline time",
        "Enter the number of places",
        "Enter the number of delegates each organisation can send",
    ]


def test_manager_changes_a_workshop(manager_client, programme, workshop):
    url = reverse("programmes:workshop_edit", args=[programme.slug, workshop.pk])
    page = manager_client.get(url).content.decode()
    assert 'value="London research workshop"' in page and 'value="4pm"' in page
    response = manager_client.post(
        url, workshop_post(title="London workshop", day_0="9", capacity="30")
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.capacity, workshop.starts_at) == (
        "London workshop",
        30,
        datetime.datetime(2019, 7, 9, 10, 0, tzinfo=LONDON),
    )


def test_bookings_page_groups_delegates_by_organisation_with_counts(manager_client, programme):
    workshop = make_workshop(programme, capacity=2)
    camden = OrganisationFactory(name="London Borough of Camden")
    lambeth = OrganisationFactory(name="London Borough of Lambeth")
    book(workshop, lambeth, 1, name="Daniel O'Connor", job_title="Public Health Strategist")
    book(workshop, camden, 1, name="Priya Shah")
    book(workshop, camden, 2, name="Grace Adeyemi")
    response = manager_client.get(
        reverse("programmes:workshop_bookings", args=[programme.slug, workshop.pk])
    )
    text = response.content.decode()
    assert text.index("London Borough of Camden") < text.index("London Borough of Lambeth")
    assert html.escape("Daniel O'Connor") in text and "Public Health Strategist" in text
    assert '<dd class="govuk-summary-list__value" id="booked-count">2 of 2 places</dd>' in text
    assert '<dd class="govuk-summary-list__value" id="waiting-count">1</dd>' in text
    listing = manager_client.get(reverse("programmes:workshops", args=[programme.slug]))
    assert listing.context["workshops"][0].booked_count == 2
    assert listing.context["workshops"][0].waiting_count == 1


def test_bookings_csv_is_spreadsheet_safe(manager_client, programme, workshop):
    book(workshop, OrganisationFactory(name="Testshire Council"), 1, name="=HYPERLINK(1)")
    response = manager_client.get(
        reverse("programmes:workshop_bookings_csv", args=[programme.slug, workshop.pk])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Organisation", "Name", "Job title", "Email", "Status", "Booked"]
    assert rows[1][:5] == [
        "Testshire Council",
        "'=HYPERLINK(1)",
        "Head of Early Help",
        rows[1][3],
        "Booked",
    ]


def test_field_visit_offers_page_lists_offers(manager_client, programme):
    service.offer_field_visit(
        programme_id=programme.pk,
        organisation=OrganisationFactory(name="Stockport Council"),
        what_they_would_show="Our <joint> front door.",
        contact_name="Aisha Rahman",
        contact_email="aisha@example.org",
    )
    text = manager_client.get(
        reverse("programmes:field_visit_offers", args=[programme.slug])
    ).content.decode()
    assert "Stockport Council" in text and "Our &lt;joint&gt; front door." in text
    assert "aisha@example.org" in text


# --- Pages: councils ---------------------------------------------------------------------------


def test_public_list_shows_dates_venue_and_deadline(client, programme, workshop):
    make_workshop(
        programme,
        title="Manchester research workshop",
        starts_at=datetime.datetime(2019, 7, 15, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2019, 7, 15, 15, 30, tzinfo=LONDON),
        venue_name="etc.venues",
        venue_address="11 Portland Street\nM1 3HU",
    )
    make_workshop(programme, title="Draft workshop", is_published=False)
    text = client.get(reverse("programmes:workshop_list", args=[programme.slug])).content.decode()
    assert "Tuesday 9 July 2019, 10am to 4pm" in text
    assert "Monday 15 July 2019, 10am to 3:30pm" in text
    assert "Wednesday 15 July" not in text
    assert "Book by Monday 1 July 2019, 5pm" in text
    assert "etc.venues" in text and "11 Portland Street" in text
    assert "Draft workshop" not in text
    assert "Up to 2 delegates from each organisation" in text


def test_council_member_books_and_sees_only_their_own_delegates(client, programme, workshop):
    user = council_user(organisation=OrganisationFactory(name="Stockport Council"))
    organisation = user.memberships.get().organisation
    book(workshop, OrganisationFactory(), 1, name="Someone Elsewhere", email="else@example.org")
    client.force_login(user)
    url = reverse("programmes:workshop_book", args=[programme.slug, workshop.pk])
    response = client.post(
        url, {"name": "Aisha O'Rahman", "job_title": "Director", "email": "aisha@example.org"}
    )
    assert response.status_code == 302
    booking = WorkshopBooking.objects.get(email="aisha@example.org")
    assert (booking.organisation, booking.booked_by) == (organisation, user)
    text = client.get(url).content.decode()
    assert html.escape("Aisha O'Rahman") in text
    assert "Someone Elsewhere" not in text and "else@example.org" not in text
    listing = client.get(reverse("programmes:workshop_list", args=[programme.slug]))
    assert html.escape("Aisha O'Rahman") in listing.content.decode()
    assert "Someone Elsewhere" not in listing.content.decode()


def test_council_third_delegate_refused_with_the_cap_message_and_input_kept(
    client, programme, workshop
):
    user = council_user()
    organisation = user.memberships.get().organisation
    book(workshop, organisation, 1)
    client.force_login(user)
    url = reverse("programmes:workshop_book", args=[programme.slug, workshop.pk])
    assert (
        client.post(
            url, {"name": "Second", "job_title": "Officer", "email": "second@example.org"}
        ).status_code
        == 302
    )
    response = client.post(
        url, {"name": "Third Person", "job_title": "Officer", "email": "third@example.org"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and CAP_MESSAGE in text
    assert 'value="Third Person"' in text and 'value="third@example.org"' in text
    assert workshop.bookings.count() == 2


def test_council_booking_form_errors(client, programme, workshop):
    client.force_login(council_user())
    response = client.post(
        reverse("programmes:workshop_book", args=[programme.slug, workshop.pk]),
        {"name": "", "job_title": "Officer", "email": "not-an-email"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_name">Enter the delegate’s full name</a>' in text
    assert (
        '<a href="#id_email">Enter an email address in the correct format, like '
        "name@example.org</a>" in text
    )
    assert 'value="Officer"' in text


def test_after_the_deadline_the_page_says_closed_and_booking_is_refused(
    client, programme, workshop, before_the_deadline
):
    before_the_deadline.move_to(CLOSES + datetime.timedelta(minutes=1))
    client.force_login(council_user())
    url = reverse("programmes:workshop_book", args=[programme.slug, workshop.pk])
    text = client.get(url).content.decode()
    assert "Bookings for this workshop closed on Monday 1 July 2019, 5pm" in text
    assert "Nominate a delegate" not in text
    response = client.post(url, {"name": "Late", "job_title": "Officer", "email": "l@example.org"})
    assert "Bookings for this workshop closed on Monday 1 July 2019, 5pm" in (
        response.content.decode()
    )
    assert not WorkshopBooking.objects.exists()


def test_council_cancels_their_delegate(client, programme, workshop):
    user = council_user()
    booking = book(workshop, user.memberships.get().organisation, 1)
    client.force_login(user)
    url = reverse(
        "programmes:workshop_cancel_delegate", args=[programme.slug, workshop.pk, booking.pk]
    )
    assert "Cancel Delegate 1’s place?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_council_cannot_cancel_another_organisations_delegate(client, programme, workshop):
    other = book(workshop, OrganisationFactory(), 1)
    client.force_login(council_user())
    url = reverse(
        "programmes:workshop_cancel_delegate", args=[programme.slug, workshop.pk, other.pk]
    )
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == BookingStatus.BOOKED


def test_council_offers_a_field_visit_and_changes_it(client, programme):
    user = council_user(name="Aisha Rahman", email="aisha@example.org")
    client.force_login(user)
    url = reverse("programmes:field_visit_offer", args=[programme.slug])
    page = client.get(url).content.decode()
    assert 'value="Aisha Rahman"' in page and "Offer to host a field visit" in page
    response = client.post(
        url,
        {
            "what_they_would_show": "Our schools' teams.",
            "contact_name": "Aisha Rahman",
            "contact_email": "aisha@example.org",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Change your offer to host a field visit" in page
    assert html.escape("Our schools' teams.") in page
    client.post(
        url,
        {
            "what_they_would_show": "Something else.",
            "contact_name": "Sam",
            "contact_email": "sam@example.org",
        },
    )
    offer = FieldVisitOffer.objects.get()
    assert (offer.organisation, offer.what_they_would_show) == (
        user.memberships.get().organisation,
        "Something else.",
    )


def test_field_visit_offer_errors(client, programme):
    client.force_login(council_user())
    response = client.post(
        reverse("programmes:field_visit_offer", args=[programme.slug]),
        {"what_they_would_show": "", "contact_name": "Sam", "contact_email": ""},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_what_they_would_show">Enter what visitors would see</a>' in text
    assert '<a href="#id_contact_email">Enter the contact’s email address</a>' in text
    assert 'value="Sam"' in text


def test_signed_in_user_without_organisation_is_sent_to_choose_one(client, programme, workshop):
    client.force_login(UserFactory())
    for url in [
        reverse("programmes:workshop_book", args=[programme.slug, workshop.pk]),
        reverse("programmes:field_visit_offer", args=[programme.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('programmes:choose_organisation')}?next={url}"


# --- Permissions: every view, every role -------------------------------------------------------

ROLES = ["anonymous", "own_council", "other_council", "reviewer", "consultant", "manager"]


@pytest.fixture
def world(programme, workshop):
    own = council_user()
    booking = book(workshop, own.memberships.get().organisation, 1, name="Own Delegate")
    other_booking = book(workshop, OrganisationFactory(), 1, name="Other Delegate")
    return {
        "programme": programme,
        "workshop": workshop,
        "booking": booking,
        "other_booking": other_booking,
        "users": {
            "anonymous": None,
            "own_council": own,
            "other_council": council_user(),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": UserFactory(role=StaffRole.PROGRAMME_MANAGER),
        },
    }


def staff_urls(w):
    slug, pk = w["programme"].slug, w["workshop"].pk
    return [
        reverse("programmes:workshops", args=[slug]),
        reverse("programmes:workshop_create", args=[slug]),
        reverse("programmes:workshop_edit", args=[slug, pk]),
        reverse("programmes:workshop_bookings", args=[slug, pk]),
        reverse("programmes:workshop_bookings_csv", args=[slug, pk]),
        reverse("programmes:field_visit_offers", args=[slug]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_staff_workshop_pages_by_role(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url in staff_urls(world):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 200, url
            if url.endswith("/bookings/"):
                assert "Own Delegate" in response.content.decode()
                assert "Other Delegate" in response.content.decode()
        else:
            assert response.status_code == 403, (url, response.status_code)
    create = reverse("programmes:workshop_create", args=[world["programme"].slug])
    response = client.post(create, workshop_post())
    expected = {"anonymous": 302, "manager": 302}.get(role, 403)
    assert response.status_code == expected
    assert Workshop.objects.count() == (2 if role == "manager" else 1)


@pytest.mark.parametrize("role", ROLES)
def test_public_workshop_list_by_role_never_shows_other_organisations(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    response = client.get(reverse("programmes:workshop_list", args=[world["programme"].slug]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Other Delegate" not in text
    assert ("Own Delegate" in text) == (role == "own_council")


@pytest.mark.parametrize("role", ROLES)
def test_council_workshop_pages_by_role(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    slug, pk = world["programme"].slug, world["workshop"].pk
    book_url = reverse("programmes:workshop_book", args=[slug, pk])
    offer_url = reverse("programmes:field_visit_offer", args=[slug])
    own_cancel = reverse(
        "programmes:workshop_cancel_delegate", args=[slug, pk, world["booking"].pk]
    )
    other_cancel = reverse(
        "programmes:workshop_cancel_delegate", args=[slug, pk, world["other_booking"].pk]
    )
    responses = {url: client.get(url) for url in [book_url, offer_url, own_cancel, other_cancel]}
    if role == "anonymous":
        for url, response in responses.items():
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        return
    if role in ("reviewer", "consultant", "manager"):
        # Staff have no organisation: they are asked to choose one before acting for it.
        for url, response in responses.items():
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("programmes:choose_organisation")), url
        return
    assert responses[book_url].status_code == 200
    assert responses[offer_url].status_code == 200
    assert responses[other_cancel].status_code == 404
    assert "Other Delegate" not in responses[book_url].content.decode()
    if role == "own_council":
        assert responses[own_cancel].status_code == 200
        assert "Own Delegate" in responses[book_url].content.decode()
    else:
        assert responses[own_cancel].status_code == 404
        assert "Own Delegate" not in responses[book_url].content.decode()


def test_unpublished_workshop_or_programme_is_not_found_for_councils(client, programme):
    hidden = make_workshop(programme, is_published=False)
    client.force_login(council_user())
    assert (
        client.get(
            reverse("programmes:workshop_book", args=[programme.slug, hidden.pk])
        ).status_code
        == 404
    )
    draft = ProgrammeFactory(is_published=False)
    assert client.get(reverse("programmes:workshop_list", args=[draft.slug])).status_code == 404


# --- Query counts ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_constant(client, url, add_items, expected: int):
    add_items(1)
    one = count_queries(client, url)
    add_items(4)
    several = count_queries(client, url)
    assert (one, several) == (expected, expected)


def test_manager_workshops_page_queries(manager_client, programme):
    url = reverse("programmes:workshops", args=[programme.slug])
    assert_constant(
        manager_client,
        url,
        lambda n: [book(make_workshop(programme), OrganisationFactory(), 1) for _ in range(n)],
        6,
    )


def test_bookings_page_queries(manager_client, programme, workshop):
    url = reverse("programmes:workshop_bookings", args=[programme.slug, workshop.pk])
    assert_constant(
        manager_client,
        url,
        lambda n: [book(workshop, OrganisationFactory(), 1) for _ in range(n)],
        5,
    )


def test_bookings_csv_queries(manager_client, programme, workshop):
    url = reverse("programmes:workshop_bookings_csv", args=[programme.slug, workshop.pk])
    assert_constant(
        manager_client,
        url,
        lambda n: [book(workshop, OrganisationFactory(), 1) for _ in range(n)],
        5,
    )


def test_field_visit_offers_page_queries(manager_client, programme):
    def add(n):
        for _ in range(n):
            FieldVisitOffer.objects.create(
                programme=programme,
                organisation=OrganisationFactory(),
                what_they_would_show="Schools.",
                contact_name="Sam",
                contact_email="sam@example.org",
            )

    url = reverse("programmes:field_visit_offers", args=[programme.slug])
    assert_constant(manager_client, url, add, 5)


def test_public_workshop_list_queries_for_a_council_member(client, programme):
    user = council_user()
    organisation = user.memberships.get().organisation
    client.force_login(user)

    def add(n):
        for _ in range(n):
            workshop = make_workshop(programme)
            book(workshop, organisation, 1)
            book(workshop, OrganisationFactory(), 1)

    assert_constant(client, reverse("programmes:workshop_list", args=[programme.slug]), add, 8)


def test_book_page_queries(client, programme, workshop):
    user = council_user()
    organisation = user.memberships.get().organisation
    client.force_login(user)
    add = iter([lambda: book(workshop, organisation, 1), lambda: book(workshop, organisation, 2)])
    url = reverse("programmes:workshop_book", args=[programme.slug, workshop.pk])
    next(add)()
    one = count_queries(client, url)
    next(add)()
    book(workshop, OrganisationFactory(), 1)
    two = count_queries(client, url)
    assert (one, two) == (7, 7)


# --- The 2019 demo -----------------------------------------------------------------------------


def test_demo_2019_workshops_are_loaded_once(client, before_the_deadline):
    before_the_deadline.move_to(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON))
    for name, kind, region in [
        ("London Borough of Camden", "london_borough", "london"),
        ("Stockport Council", "metropolitan_borough", "north_west"),
    ]:
        OrganisationFactory(name=name, kind=kind, region=region)
    load_workshops_2019()
    load_workshops_2019()

    programme = Programme.objects.get(slug="cyp-mental-health-research-2019")
    assert programme.is_published and not programme.is_open()
    london, manchester = programme.workshops.order_by("starts_at")
    assert workshop_emails.when_text(london) == "Tuesday 9 July 2019, 10am to 4pm"
    assert workshop_emails.when_text(manchester) == "Monday 15 July 2019, 10am to 3:30pm"
    for workshop in (london, manchester):
        assert (workshop.capacity, workshop.delegates_per_organisation) == (40, 2)
        assert workshop.booking_closes_at == CLOSES
    # Only the councils present are booked: Camden's two and Stockport's two.
    assert WorkshopBooking.objects.count() == 4
    assert all(
        email.endswith(".example.org")
        for email in WorkshopBooking.objects.values_list("email", flat=True)
    )
    assert FieldVisitOffer.objects.count() == 2
    assert not OutboundEmail.objects.exists()
    assert "Monday 15 July 2019" in programme.description
    assert "Wednesday 15 July" not in programme.description
    text = client.get(reverse("programmes:workshop_list", args=[programme.slug])).content.decode()
    assert "Monday 15 July 2019, 10am to 3:30pm" in text
    assert "Bookings closed on Monday 1 July 2019, 5pm" in text


def test_the_programme_page_links_to_its_workshops_once_one_is_published(client, programme):
    url = reverse("programmes:detail", args=[programme.slug])
    link = reverse("programmes:workshop_list", args=[programme.slug])
    workshop = make_workshop(programme, is_published=False)
    assert link not in client.get(url).content.decode()
    Workshop.objects.filter(pk=workshop.pk).update(is_published=True)
    assert link in client.get(url).content.decode()
