"""The cohort's peer matches and engagements as spreadsheets: every project (matched or not),
every engagement, text never read as a formula, programme managers only, constant queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.enums import StaffRole
from cohort.enums import EngagementKind, EngagementMode, EngagementStatus
from cohort.models import PeerApproach, PeerEngagement, PeerMatch, Project
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory()


def project(programme, name):
    return Project.objects.create(
        programme=programme, organisation=OrganisationFactory(name=name), key_question="How?"
    )


def approach(programme, title="Pause drop-in"):
    return PeerApproach.objects.create(
        programme=programme,
        organisation_name="Forward Thinking Birmingham",
        title=title,
        description="Open access.",
        contact_name="Callum Reid",
        contact_email="callum@example.org",
    )


def rows_of(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def test_matches_list_every_project_matched_or_not(client, programme):
    barnsley, essex = project(programme, "Barnsley Council"), project(programme, "Essex Council")
    PeerMatch.objects.create(
        project=barnsley, approach=approach(programme), mode=EngagementMode.VISIT, is_locked=True,
        reasons="=HYPERLINK(\"http://evil.test\")",
    )  # fmt: skip
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    response = client.get(reverse("cohort:peer_matches_xlsx", args=[programme.slug]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="peer-matches-{programme.slug}.xlsx"'
    )
    rows = rows_of(response)
    assert rows[0][:4] == ["Council", "Key question", "Peer organisation", "Approach"]
    assert rows[1][:6] == [
        "Barnsley Council", "How?", "Forward Thinking Birmingham", "Pause drop-in", "Visit", "Yes",
    ]  # fmt: skip
    assert rows[1][6].startswith("'=HYPERLINK")  # text, never a formula
    assert rows[2][:3] == [essex.organisation.name, "How?", "Not matched"]


def test_engagements_list_each_with_what_was_learned(client, programme):
    barnsley = project(programme, "Barnsley Council")
    PeerEngagement.objects.create(
        project=barnsley,
        approach=approach(programme),
        kind=EngagementKind.VISIT,
        status=EngagementStatus.COMPLETED,
        date=datetime.date(2018, 4, 24),
        participants="The team",
        what_happened="Saw the hub.",
        key_learning="+1 integrated offers work",
    )
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    rows = rows_of(client.get(reverse("cohort:peer_engagements_xlsx", args=[programme.slug])))
    assert rows[1] == [
        "Barnsley Council", "Forward Thinking Birmingham", "Pause drop-in", "Visit", "Completed",
        "2018-04-24", "The team", "Saw the hub.", "'+1 integrated offers work",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 302), ("council", 403), (StaffRole.REVIEWER, 403), (StaffRole.CONSULTANT, 403)],
)
def test_only_programme_managers_download(client, programme, role, expected):
    if role == "council":
        client.force_login(council_user())
    elif role:
        client.force_login(UserFactory(role=role))
    for name in ["cohort:peer_matches_xlsx", "cohort:peer_engagements_xlsx"]:
        assert client.get(reverse(name, args=[programme.slug])).status_code == expected


def test_downloads_make_a_fixed_number_of_queries(client, programme):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    shared = approach(programme)

    def add(n):
        for _ in range(n):
            p = Project.objects.create(
                programme=programme, organisation=OrganisationFactory(), key_question="How?"
            )
            PeerMatch.objects.create(project=p, approach=shared)
            PeerEngagement.objects.create(project=p, approach=shared, kind=EngagementKind.CALL)

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[programme.slug])).status_code == 200
        return len(queries)

    add(1)
    one = [count("cohort:peer_matches_xlsx"), count("cohort:peer_engagements_xlsx")]
    add(4)
    several = [count("cohort:peer_matches_xlsx"), count("cohort:peer_engagements_xlsx")]
    assert one == several
