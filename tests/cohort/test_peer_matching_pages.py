"""The programme manager's peer matching page and its services (issue 15 parts 2 and 3).

A suggestion is worked out on request and writes nothing; accepting it stores a match for each
project that is not locked, keeping locked ones; a manager's own choice is refused for an
approach at capacity, the council's own organisation's, a ruled-out pair or a mode it does not
host; ruling a pair out removes their match and keeps the approach out of later suggestions;
weights are numbers of 0 or more, not all 0. Only programme managers see the pages; another
programme's project or approach is a 404; the page's queries do not grow with the cohort; the
approaches' text is escaped wherever it is shown."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from cohort.errors import PeerMatchingError
from cohort.models import ForbiddenPeerPair, PeerApproach, PeerMatch, PeerMatchingWeights
from cohort.services.peer_matching import (
    accept_suggested_matches,
    allow_peer_pair,
    choose_peer_match,
    forbid_peer_pair,
    lock_peer_match,
    remove_peer_match,
    save_peer_matching_weights,
    suggest_peer_matching,
    unlock_peer_match,
)
from programmes.models import ThriveCategory
from tests.cohort.test_progress import make_project
from tests.factories import ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")


def approach(programme, title, *, organisation=None, capacity=1, visits=True, calls=True, **kw):
    made = PeerApproach.objects.create(
        programme=programme,
        organisation=organisation,
        organisation_name=kw.pop("organisation_name", None)
        or (organisation.name if organisation else f"{title} Trust"),
        title=title,
        description=kw.pop("description", f"{title}: how we help young people get help sooner."),
        contact_name="Sam Contact",
        contact_email="sam@example.org",
        hosts_visits=visits,
        hosts_calls=calls,
        capacity=capacity,
        **kw,
    )
    made.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_help"))
    return made


@pytest.fixture
def cohort():
    programme = ProgrammeFactory()
    projects = [
        make_project(programme, key_question="How can we cut school exclusions?"),
        make_project(programme, key_question="How can young people get help sooner?"),
    ]
    approaches = [
        approach(programme, "Inclusion hubs", description="Fewer school exclusions."),
        approach(programme, "Single front door", description="Young people get help sooner."),
    ]
    return programme, projects, approaches


# --- Services -----------------------------------------------------------------------------------


def test_a_suggestion_writes_nothing_and_matches_the_best_fits(cohort):
    programme, (exclusions, sooner), (hubs, door) = cohort
    state = suggest_peer_matching(programme_id=programme.pk, mode="visit")
    assert not PeerMatch.objects.exists()
    assert state.matching.for_project(exclusions.pk).choice.approach.key == hubs.pk
    assert state.matching.for_project(sooner.pk).choice.approach.key == door.pk
    assert "exclusions" in state.matching.for_project(exclusions.pk).choice.reason


def test_accepting_stores_the_suggestion_and_keeps_locked_matches(cohort, manager):
    programme, (exclusions, sooner), (hubs, door) = cohort
    # Locked to the worse fit: kept, so the other project gets what is left.
    choose_peer_match(project_id=exclusions.pk, approach_id=door.pk, mode="call", by=manager)
    lock_peer_match(project_id=exclusions.pk, by=manager)
    assert accept_suggested_matches(programme_id=programme.pk, mode="visit", by=manager) == 1
    kept = PeerMatch.objects.get(project=exclusions)
    assert (kept.approach, kept.mode, kept.is_locked) == (door, "call", True)
    chosen = PeerMatch.objects.get(project=sooner)
    assert (chosen.approach, chosen.mode, chosen.is_locked) == (hubs, "visit", False)
    assert chosen.chosen_by == manager and chosen.score is not None

    unlock_peer_match(project_id=exclusions.pk, by=manager)
    accept_suggested_matches(programme_id=programme.pk, mode="visit", by=manager)
    assert PeerMatch.objects.get(project=exclusions).approach == hubs
    assert PeerMatch.objects.get(project=sooner).approach == door
    assert "exclusions" in PeerMatch.objects.get(project=exclusions).reasons


def test_capacity_is_refused_under_the_lock(cohort, manager):
    _programme, (exclusions, sooner), (hubs, _) = cohort
    choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=manager)
    with pytest.raises(PeerMatchingError, match="no places left") as raised:
        choose_peer_match(project_id=sooner.pk, approach_id=hubs.pk, mode="visit", by=manager)
    assert raised.value.field == "approach"
    # Choosing again for the same project does not count against itself.
    choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="call", by=manager)
    assert PeerMatch.objects.filter(approach=hubs).count() == 1


def test_a_councils_own_approach_and_an_unhosted_mode_are_refused(cohort, manager):
    programme, (exclusions, _), _ = cohort
    own = approach(programme, "Our own way", organisation=exclusions.organisation, capacity=3)
    with pytest.raises(PeerMatchingError, match="own approach"):
        choose_peer_match(project_id=exclusions.pk, approach_id=own.pk, mode="visit", by=manager)
    calls_only = approach(programme, "Phone line", visits=False)
    with pytest.raises(PeerMatchingError, match="does not host visits") as raised:
        choose_peer_match(
            project_id=exclusions.pk, approach_id=calls_only.pk, mode="visit", by=manager
        )
    assert raised.value.field == "mode"
    other = approach(ProgrammeFactory(), "Elsewhere")
    with pytest.raises(PeerMatchingError):
        choose_peer_match(project_id=exclusions.pk, approach_id=other.pk, mode="call", by=manager)
    assert not PeerMatch.objects.exists()
    state = suggest_peer_matching(programme_id=programme.pk, mode="visit")
    assert state.matching.for_project(exclusions.pk).choice.approach.key != own.pk


def test_forbidding_removes_the_match_and_keeps_the_pair_out(cohort, manager):
    programme, (exclusions, _), (hubs, _) = cohort
    choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=manager)
    forbid_peer_pair(project_id=exclusions.pk, approach_id=hubs.pk, reason="A conflict", by=manager)
    assert not PeerMatch.objects.filter(project=exclusions).exists()
    assert ForbiddenPeerPair.objects.get().reason == "A conflict"
    with pytest.raises(PeerMatchingError, match="ruled out"):
        choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=manager)
    state = suggest_peer_matching(programme_id=programme.pk, mode="visit")
    assert state.matching.for_project(exclusions.pk).choice.approach.key != hubs.pk
    accept_suggested_matches(programme_id=programme.pk, mode="visit", by=manager)
    assert PeerMatch.objects.get(project=exclusions).approach != hubs

    allow_peer_pair(project_id=exclusions.pk, approach_id=hubs.pk, by=manager)
    assert not ForbiddenPeerPair.objects.exists()


def test_remove_and_lock_need_a_match(cohort, manager):
    _, (exclusions, _), (hubs, _) = cohort
    with pytest.raises(PeerMatchingError, match="no match"):
        lock_peer_match(project_id=exclusions.pk, by=manager)
    choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=manager)
    remove_peer_match(project_id=exclusions.pk, by=manager)
    assert not PeerMatch.objects.exists()


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"text": "lots"}, "text", "must be a number"),
        ({"thrive": "-1"}, "thrive", "0 or more"),
        ({"distance": "nan"}, "distance", "must be a number"),
        ({"themes": "1000"}, "themes", "100 or less"),
    ],
)
def test_weights_are_validated(cohort, manager, given, field, message):
    programme = cohort[0]
    values = {"text": "4", "thrive": "1", "themes": "1", "challenge_areas": "1", "distance": "1"}
    with pytest.raises(PeerMatchingError) as raised:
        save_peer_matching_weights(programme_id=programme.pk, by=manager, **{**values, **given})
    assert message in raised.value.errors[field]
    assert not PeerMatchingWeights.objects.exists()


def test_weights_cannot_all_be_zero_and_are_stored(cohort, manager):
    programme = cohort[0]
    zeros = dict.fromkeys(["text", "thrive", "themes", "challenge_areas", "distance"], "0")
    with pytest.raises(PeerMatchingError, match="At least one weight"):
        save_peer_matching_weights(programme_id=programme.pk, by=manager, **zeros)
    save_peer_matching_weights(programme_id=programme.pk, by=manager, **{**zeros, "text": "2.5"})
    assert PeerMatchingWeights.objects.get(programme=programme).text == 2.5
    assert suggest_peer_matching(programme_id=programme.pk).weights.text == 2.5


def test_only_a_programme_manager_changes_matches(cohort):
    programme, (exclusions, _), (hubs, _) = cohort
    for user in (None, UserFactory(role=StaffRole.CONSULTANT)):
        with pytest.raises(PermissionDenied):
            accept_suggested_matches(programme_id=programme.pk, by=user)
        with pytest.raises(PermissionDenied):
            choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=user)


# --- Pages --------------------------------------------------------------------------------------


def page_url(programme, **query):
    url = reverse("cohort:peer_matching", args=[programme.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_the_page_shows_the_suggestion_beside_the_current_state(client, cohort, manager):
    programme, (exclusions, sooner), (hubs, door) = cohort
    choose_peer_match(project_id=sooner.pk, approach_id=door.pk, mode="call", by=manager)
    lock_peer_match(project_id=sooner.pk, by=manager)
    client.force_login(manager)
    page = client.get(page_url(programme)).content.decode()
    assert "Suggest matches" in page and "Locked" in page and "Accept the suggestion" not in page
    page = client.get(page_url(programme, suggest=1, mode="visit")).content.decode()
    assert "Accept the suggestion" in page and "Inclusion hubs" in page
    assert "exclusions" in page  # a reason
    assert PeerMatch.objects.count() == 1

    response = client.post(
        reverse("cohort:accept_peer_matching", args=[programme.slug]), {"mode": "visit"}
    )
    assert response.status_code == 302
    assert PeerMatch.objects.get(project=exclusions).approach == hubs
    assert PeerMatch.objects.get(project=sooner).is_locked


def test_unmatched_projects_are_named_with_the_reason(client, cohort, manager):
    programme, (_exclusions, _sooner), (_hubs, door) = cohort
    door.delete()
    client.force_login(manager)
    page = client.get(page_url(programme, suggest=1)).content.decode()
    assert "Left unmatched" in page
    assert "data-explanation" in page


def test_empty_states(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)
    page = client.get(page_url(programme, suggest=1)).content.decode()
    assert "No approaches yet" in page
    assert f"/manage/{programme.slug}/peer-approaches/" in page
    assert "There are no projects in the cohort yet" in page


def test_changing_a_match_lists_ranked_candidates_and_refuses_capacity(client, cohort, manager):
    programme, (exclusions, sooner), (hubs, door) = cohort
    choose_peer_match(project_id=sooner.pk, approach_id=hubs.pk, mode="visit", by=manager)
    client.force_login(manager)
    url = reverse("cohort:change_peer_match", args=[programme.slug, exclusions.pk])
    page = client.get(url).content.decode()
    assert page.index("Inclusion hubs") < page.index("Single front door")
    assert "0 places left" in page
    response = client.post(url, {"approach": str(hubs.pk), "mode": "visit"})
    assert response.status_code == 200
    assert "no places left" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(url, {"approach": str(door.pk), "mode": "call"})
    assert response.status_code == 302
    assert PeerMatch.objects.get(project=exclusions).mode == "call"


def test_ruling_out_from_the_page(client, cohort, manager):
    programme, (exclusions, _), (hubs, _) = cohort
    choose_peer_match(project_id=exclusions.pk, approach_id=hubs.pk, mode="visit", by=manager)
    client.force_login(manager)
    url = reverse("cohort:rule_out_peer_pair", args=[programme.slug, exclusions.pk, hubs.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "x" * 301}).status_code == 200
    assert client.post(url, {"reason": "Same director"}).status_code == 302
    assert not PeerMatch.objects.exists()
    page = client.get(page_url(programme)).content.decode()
    assert "Pairs ruled out" in page and "Same director" in page


def test_weights_form_keeps_what_was_typed(client, cohort, manager):
    programme = cohort[0]
    client.force_login(manager)
    response = client.post(
        reverse("cohort:peer_matching_weights", args=[programme.slug]),
        {"text": "lots", "thrive": "1", "themes": "1", "challenge_areas": "1", "distance": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and 'value="lots"' in page
    assert "must be a number" in page


def test_approach_text_is_escaped_in_reasons_and_candidates(client, manager):
    programme = ProgrammeFactory()
    project = make_project(programme, key_question="How do <script>alert(1)</script> exclusions?")
    approach(
        programme,
        "<script>alert(1)</script> exclusions",
        organisation_name="<b>Bold</b> Trust",
        description="<script>alert(1)</script> exclusions",
        themes="<i>theme</i>",
    )
    client.force_login(manager)
    for url in (
        page_url(programme, suggest=1),
        reverse("cohort:change_peer_match", args=[programme.slug, project.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page and "<b>Bold" not in page
        assert "&lt;script&gt;" in page
    accept_suggested_matches(programme_id=programme.pk, by=manager)
    page = client.get(page_url(programme)).content.decode()
    assert "<script>alert(1)" not in page and "<b>Bold" not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_cohort(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)

    def grow():
        project = make_project(programme)
        made = approach(programme, f"Approach {project.pk}", capacity=2)
        PeerMatch.objects.create(project=project, approach=made, is_locked=True)
        ForbiddenPeerPair.objects.create(
            project=project, approach=approach(programme, f"X{made.pk}")
        )
        return project

    first = grow()
    change = reverse("cohort:change_peer_match", args=[programme.slug, first.pk])
    counts = [
        (
            _queries(client, page_url(programme)),
            _queries(client, page_url(programme, suggest=1)),
            _queries(client, change),
        )
    ]
    for _ in range(3):
        grow()
    counts.append(
        (
            _queries(client, page_url(programme)),
            _queries(client, page_url(programme, suggest=1)),
            _queries(client, change),
        )
    )
    assert counts[0] == counts[1]


# --- Permissions --------------------------------------------------------------------------------

ROLES = ["anonymous", "council", "reviewer", "consultant", "other_consultant", "manager"]


@pytest.fixture
def world(cohort, manager):
    programme, (exclusions, _), (hubs, _) = cohort
    consultant = UserFactory(role=StaffRole.CONSULTANT)
    exclusions.consultant = consultant
    exclusions.save()
    PeerMatch.objects.create(project=exclusions, approach=hubs)
    return {
        "programme": programme,
        "project": exclusions,
        "approach": hubs,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=exclusions.organisation),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def get_urls(w):
    slug, p, a = w["programme"].slug, w["project"].pk, w["approach"].pk
    return [
        reverse("cohort:peer_matching", args=[slug]),
        reverse("cohort:peer_matching", args=[slug]) + "?suggest=1",
        reverse("cohort:change_peer_match", args=[slug, p]),
        reverse("cohort:rule_out_peer_pair", args=[slug, p, a]),
    ]


def post_urls(w):
    slug, p, a = w["programme"].slug, w["project"].pk, w["approach"].pk
    return [
        (reverse("cohort:accept_peer_matching", args=[slug]), {"mode": "visit"}),
        (reverse("cohort:peer_matching_weights", args=[slug]), {"text": "1"}),
        (reverse("cohort:change_peer_match", args=[slug, p]), {"approach": a, "mode": "visit"}),
        (reverse("cohort:lock_peer_match", args=[slug, p]), {}),
        (reverse("cohort:unlock_peer_match", args=[slug, p]), {}),
        (reverse("cohort:remove_peer_match", args=[slug, p]), {}),
        (reverse("cohort:rule_out_peer_pair", args=[slug, p, a]), {"reason": "x"}),
        (reverse("cohort:allow_peer_pair", args=[slug, p, a]), {}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_for_every_role(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url in get_urls(world):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))
        elif role == "manager":
            assert response.status_code == 200
        else:
            assert response.status_code == 403
            assert "Inclusion hubs" not in response.content.decode()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "manager"])
def test_nobody_but_a_manager_changes_anything(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url, data in post_urls(world):
        response = client.post(url, data)
        assert response.status_code in (302, 403)
        if role != "anonymous":
            assert response.status_code == 403
    match = PeerMatch.objects.get()
    assert match.approach == world["approach"] and not match.is_locked
    assert not ForbiddenPeerPair.objects.exists() and not PeerMatchingWeights.objects.exists()


def test_another_programmes_project_or_approach_is_a_404(client, world, manager):
    other = ProgrammeFactory()
    client.force_login(manager)
    slug, p, a = other.slug, world["project"].pk, world["approach"].pk
    assert client.get(reverse("cohort:change_peer_match", args=[slug, p])).status_code == 404
    assert client.get(reverse("cohort:rule_out_peer_pair", args=[slug, p, a])).status_code == 404
    assert client.post(reverse("cohort:lock_peer_match", args=[slug, p])).status_code == 404
    assert not PeerMatch.objects.get().is_locked


def test_the_tab_is_on_the_programme_pages(client, cohort, manager):
    client.force_login(manager)
    page = client.get(reverse("cohort:themes", args=[cohort[0].slug])).content.decode()
    assert reverse("cohort:peer_matching", args=[cohort[0].slug]) in page


def test_a_match_locked_to_an_archived_approach_is_kept_outside_the_run(client, cohort, manager):
    programme, (exclusions, sooner), (hubs, door) = cohort
    PeerMatch.objects.create(project=exclusions, approach=hubs, is_locked=True)
    hubs.archived_at = timezone.now()
    hubs.save()
    state = suggest_peer_matching(programme_id=programme.pk)
    assert exclusions.pk not in state.in_run
    accept_suggested_matches(programme_id=programme.pk, by=manager)
    assert PeerMatch.objects.get(project=exclusions).approach == hubs
    assert PeerMatch.objects.get(project=sooner).approach == door
    client.force_login(manager)
    page = client.get(page_url(programme, suggest=1)).content.decode()
    assert "locked to an archived approach" in page
