import datetime
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus, ReviewStatus
from applications.models import Application, CriterionScore, Review
from applications.services import selection
from applications.services.applying import ApplicationError, withdraw_application
from cohort.models import Project
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.enums import Region
from programmes.models import ScoringCriterion
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def scored(programme, score: int, *, region=Region.LONDON, status=ApplicationStatus.SUBMITTED):
    """A submitted application with one submitted review scoring every criterion `score`."""
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(region=region)
    )
    Application.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    review = Review.objects.create(
        application=application,
        reviewer=UserFactory(role=StaffRole.REVIEWER),
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for criterion in programme.scoring_criteria.all():
        CriterionScore.objects.create(
            review=review, criterion=criterion, score=score, justification="Judged: because."
        )
    return application


@pytest.fixture
def programme():
    programme = ProgrammeFactory(cohort_min=2, cohort_max=3)
    ScoringCriterion.objects.create(programme=programme, title="Clarity", weight=2)
    ScoringCriterion.objects.create(programme=programme, title="Team", weight=1)
    return programme


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER)


def test_shortlist_and_back(programme, manager):
    application = scored(programme, 4)
    selection.shortlist(application_id=application.pk, by=manager)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED
    selection.shortlist(application_id=application.pk, by=manager, on=False)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert [e.description for e in application.events.all()][-2:] == [
        "Shortlisted",
        "Taken off the shortlist",
    ]


def test_cohort_can_never_exceed_the_maximum(programme, manager):
    applications = [scored(programme, 4) for _ in range(4)]
    for application in applications[:3]:
        selection.select_for_cohort(application_id=application.pk, by=manager)
    with pytest.raises(ApplicationError, match="The cohort is full: 3 of 3 places are taken"):
        selection.select_for_cohort(application_id=applications[3].pk, by=manager)
    assert programme.applications.filter(status=ApplicationStatus.SELECTED).count() == 3


def test_withdrawn_application_cannot_be_selected(programme, manager):
    application = scored(programme, 4, status=ApplicationStatus.WITHDRAWN)
    with pytest.raises(ApplicationError, match="cannot be selected"):
        selection.select_for_cohort(application_id=application.pk, by=manager)


def test_accept_suggested_cohort_replaces_the_selection(programme, manager):
    a, b, c = (scored(programme, s) for s in (5, 4, 3))
    selection.select_for_cohort(application_id=c.pk, by=manager)
    size = selection.accept_suggested_cohort(
        programme_id=programme.pk, application_ids=[a.pk, b.pk], by=manager
    )
    assert size == 2
    statuses = dict(programme.applications.values_list("pk", "status"))
    assert statuses == {a.pk: "selected", b.pk: "selected", c.pk: "shortlisted"}


def test_decisions_are_held_then_released_together(
    programme, manager, smtp_sink, django_capture_on_commit_callbacks
):
    a, b, c, d = (scored(programme, s) for s in (5, 4, 3, 2))
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    held = selection.prepare_decisions(
        programme_id=programme.pk, waitlist=[c.pk], messages={}, by=manager
    )
    assert held == 4 * 3  # each applicant's three team members (applications had no submitter)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.HELD}
    assert smtp_sink.messages == []
    statuses = dict(programme.applications.values_list("pk", "status"))
    assert statuses == {
        a.pk: "selected",
        b.pk: "selected",
        c.pk: "waitlisted",
        d.pk: "not_selected",
    }
    with django_capture_on_commit_callbacks(execute=True):
        released = selection.release_decisions(programme_id=programme.pk, by=manager)
    assert released == 12
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert len(smtp_sink.messages) == 12
    assert Project.objects.filter(programme=programme).count() == 2
    project = Project.objects.get(organisation=a.organisation)
    assert project.key_question == a.key_question
    assert project.team.count() == 3
    a.refresh_from_db()
    assert a.project == project and a.decision_released_at is not None


def test_preparing_again_replaces_held_emails(programme, manager):
    a, b = scored(programme, 5), scored(programme, 4)
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    selection.prepare_decisions(
        programme_id=programme.pk, waitlist=[], messages={"selected": "Welcome!"}, by=manager
    )
    assert OutboundEmail.objects.filter(status=EmailStatus.HELD).count() == 6
    assert OutboundEmail.objects.filter(status=EmailStatus.CANCELLED).count() == 6
    assert all("Welcome!" in e.body_text for e in OutboundEmail.objects.filter(status="held"))


def test_decisions_need_the_smallest_cohort(programme, manager):
    scored(programme, 5)
    with pytest.raises(ApplicationError, match="needs at least 2"):
        selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)


def test_release_without_prepared_decisions_is_refused(programme, manager):
    with pytest.raises(ApplicationError, match="no decision emails waiting"):
        selection.release_decisions(programme_id=programme.pk, by=manager)


def test_council_sees_its_decision_only_after_release(client, programme, manager):
    a, b = scored(programme, 5), scored(programme, 4)
    user = council_user(organisation=a.organisation)
    client.force_login(user)
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Being assessed" in page and "Selected" not in page
    assert "decision on" not in page  # the held email is not listed
    selection.release_decisions(programme_id=programme.pk, by=manager)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Selected" in page and "We are delighted to offer your council a place" in page


def test_selected_council_withdrawing_offers_the_place_to_the_waitlist(programme, manager):
    a, b, c = scored(programme, 5), scored(programme, 4), scored(programme, 3)
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[c.pk], messages={}, by=manager)
    selection.release_decisions(programme_id=programme.pk, by=manager)
    programme.cohort_max = 2
    programme.save()
    user = council_user(organisation=a.organisation)
    withdraw_application(application_id=a.pk, by=user, reason="No capacity")
    c.refresh_from_db()
    assert c.status == ApplicationStatus.SELECTED and c.project is not None
    offers = OutboundEmail.objects.filter(kind="waitlist_place_offered")
    assert sorted(offers.values_list("to_email", flat=True)) == sorted(
        c.team.values_list("email", flat=True)
    )
    assert set(offers.values_list("status", flat=True)) == {EmailStatus.QUEUED}


def test_decisions_due_soon_warning(programme):
    scored(programme, 4)
    today = programme.decisions_due - datetime.timedelta(days=3)
    assert selection.decisions_due_soon(programme, today=today) is True
    assert (
        selection.decisions_due_soon(programme, today=today - datetime.timedelta(days=1)) is False
    )


# Views ---------------------------------------------------------------------------------------


def test_cohort_page_shows_spread_coverage_and_places(client, programme, manager):
    a = scored(programme, 5, region=Region.NORTH_WEST)
    scored(programme, 3, region=Region.LONDON)
    selection.select_for_cohort(application_id=a.pk, by=manager)
    client.force_login(manager)
    page = client.get(reverse("applications:cohort", args=[programme.slug])).content.decode()
    assert "1 of 2 to 3" in page
    assert "North West: 1" in page
    assert 'Places left</dt><dd class="govuk-summary-list__value">2' in page
    assert "5.00" in page


def test_cohort_page_suggests_with_reasons_and_accepts(client, programme, manager):
    scored(programme, 5, region=Region.LONDON)
    scored(programme, 4, region=Region.LONDON)
    scored(programme, 3, region=Region.LONDON)
    north = scored(programme, 2, region=Region.NORTH_WEST)
    client.force_login(manager)
    page = client.get(
        reverse("applications:cohort", args=[programme.slug]),
        {"suggest": "1", "max_per_region": "2", "cover_thrive": "on"},
    ).content.decode()
    assert "Suggested cohort: 3 councils" in page
    assert "regional limit of 2" in page
    response = client.post(
        reverse("applications:accept_suggestion", args=[programme.slug]),
        {"application": [str(north.pk)]},
    )
    assert response.status_code == 302
    assert list(programme.applications.filter(status="selected")) == [north]


def test_infeasible_rules_say_what_to_relax(client, programme, manager):
    a = scored(programme, 5)
    client.force_login(manager)
    page = client.get(
        reverse("applications:cohort", args=[programme.slug]),
        {"suggest": "1", "max_per_region": "1", f"choice_{a.pk}": "exclude"},
    ).content.decode()
    assert "There is a problem" in page


def test_two_managers_cannot_fill_the_cohort_past_the_limit_through_the_page(client, programme):
    applications = [scored(programme, 4) for _ in range(4)]
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    url = reverse("applications:cohort", args=[programme.slug])
    for application in applications:
        client.post(url, {"application": application.pk, "action": "select"})
    page = client.get(url).content.decode()
    assert programme.applications.filter(status="selected").count() == 3
    assert 'Places left</dt><dd class="govuk-summary-list__value">0' in page


def test_decisions_page_prepares_and_releases(client, programme, manager, smtp_sink):
    a, b, c = scored(programme, 5), scored(programme, 4), scored(programme, 3)
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    client.force_login(manager)
    url = reverse("applications:decisions", args=[programme.slug])
    form = client.get(url).content.decode()
    assert c.organisation.name in form
    client.post(
        url,
        {
            "waitlist": [c.pk],
            "message_selected": "Yes <b>!</b>",
            "message_waitlisted": "Wait",
            "message_not_selected": "No",
        },
    )
    assert "decision emails are held for you to check" in client.get(url).content.decode()
    client.post(url, {"release": "1"})
    c.refresh_from_db()
    assert c.status == "waitlisted" and c.decision_released_at is not None
    email = OutboundEmail.objects.filter(related_id=a.pk, kind="decision_selected").first()
    assert "Yes &lt;b&gt;!&lt;/b&gt;" in email.body_html and "Yes <b>!</b>" in email.body_text


@pytest.mark.parametrize("role", [None, StaffRole.REVIEWER, StaffRole.CONSULTANT, "council"])
def test_only_programme_managers_choose_and_decide(client, programme, role):
    application = scored(programme, 4)
    if role == "council":
        client.force_login(council_user(organisation=application.organisation))
    elif role:
        client.force_login(UserFactory(role=role))
    for url in [
        reverse("applications:cohort", args=[programme.slug]),
        reverse("applications:decisions", args=[programme.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == (302 if role is None else 403)
        response = client.post(url, {"application": application.pk, "action": "select"})
        assert response.status_code == (302 if role is None else 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def count_queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_cohort_and_decisions_pages_query_counts_do_not_grow(client, programme, manager):
    client.force_login(manager)
    cohort = reverse("applications:cohort", args=[programme.slug])
    decisions = reverse("applications:decisions", args=[programme.slug])
    scored(programme, 4)
    client.get(decisions)  # warms Django's content type cache, as any earlier request would
    one = [
        count_queries(client, cohort),
        count_queries(client, cohort, suggest="1"),
        count_queries(client, decisions),
    ]
    for n in range(9):
        application = scored(programme, 3, region=Region.values[n % 9])
        if n < 2:
            selection.select_for_cohort(application_id=application.pk, by=manager)
    several = [
        count_queries(client, cohort),
        count_queries(client, cohort, suggest="1"),
        count_queries(client, decisions),
    ]
    assert one == several == [9, 9, 9]


def test_councils_never_see_scores_or_reviewer_identities(client, programme, manager):
    application = scored(programme, 4)
    review = application.reviews.get()
    review.comments = "Private reviewer comment"
    review.save()
    for application_to_select in [application, scored(programme, 5)]:
        selection.select_for_cohort(application_id=application_to_select.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    selection.release_decisions(programme_id=programme.pk, by=manager)
    client.force_login(council_user(organisation=application.organisation))
    pages = [
        client.get(application.get_absolute_url()).content.decode(),
        client.get(reverse("applications:mine")).content.decode(),
    ]
    for page in pages:
        assert review.reviewer.email not in page and escape(review.reviewer.name) not in page
        assert "Private reviewer comment" not in page and "Judged" not in page
        assert "4.00" not in page


def test_decisions_page_still_shows_the_cohort_after_release(client, programme, manager):
    a, b, _c = (scored(programme, s) for s in (5, 4, 3))
    for application in (a, b):
        selection.select_for_cohort(application_id=application.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    selection.release_decisions(programme_id=programme.pk, by=manager)
    client.force_login(manager)
    page = client.get(reverse("applications:decisions", args=[programme.slug])).content.decode()
    assert "The cohort (2 of 2 to 3)" in page
    assert "No councils chosen yet" not in page
    assert f"{a.organisation.name} (" in page and "decision sent" in page
