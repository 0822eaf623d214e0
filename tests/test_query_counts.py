"""List pages run the same number of queries with one item as with several."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from notifications.models import OutboundEmail
from programmes.models import CommunitySignup, PeerPartnerOffer, ThriveCategory
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


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


def add_emails(n: int, *, related=None) -> None:
    for _ in range(n):
        OutboundEmail.objects.create(
            kind="t",
            to_email="a@example.org",
            subject="s",
            body_text="b",
            reason="r",
            related=related,
        )


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def test_home_page_queries(client):
    assert_constant(client, reverse("home"), lambda n: ProgrammeFactory.create_batch(n), 1)


def test_manage_programmes_queries(manager_client):
    assert_constant(
        manager_client,
        reverse("programmes:manage"),
        lambda n: [submitted_application() for _ in range(n)],
        # session, user, groups, programmes, organisations to confirm, requests to join, the
        # scheduler's heartbeat
        7,
    )


def test_staff_applications_list_queries(manager_client):
    programme = ProgrammeFactory()
    assert_constant(
        manager_client,
        reverse("applications:staff_list", args=[programme.slug]),
        lambda n: [submitted_application(programme=programme) for _ in range(n)],
        11,
    )


def test_staff_application_detail_queries(manager_client):
    application = submitted_application()

    def add(n):
        add_emails(n, related=application)

    assert_constant(
        manager_client,
        reverse("applications:staff_detail", args=[application.pk]),
        add,
        16,  # with the application's change history
    )


def test_outbox_queries(manager_client):
    def add_emails_of_programmes(n: int) -> None:
        # Each of its own programme, so that the programme filter has n choices to list.
        for _ in range(n):
            OutboundEmail.objects.create(
                kind="t",
                to_email="a@example.org",
                subject="s",
                body_text="b",
                reason="r",
                scope=ProgrammeFactory(),
            )

    # + the scheduler's heartbeat and the oldest queued email
    assert_constant(manager_client, reverse("notifications:outbox"), add_emails_of_programmes, 9)


def test_community_signups_queries(manager_client):
    programme = ProgrammeFactory()

    def add(n):
        for _ in range(n):
            CommunitySignup.objects.create(
                programme=programme,
                name="A",
                email=f"{CommunitySignup.objects.count()}@example.org",
                organisation_name="Org",
                consent_to_contact=True,
            )

    assert_constant(
        manager_client, reverse("programmes:community_signups", args=[programme.slug]), add, 5
    )


def test_peer_partner_offers_queries(manager_client):
    programme = ProgrammeFactory()

    def add(n):
        for _ in range(n):
            offer = PeerPartnerOffer.objects.create(
                programme=programme,
                organisation_name="Org",
                approach_title="A",
                summary="S",
                contact_name="C",
                contact_email="c@example.org",
            )
            offer.thrive_categories.set(ThriveCategory.objects.all()[:2])

    assert_constant(
        manager_client, reverse("programmes:peer_partner_offers", args=[programme.slug]), add, 6
    )


def test_organisations_to_confirm_queries(manager_client):
    assert_constant(
        manager_client,
        reverse("programmes:organisations_to_confirm"),
        lambda n: OrganisationFactory.create_batch(
            n, is_confirmed=False, proposed_by=UserFactory()
        ),
        4,
    )


def test_your_applications_queries(client):
    user = council_user()
    organisation = user.memberships.get().organisation
    client.force_login(user)

    def add(n):
        for _ in range(n):
            ApplicationFactory(organisation=organisation)

    assert_constant(client, reverse("applications:mine"), add, 6)


def test_task_list_queries(client):
    application = complete_application(ApplicationFactory())
    user = council_user(organisation=application.organisation)
    client.force_login(user)

    def add(n):
        add_emails(n, related=application)

    # 12: the board's confirmation (and whether the email asking for it was delivered) is shown.
    assert_constant(client, application.get_absolute_url(), add, 12)
