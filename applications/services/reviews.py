"""Reviewing: programme managers assign reviewers to applications (by hand or automatically);
reviewers score applications against the programme's criteria, or declare a conflict of interest.

Assignment locks the programme row, so two managers assigning at once take turns (and the
`one_review_per_reviewer` constraint would stop a double assignment even so); scoring locks the
review row, so a double-clicked "Save and next" or two tabs cannot change a submitted review.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from applications import emails
from applications.enums import ReviewStatus, Score
from applications.models import Application, ApplicationEvent, CriterionScore, Review
from applications.selectors.reviews import (
    REVIEWABLE_STATUSES,
    Shortfall,
    assignment_state,
    criteria_of,
    removable,
    reviewers,
)
from applications.services.history import record_event
from notifications.services import queue_editable_email
from programmes.errors import DomainError
from programmes.models import Membership, Programme

MAX_REVIEWERS_PER_APPLICATION = 10
SCORES = frozenset(Score.values)


class ReviewError(DomainError):
    """A rule of reviewing stopped the change; the message is written for the person acting.

    `errors` maps a scoring criterion's id to what is wrong with its score.
    """


@dataclass
class AssignmentResult:
    created: list[Review] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    reviewers_emailed: int = 0

    @property
    def summary(self) -> str:
        made, emailed = len(self.created), self.reviewers_emailed
        if made:
            return (
                f"{made} assignment{'s' if made != 1 else ''} made. {emailed} "
                f"{'reviewer has' if emailed == 1 else 'reviewers have'} been emailed."
            )
        if self.shortfalls:
            return "No new assignments could be made."
        return "No new assignments were needed."


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _lock_review(review_id: int, reviewer=None) -> Review:
    reviews = Review.objects.select_for_update()
    if reviewer is not None:
        reviews = reviews.filter(reviewer=reviewer)
    return reviews.get(pk=review_id)


# ---------------------------------------------------------------------------------------------
# Assignment
# ---------------------------------------------------------------------------------------------


def plan_assignments(
    *, wanted: dict[int, int], eligible: dict[int, list[int]], loads: dict[int, int]
) -> dict[int, list[int]]:
    """Choose reviewers for applications so that reviewers' loads are as even as possible.

    `wanted` is how many more reviewers each application needs, `eligible` who may review it (user
    ids in ascending order), `loads` every reviewer's existing assignments. Returns the new
    reviewers of each application. Deterministic: the same input always gives the same plan.

    First, applications with the fewest eligible reviewers choose first, each taking the reviewers
    with the fewest assignments (ties by user id). Then assignments are moved along chains from a
    reviewer to one with at least two fewer, until no such chain exists: the loads are then as even
    as the eligibility allows, and differ by at most one whenever nobody is ruled out.
    """
    loads = dict(loads)
    chosen: dict[int, set[int]] = {application_id: set() for application_id in wanted}
    for application_id in sorted(wanted, key=lambda a: (len(eligible[a]), a)):
        candidates = sorted(eligible[application_id], key=lambda r: (loads[r], r))
        for reviewer_id in candidates[: wanted[application_id]]:
            chosen[application_id].add(reviewer_id)
            loads[reviewer_id] += 1
    _even_out(chosen, eligible, loads)
    return {a: sorted(reviewer_ids) for a, reviewer_ids in chosen.items() if reviewer_ids}


def _even_out(chosen: dict[int, set[int]], eligible: dict[int, list[int]], loads: dict) -> None:
    # Each move takes one assignment from a reviewer and gives it to one with two or more fewer,
    # possibly through others (who then keep their load), so the sum of squared loads falls and
    # the loop ends. No such move left is the optimality condition of the equivalent convex-cost
    # flow. Only this run's new assignments move: existing ones stay where they are.
    while True:
        holding: dict[int, list[int]] = defaultdict(list)
        for application_id in sorted(chosen):
            for reviewer_id in sorted(chosen[application_id]):
                holding[reviewer_id].append(application_id)
        for start in sorted(holding, key=lambda r: (-loads[r], r)):
            path = _chain_to_lighter(start, holding, chosen, eligible, loads)
            if path:
                for application_id, from_id, to_id in path:
                    chosen[application_id].remove(from_id)
                    chosen[application_id].add(to_id)
                loads[start] -= 1
                loads[path[-1][2]] += 1
                break
        else:
            return


def _chain_to_lighter(start, holding, chosen, eligible, loads) -> list[tuple[int, int, int]]:
    """A shortest chain of moves (application, from, to) from `start` to a reviewer with at
    least two fewer assignments, or an empty list."""
    limit = loads[start] - 2
    came_from: dict[int, tuple[int, int] | None] = {start: None}
    queue = deque([start])
    while queue:
        reviewer_id = queue.popleft()
        for application_id in holding[reviewer_id]:
            for other in eligible[application_id]:
                if other in came_from or other in chosen[application_id]:
                    continue
                came_from[other] = (reviewer_id, application_id)
                if loads[other] <= limit:
                    path = []
                    node = other
                    while came_from[node] is not None:
                        previous, moved = came_from[node]
                        path.append((moved, previous, node))
                        node = previous
                    return path[::-1]
                queue.append(other)
    return []


@transaction.atomic
def assign_reviewers_automatically(
    *, programme_id: int, reviewers_per_application: int, by
) -> AssignmentResult:
    """Give every reviewable application `reviewers_per_application` reviewers, evenly.

    Existing assignments are kept and count towards both an application's reviewers and a
    reviewer's load. A reviewer is never given an application of an organisation they belong to,
    nor one they declared a conflict of interest on. Where an application cannot have enough
    eligible reviewers it gets what it can, and the result says which and why.

    Side effects: locks the programme row; Review rows; a history entry on each application; one
    email to each reviewer given new applications, listing them.
    """
    wanted_each = reviewers_per_application
    if not 1 <= wanted_each <= MAX_REVIEWERS_PER_APPLICATION:
        raise ReviewError(
            f"Enter a number from 1 to {MAX_REVIEWERS_PER_APPLICATION}",
            field="reviewers_per_application",
        )
    programme = _lock_programme(programme_id)
    state = assignment_state(programme)
    applications = {application.pk: application for application in state.applications}
    wanted = {a: max(0, wanted_each - len(state.live[a])) for a in applications}
    plan = plan_assignments(
        wanted=wanted,
        eligible={a: state.eligible(application) for a, application in applications.items()},
        loads=state.loads,
    )

    now = timezone.now()
    people = {reviewer.pk: reviewer for reviewer in state.reviewers}
    created = [
        Review(
            application=applications[application_id],
            reviewer=people[reviewer_id],
            assigned_by=by,
            assigned_at=now,
        )
        for application_id, reviewer_ids in sorted(plan.items())
        for reviewer_id in reviewer_ids
    ]
    Review.objects.bulk_create(created)
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=review.application,
            actor=by,
            description=f"Reviewer assigned: {review.reviewer}"[:500],
            created_at=now,
        )
        for review in created
    )
    given: dict[int, list[Application]] = defaultdict(list)
    for review in created:
        given[review.reviewer_id].append(review.application)
    for reviewer_id in sorted(given):
        _email_reviewer(
            reviewer=people[reviewer_id], programme=programme, applications=given[reviewer_id]
        )

    shortfalls = []
    for application_id, application in applications.items():
        has = len(state.live[application_id]) + len(plan.get(application_id, []))
        shortfall = state.shortfall(application, wanted=wanted_each, has=has)
        if shortfall:
            shortfalls.append(shortfall)
    shortfalls.sort(key=lambda s: s.application.organisation.name)
    return AssignmentResult(created=created, shortfalls=shortfalls, reviewers_emailed=len(given))


@transaction.atomic
def assign_reviewer(*, application_id: int, reviewer, by) -> Review:
    """Ask one reviewer to review one application.

    Raises ReviewError when the person is not a reviewer, the application is not open to review,
    the reviewer works for the applicant organisation, or is already assigned (or conflicted).
    Side effects: locks the programme row; a Review; a history entry; an email to the reviewer.
    """
    programme_id = Application.objects.values_list("programme_id", flat=True).get(pk=application_id)
    programme = _lock_programme(programme_id)
    application = Application.objects.select_related("organisation").get(pk=application_id)
    if application.status not in REVIEWABLE_STATUSES:
        raise ReviewError(
            f"{application.organisation.name}’s application is "
            f"{application.get_status_display().lower()}: it cannot be given to a reviewer",
            field="application",
        )
    if not reviewers().filter(pk=reviewer.pk).exists():
        raise ReviewError(f"{reviewer} is not a reviewer", field="reviewer")
    existing = Review.objects.filter(application=application, reviewer=reviewer).first()
    if existing and existing.status == ReviewStatus.CONFLICT:
        raise ReviewError(
            f"{reviewer} declared a conflict of interest on this application", field="reviewer"
        )
    if existing:
        raise ReviewError(f"{reviewer} is already reviewing this application", field="reviewer")
    if Membership.objects.filter(user=reviewer, organisation=application.organisation).exists():
        raise ReviewError(
            f"{reviewer} works for {application.organisation.name}, so cannot review its "
            "application",
            field="reviewer",
        )
    review = Review.objects.create(application=application, reviewer=reviewer, assigned_by=by)
    record_event(application=application, actor=by, description=f"Reviewer assigned: {reviewer}")
    _email_reviewer(reviewer=reviewer, programme=programme, applications=[application])
    return review


@transaction.atomic
def unassign_reviewer(*, review_id: int, by) -> None:
    """Take an application back from a reviewer who has not scored anything yet.

    Raises ReviewError once the reviewer has saved a score or submitted, or declared a conflict
    (which stays on record). Side effects: locks the programme and review rows; the Review is
    deleted; a history entry.
    """
    programme_id = Review.objects.values_list("application__programme_id", flat=True).get(
        pk=review_id
    )
    _lock_programme(programme_id)
    # The review row too: a score being saved at this moment either commits first (and is seen
    # below) or waits and then finds the review gone.
    _lock_review(review_id)
    review = Review.objects.select_related("reviewer", "application").get(pk=review_id)
    if review.status == ReviewStatus.CONFLICT:
        raise ReviewError(
            f"{review.reviewer} declared a conflict of interest: the declaration stays on record"
        )
    if not removable(review):
        raise ReviewError(
            f"{review.reviewer} has already scored this application, so the assignment stays"
        )
    review.delete()
    record_event(
        application=review.application,
        actor=by,
        description=f"Reviewer removed: {review.reviewer}",
    )


def _email_reviewer(*, reviewer, programme: Programme, applications: list[Application]) -> None:
    queue_editable_email(
        kind=emails.REVIEWER_ASSIGNED,
        scope=programme,
        values=emails.reviewer_assigned_values(
            programme=programme, name=reviewer.name, applications=applications
        ),
        to_email=reviewer.email,
        to_name=reviewer.name,
        reason="Tells a reviewer which applications they have been asked to review.",
        related=programme,
    )


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _check_open(review: Review) -> None:
    if review.status == ReviewStatus.SUBMITTED:
        raise ReviewError("You have already submitted this review. It can no longer be changed")
    if review.status == ReviewStatus.CONFLICT:
        raise ReviewError(
            "You declared a conflict of interest, so you cannot review this application"
        )
    if review.application.status not in REVIEWABLE_STATUSES:
        raise ReviewError(
            "This application is "
            f"{review.application.get_status_display().lower()}: it can no longer be reviewed"
        )


@transaction.atomic
def save_review(
    *,
    review_id: int,
    reviewer,
    scores: dict[int, tuple[int | None, str]],
    comments: str,
    submit: bool,
) -> Review:
    """Save a reviewer's scores and comments; with `submit`, send the review in.

    `scores` maps each criterion's id to (score 1–5 or None, justification). A draft may be
    incomplete, but a justification needs a score to be kept. Submitting needs a score and a
    justification for every criterion of the programme; a submitted review never changes.
    Raises ReviewError (with `errors` by criterion id). Side effects: locks the review row;
    CriterionScore rows added, changed or removed; the review's status (in progress, or submitted
    with its time); on submission, a history entry.
    """
    review = _lock_review(review_id, reviewer)
    review = Review.objects.select_related("application", "reviewer").get(pk=review.pk)
    _check_open(review)
    criteria = criteria_of(review.application.programme_id)
    known = {criterion.pk for criterion in criteria}
    unknown = set(scores) - known
    if unknown:
        raise ReviewError("Some of these criteria are no longer part of the programme")
    if submit and not criteria:
        raise ReviewError("This programme has no scoring criteria yet, so reviews cannot be sent")

    cleaned: dict[int, tuple[int | None, str]] = {}
    errors: dict[int, str] = {}
    for criterion in criteria:
        score, justification = scores.get(criterion.pk, (None, ""))
        justification = (justification or "").strip()
        if score is not None and score not in SCORES:
            errors[criterion.pk] = f"Choose a score from 1 to 5 for ‘{criterion.title}’"
        elif submit and score is None:
            errors[criterion.pk] = f"Choose a score for ‘{criterion.title}’"
        elif submit and not justification:
            errors[criterion.pk] = f"Explain your score for ‘{criterion.title}’"
        elif justification and score is None:
            errors[criterion.pk] = (
                f"Choose a score for ‘{criterion.title}’ to save your explanation"
            )
        cleaned[criterion.pk] = (score, justification)
    if errors:
        raise ReviewError("Check your scores", errors=errors)

    existing = {score.criterion_id: score for score in review.scores.all()}
    for criterion_id, (score, justification) in cleaned.items():
        current = existing.get(criterion_id)
        if score is None:
            if current:
                current.delete()
        elif current is None:
            CriterionScore.objects.create(
                review=review, criterion_id=criterion_id, score=score, justification=justification
            )
        elif (current.score, current.justification) != (score, justification):
            current.score, current.justification = score, justification
            current.save(update_fields=["score", "justification"])

    review.comments = comments.strip()
    if submit:
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
    else:
        review.status = ReviewStatus.IN_PROGRESS
    review.save(update_fields=["comments", "status", "submitted_at"])
    if submit:
        record_event(
            application=review.application,
            actor=reviewer,
            description=f"Review submitted by {review.reviewer}",
        )
    return review


@transaction.atomic
def declare_conflict(*, review_id: int, reviewer, reason: str) -> Review:
    """Say that the reviewer cannot review this application fairly, instead of scoring it.

    The application leaves the reviewer's list of work, and automatic assignment never gives it to
    them again. Raises ReviewError without a reason, or once the review is submitted. Side
    effects: locks the review row; any draft scores deleted; the review's status and reason; a
    history entry.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Enter why you have a conflict of interest", field="reason")
    review = _lock_review(review_id, reviewer)
    review = Review.objects.select_related("application", "reviewer").get(pk=review.pk)
    if review.status == ReviewStatus.CONFLICT:
        return review
    if review.status == ReviewStatus.SUBMITTED:
        raise ReviewError(
            "You have already submitted this review. Contact the programme team if you have a "
            "conflict of interest"
        )
    review.scores.all().delete()
    review.status = ReviewStatus.CONFLICT
    review.conflict_reason = reason[:500]
    review.save(update_fields=["status", "conflict_reason"])
    record_event(
        application=review.application,
        actor=reviewer,
        description=f"Conflict of interest declared by {review.reviewer}: {reason}",
    )
    return review
