"""Reviewing: assigning reviewers (by hand and balanced automatically), scoring, conflicts of
interest, the reviewer's pages, the Reviewers page and moderation, with permissions and query
counts."""

import itertools
import random
from collections import Counter
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications import services as application_services
from applications.enums import ApplicationStatus, ReviewStatus
from applications.models import Application, ApplicationEvent, CriterionScore, Review
from applications.services import reviews as services
from applications.services.reviews import ReviewError, plan_assignments
from notifications.models import OutboundEmail
from tests import evidence_samples
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    council_user,
    submitted_application,
)
from tests.review_factories import (
    CriterionScoreFactory,
    ReviewFactory,
    ScoringCriterionFactory,
    reviewer,
    submitted_review,
)

pytestmark = pytest.mark.django_db


REFERENCES = itertools.count(1)


def sent_in(programme, n: int, *, status=ApplicationStatus.SUBMITTED) -> list:
    """`n` applications sent in to the programme (answers are not needed for assignment)."""
    return [
        ApplicationFactory(
            programme=programme,
            status=status,
            submitted_at=timezone.now(),
            reference=f"EOI-TEST-{next(REFERENCES):05d}",
        )
        for _ in range(n)
    ]


def loads_on(programme) -> Counter:
    return Counter(
        Review.objects.filter(application__programme=programme)
        .exclude(status=ReviewStatus.CONFLICT)
        .values_list("reviewer_id", flat=True)
    )


def live_reviewers(application) -> set[int]:
    return set(
        application.reviews.exclude(status=ReviewStatus.CONFLICT).values_list(
            "reviewer_id", flat=True
        )
    )


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER)


# ---------------------------------------------------------------------------------------------
# Automatic assignment
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reviewer_count", "application_count", "per_application"),
    [(3, 10, 2), (4, 17, 2), (5, 23, 3), (6, 31, 2), (7, 50, 2), (7, 13, 1)],
)
def test_automatic_assignment_gives_each_application_k_reviewers_with_even_loads(
    manager, reviewer_count, application_count, per_application
):
    programme = ProgrammeFactory()
    people = [reviewer() for _ in range(reviewer_count)]
    applications = sent_in(programme, application_count)

    result = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=per_application, by=manager
    )

    assert len(result.created) == application_count * per_application
    assert result.shortfalls == []
    for application in applications:
        assert len(live_reviewers(application)) == per_application
    loads = loads_on(programme)
    assert set(loads) == {p.pk for p in people}
    assert max(loads.values()) - min(loads.values()) <= 1
    assert sum(loads.values()) == application_count * per_application


def test_automatic_assignment_never_gives_a_reviewer_their_own_organisation_or_a_conflict(
    manager,
):
    programme = ProgrammeFactory()
    applications = sent_in(programme, 6)
    insider = reviewer(organisation=applications[0].organisation)
    conflicted = reviewer()
    ReviewFactory(
        application=applications[1],
        reviewer=conflicted,
        status=ReviewStatus.CONFLICT,
        conflict_reason="I used to work there",
    )
    others = [reviewer() for _ in range(2)]

    services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=2, by=manager
    )

    assert insider.pk not in live_reviewers(applications[0])
    assert conflicted.pk not in live_reviewers(applications[1])
    assert Review.objects.get(application=applications[1], reviewer=conflicted).status == (
        ReviewStatus.CONFLICT
    )
    for application in applications:
        assert len(live_reviewers(application)) == 2
    loads = loads_on(programme)
    assert max(loads.values()) - min(loads.values()) <= 1
    assert set(loads) == {insider.pk, conflicted.pk, *(o.pk for o in others)}


def test_automatic_assignment_keeps_existing_assignments_and_counts_them_as_load(manager):
    programme = ProgrammeFactory()
    first, second, third = (reviewer() for _ in range(3))
    applications = sent_in(programme, 3)
    kept = ReviewFactory(
        application=applications[0], reviewer=first, status=ReviewStatus.IN_PROGRESS
    )
    CriterionScoreFactory(review=kept, criterion=ScoringCriterionFactory(programme=programme))

    result = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=1, by=manager
    )

    assert len(result.created) == 2
    kept.refresh_from_db()
    assert kept.status == ReviewStatus.IN_PROGRESS and kept.scores.count() == 1
    assert live_reviewers(applications[0]) == {first.pk}
    # The first reviewer already has one: the other two applications go to the others.
    assert live_reviewers(applications[1]) | live_reviewers(applications[2]) == {
        second.pk,
        third.pk,
    }


def test_automatic_assignment_is_deterministic_and_breaks_ties_by_user_id(manager):
    programme = ProgrammeFactory()
    first, second = reviewer(), reviewer()
    (application,) = sent_in(programme, 1)

    services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=1, by=manager
    )

    assert live_reviewers(application) == {min(first.pk, second.pk)}
    # Running again changes nothing: every application already has its reviewer.
    again = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=1, by=manager
    )
    assert again.created == [] and again.summary == "No new assignments were needed."


def test_plan_assignments_gives_the_same_plan_for_the_same_input():
    rng = random.Random(7)
    reviewers_ = list(range(1, 8))
    eligible = {a: sorted(rng.sample(reviewers_, rng.randint(2, 7))) for a in range(100, 140)}
    wanted = dict.fromkeys(eligible, 2)
    loads = {r: rng.randint(0, 3) for r in reviewers_}

    plans = [plan_assignments(wanted=wanted, eligible=eligible, loads=loads) for _ in range(3)]

    assert plans[0] == plans[1] == plans[2]


def _sum_of_squares(plan: dict, loads: dict) -> int:
    totals = Counter(loads)
    for reviewer_ids in plan.values():
        totals.update(reviewer_ids)
    return sum(n * n for n in totals.values())


@pytest.mark.parametrize("seed", range(25))
def test_plan_assignments_is_as_even_as_eligibility_allows(seed):
    """Against every possible plan of a small random case: no plan spreads the work more evenly
    (smallest sum of squared loads), and every application gets what it can."""
    rng = random.Random(seed)
    reviewers_ = [1, 2, 3, 4]
    applications = [10, 11, 12, 13]
    eligible = {a: sorted(rng.sample(reviewers_, rng.randint(1, 4))) for a in applications}
    wanted = {a: rng.randint(1, 2) for a in applications}
    loads = {r: rng.randint(0, 2) for r in reviewers_}

    plan = plan_assignments(wanted=wanted, eligible=eligible, loads=loads)

    options = [
        list(itertools.combinations(eligible[a], min(wanted[a], len(eligible[a]))))
        for a in applications
    ]
    best = min(
        _sum_of_squares(dict(zip(applications, choice, strict=True)), loads)
        for choice in itertools.product(*options)
    )
    assert _sum_of_squares(plan, loads) == best
    for a in applications:
        assert set(plan.get(a, [])) <= set(eligible[a])
        assert len(plan.get(a, [])) == min(wanted[a], len(eligible[a]))


def test_automatic_assignment_says_which_applications_are_short_and_why(manager):
    programme = ProgrammeFactory()
    short, fine = sent_in(programme, 2)
    reviewer(organisation=short.organisation)
    reviewer()

    result = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=2, by=manager
    )

    assert len(live_reviewers(short)) == 1
    assert len(live_reviewers(fine)) == 2
    assert [str(s) for s in result.shortfalls] == [
        f"{short.organisation.name} has 1 of 2 reviewers: of the 2 reviewers, 1 works for the "
        "organisation"
    ]


def test_automatic_assignment_without_enough_reviewers_says_so(manager):
    programme = ProgrammeFactory()
    (application,) = sent_in(programme, 1)

    result = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=2, by=manager
    )
    assert [s.reason for s in result.shortfalls] == [
        "there are no reviewers yet: add people to the Reviewers group"
    ]

    reviewer()
    result = services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=2, by=manager
    )
    assert [str(s) for s in result.shortfalls] == [
        f"{application.organisation.name} has 1 of 2 reviewers: there is only 1 reviewer"
    ]


def test_automatic_assignment_only_takes_sent_in_applications_being_assessed(manager):
    programme = ProgrammeFactory()
    reviewer()
    draft = ApplicationFactory(programme=programme)
    (withdrawn,) = sent_in(programme, 1, status=ApplicationStatus.WITHDRAWN)
    (shortlisted,) = sent_in(programme, 1, status=ApplicationStatus.SHORTLISTED)
    (other_programme,) = sent_in(ProgrammeFactory(), 1)

    services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=1, by=manager
    )

    assert live_reviewers(shortlisted)
    assert not live_reviewers(draft) and not live_reviewers(withdrawn)
    assert not live_reviewers(other_programme)


def test_automatic_assignment_emails_each_reviewer_once_with_their_applications(manager):
    programme = ProgrammeFactory(title="Children's mental health")
    people = [reviewer() for _ in range(2)]
    applications = sent_in(programme, 3)

    services.assign_reviewers_automatically(
        programme_id=programme.pk, reviewers_per_application=2, by=manager
    )

    emails = OutboundEmail.objects.filter(kind="reviewer_assigned").order_by("to_email")
    assert sorted(e.to_email for e in emails) == sorted(p.email for p in people)
    for email in emails:
        assert email.subject == "3 applications to review: Children's mental health"
        for application in applications:
            assert f"- {application.organisation.name} ({application.reference})" in (
                email.body_text
            )
        assert reverse("applications:reviews") in email.body_text
        assert email.related == programme
    events = ApplicationEvent.objects.filter(description__startswith="Reviewer assigned: ")
    assert events.count() == 6


def test_automatic_assignment_refuses_a_silly_number(manager):
    with pytest.raises(ReviewError) as error:
        services.assign_reviewers_automatically(
            programme_id=ProgrammeFactory().pk, reviewers_per_application=0, by=manager
        )
    assert error.value.field == "reviewers_per_application"


# ---------------------------------------------------------------------------------------------
# Assigning and removing by hand
# ---------------------------------------------------------------------------------------------


def test_assign_reviewer_by_hand_records_history_and_emails_the_reviewer(manager):
    (application,) = sent_in(ProgrammeFactory(), 1)
    person = reviewer()

    review = services.assign_reviewer(application_id=application.pk, reviewer=person, by=manager)

    assert review.status == ReviewStatus.ASSIGNED and review.assigned_by == manager
    assert application.events.get().description == f"Reviewer assigned: {person}"
    email = OutboundEmail.objects.get(kind="reviewer_assigned")
    assert email.to_email == person.email
    assert email.subject.startswith("1 application to review")


@pytest.mark.parametrize("case", ["member", "conflict", "already", "not_reviewer", "draft"])
def test_assign_reviewer_by_hand_refuses(manager, case):
    (application,) = sent_in(ProgrammeFactory(), 1)
    person = reviewer()
    expected = {
        "member": "works for",
        "conflict": "declared a conflict of interest",
        "already": "is already reviewing",
        "not_reviewer": "is not a reviewer",
        "draft": "cannot be given to a reviewer",
    }[case]
    if case == "member":
        MembershipFactory(user=person, organisation=application.organisation)
    elif case == "conflict":
        ReviewFactory(application=application, reviewer=person, status=ReviewStatus.CONFLICT)
    elif case == "already":
        ReviewFactory(application=application, reviewer=person)
    elif case == "not_reviewer":
        person = UserFactory()
    elif case == "draft":
        application = ApplicationFactory(programme=application.programme)

    with pytest.raises(ReviewError) as error:
        services.assign_reviewer(application_id=application.pk, reviewer=person, by=manager)

    assert expected in error.value.message
    assert not OutboundEmail.objects.filter(kind="reviewer_assigned").exists()


def test_unassign_reviewer_removes_an_assignment_without_scores(manager):
    review = ReviewFactory(application=sent_in(ProgrammeFactory(), 1)[0])

    services.unassign_reviewer(review_id=review.pk, by=manager)

    assert not Review.objects.filter(pk=review.pk).exists()
    assert review.application.events.get().description == f"Reviewer removed: {review.reviewer}"


@pytest.mark.parametrize("status", [ReviewStatus.IN_PROGRESS, ReviewStatus.SUBMITTED])
def test_unassign_reviewer_refuses_once_scored(manager, status):
    (application,) = sent_in(ProgrammeFactory(), 1)
    review = ReviewFactory(application=application, status=status, submitted_at=timezone.now())
    CriterionScoreFactory(
        review=review, criterion=ScoringCriterionFactory(programme=application.programme)
    )

    with pytest.raises(ReviewError, match="already scored"):
        services.unassign_reviewer(review_id=review.pk, by=manager)
    assert Review.objects.filter(pk=review.pk).exists()


def test_unassign_reviewer_keeps_a_declared_conflict(manager):
    review = ReviewFactory(
        application=sent_in(ProgrammeFactory(), 1)[0], status=ReviewStatus.CONFLICT
    )
    with pytest.raises(ReviewError, match="stays on record"):
        services.unassign_reviewer(review_id=review.pk, by=manager)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def scoring():
    """An assigned review of a programme with two criteria."""
    (application,) = sent_in(ProgrammeFactory(), 1)
    criteria = [
        ScoringCriterionFactory(programme=application.programme, title="Key question", weight=2),
        ScoringCriterionFactory(programme=application.programme, title="Team", weight=1),
    ]
    review = ReviewFactory(application=application)
    return review, criteria


def test_save_review_as_draft_accepts_an_incomplete_review(scoring):
    review, (question, team) = scoring

    saved = services.save_review(
        review_id=review.pk,
        reviewer=review.reviewer,
        scores={question.pk: (4, "Clear."), team.pk: (None, "")},
        comments="Half done",
        submit=False,
    )

    assert saved.status == ReviewStatus.IN_PROGRESS and saved.submitted_at is None
    assert [(s.criterion_id, s.score, s.justification) for s in saved.scores.all()] == [
        (question.pk, 4, "Clear.")
    ]
    assert saved.comments == "Half done"
    assert not review.application.events.exists()


def test_save_review_draft_clears_a_score_that_was_taken_away(scoring):
    review, (question, _) = scoring
    for scores in [{question.pk: (4, "Clear.")}, {question.pk: (None, "")}]:
        services.save_review(
            review_id=review.pk, reviewer=review.reviewer, scores=scores, comments="", submit=False
        )
    assert not CriterionScore.objects.filter(review=review).exists()


def test_save_review_submit_needs_every_score_and_justification(scoring):
    review, (question, team) = scoring

    with pytest.raises(ReviewError) as error:
        services.save_review(
            review_id=review.pk,
            reviewer=review.reviewer,
            scores={question.pk: (4, "  "), team.pk: (None, "")},
            comments="",
            submit=True,
        )

    assert error.value.errors == {
        question.pk: "Explain your score for ‘Key question’",
        team.pk: "Choose a score for ‘Team’",
    }
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED and not review.scores.exists()


@pytest.mark.parametrize(
    ("score", "justification", "message"),
    [
        (0, "x", "Choose a score from 1 to 5 for ‘Key question’"),
        (6, "x", "Choose a score from 1 to 5 for ‘Key question’"),
        (None, "Kept", "Choose a score for ‘Key question’ to save your explanation"),
    ],
)
def test_save_review_refuses_bad_scores_even_in_a_draft(scoring, score, justification, message):
    review, (question, _) = scoring
    with pytest.raises(ReviewError) as error:
        services.save_review(
            review_id=review.pk,
            reviewer=review.reviewer,
            scores={question.pk: (score, justification)},
            comments="",
            submit=False,
        )
    assert error.value.errors == {question.pk: message}


def test_save_review_refuses_a_criterion_of_another_programme(scoring):
    review, _ = scoring
    elsewhere = ScoringCriterionFactory()
    with pytest.raises(ReviewError, match="no longer part of the programme"):
        services.save_review(
            review_id=review.pk,
            reviewer=review.reviewer,
            scores={elsewhere.pk: (3, "x")},
            comments="",
            submit=False,
        )


def test_save_review_submits_and_records_history(scoring):
    review, (question, team) = scoring

    saved = services.save_review(
        review_id=review.pk,
        reviewer=review.reviewer,
        scores={question.pk: (5, "Sharp question."), team.pk: (2, "No councillor.")},
        comments="Promising",
        submit=True,
    )

    assert saved.status == ReviewStatus.SUBMITTED and saved.submitted_at is not None
    assert sorted(saved.scores.values_list("score", flat=True)) == [2, 5]
    assert review.application.events.get().description == (f"Review submitted by {review.reviewer}")


def test_a_submitted_review_cannot_change(scoring):
    review, (question, team) = scoring
    scores = {question.pk: (5, "Sharp."), team.pk: (2, "Thin.")}
    services.save_review(
        review_id=review.pk, reviewer=review.reviewer, scores=scores, comments="", submit=True
    )

    for submit in (True, False):
        with pytest.raises(ReviewError, match="can no longer be changed"):
            services.save_review(
                review_id=review.pk,
                reviewer=review.reviewer,
                scores={question.pk: (1, "Changed my mind")},
                comments="",
                submit=submit,
            )
    assert CriterionScore.objects.get(review=review, criterion=question).score == 5


def test_save_review_only_for_the_reviewer_it_belongs_to(scoring):
    review, (question, _) = scoring
    with pytest.raises(Review.DoesNotExist):
        services.save_review(
            review_id=review.pk,
            reviewer=reviewer(),
            scores={question.pk: (1, "Not mine")},
            comments="",
            submit=False,
        )


def test_declare_conflict_takes_the_application_off_the_reviewers_list(scoring, manager):
    review, (question, _) = scoring
    services.save_review(
        review_id=review.pk,
        reviewer=review.reviewer,
        scores={question.pk: (3, "Draft")},
        comments="",
        submit=False,
    )

    services.declare_conflict(
        review_id=review.pk, reviewer=review.reviewer, reason="My partner leads the team"
    )

    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    assert review.conflict_reason == "My partner leads the team"
    assert not review.scores.exists()
    assert review.application.events.get().description == (
        f"Conflict of interest declared by {review.reviewer}: My partner leads the team"
    )
    # Automatic assignment finds someone else, and never gives it back to this reviewer.
    other = reviewer()
    services.assign_reviewers_automatically(
        programme_id=review.application.programme.pk, reviewers_per_application=1, by=manager
    )
    assert live_reviewers(review.application) == {other.pk}


def test_declare_conflict_needs_a_reason_and_an_unsubmitted_review(scoring):
    review, _ = scoring
    with pytest.raises(ReviewError, match="Enter why"):
        services.declare_conflict(review_id=review.pk, reviewer=review.reviewer, reason="  ")
    Review.objects.filter(pk=review.pk).update(
        status=ReviewStatus.SUBMITTED, submitted_at=timezone.now()
    )
    with pytest.raises(ReviewError, match="already submitted"):
        services.declare_conflict(review_id=review.pk, reviewer=review.reviewer, reason="Late")


# ---------------------------------------------------------------------------------------------
# The reviewer's pages
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def desk(client):
    """A reviewer signed in with two complete applications to review, on a programme with two
    criteria."""
    programme = ProgrammeFactory()
    criteria = [
        ScoringCriterionFactory(
            programme=programme, title="Key question", weight=2, strong="Sharp and local"
        ),
        ScoringCriterionFactory(programme=programme, title="Team", weight=1),
    ]
    person = reviewer(name="Rhiannon Reviewer")
    reviews = []
    for _ in range(2):
        application = submitted_application(programme=programme)
        reviews.append(ReviewFactory(application=application, reviewer=person))
    client.force_login(person)
    return client, person, reviews, criteria


def score_data(criteria, *, scores=(5, 3), justification="Because", **extra) -> dict:
    data = {"comments": "Overall fine"}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = "" if score is None else str(score)
        data[f"justification_{criterion.pk}"] = justification
    data.update(extra)
    return data


def test_your_reviews_lists_only_the_reviewers_own_applications(desk):
    client, _, reviews, _ = desk
    someone_elses = ReviewFactory(application=submitted_application())

    page = client.get(reverse("applications:reviews")).content.decode()

    for review in reviews:
        assert review.application.organisation.name in page
        assert reverse("applications:review", args=[review.pk]) in page
    assert someone_elses.application.organisation.name not in page
    assert "To review (2)" in page and "Not yet reviewed" in page


def test_review_page_shows_every_answer_and_the_scoring_form(desk):
    client, _, reviews, criteria = desk
    application = reviews[0].application

    response = client.get(reverse("applications:review", args=[reviews[0].pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert application.key_question in page
    assert application.why_critical in page
    assert escape(application.team.get(position=1).name) in page
    assert f'name="score_{criteria[0].pk}"' in page
    assert "Sharp and local" in page  # the descriptor of a 5, as a hint
    assert "5 – Strong" in page and "1 – Poor" in page
    assert "Save and next" in page and "Save draft" in page


def test_review_page_of_an_application_not_assigned_to_the_reviewer_is_not_found(desk):
    client, _, _, _ = desk
    others_review = ReviewFactory(application=submitted_application())
    for name in ["review", "declare_conflict"]:
        response = client.get(reverse(f"applications:{name}", args=[others_review.pk]))
        assert response.status_code == 404


def test_save_and_next_submits_and_goes_to_the_next_application(desk):
    client, _, reviews, criteria = desk

    response = client.post(
        reverse("applications:review", args=[reviews[0].pk]),
        score_data(criteria, submit_review="1"),
    )

    assert response.status_code == 302
    assert response.url == reverse("applications:review", args=[reviews[1].pk])
    reviews[0].refresh_from_db()
    assert reviews[0].status == ReviewStatus.SUBMITTED

    response = client.post(
        reverse("applications:review", args=[reviews[1].pk]),
        score_data(criteria, submit_review="1"),
    )
    assert response.url == reverse("applications:reviews")
    page = client.get(response.url).content.decode()
    assert "You have nothing left to review." in page and "Submitted (2)" in page


def test_save_draft_keeps_the_review_in_progress_without_everything(desk):
    client, _, reviews, criteria = desk

    response = client.post(
        reverse("applications:review", args=[reviews[0].pk]),
        score_data(criteria, scores=(4, None), justification="", save_draft="1"),
    )

    assert response.url == reverse("applications:review", args=[reviews[0].pk])
    reviews[0].refresh_from_db()
    assert reviews[0].status == ReviewStatus.IN_PROGRESS
    form = client.get(response.url).context["form"]
    assert form.initial[f"score_{criteria[0].pk}"] == 4
    assert f"score_{criteria[1].pk}" not in form.initial


def test_save_and_next_with_gaps_shows_errors_and_keeps_what_was_typed(desk):
    client, _, reviews, criteria = desk

    response = client.post(
        reverse("applications:review", args=[reviews[0].pk]),
        {
            f"score_{criteria[0].pk}": "4",
            f"justification_{criteria[0].pk}": "Typed with care",
            f"score_{criteria[1].pk}": "",
            f"justification_{criteria[1].pk}": "",
            "comments": "My comments",
            "submit_review": "1",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose a score for ‘Team’" in page and "Explain your score for ‘Team’" in page
    assert f'href="#id_score_{criteria[1].pk}_1"' in page
    assert "Typed with care" in page and "My comments" in page
    reviews[0].refresh_from_db()
    assert reviews[0].status == ReviewStatus.ASSIGNED


def test_a_submitted_review_is_read_only(desk):
    client, _, reviews, criteria = desk
    client.post(
        reverse("applications:review", args=[reviews[0].pk]),
        score_data(criteria, justification="First thoughts", submit_review="1"),
    )

    page = client.get(reverse("applications:review", args=[reviews[0].pk])).content.decode()
    assert "Save and next" not in page and "<textarea" not in page
    assert "First thoughts" in page and "5 – Strong" in page

    response = client.post(
        reverse("applications:review", args=[reviews[0].pk]),
        score_data(criteria, scores=(1, 1), justification="Second thoughts", submit_review="1"),
    )
    assert response.status_code == 200
    assert CriterionScore.objects.filter(justification="Second thoughts").count() == 0


def test_other_reviewers_scores_only_after_submitting_your_own(desk):
    client, _, reviews, criteria = desk
    colleague = reviewer(name="Colleague Cadwaladr")
    submitted_review(
        application=reviews[0].application,
        reviewer=colleague,
        scores={criteria[0]: (1, "SECRET-JUSTIFICATION"), criteria[1]: (2, "Thin team")},
        comments="SECRET-COMMENT",
    )
    url = reverse("applications:review", args=[reviews[0].pk])

    before = client.get(url).content.decode()
    assert "SECRET-JUSTIFICATION" not in before
    assert "SECRET-COMMENT" not in before
    assert "Colleague Cadwaladr" not in before

    client.post(url, score_data(criteria, submit_review="1"))
    after = client.get(url).content.decode()
    assert "SECRET-JUSTIFICATION" in after and "SECRET-COMMENT" in after
    assert "Colleague Cadwaladr" in after


def test_a_colleagues_draft_is_never_shown(desk):
    client, _, reviews, criteria = desk
    draft = ReviewFactory(application=reviews[0].application, status=ReviewStatus.IN_PROGRESS)
    CriterionScoreFactory(review=draft, criterion=criteria[0], justification="DRAFT-THOUGHTS")
    url = reverse("applications:review", args=[reviews[0].pk])
    client.post(url, score_data(criteria, submit_review="1"))
    assert "DRAFT-THOUGHTS" not in client.get(url).content.decode()


def test_script_in_justifications_and_criteria_is_escaped(desk, manager):
    client, _, reviews, criteria = desk
    criteria[0].title = "<script>alert('title')</script>"
    criteria[0].save()
    url = reverse("applications:review", args=[reviews[0].pk])
    client.post(
        url, score_data(criteria, justification="<script>alert('x')</script>", save_draft="1")
    )
    for page in [client.get(url).content.decode()]:
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page

    client.post(
        url, score_data(criteria, justification="<script>alert('x')</script>", submit_review="1")
    )
    assert "<script>alert" not in client.get(url).content.decode()
    client.force_login(manager)
    slug = reviews[0].application.programme.slug
    moderation = client.get(reverse("applications:moderation", args=[slug])).content.decode()
    assert "<script>alert" not in moderation
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in moderation


def test_declare_a_conflict_of_interest_through_the_page(desk):
    client, _, reviews, _ = desk
    url = reverse("applications:declare_conflict", args=[reviews[0].pk])

    assert "There is a problem" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "I was its director of children's services"})

    assert response.url == reverse("applications:reviews")
    reviews[0].refresh_from_db()
    assert reviews[0].status == ReviewStatus.CONFLICT
    page = client.get(response.url).content.decode()
    assert "To review (1)" in page
    assert "Conflicts of interest you declared" in page
    review_page = client.get(reverse("applications:review", args=[reviews[0].pk]))
    assert application_answer_absent(review_page, reviews[0].application)


def application_answer_absent(response, application) -> bool:
    return application.key_question not in response.content.decode()


def test_evidence_links_go_to_the_reviewers_own_download(desk):
    client, _, reviews, _ = desk
    application = reviews[0].application
    owner = council_user(organisation=application.organisation)
    # Evidence is uploaded to a draft: open it again for a moment.
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.DRAFT)
    document = application_services.upload_evidence(
        application_id=application.pk,
        upload=SimpleUploadedFile("plan.pdf", evidence_samples.make_pdf()),
        by=owner,
    )
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
    reviewer_url = reverse("applications:review_download", args=[reviews[0].pk, document.pk])

    page = client.get(reverse("applications:review", args=[reviews[0].pk])).content.decode()
    assert f'href="{reviewer_url}"' in page
    assert reverse("applications:download", args=[application.pk, document.pk]) not in page

    response = client.get(reviewer_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"

    client.force_login(reviewer())
    assert client.get(reviewer_url).status_code == 404


# ---------------------------------------------------------------------------------------------
# The Reviewers page and moderation
# ---------------------------------------------------------------------------------------------


def test_reviewers_page_assigns_automatically_and_reports_shortfalls(client, manager):
    programme = ProgrammeFactory()
    applications = sent_in(programme, 3)
    reviewer(organisation=applications[0].organisation, name="Insider")
    reviewer(name="Outsider")
    client.force_login(manager)

    response = client.post(
        reverse("applications:assign_automatically", args=[programme.slug]),
        {"reviewers_per_application": "2"},
    )

    url = reverse("applications:reviewers", args=[programme.slug])
    assert response.url == f"{url}?per_application=2"
    page = client.get(response.url).content.decode()
    assert "5 assignments made. 2 reviewers have been emailed." in page
    assert "1 application could not be given 2 reviewers" in page
    assert (
        f"{applications[0].organisation.name} has 1 of 2 reviewers: of the 2 reviewers, 1 works "
        "for the organisation"
    ) in page


def test_reviewers_page_refuses_a_bad_number_with_an_error(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)
    response = client.post(
        reverse("applications:assign_automatically", args=[programme.slug]),
        {"reviewers_per_application": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Each application needs at least 1 reviewer" in page


def test_reviewers_page_assigns_and_removes_by_hand(client, manager):
    programme = ProgrammeFactory()
    (application,) = sent_in(programme, 1)
    person = reviewer(name="Hand Picked")
    client.force_login(manager)

    response = client.post(
        reverse("applications:assign_reviewer", args=[programme.slug]),
        {"application": application.pk, "reviewer": person.pk},
    )
    assert response.url == reverse("applications:reviewers", args=[programme.slug])
    review = Review.objects.get(application=application, reviewer=person)
    page = client.get(response.url).content.decode()
    assert "Hand Picked: not yet reviewed" in page
    assert reverse("applications:unassign_reviewer", args=[programme.slug, review.pk]) in page

    client.post(reverse("applications:unassign_reviewer", args=[programme.slug, review.pk]))
    assert not Review.objects.filter(pk=review.pk).exists()


def test_reviewers_page_shows_why_a_hand_assignment_is_refused(client, manager):
    programme = ProgrammeFactory()
    (application,) = sent_in(programme, 1)
    person = reviewer(organisation=application.organisation)
    client.force_login(manager)

    response = client.post(
        reverse("applications:assign_reviewer", args=[programme.slug]),
        {"application": application.pk, "reviewer": person.pk},
    )

    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert f"works for {application.organisation.name}" in page
    assert not Review.objects.exists()


def test_removing_a_review_of_another_programme_is_not_found(client, manager):
    review = ReviewFactory(application=sent_in(ProgrammeFactory(), 1)[0])
    client.force_login(manager)
    url = reverse("applications:unassign_reviewer", args=[ProgrammeFactory().slug, review.pk])
    assert client.post(url).status_code == 404
    assert Review.objects.filter(pk=review.pk).exists()


def test_moderation_shows_scores_spread_weighted_scores_and_disagreement(client, manager):
    programme = ProgrammeFactory()
    question = ScoringCriterionFactory(programme=programme, title="Key question", weight=3)
    team = ScoringCriterionFactory(programme=programme, title="Team", weight=1)
    split, agreed = sent_in(programme, 2)
    submitted_review(
        application=split,
        reviewer=reviewer(name="Ada Able"),
        scores={question: (5, "Great"), team: (4, "Good")},
    )
    submitted_review(
        application=split,
        reviewer=reviewer(name="Bo Baker"),
        scores={question: (2, "Weak"), team: (4, "Good")},
    )
    submitted_review(
        application=agreed,
        reviewer=reviewer(name="Cy Cole"),
        scores={question: (3, "Fine"), team: (3, "Fine")},
    )
    ReviewFactory(application=agreed, reviewer=reviewer(name="Di Draft"))
    client.force_login(manager)
    url = reverse("applications:moderation", args=[programme.slug])

    response = client.get(url)

    rows = response.context["rows"]
    assert [row.application for row in rows] == [split, agreed]  # 3.50 before 3.00
    assert rows[0].spreads == [3, 0] and rows[0].disagree
    assert rows[1].spreads == [None, None] and not rows[1].disagree
    assert [str(r.weighted) for r in rows[0].submitted] == ["4.75", "2.50"]
    assert str(rows[0].weighted_mean) == "3.63"
    assert str(rows[1].weighted_mean) == "3.00"
    page = response.content.decode()
    assert "Reviewers disagree (1)" in page
    assert page.count('govuk-tag--red">Reviewers disagree') == 1
    assert "Not yet submitted: Di Draft" in page

    only = client.get(url + "?disagree=1").context["rows"]
    assert [row.application for row in only] == [split]


# ---------------------------------------------------------------------------------------------
# Permissions, for every role and every page
# ---------------------------------------------------------------------------------------------


ROLES = ["anonymous", "council", "assigned_reviewer", "other_reviewer", "consultant", "manager"]


@pytest.fixture
def world():
    programme = ProgrammeFactory()
    criterion = ScoringCriterionFactory(programme=programme)
    application = complete_application(ApplicationFactory(programme=programme))
    owner = council_user(organisation=application.organisation)
    document = application_services.upload_evidence(
        application_id=application.pk,
        upload=SimpleUploadedFile("plan.pdf", evidence_samples.make_pdf()),
        by=owner,
    )
    application_services.submit_application(application_id=application.pk, by=owner)
    assigned = reviewer()
    review = ReviewFactory(application=application, reviewer=assigned)
    users = {
        "anonymous": None,
        "council": owner,
        "assigned_reviewer": assigned,
        "other_reviewer": reviewer(),
        "consultant": UserFactory(role=StaffRole.CONSULTANT),
        "manager": UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    return {
        "programme": programme,
        "criterion": criterion,
        "review": review,
        "document": document,
        "users": users,
    }


def get_as(client, user, url):
    if user:
        client.force_login(user)
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def reviewer_urls(w):
    review = w["review"]
    return [
        reverse("applications:reviews"),
        reverse("applications:review", args=[review.pk]),
        reverse("applications:declare_conflict", args=[review.pk]),
        reverse("applications:review_download", args=[review.pk, w["document"].pk]),
    ]


def manager_urls(w):
    slug, criterion = w["programme"].slug, w["criterion"]
    return [
        reverse("applications:reviewers", args=[slug]),
        reverse("applications:moderation", args=[slug]),
        reverse("programmes:criteria", args=[slug]),
        reverse("programmes:criterion_create", args=[slug]),
        reverse("programmes:criterion_edit", args=[slug, criterion.pk]),
        reverse("programmes:criterion_delete", args=[slug, criterion.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_reviewer_pages_by_role(client, world, role):
    for url in reviewer_urls(world):
        response = get_as(client, world["users"][role], url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "assigned_reviewer":
            assert response.status_code == 200, url
        elif role == "other_reviewer":
            expected = 200 if url == reverse("applications:reviews") else 404
            assert response.status_code == expected, url
        else:
            assert response.status_code == 403, (url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_manager_pages_by_role(client, world, role):
    for url in manager_urls(world):
        response = get_as(client, world["users"][role], url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (url, response.status_code)


@pytest.mark.parametrize("role", ["council", "assigned_reviewer", "consultant"])
def test_only_managers_can_assign_or_remove_reviewers(client, world, role):
    client.force_login(world["users"][role])
    slug, review = world["programme"].slug, world["review"]
    posts = [
        (
            reverse("applications:assign_automatically", args=[slug]),
            {"reviewers_per_application": 2},
        ),
        (
            reverse("applications:assign_reviewer", args=[slug]),
            {"application": review.application_id, "reviewer": world["users"]["other_reviewer"].pk},
        ),
        (reverse("applications:unassign_reviewer", args=[slug, review.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Review.objects.get() == review


def test_another_reviewer_cannot_score_or_declare_a_conflict(client, world):
    client.force_login(world["users"]["other_reviewer"])
    review, criterion = world["review"], world["criterion"]
    data = {
        f"score_{criterion.pk}": "1",
        f"justification_{criterion.pk}": "x",
        "submit_review": "1",
    }
    assert client.post(reverse("applications:review", args=[review.pk]), data).status_code == 404
    response = client.post(
        reverse("applications:declare_conflict", args=[review.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED and not review.scores.exists()


# ---------------------------------------------------------------------------------------------
# Query counts: the same with one item as with several
# ---------------------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_constant(client, url, add_items, expected: int, *, many: int = 5):
    add_items(1)
    one = count_queries(client, url)
    add_items(many - 1)
    several = count_queries(client, url)
    assert (one, several) == (expected, expected)


def test_your_reviews_queries(client):
    person = reviewer()
    client.force_login(person)

    def add(n):
        for application in sent_in(ProgrammeFactory(), n):
            ReviewFactory(application=application, reviewer=person)

    assert_constant(client, reverse("applications:reviews"), add, 4)


def test_reviewers_page_queries(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)

    def add(n):
        for application in sent_in(programme, n):
            review = ReviewFactory(application=application)
            MembershipFactory(user=review.reviewer, organisation=OrganisationFactory())
            ReviewFactory(application=application, status=ReviewStatus.CONFLICT)

    assert_constant(client, reverse("applications:reviewers", args=[programme.slug]), add, 12)


def test_moderation_queries(client, manager):
    programme = ProgrammeFactory()
    criteria = ScoringCriterionFactory.create_batch(3, programme=programme)
    client.force_login(manager)

    def add(n):
        for application in sent_in(programme, n):
            for score in (2, 5):
                submitted_review(
                    application=application,
                    reviewer=reviewer(),
                    scores={c: (score, "Because") for c in criteria},
                )
            ReviewFactory(application=application)

    assert_constant(
        client, reverse("applications:moderation", args=[programme.slug]), add, 9, many=50
    )


def test_review_page_queries(client):
    """The review page does not grow with the number of criteria or colleagues' reviews."""
    programme = ProgrammeFactory()
    (application,) = sent_in(programme, 1)
    person = reviewer()
    own = submitted_review(application=application, reviewer=person, scores={})
    client.force_login(person)

    def add(n):
        for criterion in ScoringCriterionFactory.create_batch(n, programme=programme):
            CriterionScoreFactory(review=own, criterion=criterion)
        for _ in range(n):
            submitted_review(
                application=application,
                reviewer=reviewer(),
                scores={c: (3, "x") for c in programme.scoring_criteria.all()},
            )

    assert_constant(client, reverse("applications:review", args=[own.pk]), add, 15)
