"""Reads for choosing the cohort: the candidates with their scores, and the cohort's shape."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from applications.cohort_optimiser import Candidate, CohortRules, Suggestion, suggest_cohort
from applications.enums import ApplicationStatus
from applications.models import Application
from applications.selectors.reviews import weighted_scores
from programmes.enums import Region
from programmes.models import Programme, ThriveCategory

CANDIDATE_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.SELECTED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.NOT_SELECTED,
]


@dataclass(frozen=True)
class CohortCandidate:
    application: Application
    score: Decimal | None

    @property
    def thrive_slugs(self) -> frozenset[str]:
        return frozenset(c.slug for c in self.application.thrive_categories.all())


@dataclass(frozen=True)
class RegionCount:
    label: str
    count: int
    over_limit: bool


@dataclass(frozen=True)
class ThriveCoverage:
    label: str
    count: int


@dataclass(frozen=True)
class CohortSummary:
    size: int
    places_left: int
    total_score: Decimal
    mean_score: Decimal | None
    regions: list[RegionCount]
    thrive: list[ThriveCoverage]
    unscored: int


def cohort_candidates(programme: Programme) -> list[CohortCandidate]:
    """Every application that can be chosen, best score first (unscored last, then by name)."""
    applications = list(
        programme.applications.filter(status__in=CANDIDATE_STATUSES)
        .select_related("organisation")
        .prefetch_related(Prefetch("thrive_categories", queryset=ThriveCategory.objects.all()))
        .order_by("organisation__name")
    )
    scores = weighted_scores(a.pk for a in applications)
    candidates = [CohortCandidate(application=a, score=scores.get(a.pk)) for a in applications]
    return sorted(
        candidates,
        key=lambda c: (c.score is None, -(c.score or 0), c.application.organisation.name),
    )


def cohort_summary(
    programme: Programme, candidates: list[CohortCandidate], thrive: list[ThriveCategory]
) -> CohortSummary:
    chosen = [c for c in candidates if c.application.status == ApplicationStatus.SELECTED]
    scored = [c.score for c in chosen if c.score is not None]
    total = sum(scored, Decimal(0))
    by_region = Counter(c.application.organisation.region for c in chosen)
    limit = programme.max_per_region
    return CohortSummary(
        size=len(chosen),
        places_left=max(programme.cohort_max - len(chosen), 0),
        total_score=total,
        mean_score=(total / len(scored)).quantize(Decimal("0.01")) if scored else None,
        regions=[
            RegionCount(
                label=Region(code).label,
                count=by_region[code],
                over_limit=bool(limit and by_region[code] > limit),
            )
            for code in Region.values
            if by_region[code]
        ],
        thrive=[
            ThriveCoverage(
                label=category.name,
                count=sum(category.slug in c.thrive_slugs for c in chosen),
            )
            for category in thrive
        ],
        unscored=len(chosen) - len(scored),
    )


def optimiser_candidates(candidates: list[CohortCandidate]) -> list[Candidate]:
    """The optimiser's view of the candidates whose decision has not been sent."""
    return [
        Candidate(
            id=c.application.pk,
            organisation=c.application.organisation.name,
            region=c.application.organisation.region,
            region_label=Region(c.application.organisation.region).label,
            score=float(c.score) if c.score is not None else None,
            thrive=c.thrive_slugs,
        )
        for c in candidates
        if not c.application.decision_released_at
    ]


def suggested_cohort(
    *,
    programme: Programme,
    candidates: list[CohortCandidate],
    thrive: list[ThriveCategory],
    max_per_region: int,
    must_include,
    must_exclude,
    cover_thrive: bool,
) -> Suggestion:
    """The optimiser's suggested cohort under the programme's size and the manager's rules.

    Raises CohortInfeasible (with a message for the manager) when no cohort meets the rules.
    """
    rules = CohortRules(
        min_size=programme.cohort_min,
        max_size=programme.cohort_max,
        max_per_region=max_per_region,
        must_include=must_include,
        must_exclude=must_exclude,
        cover_thrive=cover_thrive,
        thrive_labels={c.slug: c.name for c in thrive},
    )
    return suggest_cohort(optimiser_candidates(candidates), rules)
