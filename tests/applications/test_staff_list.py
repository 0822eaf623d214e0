"""The programme team's list of applications: filters, sorting by weighted score, counts,
pagination that keeps the filters, and the staff page of one application."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus, BoardSupport, ReviewStatus
from applications.models import (
    ApplicationEvent,
    CriterionScore,
    EvidenceSource,
    InformationRequest,
    Review,
)
from applications.selectors.reviews import weighted_scores
from applications.views.staff import PAGE_SIZE
from notifications.models import OutboundEmail
from programmes.enums import Region
from programmes.models import ScoringCriterion, ThriveCategory
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(user)
    return client


@pytest.fixture
def programme():
    return ProgrammeFactory()


def make(programme, name: str, **changes):
    """A submitted application from an organisation called `name`, with some answers changed."""
    region = changes.pop("region", Region.NORTH_WEST)
    thrive = changes.pop("thrive", None)
    challenge_areas = changes.pop("challenge_areas", None)
    sources = changes.pop("sources", None)
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(name=name, region=region)
    )
    for field, value in changes.items():
        setattr(application, field, value)
    application.save()
    if thrive is not None:
        application.thrive_categories.set(ThriveCategory.objects.filter(slug__in=thrive))
    if challenge_areas is not None:
        application.challenge_areas.set(challenge_areas)
    if sources is not None:
        application.identification_sources.set(EvidenceSource.objects.filter(slug__in=sources))
    return application


def criteria(programme, *weights: int) -> list[ScoringCriterion]:
    return [
        ScoringCriterion.objects.create(
            programme=programme, title=f"Criterion {n}", weight=weight, position=n
        )
        for n, weight in enumerate(weights)
    ]


def review(application, scores: dict, *, status=ReviewStatus.SUBMITTED, comments="", reviewer=None):
    """A review with a score for each criterion given."""
    reviewer = reviewer or UserFactory(role=StaffRole.REVIEWER)
    submitted = status == ReviewStatus.SUBMITTED
    made = Review.objects.create(
        application=application,
        reviewer=reviewer,
        status=status,
        comments=comments,
        submitted_at=timezone.now() if submitted else None,
    )
    for criterion, score in scores.items():
        CriterionScore.objects.create(
            review=made, criterion=criterion, score=score, justification="Because."
        )
    return made


def listed(response) -> list[str]:
    """The organisations in the table, in order."""
    page = response.content.decode()
    table = page[page.index("<tbody") : page.index("</tbody>")]
    return re.findall(r'/applications/staff/\d+/">([^<]+)</a>', table)


def list_url(programme, query: str = "") -> str:
    url = reverse("applications:staff_list", args=[programme.slug])
    return f"{url}?{query}" if query else url


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


def test_status_filter_narrows_to_the_statuses_ticked(manager, programme):
    make(programme, "Alpha")
    make(programme, "Beta", status=ApplicationStatus.SHORTLISTED)
    make(programme, "Gamma", status=ApplicationStatus.WITHDRAWN, withdrawn_at=timezone.now())
    ApplicationFactory(programme=programme, organisation=OrganisationFactory(name="Delta"))

    assert listed(manager.get(list_url(programme, "status=shortlisted"))) == ["Beta"]
    assert listed(manager.get(list_url(programme, "status=submitted&status=draft"))) == [
        "Alpha",
        "Delta",
    ]
    assert listed(manager.get(list_url(programme))) == ["Alpha", "Beta", "Delta", "Gamma"]


def test_region_filter_narrows_to_the_regions_ticked(manager, programme):
    make(programme, "Alpha", region=Region.LONDON)
    make(programme, "Beta", region=Region.SOUTH_WEST)
    make(programme, "Gamma", region=Region.NORTH_EAST)

    assert listed(manager.get(list_url(programme, "region=london"))) == ["Alpha"]
    assert listed(manager.get(list_url(programme, "region=london&region=north_east"))) == [
        "Alpha",
        "Gamma",
    ]


def test_thrive_filter_matches_any_category_ticked_without_repeating_rows(manager, programme):
    make(programme, "Alpha", thrive=["thriving", "getting_help"])
    make(programme, "Beta", thrive=["getting_risk_support"])
    make(programme, "Gamma", thrive=["getting_advice"])

    assert listed(manager.get(list_url(programme, "thrive=getting_help"))) == ["Alpha"]
    both = manager.get(
        list_url(programme, "thrive=thriving&thrive=getting_help&thrive=getting_advice")
    )
    assert listed(both) == ["Alpha", "Gamma"]


def test_challenge_area_filter_narrows(manager, programme):
    advice, access = programme.challenge_areas.order_by("position")
    make(programme, "Alpha", challenge_areas=[advice])
    make(programme, "Beta", challenge_areas=[access])
    make(programme, "Gamma", challenge_areas=[])

    assert listed(manager.get(list_url(programme, f"challenge_area={access.pk}"))) == ["Beta"]
    page = manager.get(list_url(programme)).content.decode()
    assert "Finding advice and information" in page and "Timely access to help" in page


def test_challenge_area_of_another_programme_is_not_an_option(manager, programme):
    other = ProgrammeFactory(challenge_areas=["Somewhere else entirely"])
    make(programme, "Alpha")
    page = manager.get(list_url(programme)).content.decode()
    assert "Somewhere else entirely" not in page
    foreign = other.challenge_areas.get()
    # Not a valid choice here: the filter is ignored rather than matching nothing.
    assert listed(manager.get(list_url(programme, f"challenge_area={foreign.pk}"))) == ["Alpha"]


def test_board_support_filter_narrows(manager, programme):
    make(programme, "Alpha", board_support=BoardSupport.CONFIRMED)
    make(programme, "Beta", board_support=BoardSupport.NOT_SOUGHT)
    make(programme, "Gamma", board_support=BoardSupport.LIKELY)

    query = "board_support=likely&board_support=not_sought"
    assert listed(manager.get(list_url(programme, query))) == ["Beta", "Gamma"]


def test_evidence_source_filter_narrows(manager, programme):
    make(programme, "Alpha", sources=["jsna"])
    make(programme, "Beta", sources=["cqc", "ofsted"])
    make(programme, "Gamma", sources=[])

    assert listed(manager.get(list_url(programme, "evidence_source=ofsted"))) == ["Beta"]
    query = "evidence_source=jsna&evidence_source=cqc"
    assert listed(manager.get(list_url(programme, query))) == ["Alpha", "Beta"]


def test_filters_of_different_questions_narrow_each_other(manager, programme):
    make(programme, "Alpha", region=Region.LONDON, thrive=["getting_help"])
    make(programme, "Beta", region=Region.LONDON, thrive=["thriving"])
    make(programme, "Gamma", region=Region.SOUTH_EAST, thrive=["getting_help"])

    response = manager.get(list_url(programme, "region=london&thrive=getting_help"))
    assert listed(response) == ["Alpha"]
    assert "1 of 3 applications match your filters" in response.content.decode()


def test_only_the_programmes_own_applications_are_listed(manager, programme):
    make(programme, "Alpha")
    make(ProgrammeFactory(), "Elsewhere")
    assert listed(manager.get(list_url(programme))) == ["Alpha"]


def test_unknown_filter_values_are_ignored(manager, programme):
    make(programme, "Alpha")
    response = manager.get(list_url(programme, "status=nonsense&region=atlantis&sort=evil&page=x"))
    assert response.status_code == 200
    assert listed(response) == ["Alpha"]


def test_filter_form_is_ticked_as_asked_and_offers_clear_filters(manager, programme):
    make(programme, "Alpha", region=Region.LONDON)
    page = manager.get(list_url(programme, "region=london&sort=-score")).content.decode()
    assert re.search(r'<input[^>]*name="region"[^>]*value="london"[^>]*checked', page)
    assert '<input type="hidden" name="sort" value="-score"' in page
    assert "Apply filters" in page
    assert f'href="{list_url(programme)}">Clear filters</a>' in page


def test_counts_per_status_are_for_the_whole_programme(manager, programme):
    make(programme, "Alpha")
    make(programme, "Beta")
    make(programme, "Gamma", status=ApplicationStatus.SHORTLISTED)
    page = manager.get(list_url(programme, "status=shortlisted")).content.decode()
    assert "Submitted (2)" in page  # in the status checkbox labels
    assert "Shortlisted (1)" in page
    assert "Draft (0)" in page
    assert "1 of 3 applications match your filters" in page


# ---------------------------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def scored(programme):
    """Alpha 2.00, Beta unscored, Gamma 4.33, Delta 3.00 (weights 1 and 2)."""
    first, second = criteria(programme, 1, 2)
    alpha = make(programme, "Alpha")
    beta = make(programme, "Beta")
    gamma = make(programme, "Gamma")
    delta = make(programme, "Delta")
    review(alpha, {first: 2, second: 2})
    review(gamma, {first: 5, second: 4})  # (5 + 8) / 3 = 4.33
    review(delta, {first: 1, second: 5})  # 11 / 3 = 3.67 …
    review(delta, {first: 3, second: 2})  # … with (3 + 4): 18 / 6 = 3.00
    review(beta, {first: 5, second: 5}, status=ReviewStatus.IN_PROGRESS)  # not counted
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta}


def test_sort_by_score_highest_first_puts_unscored_last(manager, programme, scored):
    response = manager.get(list_url(programme, "sort=-score"))
    assert listed(response) == ["Gamma", "Delta", "Alpha", "Beta"]
    page = response.content.decode()
    assert "4.33" in page and "3.00" in page and "Not scored" in page
    assert "Sorted by weighted score, highest first" in page


def test_sort_by_score_lowest_first_still_puts_unscored_last(manager, programme, scored):
    assert listed(manager.get(list_url(programme, "sort=score"))) == [
        "Alpha",
        "Delta",
        "Gamma",
        "Beta",
    ]


def test_listed_score_is_the_same_formula_as_weighted_scores(manager, programme, scored):
    expected = weighted_scores(a.pk for a in scored.values())
    assert expected == {
        scored["alpha"].pk: Decimal("2.00"),
        scored["gamma"].pk: Decimal("4.33"),
        scored["delta"].pk: Decimal("3.00"),
    }
    page = manager.get(list_url(programme, "sort=-score")).content.decode()
    cells = re.findall(r'<td class="govuk-table__cell">(\d\.\d\d|Not scored)</td>', page)
    assert cells == ["4.33", "3.00", "2.00", "Not scored"]


def test_score_rounds_half_up_like_weighted_scores(manager, programme):
    """17/8 = 2.125 is shown as 2.13, as weighted_scores rounds it (not 2.12, as round() would)."""
    heavy, light = criteria(programme, 7, 1)
    application = make(programme, "Alpha")
    review(application, {heavy: 2, light: 3})
    assert weighted_scores([application.pk]) == {application.pk: Decimal("2.13")}
    assert (
        '<td class="govuk-table__cell">2.13</td>'
        in manager.get(list_url(programme)).content.decode()
    )


def test_sort_by_submission_time_and_name_both_ways(manager, programme):
    now = timezone.now()
    make(programme, "Alpha", submitted_at=now - datetime.timedelta(days=1))
    make(programme, "Beta", submitted_at=now - datetime.timedelta(days=3))
    make(programme, "Gamma", submitted_at=now - datetime.timedelta(days=2))
    ApplicationFactory(programme=programme, organisation=OrganisationFactory(name="Delta"))

    assert listed(manager.get(list_url(programme, "sort=submitted"))) == [
        "Beta",
        "Gamma",
        "Alpha",
        "Delta",
    ]
    assert listed(manager.get(list_url(programme, "sort=-submitted"))) == [
        "Alpha",
        "Gamma",
        "Beta",
        "Delta",
    ]
    assert listed(manager.get(list_url(programme, "sort=-organisation"))) == [
        "Gamma",
        "Delta",
        "Beta",
        "Alpha",
    ]


def test_column_headers_link_to_sorts_and_say_aria_sort(manager, programme, scored):
    page = manager.get(list_url(programme, "region=north_west&sort=-score")).content.decode()
    headers = re.findall(
        r'<th scope="col" class="govuk-table__header" aria-sort="(\w+)"><a[^>]*href="([^"]+)"', page
    )
    assert headers == [
        ("none", "?region=north_west&amp;sort=organisation"),
        ("descending", "?region=north_west&amp;sort=score"),
        ("none", "?region=north_west&amp;sort=submitted"),
    ]
    default = manager.get(list_url(programme)).content.decode()
    assert 'aria-sort="ascending"' in default  # organisation, A to Z
    assert "?sort=-score" in default  # the score column first sorts highest first


# ---------------------------------------------------------------------------------------------
# Pagination
# ---------------------------------------------------------------------------------------------


def test_pagination_keeps_the_filters_and_sort(manager, programme):
    organisation_names = [f"Council {n:03d}" for n in range(PAGE_SIZE + 2)]
    for name in organisation_names:
        make(programme, name, region=Region.LONDON)
    make(programme, "Elsewhere", region=Region.SOUTH_WEST)

    first = manager.get(list_url(programme, "region=london&sort=organisation"))
    page = first.content.decode()
    assert len(listed(first)) == PAGE_SIZE
    assert 'href="?region=london&amp;sort=organisation&amp;page=2" rel="next"' in page
    second = manager.get(list_url(programme, "region=london&sort=organisation&page=2"))
    assert listed(second) == organisation_names[PAGE_SIZE:]
    assert 'href="?region=london&amp;sort=organisation&amp;page=1" rel="prev"' in (
        second.content.decode()
    )
    # Filtering again starts from the first page: the filter form does not carry the page.
    assert 'name="page"' not in page


# ---------------------------------------------------------------------------------------------
# Query counts: the same with one application as with fifty
# ---------------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return len(queries)


def scored_application(programme, name, criterion):
    application = make(programme, name, thrive=["getting_help", "thriving"])
    review(application, {criterion: 4}, comments="Strong.")
    review(application, {criterion: 2}, comments="Weak.")
    return application


LIST_QUERIES = 11
DETAIL_QUERIES = 17  # with the application's change history


def test_list_queries_are_constant(manager, programme):
    [criterion] = criteria(programme, 2)
    scored_application(programme, "Council 000", criterion)
    one = count_queries(manager, list_url(programme, "sort=-score"))
    for n in range(1, 50):
        scored_application(programme, f"Council {n:03d}", criterion)
    fifty = count_queries(manager, list_url(programme, "sort=-score"))
    assert (one, fifty) == (LIST_QUERIES, LIST_QUERIES)
    filtered = "sort=-score&status=submitted&region=north_west&thrive=getting_help"
    assert count_queries(manager, list_url(programme, filtered)) == LIST_QUERIES


def test_detail_queries_are_constant(manager, programme):
    [criterion] = criteria(programme, 2)
    application = scored_application(programme, "Alpha", criterion)
    url = reverse("applications:staff_detail", args=[application.pk])

    def add(n):
        for _ in range(n):
            review(application, {criterion: 3}, comments="More.")
            ApplicationEvent.objects.create(
                application=application, actor=UserFactory(), description="Something"
            )
            InformationRequest.objects.create(
                application=application,
                section="about-your-issue",
                question="Why?",
                asked_by=UserFactory(),
                answered_by=UserFactory(),
                answered_at=timezone.now(),
            )
            OutboundEmail.objects.create(
                kind="t",
                to_email="a@example.org",
                subject="s",
                body_text="b",
                reason="r",
                related=application,
            )

    add(1)
    one = count_queries(manager, url)
    add(49)
    fifty = count_queries(manager, url)
    assert (one, fifty) == (DETAIL_QUERIES, DETAIL_QUERIES)


# ---------------------------------------------------------------------------------------------
# The staff page of one application
# ---------------------------------------------------------------------------------------------


def test_detail_shows_reviews_with_weighted_scores_and_comments(manager, programme):
    first, second = criteria(programme, 1, 3)
    application = make(programme, "Alpha")
    review(
        application,
        {first: 5, second: 3},
        comments="Clear <b>question</b>.",
        reviewer=UserFactory(name="Robin Reviewer", role=StaffRole.REVIEWER),
    )
    review(
        application,
        {first: 1, second: 1},
        status=ReviewStatus.IN_PROGRESS,
        comments="Unsubmitted thoughts",
    )
    page = manager.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    assert "Robin Reviewer" in page
    assert "3.50" in page  # (5 + 9) / 4
    assert "Clear &lt;b&gt;question&lt;/b&gt;." in page
    assert "Unsubmitted thoughts" not in page  # an unsubmitted review is not shown
    assert "3.50 from 1 review" in page


def test_detail_history_is_a_table_of_who_what_when(manager, programme):
    application = make(programme, "Alpha")
    actor = UserFactory(name="Casey Council")
    ApplicationEvent.objects.create(
        application=application, actor=actor, description="Saved ‘About your issue’"
    )
    page = manager.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    history = page[page.index('id="history"') :]
    assert '<th scope="col" class="govuk-table__header">When</th>' in history
    assert "Casey Council" in history and actor.email in history
    assert "Saved ‘About your issue’" in history


def test_detail_warns_about_team_composition_and_counts_words(manager, programme):
    application = make(programme, "Alpha")
    application.team.update(role="other")
    page = manager.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    assert "Your team has no elected member and no senior council officer and no senior" in page
    assert "of 1000" in page


def test_council_sees_no_staff_pages(client, programme):
    application = make(programme, "Alpha")
    client.force_login(council_user(organisation=application.organisation))
    assert client.get(list_url(programme)).status_code == 403
    assert (
        client.get(reverse("applications:staff_detail", args=[application.pk])).status_code == 403
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("reviewer", 403),
        ("consultant", 403),
        ("manager", 200),
    ],
)
def test_staff_list_and_detail_by_role(client, programme, role, expected):
    application = make(programme, "Leaky County Council", region=Region.LONDON)
    users = {
        "council": lambda: council_user(organisation=application.organisation),
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    if role != "anonymous":
        client.force_login(users[role]())
    for url in [
        list_url(programme, "region=london&sort=-score"),
        reverse("applications:staff_detail", args=[application.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == expected, url
        if role == "anonymous":
            assert "/accounts/login/" in response.url
        assert (b"Leaky County Council" in response.content) is (role == "manager")
