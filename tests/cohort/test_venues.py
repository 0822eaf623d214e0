"""Choosing a learning day's venue by the cohort's travel: the ranking (great-circle distances,
ties, organisations without a location), the candidate-venue services, the "Choose a venue" page,
its permissions and query count, and the 2018 demo's candidates."""

import datetime
import decimal
import html
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from cohort.models import CandidateVenue, LearningDayInvitation, Project, ProjectMember
from cohort.services import learning_days as service
from cohort.services import venues as venues_service
from cohort.services.learning_days import LearningDayDetails, LearningDayError
from cohort.venue_ranking import (
    Location,
    Place,
    Venue,
    distance_km,
    distance_miles,
    explain_suggestion,
    format_miles,
    rank_venues,
)
from demo.learning_days import load_learning_days_2018
from programmes.dates import LONDON
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

UTC = datetime.UTC
STARTS = datetime.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
ENDS = datetime.datetime(2026, 4, 2, 16, 0, tzinfo=LONDON)
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

# City centres (approximate, as the organisations' locations are).
LONDON_CENTRE = Location(51.5074, -0.1278)
MANCHESTER = Location(53.4808, -2.2426)
BIRMINGHAM = Location(52.4797, -1.9035)
LEEDS = Location(53.7997, -1.5492)
TRURO = Location(50.2632, -5.0510)


# --- The ranking (no database) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (LONDON_CENTRE, MANCHESTER, 262.0),  # the well-known great-circle figure
        (LONDON_CENTRE, BIRMINGHAM, 163.0),
        (Location(0, 0), Location(0, 1), 111.2),  # a degree of longitude on the equator
        (Location(90, 0), Location(-90, 0), 20015.1),  # pole to pole: half the circumference
    ],
)
def test_distance_km_is_the_great_circle_distance(a, b, km):
    assert distance_km(a, b) == pytest.approx(km, abs=1)
    assert distance_km(b, a) == pytest.approx(distance_km(a, b))


def test_distance_between_a_place_and_itself_is_zero():
    assert distance_km(LEEDS, LEEDS) == 0


def test_distance_miles():
    assert distance_miles(LONDON_CENTRE, MANCHESTER) == pytest.approx(162.8, abs=0.6)


def test_a_location_out_of_range_is_refused():
    with pytest.raises(ValueError, match="Latitude 91 is not between -90 and 90"):
        Location(91, 0)
    with pytest.raises(ValueError, match="Longitude -181 is not between -180 and 180"):
        Location(0, -181)


def test_rank_venues_orders_by_total_travel_with_mean_and_furthest():
    places = [
        Place("Leeds City Council", LEEDS),
        Place("Manchester City Council", MANCHESTER),
        Place("Cornwall Council", TRURO),
    ]
    venues = [
        Venue("London", LONDON_CENTRE, key=1),
        Venue("Birmingham", BIRMINGHAM, key=2),
        Venue("Manchester", MANCHESTER, key=3),
    ]
    ranked = rank_venues(venues, places)

    # Manchester (58 + 0 + 406 km) beats Birmingham (149 + 114 + 329) and London (272 + 262 + 372).
    assert [(r.rank, r.venue.key) for r in ranked] == [(1, 3), (2, 2), (3, 1)]
    manchester = ranked[0]
    expected = [distance_km(MANCHESTER, place.location) for place in places]
    assert manchester.total_km == pytest.approx(464.2, abs=0.1)
    assert manchester.total_km == pytest.approx(sum(expected))
    assert manchester.mean_km == pytest.approx(sum(expected) / 3)
    assert manchester.furthest.name == "Cornwall Council"
    assert manchester.furthest_km == pytest.approx(max(expected))
    assert (manchester.counted, manchester.unlocated) == (3, 0)
    assert [r.is_suggested for r in ranked] == [True, False, False]
    assert ranked[1].total_km == pytest.approx(591.6, abs=0.1)
    assert ranked[2].total_km == pytest.approx(906.2, abs=0.1)
    assert ranked[1].total_miles == pytest.approx(ranked[1].total_km / 1.609344)
    assert ranked[1].mean_miles == pytest.approx(ranked[1].mean_km / 1.609344)
    assert ranked[1].furthest_miles == pytest.approx(ranked[1].furthest_km / 1.609344)


def test_rank_venues_breaks_ties_by_the_furthest_then_by_name():
    # Two places on the equator, 2 degrees apart: any venue between them has the same total.
    places = [Place("West", Location(0, 0)), Place("East", Location(0, 2))]
    venues = [
        Venue("Zeta, at West", Location(0, 0)),
        Venue("beta, halfway", Location(0, 1)),
        Venue("Alpha, halfway", Location(0, 1)),
        Venue("Gamma, at East", Location(0, 2)),
    ]
    ranked = rank_venues(venues, places)
    # Halfway has the same total as the ends but the nearest furthest organisation; names
    # break the remaining ties, whatever their case.
    assert [r.venue.name for r in ranked] == [
        "Alpha, halfway",
        "beta, halfway",
        "Gamma, at East",
        "Zeta, at West",
    ]
    assert len({round(r.total_km, 6) for r in ranked}) == 1
    assert ranked[0].furthest_km == pytest.approx(111.2, abs=0.5)
    # The same input in another order ranks the same.
    again = rank_venues(list(reversed(venues)), list(reversed(places)))
    assert [r.venue.name for r in again] == [r.venue.name for r in ranked]


def test_places_without_a_location_are_left_out_and_counted():
    places = [
        Place("Leeds City Council", LEEDS),
        Place("Nowhere Council", None),
        Place("Somewhere Council", None),
    ]
    [ranked] = rank_venues([Venue("Manchester", MANCHESTER)], places)
    assert ranked.total_km == pytest.approx(distance_km(MANCHESTER, LEEDS))
    assert ranked.mean_km == pytest.approx(ranked.total_km)
    assert (ranked.counted, ranked.unlocated) == (1, 2)
    assert ranked.furthest.name == "Leeds City Council"


def test_no_places_with_a_location_suggest_nothing():
    venues = [Venue("B", BIRMINGHAM), Venue("A", LEEDS)]
    for places in ([], [Place("Nowhere Council", None)]):
        ranked = rank_venues(venues, places)
        assert [r.venue.name for r in ranked] == ["A", "B"]
        assert [(r.total_km, r.mean_km, r.furthest, r.furthest_km) for r in ranked] == [
            (0.0, None, None, None)
        ] * 2
        assert not any(r.is_suggested for r in ranked)
        assert explain_suggestion(ranked) == ""
    assert rank_venues(venues, [Place("Nowhere Council", None)])[0].unlocated == 1


def test_no_venues():
    assert rank_venues([], [Place("Leeds City Council", LEEDS)]) == []
    assert explain_suggestion([]) == ""


def test_explain_suggestion_in_plain_english():
    places = [Place("Leeds City Council", LEEDS), Place("Cornwall Council", TRURO)]
    ranked = rank_venues([Venue("Birmingham", BIRMINGHAM), Venue("Leeds", LEEDS)], places)
    total = round(ranked[0].total_miles)
    furthest = round(ranked[0].furthest_miles)
    assert explain_suggestion(ranked) == (
        f"Suggested: the least total travel for the cohort ({total:,} miles in all; "
        f"furthest: Cornwall Council, {furthest} miles)"
    )


@pytest.mark.parametrize(
    ("miles", "text"),
    [(0.2, "0 miles"), (1.2, "1 mile"), (262.5, "262 miles"), (1234.4, "1,234 miles")],
)
def test_format_miles(miles, text):
    assert format_miles(miles) == text


# --- Services ---------------------------------------------------------------------------------


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def programme(db, travel):
    return ProgrammeFactory(contact_email="peerlearning@example.org")


def project_in(programme, name, location=None, team=()):
    latitude, longitude = location or (None, None)
    organisation = OrganisationFactory(name=name, latitude=latitude, longitude=longitude)
    project = Project.objects.create(
        programme=programme, organisation=organisation, key_question="How can we help sooner?"
    )
    for position, (person, email) in enumerate(team, start=1):
        ProjectMember.objects.create(project=project, position=position, name=person, email=email)
    return project


@pytest.fixture
def cohort(programme):
    """Leeds (a team of two), Cornwall (one, with an apostrophe) and a council with no location."""
    return [
        project_in(
            programme,
            "Leeds City Council",
            ("53.79970", "-1.54920"),
            team=[("Ann Lee", "ann@leeds.example.org"), ("Raj Patel", "raj@leeds.example.org")],
        ),
        project_in(
            programme,
            "Cornwall Council",
            ("50.26320", "-5.05100"),
            team=[("Siobhan O'Neill", "siobhan@cornwall.example.org")],
        ),
        project_in(programme, "Nowhere Council"),
    ]


@pytest.fixture
def day(programme):
    return service.schedule_learning_day(
        programme_id=programme.pk,
        details=LearningDayDetails(
            sequence=1,
            title="Learning day 1",
            starts_at=STARTS,
            ends_at=ENDS,
            online_link="https://meet.example.org/day-1",
            agenda="Refine the key questions.",
        ),
    )


def add(day, name, location, address=""):
    latitude, longitude = location
    return venues_service.add_candidate_venue(
        learning_day_id=day.pk,
        name=name,
        address=address,
        latitude=decimal.Decimal(latitude),
        longitude=decimal.Decimal(longitude),
    )


BIRMINGHAM_VENUE = ("The Council House", ("52.47970", "-1.90350"), "Victoria Square\nB1 1BB")
MANCHESTER_VENUE = ("Manchester Town Hall Extension", ("53.47910", "-2.24460"), "Lloyd Street")


def test_add_candidate_venue_tidies_and_rounds(day):
    venue = venues_service.add_candidate_venue(
        learning_day_id=day.pk,
        name="  The   Council House ",
        address=" Victoria Square\nB1 1BB \n",
        latitude=decimal.Decimal("52.479704999"),
        longitude=decimal.Decimal("-1.9035"),
    )
    venue.refresh_from_db()
    assert (venue.learning_day_id, venue.name, venue.address) == (
        day.pk,
        "The Council House",
        "Victoria Square\nB1 1BB",
    )
    assert (venue.latitude, venue.longitude) == (
        decimal.Decimal("52.47970"),
        decimal.Decimal("-1.90350"),
    )


@pytest.mark.parametrize(
    ("name", "latitude", "longitude", "field", "message"),
    [
        ("   ", "52", "-1", "name", "Enter the venue’s name"),
        ("The Council House", "90.1", "-1", "latitude", "The latitude must be between -90 and 90"),
        ("X", "52", "-180.5", "longitude", "The longitude must be between -180 and 180"),
        ("X", "north", "-1", "latitude", "Enter the latitude as a number"),
        ("X", "NaN", "-1", "latitude", "Enter the latitude as a number"),
        ("X", "52", "Infinity", "longitude", "Enter the longitude as a number"),
        (
            "the council house",
            "52",
            "-1",
            "name",
            "‘the council house’ is already a candidate venue",
        ),
    ],
)
def test_add_candidate_venue_refuses_bad_details(day, name, latitude, longitude, field, message):
    add(day, *BIRMINGHAM_VENUE)
    with pytest.raises(LearningDayError) as error:
        venues_service.add_candidate_venue(
            learning_day_id=day.pk, name=name, address="", latitude=latitude, longitude=longitude
        )
    assert (error.value.field, error.value.message) == (field, message)
    assert CandidateVenue.objects.count() == 1


def test_add_candidate_venue_refuses_a_cancelled_or_started_day(programme, day):
    started = time_machine.travel(STARTS, tick=False)
    with started, pytest.raises(LearningDayError, match="This learning day has already started"):
        add(day, *BIRMINGHAM_VENUE)
    service.cancel_learning_day(learning_day_id=day.pk)
    with pytest.raises(LearningDayError, match="This learning day has been cancelled"):
        add(day, *BIRMINGHAM_VENUE)
    assert CandidateVenue.objects.count() == 0


def test_the_same_name_may_be_a_candidate_for_two_days(programme, day):
    other = service.schedule_learning_day(
        programme_id=programme.pk,
        details=LearningDayDetails(
            sequence=2, title="Learning day 2", starts_at=STARTS, ends_at=ENDS, venue_name="Here"
        ),
    )
    add(day, *BIRMINGHAM_VENUE)
    add(other, *BIRMINGHAM_VENUE)
    assert CandidateVenue.objects.filter(name="The Council House").count() == 2


def test_remove_candidate_venue_leaves_the_day_at_it(day):
    venue = add(day, *BIRMINGHAM_VENUE)
    venues_service.use_candidate_venue(venue_id=venue.pk)
    venues_service.remove_candidate_venue(venue_id=venue.pk)
    day.refresh_from_db()
    assert CandidateVenue.objects.count() == 0
    assert day.venue_name == "The Council House"


def test_use_candidate_venue_sets_the_days_venue_and_keeps_the_rest(day):
    venue = add(day, *BIRMINGHAM_VENUE)
    used = venues_service.use_candidate_venue(venue_id=venue.pk)
    day.refresh_from_db()
    assert used.pk == day.pk
    assert (day.venue_name, day.venue_address, day.venue_latitude, day.venue_longitude) == (
        "The Council House",
        "Victoria Square\nB1 1BB",
        decimal.Decimal("52.47970"),
        decimal.Decimal("-1.90350"),
    )
    assert (day.title, day.starts_at, day.online_link, day.agenda) == (
        "Learning day 1",
        STARTS,
        "https://meet.example.org/day-1",
        "Refine the key questions.",
    )
    assert day.calendar_sequence == 0  # nobody invited, nobody told


def test_use_candidate_venue_with_people_invited_emails_the_update(
    cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service.invite_cohort(learning_day_id=day.pk)
    declined = day.invitations.get(email="raj@leeds.example.org")
    service.answer_invitation(invitation_id=declined.pk, answer="declined")
    smtp_sink.clear()
    venue = add(day, *BIRMINGHAM_VENUE)
    with django_capture_on_commit_callbacks(execute=True):
        venues_service.use_candidate_venue(venue_id=venue.pk)
    day.refresh_from_db()
    assert day.calendar_sequence == 1
    assert sorted(rcpt for rcpts, _ in smtp_sink.messages for rcpt in rcpts) == [
        "ann@leeds.example.org",
        "siobhan@cornwall.example.org",
    ]
    [message] = smtp_sink.to("ann@leeds.example.org")
    body = message.get_body(("plain",)).get_content()
    assert "The Council House, Victoria Square, B1 1BB" in body
    # Using the venue the day is already at is no news.
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        venues_service.use_candidate_venue(venue_id=venue.pk)
    day.refresh_from_db()
    assert (day.calendar_sequence, smtp_sink.messages) == (1, [])


def test_use_candidate_venue_follows_the_days_rules(day):
    venue = add(day, *BIRMINGHAM_VENUE)
    started = time_machine.travel(STARTS + datetime.timedelta(minutes=1), tick=False)
    with started, pytest.raises(LearningDayError, match="already started"):
        venues_service.use_candidate_venue(venue_id=venue.pk)
    service.cancel_learning_day(learning_day_id=day.pk)
    with pytest.raises(LearningDayError, match="cancelled"):
        venues_service.use_candidate_venue(venue_id=venue.pk)
    day.refresh_from_db()
    assert day.venue_name == ""


def test_use_candidate_venue_refuses_a_removed_venue(day):
    venue = add(day, *BIRMINGHAM_VENUE)
    venues_service.remove_candidate_venue(venue_id=venue.pk)
    with pytest.raises(LearningDayError, match="That venue has been removed from the candidates"):
        venues_service.use_candidate_venue(venue_id=venue.pk)


# --- The page ---------------------------------------------------------------------------------


@pytest.fixture
def manager_client(db, client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def venues_url(day):
    return reverse("cohort:learning_day_venues", args=[day.programme.slug, day.pk])


def use_url(venue):
    day = venue.learning_day
    return reverse("cohort:learning_day_venue_use", args=[day.programme.slug, day.pk, venue.pk])


def remove_url(venue):
    day = venue.learning_day
    return reverse("cohort:learning_day_venue_remove", args=[day.programme.slug, day.pk, venue.pk])


def text_of(content: str, start: str, end: str) -> str:
    part = content.split(start, 1)[1].split(end, 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)).strip()


def test_venues_page_ranks_the_candidates_and_suggests_one(manager_client, cohort, day):
    add(day, *MANCHESTER_VENUE)
    add(day, *BIRMINGHAM_VENUE)
    add(day, "Truro Hall for Cornwall", ("50.26320", "-5.05100"))
    content = manager_client.get(venues_url(day)).content.decode()

    # Only Leeds and Cornwall have a location: a venue in Truro means 460 km in all (from Leeds),
    # Manchester 464 km (58 + 406), Birmingham 478 km (149 + 329).
    assert (
        "Suggested: the least total travel for the cohort (286 miles in all; "
        "furthest: Leeds City Council, 286 miles)"
    ) in content
    assert text_of(content, '<table class="govuk-table" id="venues">', "</table>") == (
        "3 candidate venues, least travel first Venue Total travel Average per organisation "
        "Furthest organisation Furthest travel Actions "
        "Truro Hall for Cornwall Suggested 286 miles 143 miles Leeds City Council 286 miles "
        "Use this venue (Truro Hall for Cornwall) Remove Truro Hall for Cornwall "
        "Manchester Town Hall Extension Lloyd Street 288 miles 144 miles Cornwall Council "
        "252 miles Use this venue (Manchester Town Hall Extension) "
        "Remove Manchester Town Hall Extension "
        "The Council House Victoria Square B1 1BB 297 miles 148 miles Cornwall Council "
        "205 miles Use this venue (The Council House) Remove The Council House"
    )
    assert content.count("govuk-tag--green") == 1
    assert "1 organisation has no known location, so it is left out of the distances: " in content
    assert "Nowhere Council" in content
    assert html.escape("the 3 organisations in the cohort") in content
    assert "People have been invited" not in content  # nobody is yet


def test_venues_page_without_candidates(manager_client, cohort, day):
    content = manager_client.get(venues_url(day)).content.decode()
    assert "No candidate venues yet. Add two or more to compare them." in content
    assert "Suggested" not in content
    assert "Add a candidate venue" in content


def test_manager_adds_a_venue(manager_client, cohort, day):
    response = manager_client.post(
        venues_url(day),
        {
            "name": "The Council House",
            "address": "Victoria Square\nB1 1BB",
            "latitude": "52.4797",
            "longitude": "-1.9035",
        },
        follow=True,
    )
    assert response.redirect_chain == [(venues_url(day), 302)]
    content = response.content.decode()
    assert "‘The Council House’ has been added." in content
    venue = day.candidate_venues.get()
    assert (venue.name, venue.latitude, venue.longitude) == (
        "The Council House",
        decimal.Decimal("52.47970"),
        decimal.Decimal("-1.90350"),
    )


def test_a_location_pasted_from_a_map_is_split(manager_client, cohort, day):
    manager_client.post(
        venues_url(day),
        {"name": "Civic Hall", "address": "", "latitude": "53.80076, -1.54897", "longitude": ""},
    )
    venue = day.candidate_venues.get()
    assert (venue.latitude, venue.longitude) == (
        decimal.Decimal("53.80076"),
        decimal.Decimal("-1.54897"),
    )


@pytest.mark.parametrize(
    ("overrides", "error", "field_id"),
    [
        ({"name": ""}, "Enter the venue’s name", "id_name"),
        ({"latitude": ""}, "Enter the venue’s latitude, like 51.49616", "id_latitude"),
        ({"latitude": "95"}, "The latitude must be between -90 and 90", "id_latitude"),
        ({"longitude": "west"}, "Enter the longitude as a number, like -0.12823", "id_longitude"),
        ({"longitude": "-200"}, "The longitude must be between -180 and 180", "id_longitude"),
        (
            {"name": "the council house"},
            "‘the council house’ is already a candidate venue",
            "id_name",
        ),
    ],
)
def test_add_venue_errors_are_summarised_and_keep_what_was_typed(
    manager_client, cohort, day, overrides, error, field_id
):
    add(day, *BIRMINGHAM_VENUE)
    data = {
        "name": "Leeds Civic Hall",
        "address": "Calverley Street, LS1 1UR",
        "latitude": "53.80076",
        "longitude": "-1.54897",
        **overrides,
    }
    response = manager_client.post(venues_url(day), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in content
    assert f'<a href="#{field_id}">{html.escape(error)}</a>' in content
    assert "Calverley Street, LS1 1UR" in content
    for value in data.values():
        assert html.escape(value) in content
    assert day.candidate_venues.count() == 1


def test_manager_uses_a_venue_and_invitees_are_told(
    manager_client, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service.invite_cohort(learning_day_id=day.pk)
    smtp_sink.clear()
    venue = add(day, *BIRMINGHAM_VENUE)
    page = manager_client.get(venues_url(day)).content.decode()
    assert (
        "People have been invited. If you use a different venue, everyone invited who has not "
        "declined is emailed the new details with an updated calendar entry."
    ) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(use_url(venue), follow=True)
    assert response.redirect_chain == [(venues_url(day), 302)]
    content = response.content.decode()
    assert (
        "‘Learning day 1’ will be held at ‘The Council House’. Everyone invited who has not "
        "declined has been emailed the new details."
    ) in content
    assert "In use" in content
    assert "Use this venue" not in content
    day.refresh_from_db()
    assert (day.venue_name, day.calendar_sequence) == ("The Council House", 1)
    assert len(smtp_sink.messages) == 3
    [message] = smtp_sink.to("siobhan@cornwall.example.org")
    assert "The Council House" in message.get_body(("plain",)).get_content()


def test_manager_uses_a_venue_nobody_is_invited_to(manager_client, cohort, day, smtp_sink):
    venue = add(day, *BIRMINGHAM_VENUE)
    response = manager_client.post(use_url(venue), follow=True)
    content = response.content.decode()
    assert "‘Learning day 1’ will be held at ‘The Council House’." in content
    assert "has been emailed" not in content
    day.refresh_from_db()
    assert day.venue_name == "The Council House"
    assert smtp_sink.messages == []


def test_a_started_day_cannot_use_a_venue(manager_client, cohort, day):
    venue = add(day, *BIRMINGHAM_VENUE)
    with time_machine.travel(STARTS + datetime.timedelta(hours=1), tick=False):
        page = manager_client.get(venues_url(day)).content.decode()
        assert "This learning day has already started, so its venue cannot be changed." in page
        assert "Use this venue" not in page and "Add a candidate venue" not in page
        response = manager_client.post(use_url(venue), follow=True)
    assert (
        "This learning day has already started, so its time and place cannot be changed"
        in response.content.decode()
    )
    day.refresh_from_db()
    assert day.venue_name == ""


def test_manager_removes_a_venue(manager_client, cohort, day):
    venue = add(day, *BIRMINGHAM_VENUE)
    response = manager_client.post(remove_url(venue), follow=True)
    assert response.redirect_chain == [(venues_url(day), 302)]
    assert "‘The Council House’ has been removed." in response.content.decode()
    assert not CandidateVenue.objects.exists()


def test_another_days_venue_is_not_found(manager_client, programme, cohort, day):
    other_programme = ProgrammeFactory()
    other_day = service.schedule_learning_day(
        programme_id=other_programme.pk,
        details=LearningDayDetails(
            sequence=1, title="Elsewhere", starts_at=STARTS, ends_at=ENDS, venue_name="Here"
        ),
    )
    theirs = add(other_day, *BIRMINGHAM_VENUE)
    slug = programme.slug
    for name in ["learning_day_venue_use", "learning_day_venue_remove"]:
        url = reverse(f"cohort:{name}", args=[slug, day.pk, theirs.pk])
        assert manager_client.post(url).status_code == 404, name
    url = reverse("cohort:learning_day_venues", args=[other_programme.slug, day.pk])
    assert manager_client.get(url).status_code == 404
    assert CandidateVenue.objects.count() == 1
    other_day.refresh_from_db()
    assert other_day.venue_name == "Here"


def test_the_buttons_only_post(manager_client, cohort, day):
    venue = add(day, *BIRMINGHAM_VENUE)
    assert manager_client.get(use_url(venue)).status_code == 405
    assert manager_client.get(remove_url(venue)).status_code == 405


def test_the_links_to_the_page(manager_client, programme, cohort, day):
    listing = manager_client.get(reverse("cohort:learning_days", args=[programme.slug]))
    assert f'href="{venues_url(day)}"' in listing.content.decode()
    form = manager_client.get(
        reverse("cohort:learning_day_edit", args=[programme.slug, day.pk])
    ).content.decode()
    assert f'href="{venues_url(day)}">Compare venues by the cohort’s travel</a>' in form


# --- Permissions ------------------------------------------------------------------------------

ROLES = ["anonymous", "council", "reviewer", "consultant", "manager"]


def user_for(role):
    return {
        "anonymous": lambda: None,
        "council": council_user,
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }[role]()


def refused(response, role) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/accounts/login/" in response.url
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_venue_pages_by_role(client, cohort, day, role):
    user = user_for(role)
    if user:
        client.force_login(user)
    used = add(day, *BIRMINGHAM_VENUE)
    removed = add(day, *MANCHESTER_VENUE)
    manager = role == "manager"

    response = client.get(venues_url(day))
    assert response.status_code == 200 if manager else refused(response, role)
    response = client.post(
        venues_url(day),
        {"name": "Leeds Civic Hall", "address": "", "latitude": "53.8", "longitude": "-1.5"},
    )
    assert (
        response.status_code == 302 and response.url == venues_url(day)
        if manager
        else refused(response, role)
    )
    for url in [use_url(used), remove_url(removed)]:
        response = client.post(url)
        assert (
            response.status_code == 302 and response.url == venues_url(day)
            if manager
            else refused(response, role)
        ), url
    day.refresh_from_db()
    assert sorted(day.candidate_venues.values_list("name", flat=True)) == (
        ["Leeds Civic Hall", "The Council House"]
        if manager
        else ["Manchester Town Hall Extension", "The Council House"]
    )
    assert day.venue_name == ("The Council House" if manager else "")


# --- Query count ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_venues_page_queries_are_constant(manager_client, programme, day):
    url = venues_url(day)
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            i = next(counter)
            project = project_in(programme, f"Council {i}", ("52.0", f"-1.{i}"))
            LearningDayInvitation.objects.create(
                learning_day=day, project=project, name=f"P{i}", email=f"p{i}@example.org"
            )
            add(day, f"Venue {i}", ("52.5", f"-1.{i}"))

    grow(1)
    one = count_queries(manager_client, url)
    grow(4)
    several = count_queries(manager_client, url)
    assert one == several == 7


# --- The 2018 demo ----------------------------------------------------------------------------


def test_demo_2018_compares_three_venues_for_learning_day_1(programme):
    # The 2018 cohort's organisations, at the locations in programmes/data/organisations.csv.
    cohort_2018 = [
        ("Barnsley Metropolitan Borough Council", ("53.553", "-1.480")),
        ("Durham County Council", ("54.776", "-1.576")),
        ("Essex County Council", ("51.736", "0.469")),
        ("Kirklees Council", ("53.646", "-1.782")),
        ("Lincolnshire County Council", ("53.230", "-0.540")),
        ("London Borough of Lewisham", ("51.445", "-0.020")),
        ("Surrey County Council", ("51.231", "-0.197")),
        ("Warwickshire County Council", ("52.282", "-1.585")),
    ]
    for name, location in cohort_2018:
        project_in(programme, name, location, team=[("A", f"a@{len(name)}{name[:3]}.example.org")])
    load_learning_days_2018(programme)
    load_learning_days_2018(programme)  # a second run adds nothing

    first = programme.learning_days.get(sequence=1)
    venues = list(first.candidate_venues.order_by("name"))
    assert [(v.name, str(v.latitude), str(v.longitude)) for v in venues] == [
        ("Local Government House", "51.49616", "-0.12823"),
        ("Manchester Town Hall Extension", "53.47910", "-2.24460"),
        ("The Council House", "52.47970", "-1.90350"),
    ]
    assert not programme.learning_days.get(sequence=2).candidate_venues.exists()
    ranked = rank_venues(
        [Venue(v.name, Location(float(v.latitude), float(v.longitude))) for v in venues],
        [Place(name, Location(float(a), float(b))) for name, (a, b) in cohort_2018],
    )
    assert [r.venue.name for r in ranked] == [
        "The Council House",
        "Local Government House",
        "Manchester Town Hall Extension",
    ]
    assert explain_suggestion(ranked) == (
        "Suggested: the least total travel for the cohort (746 miles in all; furthest: "
        "Durham County Council, 159 miles)"
    )
