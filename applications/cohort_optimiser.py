"""The suggested cohort: an exact optimiser over the shortlisted applications, with a reason for
each choice in plain English.

Pure Python and SciPy (no Django), so it can be tested and benchmarked on its own. The caller turns
applications into `Candidate`s and the programme's settings into `CohortRules`.

The suggestion is the best cohort by these measures, in this order (each only breaks ties in the
ones before it):

1. the number of THRIVE categories covered (when `cover_thrive` is on) — "covered where possible";
2. the total weighted score (scores are compared to 4 decimal places; an unscored application
   counts as 0);
3. the fewest applications (an unscored application is not added just because there is room);
4. the higher-ranked applications, ranking by score (highest first) then by application id (lowest
   first): of two otherwise equal cohorts, the one containing the better-ranked application at the
   first place they differ wins.

within the hard rules: the cohort size between `min_size` and `max_size`, at most `max_per_region`
from one region, every must-include in and every must-exclude out. Measure 4 makes the answer
unique, so it is the same run to run and whatever order the candidates come in.

Each measure is solved exactly by SciPy's `milp` (HiGHS, with a zero optimality gap) on integer
data, one after the other, each fixing the optimum of the ones before. Before solving, candidates
that can never be in the best cohort are set aside: an application with at least
min(`max_per_region`, `max_size`) others in its own region that rank above it and cover every THRIVE
category it covers (an exchange argument: one of them is always free to take its place and is at
least as good on every measure). With 5 THRIVE categories that leaves a few dozen candidates even
from thousands of applications.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

SCALE = 10_000  # scores are compared as whole numbers of ten-thousandths
_MILP_OPTIONS = {"mip_rel_gap": 0.0, "presolve": True}


@dataclass(frozen=True)
class Candidate:
    id: int  # application id
    organisation: str  # display name, e.g. "Barnsley Metropolitan Borough Council"
    region: str  # region code, e.g. "north_west"
    region_label: str  # e.g. "North West"
    score: float | None  # weighted mean score (None = not yet scored: treated as 0)
    thrive: frozenset[str]  # THRIVE category codes


@dataclass(frozen=True)
class CohortRules:
    min_size: int
    max_size: int
    max_per_region: int | None = None  # None = no regional limit
    must_include: frozenset[int] = frozenset()
    must_exclude: frozenset[int] = frozenset()
    cover_thrive: bool = True
    # code -> label ("getting_help" -> "Getting help"): every category that should be covered.
    thrive_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    candidate_id: int
    selected: bool
    text: str


@dataclass(frozen=True)
class Suggestion:
    selected: tuple[int, ...]  # candidate ids, by score descending then id
    reasons: tuple[
        Reason, ...
    ]  # one per candidate: selected first, then not selected, each by rank
    total_score: float
    uncovered_thrive: tuple[str, ...]  # labels of categories no selected candidate covers


class CohortInfeasible(Exception):
    """No cohort satisfies the rules. `message` says which rule to relax; `constraint` names it
    for code: "include_and_exclude", "includes_above_max", "includes_above_region_limit",
    "too_few_eligible", "regional_limit_too_low", "min_above_max" or "solver"."""

    def __init__(self, message: str, constraint: str = "solver"):
        super().__init__(message)
        self.message = message
        self.constraint = constraint


# --------------------------------------------------------------------------------------------
# Wording


def _join(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (no serial comma)."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


_ORDINALS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}
_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
}


def _place(label: str) -> str:
    """ "the North West", "the East of England", but "London", "Yorkshire and the Humber"."""
    first = label.split(" ", 1)[0].lower()
    return f"the {label}" if first in _COMPASS else label


def _score_text(score: float | None) -> str:
    return "not yet scored" if score is None else f"{score:.2f}"


# --------------------------------------------------------------------------------------------
# Rules that no cohort can meet


def _diagnose(
    eligible: Sequence[Candidate],
    includes: set[int],
    excludes: set[int],
    rules: CohortRules,
    by_id: dict[int, Candidate],
) -> None:
    fail = "No cohort fits these rules: "
    both = sorted(includes & excludes)
    if both:
        names = _join([by_id[i].organisation for i in both])
        if len(both) == 1:
            raise CohortInfeasible(
                f"{fail}{names} is both a must-include and a must-exclude choice. "
                "Remove it from one of the two lists.",
                "include_and_exclude",
            )
        raise CohortInfeasible(
            f"{fail}{names} are each both a must-include and a must-exclude choice. "
            "Remove each of them from one of the two lists.",
            "include_and_exclude",
        )
    if len(includes) > rules.max_size:
        raise CohortInfeasible(
            f"{fail}{_plural(len(includes), 'must-include application')} "
            f"{'exceeds' if len(includes) == 1 else 'exceed'} the largest cohort of "
            f"{rules.max_size}. Remove some must-include choices or raise the largest cohort.",
            "includes_above_max",
        )
    cap = rules.max_per_region
    if cap is not None:
        per_region = Counter(by_id[i].region for i in includes)
        for region, count in sorted(per_region.items(), key=lambda rc: (-rc[1], rc[0])):
            if count > cap:
                place = _place(
                    next(by_id[i].region_label for i in includes if by_id[i].region == region)
                )
                raise CohortInfeasible(
                    f"{fail}{_plural(count, 'must-include application')} "
                    f"{'is' if count == 1 else 'are'} from {place}, above the regional limit of "
                    f"{cap}. Remove a must-include choice from {place} or raise the regional "
                    f"limit to {count}.",
                    "includes_above_region_limit",
                )
    if len(eligible) < rules.min_size:
        excluded = ""
        if excludes:
            excluded = f" ({len(excludes)} {'is' if len(excludes) == 1 else 'are'} excluded)"
        advice = f"Lower the smallest cohort to {len(eligible)}"
        advice += " or remove some must-exclude choices." if excludes else "."
        raise CohortInfeasible(
            f"{fail}only {_plural(len(eligible), 'application')} "
            f"{'is' if len(eligible) == 1 else 'are'} eligible{excluded}, fewer than the "
            f"smallest cohort of {rules.min_size}. {advice}",
            "too_few_eligible",
        )
    if cap is not None:
        counts = Counter(c.region for c in eligible)
        reachable = sum(min(count, cap) for count in counts.values())
        if reachable < rules.min_size:
            raise CohortInfeasible(
                f"{fail}at most {cap} per region allows only {_plural(reachable, 'council')} "
                f"from the {_plural(len(counts), 'region')} that applied, fewer than the smallest "
                f"cohort of {rules.min_size}. Raise the regional limit or lower the smallest "
                f"cohort to {reachable}.",
                "regional_limit_too_low",
            )
    if rules.min_size > rules.max_size:
        raise CohortInfeasible(
            f"{fail}the smallest cohort ({rules.min_size}) is larger than the largest cohort "
            f"({rules.max_size}). Lower the smallest cohort or raise the largest cohort.",
            "min_above_max",
        )


_SOLVER_FAILED = (
    "No cohort fits these rules. Relax the regional limit or the cohort size limits, or remove "
    "some must-include or must-exclude choices."
)


# --------------------------------------------------------------------------------------------
# The model


class _Model:
    """Binary x_i per candidate (in rank order) and y_c per coverable THRIVE category."""

    def __init__(self, pool, includes, rules, masks, n_categories, scaled):
        self.n = n = len(pool)
        self.rules = rules
        self.int_scores = np.array([scaled[c.id] for c in pool], dtype=np.int64)
        self.scores = self.int_scores.astype(float)
        coverable = sorted({b for i in range(n) for b in range(n_categories) if masks[i] >> b & 1})
        self.m = m = len(coverable)
        rows, cols, vals, lo, hi = [], [], [], [], []

        def row(entries, lower, upper):
            r = len(lo)
            for col, val in entries:
                rows.append(r)
                cols.append(col)
                vals.append(val)
            lo.append(lower)
            hi.append(upper)

        row(((i, 1.0) for i in range(n)), rules.min_size, rules.max_size)
        if rules.max_per_region is not None:
            by_region = defaultdict(list)
            for i, c in enumerate(pool):
                by_region[c.region].append(i)
            for region in sorted(by_region):
                row(((i, 1.0) for i in by_region[region]), -np.inf, rules.max_per_region)
        for k, bit in enumerate(coverable):
            coverers = [(i, -1.0) for i in range(n) if masks[i] >> bit & 1]
            row([(n + k, 1.0), *coverers], -np.inf, 0.0)
        self.A = coo_array((vals, (rows, cols)), shape=(len(lo), n + m)).tocsr()
        self.lo, self.hi = np.array(lo, dtype=float), np.array(hi, dtype=float)
        self.extra: list[LinearConstraint] = []
        self.lb = np.zeros(n + m)
        self.ub = np.ones(n + m)
        for i, c in enumerate(pool):
            if c.id in includes:
                self.lb[i] = 1.0
        self.integrality = np.ones(n + m)
        self.coverage_row = np.concatenate([np.zeros(n), np.ones(m)])
        self.score_row = np.concatenate([self.scores, np.zeros(m)])
        self.size_row = np.concatenate([np.ones(n), np.zeros(m)])

    def solve(self, objective) -> np.ndarray | None:
        constraints = [LinearConstraint(self.A, self.lo, self.hi), *self.extra]
        result = milp(
            objective,
            integrality=self.integrality,
            bounds=Bounds(self.lb, self.ub),
            constraints=constraints,
            options=_MILP_OPTIONS,
        )
        if result.status == 2:  # infeasible
            return None
        if result.status != 0 or result.x is None:
            raise RuntimeError(f"The cohort optimiser stopped early: {result.message}")
        return np.round(result.x).astype(int)

    def at_least(self, row, value: int) -> None:
        self.extra.append(LinearConstraint(row.reshape(1, -1), value - 0.5, np.inf))

    def at_most(self, row, value: int) -> None:
        self.extra.append(LinearConstraint(row.reshape(1, -1), -np.inf, value + 0.5))


def _optimise(pool, includes, rules, masks, n_categories, scaled) -> list[int]:
    """Indices into `pool` (which is in rank order) of the best cohort."""
    if not pool:
        return []
    model = _Model(pool, includes, rules, masks, n_categories, scaled)
    n = model.n
    if model.m:
        x = model.solve(-model.coverage_row)
        if x is None:
            raise CohortInfeasible(_SOLVER_FAILED)
        model.at_least(model.coverage_row, int(x[n:].sum()))
    x = model.solve(-model.score_row)
    if x is None:
        raise CohortInfeasible(_SOLVER_FAILED)
    model.at_least(model.score_row, int(model.int_scores @ x[:n]))
    x = model.solve(model.size_row)
    if x is None:  # pragma: no cover - the previous optimum is feasible here
        raise RuntimeError("The cohort optimiser lost a feasible cohort.")
    size = int(x[:n].sum())
    model.at_most(model.size_row, size)

    # Measure 4, greedily in rank order: keep each candidate if some best cohort that agrees with
    # the choices made so far contains it.
    cap = rules.max_per_region
    chosen = int(model.lb[:n].sum())  # the must-includes
    in_region = Counter(pool[i].region for i in range(n) if model.lb[i] == 1)
    zeros = np.zeros(n + model.m)
    for i in range(n):
        if model.lb[i] == 1:
            continue
        if chosen == size:
            model.ub[i] = 0.0
            continue
        if x[i] != 1:
            if cap is not None and in_region[pool[i].region] >= cap:
                model.ub[i] = 0.0
                continue
            model.lb[i] = 1.0
            alternative = model.solve(zeros)
            if alternative is None:
                model.lb[i] = 0.0
                model.ub[i] = 0.0
                continue
            x = alternative
        model.lb[i] = 1.0
        chosen += 1
        in_region[pool[i].region] += 1
    return [i for i in range(n) if model.lb[i] == 1]


def _prune(eligible, includes, rules, masks) -> list[int]:
    """Indices into `eligible` (rank order) that may be in the best cohort (see module doc)."""
    keep_top = rules.max_size
    if rules.max_per_region is not None:
        keep_top = min(keep_top, rules.max_per_region)
    seen: dict[str, dict[int, int]] = defaultdict(dict)
    kept = []
    for i, candidate in enumerate(eligible):
        region_seen = seen[candidate.region]
        mask = masks[i]
        if candidate.id in includes:
            kept.append(i)
        else:
            dominators = 0
            for other, count in region_seen.items():
                if other & mask == mask:
                    dominators += count
                    if dominators >= keep_top:
                        break
            if dominators < keep_top:
                kept.append(i)
        region_seen[mask] = region_seen.get(mask, 0) + 1
    return kept


# --------------------------------------------------------------------------------------------
# The entry point


def suggest_cohort(candidates: Sequence[Candidate], rules: CohortRules) -> Suggestion:
    """The best cohort for `rules` (see the module docstring), with a reason for every candidate.
    Raises CohortInfeasible, saying which rule to relax, when no cohort meets the rules."""
    by_id: dict[int, Candidate] = {}
    scaled: dict[int, int] = {}
    for candidate in candidates:
        if candidate.id in by_id:
            raise ValueError(f"Candidate {candidate.id} appears more than once.")
        if candidate.score is not None and not math.isfinite(candidate.score):
            raise ValueError(f"Candidate {candidate.id} has a score that is not a number.")
        by_id[candidate.id] = candidate
        scaled[candidate.id] = 0 if candidate.score is None else round(candidate.score * SCALE)
    ranked = sorted(by_id.values(), key=lambda c: (-scaled[c.id], c.id))
    rank = {c.id: r for r, c in enumerate(ranked)}
    includes = set(rules.must_include) & by_id.keys()
    excludes = set(rules.must_exclude) & by_id.keys()
    eligible = [c for c in ranked if c.id not in excludes]

    _diagnose(eligible, includes, excludes, rules, by_id)

    codes = list(rules.thrive_labels) if rules.cover_thrive else []
    bit = {code: b for b, code in enumerate(codes)}

    def mask_of(candidate: Candidate) -> int:
        return sum(1 << bit[code] for code in candidate.thrive if code in bit)

    masks = [mask_of(c) for c in eligible]
    kept = _prune(eligible, includes, rules, masks)
    pool = [eligible[i] for i in kept]
    chosen = _optimise(pool, includes, rules, [masks[i] for i in kept], len(codes), scaled)
    selected = sorted((pool[i].id for i in chosen), key=rank.__getitem__)

    total = sum(scaled[i] for i in selected) / SCALE
    covered = set().union(*(by_id[i].thrive for i in selected)) if selected else set()
    uncovered = tuple(label for code, label in rules.thrive_labels.items() if code not in covered)
    reasons = _reasons(ranked, set(selected), includes, excludes, rules, scaled, rank)
    return Suggestion(
        selected=tuple(selected),
        reasons=reasons,
        total_score=total,
        uncovered_thrive=uncovered,
    )


# --------------------------------------------------------------------------------------------
# Reasons


def _reasons(ranked, selected, includes, excludes, rules, scaled, rank) -> tuple[Reason, ...]:
    cap = rules.max_per_region
    size = len(selected)
    labels = rules.thrive_labels
    codes = list(labels) if rules.cover_thrive else []
    chosen = [c for c in ranked if c.id in selected]

    in_region = Counter(c.region for c in chosen)
    sel_covering = Counter(code for c in chosen for code in c.thrive if code in labels)
    all_covering = Counter(
        code for c in ranked if c.id not in excludes for code in c.thrive if code in labels
    )
    uncovered = [code for code in labels if sel_covering[code] == 0]

    # Scores of every candidate in each region, ascending, to say where one stands.
    region_scores: dict[str, list[int]] = defaultdict(list)
    for c in ranked:
        region_scores[c.region].append(scaled[c.id])
    for scores in region_scores.values():
        scores.sort()

    def region_full(region: str) -> bool:
        return cap is not None and in_region[region] >= cap

    # The best-ranked candidate left out, per region and among regions with room.
    best_out_in_region: dict[str, int] = {}
    best_out_open = math.inf
    for c in ranked:
        if c.id in selected or c.id in excludes:
            continue
        best_out_in_region.setdefault(c.region, rank[c.id])
        if not region_full(c.region) and best_out_open == math.inf:
            best_out_open = rank[c.id]

    # Selected applications that a left-out one could replace (not must-includes), in rank order.
    replaceable = [c for c in chosen if c.id not in includes]
    replaceable_in_region: dict[str, list[Candidate]] = defaultdict(list)
    for c in replaceable:
        replaceable_in_region[c.region].append(c)

    def coverage_sentence(candidate: Candidate, sole: list[str]) -> str:
        names = _join([labels[code] for code in sole])
        if all(all_covering[code] == 1 for code in sole):
            lead = f"the only application covering {names}"
        else:
            lead = f"it covers {names}, which no other selected application does"
        if not uncovered:
            tail = "so the cohort covers every THRIVE category"
        else:
            count = len(labels) - len(uncovered)
            tail = f"so the cohort covers {count} of {len(labels)} THRIVE categories"
        note = " It has not yet been scored." if candidate.score is None else ""
        return f"Selected: {lead}, {tail}.{note}"

    def why_selected(c: Candidate) -> str:
        if c.id in includes:
            note = " It has not yet been scored." if c.score is None else ""
            return f"Selected: the programme manager chose to include it.{note}"
        sole = [code for code in codes if code in c.thrive and sel_covering[code] == 1]
        passed_over = best_out_in_region.get(c.region, math.inf) < rank[c.id] or (
            best_out_open < rank[c.id]
        )
        if sole and (passed_over or c.score is None):
            return coverage_sentence(c, sole)
        if c.score is None:
            return (
                "Selected: not yet scored, but needed to reach the smallest cohort of "
                f"{rules.min_size}."
            )
        scores = region_scores[c.region]
        own = scaled[c.id]
        higher = len(scores) - bisect_right(scores, own)
        joint = bisect_right(scores, own) - bisect_left(scores, own) > 1
        place = _place(c.region_label)
        prefix = "joint " if joint else ""
        if higher == 0:
            return f"Selected: {prefix}highest-scoring application in {place} ({c.score:.2f})."
        if higher < 3:
            return (
                f"Selected: {prefix}{_ORDINALS[higher + 1]}-highest score in {place} "
                f"({c.score:.2f})."
            )
        return f"Selected: score {c.score:.2f}, within the cohort of {size}."

    def why_not(c: Candidate) -> str:
        if c.id in excludes:
            return "Not selected: the programme manager chose to exclude it."
        if c.score is None:
            return "Not selected: not yet scored."
        place = _place(c.region_label)
        if region_full(c.region):
            pool = replaceable_in_region[c.region]
            setting = f"{place} is at the regional limit of {cap}"
        elif size >= rules.max_size:
            pool = replaceable
            setting = f"the cohort is full at {size}"
        else:
            if scaled[c.id] <= 0:
                return f"Not selected: its score ({c.score:.2f}) would add nothing to the cohort."
            return "Not selected: a higher-scoring cohort fits the rules without it."
        lower = [other for other in pool if rank[other.id] > rank[c.id]]
        if not lower:
            if region_full(c.region):
                nth = _ORDINALS.get(cap + 1)
                council = f"a {nth} council" if nth else "another council"
                return (
                    f"Not selected: {council} from {place} would exceed the regional limit "
                    f"of {cap}."
                )
            if not pool:
                return (
                    f"Not selected: the cohort is full at {size} with the programme manager's "
                    "must-include choices."
                )
            lowest = pool[-1]
            which = "lowest selected" if len(pool) == size else "lowest selected it could replace"
            if scaled[lowest.id] == scaled[c.id]:
                return (
                    f"Not selected: the cohort is full at {size}, and its score ({c.score:.2f}) "
                    f"ties with the {which} ({lowest.score:.2f}); ties go to the earlier "
                    "application."
                )
            return (
                f"Not selected: the cohort is full at {size}, and its score ({c.score:.2f}) is "
                f"below the {which} ({_score_text(lowest.score)})."
            )
        if len(lower) == 1:
            other = lower[0]
            lost = [
                labels[code]
                for code in codes
                if code in other.thrive and code not in c.thrive and sel_covering[code] == 1
            ]
            if not lost:  # pragma: no cover - a swap that loses nothing would have been made
                return f"Not selected: {setting}, and a better cohort fits the rules without it."
            return (
                f"Not selected: {setting}, and taking it in place of {other.organisation} "
                f"({_score_text(other.score)}) would leave the cohort without {_join(lost)}."
            )
        return (
            f"Not selected: {setting}, and taking it in place of any lower-scoring selected "
            "application would leave the cohort covering fewer THRIVE categories."
        )

    reasons = [Reason(c.id, True, why_selected(c)) for c in chosen]
    reasons += [Reason(c.id, False, why_not(c)) for c in ranked if c.id not in selected]
    return tuple(reasons)
