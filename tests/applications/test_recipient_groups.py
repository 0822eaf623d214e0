"""Programme managers write to groups of a programme's people from the outbox."""

import pytest
from django.urls import reverse

from accounts.enums import StaffRole
from applications.services import selection
from notifications.models import OutboundEmail
from programmes.models import CommunitySignup
from tests.factories import (
    ApplicationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def cohort_of_two(programme, manager):
    chosen = [submitted_application(programme=programme) for _ in range(2)]
    for application in chosen:
        selection.select_for_cohort(application_id=application.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    selection.release_decisions(programme_id=programme.pk, by=manager)
    return chosen


def test_compose_to_every_team_member_of_the_cohort(manager_client):
    programme = ProgrammeFactory(cohort_min=2, cohort_max=3)
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    chosen = cohort_of_two(programme, manager)
    not_chosen = submitted_application(programme=programme)
    page = manager_client.get(reverse("notifications:compose")).content.decode()
    assert f"{programme.title}: team members of the cohort" in page
    manager_client.post(
        reverse("notifications:compose"),
        {
            "groups": [f"cohort-team:{programme.pk}"],
            "recipients": chosen[0].team.first().email.upper(),  # already in the group
            "subject": "Learning day 1",
            "body": "See you on 12 March.",
            "hold": "yes",
        },
    )
    sent_to = sorted(
        OutboundEmail.objects.filter(kind="composed").values_list("to_email", flat=True)
    )
    expected = sorted(e for a in chosen for e in a.team.values_list("email", flat=True))
    assert sent_to == expected
    assert not set(not_chosen.team.values_list("email", flat=True)) & set(sent_to)
    # Written to one programme's people: it belongs to that programme in the outbox.
    assert {e.scope for e in OutboundEmail.objects.filter(kind="composed")} == {programme}


def test_compose_to_two_programmes_people_belongs_to_neither(manager_client):
    first, second = ProgrammeFactory(), ProgrammeFactory()
    for programme in (first, second):
        CommunitySignup.objects.create(
            programme=programme,
            name="Siân",
            email=f"sian-{programme.pk}@example.org",
            organisation_name="Org",
            consent_to_contact=True,
        )
    manager_client.post(
        reverse("notifications:compose"),
        {
            "groups": [f"community:{first.pk}", f"community:{second.pk}"],
            "subject": "Both calls",
            "body": "News.",
            "hold": "yes",
        },
    )
    composed = OutboundEmail.objects.filter(kind="composed")
    assert composed.count() == 2
    assert {e.scope_id for e in composed} == {None}


def test_compose_to_councils_with_a_draft_and_the_community(manager_client):
    programme = ProgrammeFactory()
    draft = ApplicationFactory(programme=programme)
    person = council_user(organisation=draft.organisation)
    CommunitySignup.objects.create(
        programme=programme,
        name="Siân",
        email="sian@example.org",
        organisation_name="Org",
        consent_to_contact=True,
    )
    manager_client.post(
        reverse("notifications:compose"),
        {
            "groups": [f"draft-councils:{programme.pk}", f"community:{programme.pk}"],
            "subject": "Closing soon",
            "body": "Two weeks left.",
            "hold": "no",
        },
    )
    assert sorted(OutboundEmail.objects.values_list("to_email", flat=True)) == sorted(
        [person.email, "sian@example.org"]
    )


def test_an_empty_group_says_so(manager_client):
    programme = ProgrammeFactory()
    response = manager_client.post(
        reverse("notifications:compose"),
        {"groups": [f"cohort-team:{programme.pk}"], "subject": "S", "body": "B", "hold": "yes"},
    )
    assert "The groups you chose have nobody in them yet" in response.content.decode()
    assert not OutboundEmail.objects.exists()
