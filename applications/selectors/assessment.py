"""Reads for assessing applications: weighted scores in the database, review summaries and the
questions the programme team has asked a council."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, FloatField, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Cast

from applications.enums import ApplicationStatus, ReviewStatus
from applications.models import Application, CriterionScore, InformationRequest, Review

TWO_PLACES = Decimal("0.01")


def _submitted_scores_of_outer_application() -> QuerySet[CriterionScore]:
    return (
        CriterionScore.objects.filter(
            review__application=OuterRef("pk"), review__status=ReviewStatus.SUBMITTED
        )
        .order_by()
        .values("review__application")
    )


def with_weighted_score(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate each application with the sums behind its weighted mean score.

    The same formula as `selectors.reviews.weighted_scores`: Σ(score × weight) / Σ weight over
    the criterion scores of submitted reviews. `score_total` and `score_weights` are NULL for an
    application without a submitted review; `weighted_mean` turns them into the shown score, and
    `WEIGHTED_SCORE` sorts by it in the database.
    """
    scores = _submitted_scores_of_outer_application()
    return queryset.annotate(
        score_total=Subquery(
            scores.annotate(total=Sum(F("score") * F("criterion__weight"))).values("total"),
            output_field=IntegerField(),
        ),
        score_weights=Subquery(
            scores.annotate(weights=Sum("criterion__weight")).values("weights"),
            output_field=IntegerField(),
        ),
    )


# Sorts by the weighted mean (floating point is exact enough to order by; the page shows the
# exact decimal from `weighted_mean`). NULL for unscored applications.
WEIGHTED_SCORE = Cast("score_total", FloatField()) / Cast("score_weights", FloatField())


def weighted_mean(total: int | None, weights: int | None) -> Decimal | None:
    """The weighted mean to two places, rounded half up, exactly as `weighted_scores` does."""
    if total is None or not weights:
        return None
    return (Decimal(total) / Decimal(weights)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ReviewSummary:
    reviewer: str
    score: Decimal | None
    comments: str
    submitted_at: datetime.datetime | None


def submitted_reviews() -> QuerySet[Review]:
    """Submitted reviews with their reviewer and the sums behind each one's weighted score."""
    return (
        Review.objects.filter(status=ReviewStatus.SUBMITTED)
        .select_related("reviewer")
        .annotate(
            score_total=Sum(F("scores__score") * F("scores__criterion__weight")),
            score_weights=Sum("scores__criterion__weight"),
        )
        .order_by("submitted_at", "id")
    )


def review_summary(review: Review) -> ReviewSummary:
    """One submitted review (from `submitted_reviews`) as staff see it."""
    return ReviewSummary(
        reviewer=review.reviewer.name or review.reviewer.email,
        score=weighted_mean(review.score_total, review.score_weights),
        comments=review.comments,
        submitted_at=review.submitted_at,
    )


def overall_score(reviews: list[Review]) -> Decimal | None:
    """The weighted mean over every criterion score of these submitted reviews."""
    totals = [r for r in reviews if r.score_weights]
    return weighted_mean(
        sum(r.score_total for r in totals) if totals else None,
        sum(r.score_weights for r in totals),
    )


def open_information_request(application: Application) -> InformationRequest | None:
    """The question the council has still to answer, when its application is reopened."""
    if application.status != ApplicationStatus.MORE_INFORMATION:
        return None
    return (
        application.information_requests.filter(answered_at__isnull=True)
        .select_related("asked_by")
        .order_by("-asked_at", "-id")
        .first()
    )
