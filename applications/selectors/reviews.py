"""Reads about reviews and scores."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Sum

from applications.enums import ReviewStatus
from applications.models import CriterionScore

TWO_PLACES = Decimal("0.01")


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
