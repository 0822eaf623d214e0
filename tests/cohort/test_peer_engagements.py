"""Peer engagements (issue 15 item 4): a project's consultant proposes a visit or call to a peer,
the peer's contact answers through a signed link without an account, the consultant records
what happened, and the council sees its own engagements read-only.

Signed links: a tampered, expired or other-purpose link opens nothing; one engagement's link
never opens another. Consultant scoping: another consultant's project is a 404."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from cohort import peer_links
from cohort.enums import EngagementKind, EngagementStatus
from cohort.errors import ProjectError
from cohort.invitation_links import _signer as invitation_signer
from cohort.models import PeerApproach, PeerEngagement, PeerMatch, Project
from cohort.services.peer_engagements import (
    answer_peer_engagement,
    propose_peer_engagement,
    record_peer_engagement,
)
from notifications.models import OutboundEmail
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "council", "other_council", "reviewer", "consultant", "other_consultant"]
ROLES += ["manager"]


def make_project(programme, *, consultant=None, name="Barnsley Council") -> Project:
    return Project.objects.create(
        programme=programme,
        organisation=OrganisationFactory(name=name),
        key_question="How can young people get help sooner?",
        refined_key_question="How do we build a single front door for 0–25s?",
        consultant=consultant,
    )


def make_approach(programme, **fields) -> PeerApproach:
    defaults = {
        "organisation_name": "Forward Thinking Birmingham",
        "title": "A single front door",
        "description": "One front door for 0–25s.",
        "contact_name": "Pat Peer",
        "contact_email": "pat.peer@birmingham.example.org",
    }
    return PeerApproach.objects.create(programme=programme, **{**defaults, **fields})


@pytest.fixture
def world():
    programme = ProgrammeFactory()
    consultant = UserFactory(role=StaffRole.CONSULTANT, name="Connie Consultant")
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    project = make_project(programme, consultant=consultant)
    approach = make_approach(programme)
    PeerMatch.objects.create(project=project, approach=approach, mode="visit")
    other_project = make_project(
        programme, consultant=UserFactory(role=StaffRole.CONSULTANT), name="Other Council"
    )
    return {
        "programme": programme,
        "project": project,
        "approach": approach,
        "other_project": other_project,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=project.organisation),
            "other_council": council_user(organisation=other_project.organisation),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def propose(world, **kw) -> PeerEngagement:
    arguments = {
        "project_id": world["project"].pk,
        "kind": EngagementKind.VISIT,
        "message": "We would love to see your front door.",
        "by": world["users"]["consultant"],
        **kw,
    }
    return propose_peer_engagement(**arguments)


def link_in(email: OutboundEmail) -> str:
    return re.search(r"https?://\S+/peer-engagements/[^/\s]+/", email.body_text)[0]


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


# --- Services and status rules -----------------------------------------------------------------


def test_proposing_defaults_to_the_match_and_emails_the_peer_a_link(world):
    engagement = propose(world)
    assert engagement.approach == world["approach"]
    assert engagement.status == EngagementStatus.PROPOSED
    assert engagement.message == "We would love to see your front door."
    email = OutboundEmail.objects.get(kind="peer_engagement_proposed")
    assert email.to_email == "pat.peer@birmingham.example.org"
    assert email.hide_body_from_staff
    assert "single front door for 0–25s" in email.body_text
    signed = path_of(link_in(email)).strip("/").split("/")[-1]
    assert peer_links.read_engagement_link(signed) == engagement.pk


def test_a_second_open_proposal_to_the_same_peer_is_refused(world):
    propose(world)
    with pytest.raises(ProjectError, match="already an open proposal"):
        propose(world)
    assert PeerEngagement.objects.count() == 1


def test_a_declined_proposal_can_be_followed_by_another(world):
    first = propose(world)
    answer_peer_engagement(engagement_id=first.pk, answer="decline", message="Too busy.")
    propose(world, kind=EngagementKind.CALL)
    assert PeerEngagement.objects.count() == 2


def test_without_a_match_an_approach_must_be_chosen(world):
    PeerMatch.objects.all().delete()
    with pytest.raises(ProjectError) as raised:
        propose(world)
    assert "approach" in raised.value.errors


def test_an_approach_of_another_programme_or_archived_is_refused(world):
    elsewhere = make_approach(ProgrammeFactory())
    archived = make_approach(world["programme"], title="Old", archived_at=timezone.now())
    for approach in (elsewhere, archived):
        with pytest.raises(ProjectError):
            propose(world, approach_id=approach.pk)


def test_a_visit_to_a_peer_that_hosts_none_is_refused(world):
    PeerApproach.objects.filter(pk=world["approach"].pk).update(hosts_visits=False)
    with pytest.raises(ProjectError) as raised:
        propose(world)
    assert "does not host visits" in raised.value.errors["kind"]


def test_only_the_projects_consultant_or_a_manager_may_propose(world):
    with pytest.raises(PermissionDenied):
        propose(world, by=world["users"]["other_consultant"])
    propose(world, by=world["users"]["manager"])


@pytest.mark.parametrize(
    ("answer", "status"),
    [("agree", "agreed"), ("decline", "declined"), ("suggest_dates", "agreed")],
)
def test_the_peer_answer_sets_the_status_and_tells_the_consultant(world, answer, status):
    engagement = propose(world)
    answer_peer_engagement(engagement_id=engagement.pk, answer=answer, message="Any Tuesday <b>")
    engagement.refresh_from_db()
    assert engagement.status == status
    assert engagement.peer_answered_at is not None
    assert engagement.peer_message == "Any Tuesday <b>"
    email = OutboundEmail.objects.get(kind="peer_engagement_answered")
    assert email.to_email == world["users"]["consultant"].email
    assert "Any Tuesday &lt;b&gt;" in email.body_html
    assert "Any Tuesday <b>" not in email.body_html


def test_without_a_consultant_the_managers_are_told(world):
    engagement = propose(world, by=world["users"]["manager"])
    Project.objects.filter(pk=world["project"].pk).update(consultant=None)
    answer_peer_engagement(engagement_id=engagement.pk, answer="agree", message="")
    recipients = set(
        OutboundEmail.objects.filter(kind="peer_engagement_answered").values_list(
            "to_email", flat=True
        )
    )
    assert world["users"]["manager"].email in recipients


def test_suggesting_dates_needs_the_dates(world):
    engagement = propose(world)
    with pytest.raises(ProjectError):
        answer_peer_engagement(engagement_id=engagement.pk, answer="suggest_dates", message="")


def test_completed_needs_a_past_date_and_key_learning(world):
    engagement = propose(world)
    by = world["users"]["consultant"]
    with pytest.raises(ProjectError) as raised:
        record_peer_engagement(engagement_id=engagement.pk, status="completed", by=by)
    assert set(raised.value.errors) == {"date", "key_learning"}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ProjectError) as raised:
        record_peer_engagement(
            engagement_id=engagement.pk, status="completed", date=tomorrow, key_learning="x", by=by
        )
    assert "date" in raised.value.errors
    record_peer_engagement(
        engagement_id=engagement.pk,
        status="completed",
        date=timezone.localdate(),
        participants="Ben, Cara",
        what_happened="Saw the front door.",
        key_learning="Start with one phone number.",
        by=by,
    )
    engagement.refresh_from_db()
    assert engagement.status == "completed"
    assert engagement.recorded_by == by


def test_only_a_manager_can_move_a_completed_engagement_back(world):
    engagement = propose(world)
    done = {"date": timezone.localdate(), "key_learning": "One number."}
    record_peer_engagement(
        engagement_id=engagement.pk, status="completed", by=world["users"]["consultant"], **done
    )
    with pytest.raises(ProjectError):
        record_peer_engagement(
            engagement_id=engagement.pk,
            status="arranged",
            date=timezone.localdate(),
            by=world["users"]["consultant"],
        )
    record_peer_engagement(
        engagement_id=engagement.pk,
        status="arranged",
        date=timezone.localdate(),
        by=world["users"]["manager"],
    )
    engagement.refresh_from_db()
    assert engagement.status == "arranged"


def test_the_peer_cannot_answer_once_arranged(world):
    engagement = propose(world)
    record_peer_engagement(
        engagement_id=engagement.pk,
        status="arranged",
        date=timezone.localdate(),
        by=world["users"]["consultant"],
    )
    with pytest.raises(ProjectError):
        answer_peer_engagement(engagement_id=engagement.pk, answer="decline", message="")


def test_another_consultant_cannot_record(world):
    engagement = propose(world)
    with pytest.raises(PermissionDenied):
        record_peer_engagement(
            engagement_id=engagement.pk,
            status="declined",
            by=world["users"]["other_consultant"],
        )


# --- Signed links ------------------------------------------------------------------------------


def test_the_peer_answers_through_the_link_without_an_account(client, world):
    engagement = propose(world)
    path = path_of(link_in(OutboundEmail.objects.get(kind="peer_engagement_proposed")))
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Barnsley Council" in text
    assert "single front door for 0–25s" in text
    assert "We would love to see your front door." in text
    assert "Other Council" not in text
    assert page["Cache-Control"] == "no-store"
    response = client.post(path, {"answer": "suggest_dates", "dates": "Any Tuesday in March"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "agreed"
    assert "Any Tuesday in March" in engagement.peer_message
    confirmation = client.get(response.url)
    assert "Your answer has been sent" in confirmation.content.decode()


def test_a_missing_answer_is_shown_with_nothing_typed_lost(client, world):
    engagement = propose(world)
    path = peer_links.answer_path(engagement)
    response = client.post(path, {"answer": "suggest_dates", "message": "Keep me"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the dates that suit you" in text
    assert "govuk-error-summary" in text
    assert "Keep me" in text


def test_a_tampered_link_opens_nothing(client, world):
    engagement = propose(world)
    signed = peer_links.sign_engagement(engagement)
    tampered = str(engagement.pk + 1) + signed[len(str(engagement.pk)) :]
    for token in (tampered, signed[:-2], "example", "nonsense"):
        response = client.get(reverse("cohort:peer_engagement_answer", args=[token]))
        assert response.status_code == 404
        assert "Barnsley Council" not in response.content.decode()
    response = client.post(
        reverse("cohort:peer_engagement_answer", args=[tampered]), {"answer": "decline"}
    )
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.status == "proposed"


def test_a_learning_day_invitation_link_does_not_open_an_engagement(client, world):
    engagement = propose(world)
    other_purpose = invitation_signer().sign(str(engagement.pk))
    response = client.get(reverse("cohort:peer_engagement_answer", args=[other_purpose]))
    assert response.status_code == 404


def test_an_expired_link_says_so(client, world):
    engagement = propose(world)
    path = peer_links.answer_path(engagement)
    with time_machine.travel(timezone.now() + peer_links.LINK_VALID_FOR + datetime.timedelta(1)):
        response = client.get(path)
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        assert "Barnsley Council" not in response.content.decode()
        client.post(path, {"answer": "decline"})
    engagement.refresh_from_db()
    assert engagement.status == "proposed"


def test_one_engagements_link_opens_only_that_engagement(client, world):
    mine = propose(world)
    approach = make_approach(world["programme"], organisation_name="Leeds", title="Other")
    theirs = propose_peer_engagement(
        project_id=world["other_project"].pk,
        approach_id=approach.pk,
        kind=EngagementKind.CALL,
        message="Secret message for Leeds",
        by=world["users"]["manager"],
    )
    text = client.get(peer_links.answer_path(mine)).content.decode()
    assert "Secret message for Leeds" not in text
    assert "Other Council" not in text
    client.post(peer_links.answer_path(mine), {"answer": "decline"})
    theirs.refresh_from_db()
    assert theirs.status == "proposed"
    assert peer_links.read_engagement_link(peer_links.sign_engagement(theirs)) == theirs.pk


def test_the_wording_preview_never_shows_a_real_link(world):
    from cohort.emails.peer_engagements import proposed_preview_values

    propose(world)
    assert proposed_preview_values(world["programme"])["link"].endswith("/example/")


def test_the_consultants_message_is_escaped_in_the_email(world):
    propose(world, message="<script>alert(1)</script>")
    email = OutboundEmail.objects.get(kind="peer_engagement_proposed")
    assert "<script>" not in email.body_html
    assert "&lt;script&gt;" in email.body_html


# --- Pages and permissions ---------------------------------------------------------------------


def view_urls(world, engagement):
    pk = world["project"].pk
    return {
        "list": reverse("cohort:peer_engagements", args=[pk]),
        "propose": reverse("cohort:propose_peer_engagement", args=[pk]),
        "record": reverse("cohort:record_peer_engagement", args=[pk, engagement.pk]),
    }


EXPECTED = {
    "council": 403,
    "other_council": 403,
    "reviewer": 403,
    "consultant": 200,
    "other_consultant": 404,
    "manager": 200,
}


@pytest.mark.parametrize("view", ["list", "propose", "record"])
@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(client, world, view, role):
    engagement = propose(world)
    user = world["users"][role]
    if user:
        client.force_login(user)
    response = client.get(view_urls(world, engagement)[view])
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        return
    assert response.status_code == EXPECTED[role]
    if EXPECTED[role] != 200:
        assert "Forward Thinking Birmingham" not in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "council", "reviewer", "other_consultant"])
def test_nobody_else_can_propose_or_record(client, world, role):
    engagement = propose(world)
    user = world["users"][role]
    if user:
        client.force_login(user)
    urls = view_urls(world, engagement)
    client.post(
        urls["propose"],
        {"approach": world["approach"].pk, "kind": "call", "message": "Hijack"},
    )
    client.post(urls["record"], {"status": "declined"})
    assert PeerEngagement.objects.count() == 1
    engagement.refresh_from_db()
    assert engagement.status == "proposed"


def test_a_consultant_proposes_and_records_through_the_pages(client, world):
    client.force_login(world["users"]["consultant"])
    urls = view_urls(world, PeerEngagement(pk=0))
    page = client.get(urls["propose"]).content.decode()
    assert "Forward Thinking Birmingham" in page
    response = client.post(urls["propose"], {"approach": world["approach"].pk, "kind": "visit"})
    assert response.status_code == 400
    assert "Enter a message to the peer" in response.content.decode()
    response = client.post(
        urls["propose"],
        {"approach": world["approach"].pk, "kind": "visit", "message": "Please <b>"},
    )
    assert response.status_code == 302
    engagement = PeerEngagement.objects.get()
    record = reverse("cohort:record_peer_engagement", args=[world["project"].pk, engagement.pk])
    today = timezone.localdate()
    response = client.post(
        record, {"status": "completed", "what_happened": "Saw it", "participants": "Ben"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the date it took place" in text
    assert "Enter the key learning" in text
    assert "Saw it" in text
    response = client.post(
        record,
        {
            "status": "completed",
            "date_0": today.day,
            "date_1": today.month,
            "date_2": today.year,
            "key_learning": "One number <i>",
        },
    )
    assert response.status_code == 302
    listing = client.get(urls["list"]).content.decode()
    assert "One number &lt;i&gt;" in listing
    assert "Please &lt;b&gt;" in listing


def test_the_council_sees_its_engagements_without_the_peers_contact(client, world):
    engagement = propose(world)
    record_peer_engagement(
        engagement_id=engagement.pk,
        status="completed",
        date=datetime.date(2018, 2, 16),
        key_learning="Start with one number",
        by=world["users"]["consultant"],
    )
    client.force_login(world["users"]["council"])
    text = client.get(reverse("cohort:our_project", args=[world["project"].pk])).content.decode()
    assert "Forward Thinking Birmingham" in text
    assert "Friday 16 February 2018" in text
    assert "Start with one number" in text
    assert "pat.peer@birmingham.example.org" not in text
    assert "Pat Peer" not in text
    client.force_login(world["users"]["other_council"])
    response = client.get(reverse("cohort:our_project", args=[world["project"].pk]))
    assert response.status_code == 404
    other = client.get(reverse("cohort:our_project", args=[world["other_project"].pk]))
    assert "Forward Thinking Birmingham" not in other.content.decode()


def test_key_learning_is_shown_to_the_council_only_once_completed(client, world):
    engagement = propose(world)
    PeerEngagement.objects.filter(pk=engagement.pk).update(key_learning="Draft thoughts")
    client.force_login(world["users"]["council"])
    text = client.get(reverse("cohort:our_project", args=[world["project"].pk])).content.decode()
    assert "Draft thoughts" not in text


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_are_constant_on_the_list_and_council_view(client, world):
    propose(world)
    list_url = reverse("cohort:peer_engagements", args=[world["project"].pk])
    council_url = reverse("cohort:our_project", args=[world["project"].pk])
    client.force_login(world["users"]["consultant"])
    one_list = count_queries(client, list_url)
    client.force_login(world["users"]["council"])
    one_council = count_queries(client, council_url)
    for number in range(3):
        approach = make_approach(world["programme"], title=f"Approach {number}")
        propose(world, approach_id=approach.pk)
    client.force_login(world["users"]["consultant"])
    assert count_queries(client, list_url) == one_list
    client.force_login(world["users"]["council"])
    assert count_queries(client, council_url) == one_council


def test_once_arranged_the_link_shows_what_was_agreed_and_answers_nothing(client, world):
    engagement = propose(world)
    answer_peer_engagement(engagement_id=engagement.pk, answer="agree", message="")
    record_peer_engagement(
        engagement_id=engagement.pk,
        status="arranged",
        date=timezone.localdate(),
        by=world["users"]["consultant"],
    )
    path = peer_links.answer_path(engagement)
    response = client.get(path)
    assert response.status_code == 302
    assert "Change your answer" not in client.get(response.url).content.decode()
    response = client.post(path, {"answer": "decline"})
    assert response.status_code == 400
    assert "already been arranged" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == "arranged"


def test_each_change_of_status_is_kept_in_the_history(client, world):
    engagement = propose(world)
    answer_peer_engagement(engagement_id=engagement.pk, answer="agree", message="")
    by = world["users"]["consultant"]
    record = {"engagement_id": engagement.pk, "date": timezone.localdate(), "by": by}
    record_peer_engagement(status="arranged", **record)
    record_peer_engagement(status="arranged", participants="Ben", **record)
    record_peer_engagement(status="completed", key_learning="One number", **record)
    assert list(engagement.changes.values_list("status", "by_peer")) == [
        ("proposed", False),
        ("agreed", True),
        ("arranged", False),
        ("completed", False),
    ]
    client.force_login(world["users"]["manager"])
    text = client.get(reverse("cohort:peer_engagements", args=[world["project"].pk]))
    text = text.content.decode()
    assert "Agreed by the peer" in text
    assert "by Connie Consultant" in text
