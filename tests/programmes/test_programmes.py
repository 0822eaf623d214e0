import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import StaffRole
from notifications.models import OutboundEmail
from programmes import services
from programmes.dates import LONDON
from programmes.errors import DomainError
from programmes.models import (
    CommunitySignup,
    Organisation,
    OrganisationDomain,
    PeerPartnerOffer,
    Programme,
)
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def date_input(name: str, day_month_year: str) -> dict:
    """The three boxes of a GOV.UK date input."""
    day, month, year = day_month_year.split()
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def programme_form(**overrides) -> dict:
    data = {
        "title": "Improving children's and young people's mental health and wellbeing",
        "slug": "cyp-2027",
        "summary": "Councils learn from each other.",
        "description": "The call.",
        "contact_email": "peerlearning@example.org",
        **date_input("opens_on", "15 1 2027"),
        "opens_time": "9am",
        **date_input("closes_on", "2 4 2027"),
        "closes_time": "5pm",
        **date_input("decisions_due", "9 4 2027"),
        **date_input("runs_from", "12 4 2027"),
        **date_input("runs_until", "30 7 2027"),
        "cohort_min": "6",
        "cohort_max": "8",
        "word_limit": "1000",
        "progress_update_every_weeks": "4",
        "max_file_mb": "10",
        "max_application_mb": "30",
        "challenge_areas_text": "Timely access to help\nFinding advice and information\n",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_manager_creates_a_programme_with_london_times(manager_client):
    response = manager_client.post(reverse("programmes:create"), programme_form())
    assert response.status_code == 302
    programme = Programme.objects.get(slug="cyp-2027")
    # 2 April 2027 is after the clocks go forward: 17:00 BST is 16:00 UTC.
    assert programme.closes_at == datetime.datetime(2027, 4, 2, 16, 0, tzinfo=datetime.UTC)
    assert programme.max_file_bytes == 10 * 1024 * 1024
    assert list(programme.challenge_areas.values_list("name", flat=True)) == [
        "Timely access to help",
        "Finding advice and information",
    ]


def test_programme_form_errors_are_shown_and_input_kept(manager_client):
    response = manager_client.post(
        reverse("programmes:create"),
        programme_form(**date_input("closes_on", "1 1 2027"), cohort_min="9", title="Kept title"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The closing date must be after the opening date" in page
    assert "The largest cohort must be at least the smallest" in page
    assert "Kept title" in page
    assert not Programme.objects.exists()


def test_editing_challenge_areas_keeps_order_and_removes_dropped(manager_client):
    manager_client.post(reverse("programmes:create"), programme_form())
    manager_client.post(
        reverse("programmes:edit", args=["cyp-2027"]),
        programme_form(challenge_areas_text="Finding advice and information\nNew area"),
    )
    programme = Programme.objects.get(slug="cyp-2027")
    assert list(programme.challenge_areas.values_list("name", flat=True)) == [
        "Finding advice and information",
        "New area",
    ]


def test_database_refuses_a_programme_closing_before_it_opens():
    programme = ProgrammeFactory.build(
        opens_at=datetime.datetime(2027, 2, 1, tzinfo=LONDON),
        closes_at=datetime.datetime(2027, 1, 1, tzinfo=LONDON),
    )
    with pytest.raises(ValidationError):
        services.save_programme(programme=programme, challenge_areas=[])


def test_public_programme_page_shows_key_dates_and_start(client):
    programme = ProgrammeFactory(closes_at=datetime.datetime(2030, 2, 15, 17, tzinfo=LONDON))
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Friday 15 February 2030, 5pm" in page
    assert "Start your application" in page


def test_unpublished_programme_is_not_public(client):
    programme = ProgrammeFactory(is_published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert programme.title not in client.get(reverse("home")).content.decode()


def test_deadline_extension_must_be_later_than_closing():
    programme = ProgrammeFactory()
    with pytest.raises(DomainError):
        services.grant_deadline_extension(
            programme=programme,
            organisation=OrganisationFactory(),
            closes_at=programme.closes_at,
            reason="x",
            by=None,
        )


def test_manager_extends_the_deadline_for_one_organisation(manager_client):
    programme = ProgrammeFactory(closes_at=datetime.datetime(2030, 2, 15, 17, tzinfo=LONDON))
    organisation = OrganisationFactory()
    response = manager_client.post(
        reverse("applications:extend_deadline", args=[programme.slug]),
        {
            "organisation": organisation.pk,
            **date_input("closes_on", "18 2 2030"),
            "closes_time": "midday",
            "reason": "Cyber attack on the council",
        },
    )
    assert response.status_code == 302
    extension = programme.deadline_extensions.get()
    assert extension.closes_at == datetime.datetime(2030, 2, 18, 12, tzinfo=LONDON)


def test_new_user_picks_their_organisation(client):
    user = UserFactory(email="kim.newcomer@barnsley.gov.uk")
    organisation = OrganisationFactory(name="Barnsley Metropolitan Borough Council")
    OrganisationDomain.objects.create(organisation=organisation, domain="barnsley.gov.uk")
    client.force_login(user)
    page = client.get(reverse("programmes:choose_organisation")).content.decode()
    assert "data-autocomplete" in page and "Barnsley Metropolitan Borough Council" in page
    response = client.post(
        reverse("programmes:choose_organisation"), {"organisation": organisation.pk}
    )
    assert response.status_code == 302
    assert user.memberships.get().organisation == organisation


def test_new_user_proposes_a_missing_organisation_for_confirmation(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("programmes:choose_organisation"),
        {
            "not_listed": "on",
            "new_name": "Northshire Youth Trust",
            "new_kind": "voluntary",
            "new_region": "north_east",
        },
    )
    organisation = Organisation.objects.get(name="Northshire Youth Trust")
    assert organisation.is_confirmed is False and organisation.proposed_by == user
    assert user.memberships.get().organisation == organisation
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(manager)
    client.post(reverse("programmes:organisations_to_confirm"), {"organisation": organisation.pk})
    organisation.refresh_from_db()
    assert organisation.is_confirmed is True


def test_proposing_an_organisation_already_listed_says_so(client):
    OrganisationFactory(name="Surrey County Council")
    client.force_login(UserFactory())
    response = client.post(
        reverse("programmes:choose_organisation"),
        {
            "not_listed": "on",
            "new_name": "surrey county council",
            "new_kind": "county",
            "new_region": "south_east",
        },
    )
    assert "already on the list" in response.content.decode()


def test_choosing_nothing_explains_what_to_do(client):
    client.force_login(UserFactory())
    response = client.post(reverse("programmes:choose_organisation"), {})
    assert "Select your organisation, or tick" in response.content.decode()


def test_community_signup_confirms_by_page_and_email(client):
    programme = ProgrammeFactory()
    response = client.post(
        reverse("programmes:community_signup", args=[programme.slug]),
        {
            "name": "Siân Jones",
            "email": "sian@example.org",
            "organisation_name": "Kent",
            "consent_to_contact": "on",
        },
        follow=True,
    )
    assert "You have joined the community of learning" in response.content.decode()
    assert CommunitySignup.objects.get().name == "Siân Jones"
    assert OutboundEmail.objects.get().to_email == "sian@example.org"


def test_community_signup_twice_updates_rather_than_duplicates():
    programme = ProgrammeFactory()
    for name in ["First", "Second"]:
        services.sign_up_to_community(
            programme=programme,
            name=name,
            email="Same@Example.org",
            organisation_name="Org",
            job_title="",
            consent_to_contact=True,
        )
    assert CommunitySignup.objects.get().name == "Second"


def test_community_signup_needs_consent(client):
    programme = ProgrammeFactory()
    response = client.post(
        reverse("programmes:community_signup", args=[programme.slug]),
        {"name": "A", "email": "a@example.org", "organisation_name": "Org"},
    )
    assert "Confirm that we may contact you" in response.content.decode()
    assert not CommunitySignup.objects.exists()


def test_peer_partner_offer_confirms_by_page_and_email(client):
    programme = ProgrammeFactory()
    OrganisationFactory(name="Cheshire East Council")
    response = client.post(
        reverse("programmes:peer_partner_offer", args=[programme.slug]),
        {
            "organisation_name": "Cheshire East Council",
            "approach_title": "Emotionally Healthy Schools",
            "summary": "Public health, schools and a voluntary sector partner.",
            "thrive_categories": ["thriving", "getting_advice"],
            "contact_name": "Alex",
            "contact_email": "alex@example.org",
            "can_host_visit": "on",
            "visit_capacity": "2",
        },
        follow=True,
    )
    assert "Thank you for your offer" in response.content.decode()
    offer = PeerPartnerOffer.objects.get()
    assert offer.organisation.name == "Cheshire East Council"
    assert sorted(offer.thrive_categories.values_list("slug", flat=True)) == [
        "getting_advice",
        "thriving",
    ]
    assert OutboundEmail.objects.get().to_email == "alex@example.org"


def test_confirmation_pages_are_only_for_the_person_who_signed_up(client):
    programme = ProgrammeFactory()
    response = client.get(reverse("programmes:community_signup_done", args=[programme.slug]))
    assert response.url == reverse("programmes:community_signup", args=[programme.slug])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5pm", (17, 0)),
        ("17:00", (17, 0)),
        ("5:30pm", (17, 30)),
        ("12am", (0, 0)),
        ("midday", (12, 0)),
        ("9.15am", (9, 15)),
        (" 09:05 ", (9, 5)),
    ],
)
def test_times_are_read_as_people_write_them(typed, expected):
    from programmes.forms import TimeOfDayField

    assert TimeOfDayField().clean(typed) == datetime.time(*expected)


@pytest.mark.parametrize("typed", ["25:00", "13pm", "five", "17:75"])
def test_impossible_times_are_refused(typed):
    from programmes.forms import TimeOfDayField

    with pytest.raises(ValidationError):
        TimeOfDayField().clean(typed)


def test_edit_form_shows_the_saved_times(manager_client):
    manager_client.post(reverse("programmes:create"), programme_form())
    page = manager_client.get(reverse("programmes:edit", args=["cyp-2027"])).content.decode()
    assert 'value="5pm"' in page and 'value="9am"' in page


def test_community_signups_export_is_safe_to_open_in_a_spreadsheet(manager_client):
    programme = ProgrammeFactory()
    for n, name in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "Zoë"]):
        CommunitySignup.objects.create(
            programme=programme,
            name=name,
            email=f"p{n}@example.org",
            organisation_name="Org",
            consent_to_contact=True,
        )
    response = manager_client.get(
        reverse("programmes:community_signups_csv", args=[programme.slug])
    )
    assert response["Content-Disposition"].startswith("attachment;")
    rows = response.content.decode("utf-8-sig").splitlines()
    names = [row.split(",")[0] for row in rows[1:]]
    assert names == ['"\'=HYPERLINK(""http://x"")"', "'+1", "'-2", "'@SUM(A1)", "'\tTab", "Zoë"]


def test_empty_programme_form_gives_a_message_for_every_question(manager_client):
    page = manager_client.post(reverse("programmes:create"), {}).content.decode()
    for message in [
        "Enter the programme’s title",
        "Enter a short name for the web address",
        "Enter a summary",
        "Enter the programme’s contact email address",
        "Enter opening date",
        "Enter the closing time",
        "Enter the largest file size, in MB",
    ]:
        assert message in page
    assert "This field is required" not in page


def test_manager_previews_an_unpublished_programme(manager_client):
    programme = ProgrammeFactory(is_published=False)
    page = manager_client.get(programme.get_absolute_url()).content.decode()
    assert "Preview: this programme is not published" in page
