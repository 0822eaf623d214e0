"""Reads about reviews and scores: who reviews what, each reviewer's work, and moderation."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, prefetch_related_objects

from accounts.enums import StaffRole
from accounts.models import User
from applications.enums import ApplicationStatus, ReviewStatus, Score
from applications.models import Application, CriterionScore, Review
from programmes.models import Membership, Programme, ScoringCriterion

TWO_PLACES = Decimal("0.01")

# Applications that are waiting for, or open to, assessment.
REVIEWABLE_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.MORE_INFORMATION,
    ApplicationStatus.SHORTLISTED,
]
# Applications shown for moderation: still being assessed, or already decided.
MODERATED_STATUSES = [*REVIEWABLE_STATUSES, *ApplicationStatus.decided()]
# Reviews that count as an assignment: a declared conflict is no longer one.
LIVE_REVIEW_STATUSES = [ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS, ReviewStatus.SUBMITTED]
TO_DO_STATUSES = [ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS]
# Reviewers disagree when their scores for one criterion are this far apart or more.
DISAGREEMENT_SPREAD = 2


def weighted_scores(application_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each application's weighted mean score (1–5) over its submitted reviews, in one query.

    Applications without a submitted review are absent from the result.
    """
    rows = (
        CriterionScore.objects.filter(
            review__application_id__in=list(application_ids),
            review__status=ReviewStatus.SUBMITTED,
        )
        .values("review__application_id")
        .annotate(
            weighted=Sum(F("score") * F("criterion__weight")),
            weights=Sum("criterion__weight"),
        )
    )
    return {
        row["review__application_id"]: (
            Decimal(row["weighted"]) / Decimal(row["weights"])
        ).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        for row in rows
        if row["weights"]
    }


def weighted_score(scores: Iterable[CriterionScore], weights: dict[int, int]) -> Decimal | None:
    """One review's weighted mean (1–5), by the same rule as `weighted_scores`."""
    total = weight = 0
    for score in scores:
        total += score.score * weights.get(score.criterion_id, 0)
        weight += weights.get(score.criterion_id, 0)
    if not weight:
        return None
    return (Decimal(total) / Decimal(weight)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def reviewers() -> QuerySet[User]:
    """Everyone who can be given applications to review: active members of the Reviewers group."""
    return User.objects.filter(groups__name=StaffRole.REVIEWER.value, is_active=True).order_by("pk")


# ---------------------------------------------------------------------------------------------
# A reviewer's own work
# ---------------------------------------------------------------------------------------------


def reviews_of(user) -> QuerySet[Review]:
    """The only reviews a reviewer may open: their own. Everything reviewer-facing starts here."""
    if not user.is_authenticated:
        return Review.objects.none()
    return Review.objects.filter(reviewer=user)


def reviews_to_list(user) -> QuerySet[Review]:
    return (
        reviews_of(user)
        .exclude(application__status=ApplicationStatus.DRAFT)
        .select_related("application__organisation", "application__programme")
        .order_by("application__programme__closes_at", "assigned_at", "id")
    )


def next_review_for(user, *, after: Review | None = None) -> Review | None:
    """The reviewer's next application still to score, in the order of their list."""
    queryset = reviews_to_list(user).filter(
        status__in=TO_DO_STATUSES, application__status__in=REVIEWABLE_STATUSES
    )
    if after is not None:
        queryset = queryset.exclude(pk=after.pk)
    return queryset.first()


def criteria_of(programme_id: int) -> list[ScoringCriterion]:
    return list(
        ScoringCriterion.objects.filter(programme_id=programme_id).order_by("position", "id")
    )


def other_submitted_reviews(review: Review) -> list[Review]:
    """Colleagues' submitted reviews of the same application. Only for someone who has submitted
    their own: scoring is blind until then."""
    if review.status != ReviewStatus.SUBMITTED:
        return []
    return list(
        Review.objects.filter(application_id=review.application_id, status=ReviewStatus.SUBMITTED)
        .exclude(pk=review.pk)
        .select_related("reviewer")
        .prefetch_related("scores")
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class ScoreLine:
    """One criterion on a review page: the criterion and one reviewer's score for it, if any."""

    criterion: ScoringCriterion
    score: CriterionScore | None

    @property
    def label(self) -> str:
        return Score(self.score.score).label if self.score else ""


def score_lines(review: Review, criteria: list[ScoringCriterion]) -> list[ScoreLine]:
    by_criterion = {score.criterion_id: score for score in review.scores.all()}
    return [ScoreLine(criterion, by_criterion.get(criterion.pk)) for criterion in criteria]


# ---------------------------------------------------------------------------------------------
# Assignment
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """An application that has fewer reviewers than asked for, and why."""

    application: Application
    has: int
    wanted: int
    reason: str

    def __str__(self):
        return (
            f"{self.application.organisation.name} has {self.has} of {self.wanted} "
            f"reviewer{'s' if self.wanted != 1 else ''}: {self.reason}"
        )


@dataclass
class AssignmentState:
    """What assignment needs to know about one programme, read in a fixed number of queries.

    `live` and `loads` count assignments that stand (assigned, in progress, submitted); a declared
    conflict is not an assignment, and it rules the reviewer out of that application for good.
    """

    programme: Programme
    reviewers: list[User]
    applications: list[Application]
    live: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    conflicted: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    organisations_of: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    loads: dict[int, int] = field(default_factory=dict)

    def why_not(self, reviewer_id: int, application: Application) -> str | None:
        """Why this reviewer cannot be given this application, or None when they can."""
        if reviewer_id in self.live[application.pk]:
            return "already assigned"
        if reviewer_id in self.conflicted[application.pk]:
            return "declared a conflict of interest"
        if application.organisation_id in self.organisations_of[reviewer_id]:
            return f"works for {application.organisation.name}"
        return None

    def eligible(self, application: Application) -> list[int]:
        """Reviewers who could be given this application now, by user id."""
        return [r.pk for r in self.reviewers if self.why_not(r.pk, application) is None]

    def shortfall(self, application: Application, *, wanted: int, has: int) -> Shortfall | None:
        if has >= wanted:
            return None
        return Shortfall(application, has, wanted, self._reason(application, wanted=wanted))

    def _reason(self, application: Application, *, wanted: int) -> str:
        total = len(self.reviewers)
        if not total:
            return "there are no reviewers yet: add people to the Reviewers group"
        members = conflicts = 0
        for reviewer in self.reviewers:
            if reviewer.pk in self.live[application.pk]:
                continue
            if reviewer.pk in self.conflicted[application.pk]:
                conflicts += 1
            elif application.organisation_id in self.organisations_of[reviewer.pk]:
                members += 1
        parts = []
        if members:
            parts.append(f"{members} work{'s' if members == 1 else ''} for the organisation")
        if conflicts:
            parts.append(f"{conflicts} declared a conflict of interest")
        if total < wanted and not parts:
            return f"there {'is' if total == 1 else 'are'} only {total} reviewer{_s(total)}"
        if not parts:
            return "not assigned yet"
        return f"of the {total} reviewer{_s(total)}, " + " and ".join(parts)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def assignment_state(programme: Programme) -> AssignmentState:
    """Reviewers, reviewable applications and existing assignments of a programme (4 queries)."""
    state = AssignmentState(
        programme=programme,
        reviewers=list(reviewers()),
        applications=list(
            programme.applications.filter(status__in=REVIEWABLE_STATUSES)
            .select_related("organisation")
            .order_by("pk")
        ),
    )
    state.loads = dict.fromkeys((r.pk for r in state.reviewers), 0)
    rows = Review.objects.filter(application__programme=programme).values_list(
        "application_id", "reviewer_id", "status"
    )
    for application_id, reviewer_id, status in rows:
        if status == ReviewStatus.CONFLICT:
            state.conflicted[application_id].add(reviewer_id)
        else:
            state.live[application_id].add(reviewer_id)
            if reviewer_id in state.loads:
                state.loads[reviewer_id] += 1
    memberships = Membership.objects.filter(user__in=state.loads).values_list(
        "user_id", "organisation_id"
    )
    for user_id, organisation_id in memberships:
        state.organisations_of[user_id].add(organisation_id)
    return state


@dataclass(frozen=True)
class ReviewerLoad:
    reviewer: User
    live: int
    submitted: int
    conflicts: int


@dataclass
class AssignmentOverview:
    """The Reviewers page: each application with its reviewers, each reviewer's load, and the
    applications short of reviewers for the number asked for."""

    applications: list[Application]
    loads: list[ReviewerLoad]
    shortfalls: list[Shortfall]
    wanted: int


def assignment_overview(programme: Programme, *, wanted: int) -> AssignmentOverview:
    """Everything on the Reviewers page, in a fixed number of queries whatever the numbers."""
    state = assignment_state(programme)
    reviews = Prefetch(
        "reviews",
        queryset=Review.objects.select_related("reviewer")
        .annotate(score_count=Count("scores"))
        .order_by("reviewer__name", "reviewer_id"),
    )
    applications = sorted(state.applications, key=lambda a: (a.organisation.name, a.pk))
    prefetch_related_objects(applications, reviews)
    counts = {
        row["reviewer_id"]: row
        for row in Review.objects.filter(application__programme=programme)
        .values("reviewer_id")
        .annotate(
            submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
            conflicts=Count("id", filter=Q(status=ReviewStatus.CONFLICT)),
        )
    }
    loads = [
        ReviewerLoad(
            reviewer=reviewer,
            live=state.loads[reviewer.pk],
            submitted=counts.get(reviewer.pk, {}).get("submitted", 0),
            conflicts=counts.get(reviewer.pk, {}).get("conflicts", 0),
        )
        for reviewer in state.reviewers
    ]
    shortfalls = []
    for application in applications:
        has = len(state.live[application.pk])
        shortfall = state.shortfall(application, wanted=wanted, has=has)
        if shortfall:
            if len(state.eligible(application)) >= wanted - has:
                shortfall = Shortfall(application, has, wanted, "not assigned yet")
            shortfalls.append(shortfall)
    return AssignmentOverview(
        applications=applications, loads=loads, shortfalls=shortfalls, wanted=wanted
    )


def removable(review: Review) -> bool:
    """An assignment can be taken back while the reviewer has scored nothing."""
    score_count = getattr(review, "score_count", None)
    if score_count is None:
        score_count = review.scores.count()
    return review.status in TO_DO_STATUSES and not score_count


# ---------------------------------------------------------------------------------------------
# Moderation
# ---------------------------------------------------------------------------------------------


@dataclass
class ReviewerScores:
    """One reviewer's submitted scores for one application, in the order of the criteria."""

    review: Review
    cells: list[ScoreLine]
    weighted: Decimal | None


@dataclass
class ModerationRow:
    application: Application
    submitted: list[ReviewerScores]
    pending: list[Review]
    conflicts: list[Review]
    spreads: list[int | None]
    weighted_mean: Decimal | None

    @property
    def disagree(self) -> bool:
        return any(spread is not None and spread >= DISAGREEMENT_SPREAD for spread in self.spreads)


def moderation_rows(programme: Programme, criteria: list[ScoringCriterion]) -> list[ModerationRow]:
    """Each application's scores by reviewer and criterion, the spread of each criterion, each
    reviewer's weighted score and the weighted mean: four queries however many applications.

    Ordered by weighted mean, highest first; applications without submitted reviews last.
    """
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    reviews = Prefetch(
        "reviews",
        queryset=Review.objects.select_related("reviewer")
        .prefetch_related("scores")
        .order_by("reviewer__name", "reviewer_id"),
    )
    applications = list(
        programme.applications.filter(status__in=MODERATED_STATUSES)
        .select_related("organisation")
        .prefetch_related(reviews)
        .order_by("organisation__name")
    )
    means = weighted_scores(a.pk for a in applications)
    rows = []
    for application in applications:
        submitted, pending, conflicts = [], [], []
        for review in application.reviews.all():
            if review.status == ReviewStatus.SUBMITTED:
                submitted.append(
                    ReviewerScores(
                        review=review,
                        cells=score_lines(review, criteria),
                        weighted=weighted_score(review.scores.all(), weights),
                    )
                )
            elif review.status == ReviewStatus.CONFLICT:
                conflicts.append(review)
            else:
                pending.append(review)
        spreads = []
        for index in range(len(criteria)):
            values = [r.cells[index].score.score for r in submitted if r.cells[index].score]
            spreads.append(max(values) - min(values) if len(values) >= 2 else None)
        rows.append(
            ModerationRow(
                application=application,
                submitted=submitted,
                pending=pending,
                conflicts=conflicts,
                spreads=spreads,
                weighted_mean=means.get(application.pk),
            )
        )
    rows.sort(
        key=lambda row: (
            row.weighted_mean is None,
            -(row.weighted_mean or 0),
            row.application.organisation.name,
        )
    )
    return rows
