"""Which peer approach suits each project, and a suggested matching for the whole cohort
(SPEC §4.5, issue 15 parts 2 and 3): pure Python with NumPy, SciPy and scikit-learn, no Django.

In 2018, "good practice sources and case studies were reviewed to identify potential 'peer
organisations' that had made progress on similar issues to those identified in the eight
projects", and "a visit or telephone conversation was arranged if at all possible". This module
does the first half of that review for a programme manager, and says why, so that the manager
decides rather than the machine.

**Ranking.** For each project, every approach it could take is scored from five components, each
between 0 and 1:

- *text*: the cosine similarity of TF-IDF vectors of the project's refined key question and
  description and of the approach's title and description (English stop words, sublinear term
  frequency, single words and pairs of words). TF-IDF is fitted once per run over every text in
  it, so a word shared by every project ("mental health") counts for little and a rarer one
  ("exclusions") for a lot;
- *thrive*, *themes*, *challenge areas*: the share of the project's own THRIVE categories, themes
  and challenge areas that the approach shares (an approach that covers everything the project is
  about scores 1, however broad the approach is);
- *distance*: 1 on the spot, halving every `HALF_DISTANCE_KM` of great-circle distance between
  the two organisations' approximate locations; 0 when either location is unknown, because a
  visit that cannot be planned is not easy. It counts only for a visit: for a call, distance
  is left out of the score altogether (its weight too), and only mentioned.

The score is the weighted mean of the components that count, so it is between 0 and 1 whatever
the weights, and scores for visits and calls can be compared. Scores are compared as whole
millionths, so sums added up in another order still tie; ties go to the approach whose key sorts
first. An approach is never a candidate for a project of its own organisation, nor for a visit
if it does not host visits, nor for a call if it does not host calls.

**Matching.** The suggestion gives each project at most one approach and each approach at most
its capacity. Of all such matchings it has, in this order: the most projects matched ("if at all
possible"), then the highest total score. Locked pairs are fixed first and count against their
approach's capacity; forbidden pairs are never suggested. It is solved exactly with SciPy's
`linear_sum_assignment` on a capacity-expanded matrix (one column per place an approach offers,
at most one per project): each possible pair's weight is its score in millionths plus a bonus
larger than any total of scores, so a matching with one more project always wins; impossible
pairs weigh 0, which is the same as leaving the project unmatched. Projects and approaches are
put in the order of their keys first, so the same data gives the same matching whatever order it
comes in.

The caller turns database rows into `ProjectProfile` and `ApproachProfile` (keys are anything
sortable and hashable: IDs, say) and the manager's choices into `Weights`, `locked` and
`forbidden`, and shows each `RankedApproach.reason`.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import itertools
import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from programmes.venue_ranking import EARTH_RADIUS_KM, Location, distance_km

__all__ = [
    "HALF_DISTANCE_KM",
    "THRIVE_NAMES",
    "Alternative",
    "ApproachProfile",
    "ComponentScores",
    "EngagementMode",
    "Location",
    "Matching",
    "ProjectMatch",
    "ProjectProfile",
    "RankedApproach",
    "Weights",
    "rank_approaches",
    "rank_cohort",
    "suggest_matching",
]

# The closeness of two organisations halves every 150 km: about two hours by train, so a day's
# visit from London reaches Birmingham (160 km) at about half the closeness of a neighbour.
HALF_DISTANCE_KM = 150.0
# Scores are compared as whole millionths.
SCALE = 1_000_000
# The names of `programmes.enums.Thrive` (which imports Django, so they are repeated here; the
# caller can pass `dict(Thrive.choices)` instead).
THRIVE_NAMES: Mapping[str, str] = {
    "thriving": "Thriving",
    "getting_advice": "Getting advice",
    "getting_help": "Getting help",
    "getting_more_help": "Getting more help",
    "getting_risk_support": "Getting risk support",
}
# A shared word or pair of words is named as a reason when it adds at least this much to the
# cosine similarity (out of 1), at most `_MAX_TERMS` of them.
_MIN_TERM_CONTRIBUTION = 0.01
_MAX_TERMS = 2


class EngagementMode(enum.StrEnum):
    """How a project would meet its peer: a visit, or a telephone or video call."""

    VISIT = "visit"
    CALL = "call"


@dataclasses.dataclass(frozen=True)
class ProjectProfile:
    """A project of the cohort. `text` is its refined key question and description; `mode`
    overrides the run's engagement mode for this project."""

    key: Hashable
    organisation_key: Hashable
    text: str
    thrive: frozenset[str] = frozenset()  # THRIVE slugs, e.g. "getting_help"
    themes: frozenset[str] = frozenset()  # names as shown, e.g. "whole-school approach"
    challenge_areas: frozenset[str] = frozenset()  # names as shown
    location: Location | None = None
    mode: EngagementMode | None = None
    name: str = ""  # e.g. "Lewisham", for the reasons


@dataclasses.dataclass(frozen=True)
class ApproachProfile:
    """A peer organisation's approach; `capacity` is how many projects it can take."""

    key: Hashable
    organisation_key: Hashable
    title: str
    text: str
    thrive: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    challenge_areas: frozenset[str] = frozenset()
    location: Location | None = None
    hosts_visits: bool = True
    hosts_calls: bool = True
    capacity: int = 1

    def __post_init__(self):
        if isinstance(self.capacity, bool) or not isinstance(self.capacity, int):
            raise ValueError(f"The capacity of “{self.title}” is not a whole number.")
        if self.capacity < 0:
            raise ValueError(f"The capacity of “{self.title}” is negative.")

    def hosts(self, mode: EngagementMode) -> bool:
        return self.hosts_visits if mode == EngagementMode.VISIT else self.hosts_calls


@dataclasses.dataclass(frozen=True)
class Weights:
    """How much each component counts; only their ratios matter. Text counts most by default
    because it is the richest signal, and because TF-IDF similarities of related texts are
    small numbers (0.1 to 0.4) beside shared categories (often 1)."""

    text: float = 4.0
    thrive: float = 1.0
    themes: float = 1.0
    challenge_areas: float = 1.0
    distance: float = 1.0

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            label = field.name.replace("_", " ")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"The weight for {label} is not a number.")
            if not math.isfinite(value):
                raise ValueError(f"The weight for {label} is not a finite number.")
            if value < 0:
                raise ValueError(f"The weight for {label} is negative.")
        if not any(getattr(self, field.name) for field in dataclasses.fields(self)):
            raise ValueError("At least one weight must be more than 0.")


@dataclasses.dataclass(frozen=True)
class ComponentScores:
    """Each between 0 and 1 (see the module's docstring)."""

    text: float
    thrive: float
    themes: float
    challenge_areas: float
    distance: float  # closeness: 1 on the spot; 0 when a location is unknown


@dataclasses.dataclass(frozen=True)
class RankedApproach:
    approach: ApproachProfile
    rank: int  # 1 for the best fit among the project's candidates
    score: float  # between 0 and 1, to the millionth
    components: ComponentScores
    mode: EngagementMode
    distance_km: float | None  # None when either location is unknown
    shared_terms: tuple[str, ...]  # the words that make the texts alike, as the project says them
    shared_thrive: tuple[str, ...]  # names, in the framework's order
    shared_themes: tuple[str, ...]
    shared_challenge_areas: tuple[str, ...]
    reasons: tuple[str, ...]  # "both about school exclusions", "both Getting help", "120 km"

    @property
    def reason(self) -> str:
        """The reasons as one phrase: "both about school exclusions; both Getting help; 120 km"."""
        return "; ".join(self.reasons)


@dataclasses.dataclass(frozen=True)
class Alternative:
    candidate: RankedApproach
    places_left: int  # after the suggested matching; 0 means taking it moves another project


@dataclasses.dataclass(frozen=True)
class ProjectMatch:
    project: ProjectProfile
    mode: EngagementMode
    choice: RankedApproach | None  # None: unmatched, and `explanation` says why
    locked: bool
    explanation: str
    alternatives: tuple[Alternative, ...]  # the best two other candidates, best first
    candidates: int  # how many approaches it could take (not its own, not forbidden, hosting)

    @property
    def matched(self) -> bool:
        return self.choice is not None


@dataclasses.dataclass(frozen=True)
class Matching:
    matches: tuple[ProjectMatch, ...]  # in the order of the projects' keys
    total_score: float  # the sum of the chosen pairs' scores, locked ones included
    places_left: Mapping[Hashable, int]  # per approach key, after the matching

    @property
    def unmatched(self) -> tuple[ProjectMatch, ...]:
        return tuple(match for match in self.matches if match.choice is None)

    def for_project(self, key: Hashable) -> ProjectMatch:
        for match in self.matches:
            if match.project.key == key:
                return match
        raise KeyError(key)


# --------------------------------------------------------------------------------------------
# Wording


def _join(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (no serial comma)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def _format_km(km: float) -> str:
    """Whole kilometres with thousands separated: "1,234 km"; "less than 1 km"."""
    if km < 0.5:
        return "less than 1 km"
    return f"{round(km):,} km"


def _sort_key(key: Hashable):
    """Keys of one kind sort among themselves; mixed kinds sort by kind first."""
    return (type(key).__name__, key)


# --------------------------------------------------------------------------------------------
# Scores for every pair of a run


def _closeness(km: np.ndarray) -> np.ndarray:
    return np.power(0.5, km / HALF_DISTANCE_KM)


def _distance_matrix(
    projects: Sequence[ProjectProfile], approaches: Sequence[ApproachProfile]
) -> np.ndarray:
    """Great-circle kilometres for every pair, NaN where a location is unknown.

    The same haversine formula and Earth radius as `programmes.venue_ranking.distance_km`
    (which is called for each distance shown), vectorised: 25 million calls of the scalar
    function at 5,000 × 5,000 would take half a minute.
    """

    def coordinates(items):
        lat = np.full(len(items), np.nan)
        lon = np.full(len(items), np.nan)
        for i, item in enumerate(items):
            if item.location is not None:
                lat[i] = math.radians(float(item.location.latitude))
                lon[i] = math.radians(float(item.location.longitude))
        return lat, lon

    lat1, lon1 = coordinates(projects)
    lat2, lon2 = coordinates(approaches)
    lat1, lon1 = lat1[:, None], lon1[:, None]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _overlap(
    project_sets: Sequence[frozenset[str]], approach_sets: Sequence[frozenset[str]]
) -> np.ndarray:
    """The share of each project's labels that each approach shares, as a matrix."""
    labels = sorted(set().union(*project_sets) if project_sets else set())
    if not labels:
        return np.zeros((len(project_sets), len(approach_sets)))
    column = {label: c for c, label in enumerate(labels)}
    p = np.zeros((len(project_sets), len(labels)), dtype=np.float64)
    a = np.zeros((len(approach_sets), len(labels)), dtype=np.float64)
    for i, labels_of in enumerate(project_sets):
        for label in labels_of:
            p[i, column[label]] = 1.0
    for j, labels_of in enumerate(approach_sets):
        for label in labels_of:
            if label in column:
                a[j, column[label]] = 1.0
    sizes = p.sum(axis=1)
    shared = p @ a.T
    return np.divide(shared, sizes[:, None], out=np.zeros_like(shared), where=sizes[:, None] > 0)


class _Run:
    """Every pair's components and score for one set of projects and approaches, which are
    put in key order here. TF-IDF is fitted once, over every text."""

    def __init__(
        self,
        projects: Iterable[ProjectProfile],
        approaches: Iterable[ApproachProfile],
        weights: Weights,
        mode: EngagementMode,
        thrive_names: Mapping[str, str],
    ):
        self.projects = _in_key_order(projects, "project")
        self.approaches = _in_key_order(approaches, "approach")
        self.weights = weights
        self.thrive_names = thrive_names
        self.thrive_order = {slug: i for i, slug in enumerate(thrive_names)}
        mode = EngagementMode(mode)
        self.modes = [EngagementMode(p.mode or mode) for p in self.projects]
        n, m = len(self.projects), len(self.approaches)

        self._fit_text()
        self.thrive = _overlap(
            [p.thrive for p in self.projects], [a.thrive for a in self.approaches]
        )
        self.themes = _overlap(
            [p.themes for p in self.projects], [a.themes for a in self.approaches]
        )
        self.challenge_areas = _overlap(
            [p.challenge_areas for p in self.projects],
            [a.challenge_areas for a in self.approaches],
        )
        km = _distance_matrix(self.projects, self.approaches)
        self.closeness = np.where(np.isnan(km), 0.0, _closeness(np.nan_to_num(km)))

        is_visit = np.array([m_ == EngagementMode.VISIT for m_ in self.modes], dtype=bool)
        w = weights
        base = (
            w.text * self.text
            + w.thrive * self.thrive
            + w.themes * self.themes
            + w.challenge_areas * self.challenge_areas
        )
        base_total = w.text + w.thrive + w.themes + w.challenge_areas
        with np.errstate(invalid="ignore", divide="ignore"):
            visit = (base + w.distance * self.closeness) / (base_total + w.distance)
            call = base / base_total if base_total else np.zeros_like(base)
        scores = np.where(is_visit[:, None], visit, call) if n and m else np.zeros((n, m))
        self.scaled = np.rint(np.clip(scores, 0.0, 1.0) * SCALE).astype(np.int64)

        # Who may take whom: never its own organisation; only approaches hosting its mode.
        project_orgs = [p.organisation_key for p in self.projects]
        org_codes = {
            org: i
            for i, org in enumerate({*project_orgs} | {a.organisation_key for a in self.approaches})
        }
        own = np.array([org_codes[o] for o in project_orgs], dtype=np.int64)[:, None] == np.array(
            [org_codes[a.organisation_key] for a in self.approaches], dtype=np.int64
        )
        hosts_visits = np.array([a.hosts_visits for a in self.approaches], dtype=bool)
        hosts_calls = np.array([a.hosts_calls for a in self.approaches], dtype=bool)
        hosting = (
            np.where(is_visit[:, None], hosts_visits, hosts_calls) if m else np.zeros((n, 0), bool)
        )
        self.own = own.reshape(n, m)
        self.hosting = hosting.reshape(n, m)
        self.candidate = ~self.own & self.hosting

    def _fit_text(self) -> None:
        texts = [p.text for p in self.projects] + [f"{a.title}\n{a.text}" for a in self.approaches]
        n = len(self.projects)
        self.vectorizer = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        try:
            matrix = self.vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # no words at all, or only stop words
            self.vectorizer = None
            self.text = np.zeros((n, len(self.approaches)))
            return
        self.project_vectors = matrix[:n]
        self.approach_vectors = matrix[n:]
        self.text = np.clip(_cosine(matrix, n), 0.0, 1.0)
        self.terms = self.vectorizer.get_feature_names_out().tolist()

    # ----------------------------------------------------------------------------------------
    # Pairs, explained

    def ranked(self, i: int, j: int, rank: int) -> RankedApproach:
        return self.explain([(i, j, rank)])[0]

    def explain(self, pairs: Sequence[tuple[int, int, int]]) -> list[RankedApproach]:
        """Each (project, approach, rank) with its reasons; the shared terms of every pair
        come from one elementwise product of the TF-IDF rows."""
        if not pairs:
            return []
        shared_rows = None
        if self.vectorizer is not None:
            rows = np.array([i for i, _, _ in pairs], dtype=np.int64)
            columns = np.array([j for _, j, _ in pairs], dtype=np.int64)
            shared_rows = (
                self.project_vectors[rows].multiply(self.approach_vectors[columns]).tocsr()
            )
        result = []
        for k, (i, j, rank) in enumerate(pairs):
            terms: tuple[str, ...] = ()
            if shared_rows is not None:
                at = slice(shared_rows.indptr[k], shared_rows.indptr[k + 1])
                terms = self._shared_terms(
                    i, j, shared_rows.indices[at].tolist(), shared_rows.data[at].tolist()
                )
            result.append(self._ranked(i, j, rank, terms))
        return result

    def _ranked(self, i: int, j: int, rank: int, terms: tuple[str, ...]) -> RankedApproach:
        project, approach = self.projects[i], self.approaches[j]
        mode = self.modes[i]
        km = None
        if project.location is not None and approach.location is not None:
            km = distance_km(project.location, approach.location)
        thrive = tuple(
            self.thrive_names.get(slug, slug)
            for slug in sorted(
                project.thrive & approach.thrive,
                key=lambda s: (self.thrive_order.get(s, len(self.thrive_order)), s),
            )
        )
        themes = tuple(sorted(project.themes & approach.themes, key=str.casefold))
        areas = tuple(sorted(project.challenge_areas & approach.challenge_areas, key=str.casefold))
        reasons = []
        if terms:
            reasons.append(f"both about {_join(terms)}")
        if thrive:
            reasons.append(f"both {_join(thrive)}")
        if themes:
            reasons.append(f"shared theme{'s' if len(themes) > 1 else ''}: {_join(themes)}")
        if areas:
            reasons.append(f"shared challenge area{'s' if len(areas) > 1 else ''}: {_join(areas)}")
        if mode == EngagementMode.VISIT:
            reasons.append("distance unknown" if km is None else _format_km(km))
        elif km is not None:
            reasons.append(f"{_format_km(km)}, which does not count for a call")
        if not (terms or thrive or themes or areas):
            reasons.insert(0, "little in common")
        return RankedApproach(
            approach=approach,
            rank=rank,
            score=int(self.scaled[i, j]) / SCALE,
            components=ComponentScores(
                text=float(self.text[i, j]),
                thrive=float(self.thrive[i, j]),
                themes=float(self.themes[i, j]),
                challenge_areas=float(self.challenge_areas[i, j]),
                distance=float(self.closeness[i, j]),
            ),
            mode=mode,
            distance_km=km,
            shared_terms=terms,
            shared_thrive=thrive,
            shared_themes=themes,
            shared_challenge_areas=areas,
            reasons=tuple(reasons),
        )

    def _shared_terms(self, i: int, j: int, indices: list[int], values: list[float]):
        """The words or pairs of words that add most to the pair's text similarity (each
        shared term adds the product of its two weights), a pair of words standing for its
        single words, each as the project's text says it."""
        shared = {self.terms[t]: value for t, value in zip(indices, values, strict=True)}
        # A shared pair of words counts with its single words, and stands for them.
        weight = {}
        for term, value in shared.items():
            if value < _MIN_TERM_CONTRIBUTION:
                continue
            words = term.split(" ")
            if len(words) == 2:
                weight[term] = value + sum(shared.get(word, 0.0) for word in set(words))
            else:
                weight[term] = value
        chosen: list[str] = []
        covered: set[str] = set()
        for term in sorted(weight, key=lambda t: (-weight[t], t)):
            words = set(term.split(" "))
            if term in covered or words & covered:
                continue
            chosen.append(term)
            covered |= words | {term}
            if len(chosen) == _MAX_TERMS:
                break
        return tuple(
            _as_written(term, self.projects[i].text, self.approaches[j].text) for term in chosen
        )


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _words_and_pairs(text: str) -> list[str]:
    """Scikit-learn's default analysis with English stop words and ngram_range (1, 2) (the
    same tokens, the same stop words, pairs formed after they are removed), written out
    because it is three times faster than the general one, which dominated the ranking's
    time. A test proves it gives the same vocabulary and vectors."""
    words = [word for word in _TOKEN.findall(text.lower()) if word not in ENGLISH_STOP_WORDS]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


# A term in at least this share of texts is multiplied densely (see `_cosine`).
_DENSE_SHARE = 0.02


def _cosine(matrix, n: int) -> np.ndarray:
    """The cosine similarity of each of the first `n` rows (projects) with each of the others
    (approaches); rows are unit length, so it is their product.

    Common terms ("mental health", "young people") make a sparse product dense and slow: at
    5,000 × 5,000 it took 5 s. So the terms in at least 2% of the texts (a few hundred at most)
    are multiplied as dense matrices (BLAS), and the rest, sparse and cheap, separately.
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = df >= max(2, _DENSE_SHARE * matrix.shape[0])
    by_column = matrix.tocsc()
    dense = by_column[:, np.flatnonzero(common)].toarray()
    rare = by_column[:, np.flatnonzero(~common)].tocsr()
    product = dense[:n] @ dense[n:].T
    product += (rare[:n] @ rare[n:].T).toarray()
    return product


def _as_written(term: str, *texts: str) -> str:
    """The term as a text writes it: "access services" → "access to services" (stop words
    are left out of TF-IDF's pairs), "camhs" → "CAMHS"; a lower-case instance first."""
    pattern = _term_pattern(term)
    for text in texts:
        found = [" ".join(match.group(0).split()) for match in pattern.finditer(text)]
        if found:
            return next((f for f in found if f == f.lower()), found[0])
    return term


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern:
    words = [re.escape(word) for word in term.split(" ")]
    return re.compile(r"(?<!\w)" + r"(?:\W+\w+){0,2}?\W+".join(words) + r"(?!\w)", re.IGNORECASE)


def _in_key_order(items, what: str) -> list:
    items = sorted(items, key=lambda item: _sort_key(item.key))
    for before, after in itertools.pairwise(items):
        if before.key == after.key:
            raise ValueError(f"The {what} {after.key!r} appears more than once.")
    return items


def _row_order(scaled_row: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """`columns` best first: highest score, then the column (key order) first."""
    return columns[np.lexsort((columns, -scaled_row[columns]))]


# --------------------------------------------------------------------------------------------
# Ranking


def rank_cohort(
    projects: Iterable[ProjectProfile],
    approaches: Iterable[ApproachProfile],
    weights: Weights | None = None,
    mode: EngagementMode = EngagementMode.VISIT,
    *,
    thrive_names: Mapping[str, str] = THRIVE_NAMES,
    limit: int | None = None,
) -> dict[Hashable, list[RankedApproach]]:
    """For each project (by key), its candidate approaches best first, each with its reasons,
    TF-IDF fitted once over every text. `limit` keeps only the best so many of each."""
    run = _Run(projects, approaches, weights or Weights(), mode, thrive_names)
    pairs = []
    for i in range(len(run.projects)):
        order = _row_order(run.scaled[i], np.flatnonzero(run.candidate[i]))
        if limit is not None:
            order = order[:limit]
        pairs.extend((i, int(j), rank) for rank, j in enumerate(order, start=1))
    explained = run.explain(pairs)
    result: dict[Hashable, list[RankedApproach]] = {p.key: [] for p in run.projects}
    for (i, _, _), ranked in zip(pairs, explained, strict=True):
        result[run.projects[i].key].append(ranked)
    return result


def rank_approaches(
    project: ProjectProfile,
    approaches: Iterable[ApproachProfile],
    weights: Weights | None = None,
    mode: EngagementMode = EngagementMode.VISIT,
    *,
    thrive_names: Mapping[str, str] = THRIVE_NAMES,
    limit: int | None = None,
) -> list[RankedApproach]:
    """The approaches `project` could take, best first, each saying why it ranks where it does.

    Leaves out approaches of the project's own organisation and those that do not host the
    project's mode of engagement (its own, or else `mode`). TF-IDF is fitted over this project's
    text and the approaches'; to rank a whole cohort, `rank_cohort` fits it once for all.
    """
    return rank_cohort(
        [project], approaches, weights, mode, thrive_names=thrive_names, limit=limit
    )[project.key]


# --------------------------------------------------------------------------------------------
# Matching


def _expanded(run: _Run, rows: np.ndarray, allowed: np.ndarray, places: np.ndarray):
    """The capacity-expanded weight matrix for the free projects `rows`: one column per place
    (at most one per project), weight = score in millionths + a bonus for matching at all, 0
    for an impossible pair. Returns the matrix and each column's approach index."""
    places = np.minimum(places, len(rows))
    columns = np.repeat(np.arange(len(places)), places)
    bonus = (len(rows) + 1) * SCALE  # more than any total of scores: matching more wins
    weights = np.where(allowed[rows], run.scaled[rows] + bonus, 0).astype(np.float64)
    return weights[:, columns], columns


def _problem(run: _Run, locked_pairs, forbidden_pairs):
    """Check the manager's choices and return (allowed, locked rows → columns, places left)."""
    project_at = {p.key: i for i, p in enumerate(run.projects)}
    approach_at = {a.key: j for j, a in enumerate(run.approaches)}
    allowed = run.candidate.copy()
    forbidden = np.zeros_like(allowed)
    for project_key, approach_key in forbidden_pairs:
        # A forbidden pair of a project or approach not in this run forbids nothing.
        i, j = project_at.get(project_key), approach_at.get(approach_key)
        if i is not None and j is not None:
            forbidden[i, j] = True
    allowed &= ~forbidden
    places = np.array([a.capacity for a in run.approaches], dtype=np.int64)
    locked: dict[int, int] = {}
    for project_key, approach_key in sorted(
        locked_pairs, key=lambda pair: (_sort_key(pair[0]), _sort_key(pair[1]))
    ):
        if project_key not in project_at:
            raise ValueError(f"The locked pair names project {project_key!r}, not in this run.")
        if approach_key not in approach_at:
            raise ValueError(f"The locked pair names approach {approach_key!r}, not in this run.")
        i, j = project_at[project_key], approach_at[approach_key]
        project, approach = run.projects[i], run.approaches[j]
        who = project.name or repr(project.key)
        if i in locked:
            raise ValueError(f"Project {who} is locked to more than one approach.")
        if forbidden[i, j]:
            raise ValueError(f"Project {who} is both locked and forbidden to “{approach.title}”.")
        if run.own[i, j]:
            raise ValueError(
                f"Project {who} cannot be locked to “{approach.title}”: it is its own "
                "organisation's."
            )
        if not run.hosting[i, j]:
            raise ValueError(
                f"Project {who} cannot be locked to “{approach.title}”: it does not host "
                f"{'visits' if run.modes[i] == EngagementMode.VISIT else 'calls'}."
            )
        places[j] -= 1
        if places[j] < 0:
            raise ValueError(
                f"More projects are locked to “{approach.title}” than its capacity of "
                f"{approach.capacity}."
            )
        locked[i] = j
    return allowed, forbidden, locked, places


def suggest_matching(
    projects: Iterable[ProjectProfile],
    approaches: Iterable[ApproachProfile],
    weights: Weights | None = None,
    mode: EngagementMode = EngagementMode.VISIT,
    locked: Iterable[tuple[Hashable, Hashable]] = (),
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    *,
    thrive_names: Mapping[str, str] = THRIVE_NAMES,
) -> Matching:
    """The suggested matching for the cohort (see the module's docstring): the most projects
    matched, then the highest total score, within every approach's capacity, with the locked
    pairs kept and no forbidden pair. Each project gets its choice (or why it has none) and the
    best two other candidates.

    Raises ValueError when the locked pairs cannot all hold: a project locked twice, a locked
    pair that is forbidden, its own organisation's or not hosting its mode, more projects locked
    to an approach than its capacity, or a key not in the run.
    """
    run = _Run(projects, approaches, weights or Weights(), mode, thrive_names)
    allowed, forbidden_matrix, locked_at, places = _problem(run, locked, forbidden)
    n = len(run.projects)
    chosen = np.full(n, -1, dtype=np.int64)
    for i, j in locked_at.items():
        chosen[i] = j

    rows = np.array([i for i in range(n) if i not in locked_at], dtype=np.int64)
    if len(rows) and places.sum() > 0 and allowed[rows].any():
        matrix, columns = _expanded(run, rows, allowed, places)
        assigned_rows, assigned_columns = linear_sum_assignment(matrix, maximize=True)
        for r, c in zip(assigned_rows, assigned_columns, strict=True):
            i, j = rows[r], columns[c]
            if allowed[i, j]:
                chosen[i] = j
                places[j] -= 1

    places_left = {a.key: int(places[j]) for j, a in enumerate(run.approaches)}
    matches = _project_matches(run, chosen, set(locked_at), allowed, forbidden_matrix, places)
    total = sum(int(run.scaled[i, chosen[i]]) for i in range(n) if chosen[i] >= 0) / SCALE
    return Matching(matches=tuple(matches), total_score=total, places_left=places_left)


def _best_three(run: _Run, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each project's candidates as one order key per pair (higher is better: the score, then
    the approach earlier in key order; -1 for an impossible pair), and its best three
    candidates in order (-1 where it has fewer)."""
    n, m = allowed.shape
    order_key = np.where(allowed, run.scaled * (m + 1) + (m - np.arange(m)), -1)
    k = min(3, m)
    if m > k:
        best = np.argpartition(-order_key, k - 1, axis=1)[:, :k]
    else:
        best = np.tile(np.arange(m), (n, 1))
    keys = np.take_along_axis(order_key, best, axis=1)
    by_key = np.argsort(-keys, axis=1, kind="stable")
    best = np.take_along_axis(best, by_key, axis=1)
    best[np.take_along_axis(keys, by_key, axis=1) < 0] = -1
    return order_key, best


def _project_matches(run, chosen, locked_rows, allowed, forbidden, places) -> list[ProjectMatch]:
    """Each project's choice, explanation and alternatives, the ranks counted for all
    projects at once and the reasons built for three pairs a project at most."""
    n = len(run.projects)
    if not run.approaches:
        return [
            ProjectMatch(
                project=project,
                mode=run.modes[i],
                choice=None,
                locked=False,
                explanation=_why_unmatched(run, i, [], forbidden),
                alternatives=(),
                candidates=0,
            )
            for i, project in enumerate(run.projects)
        ]
    order_key, best = _best_three(run, allowed)
    counts = allowed.sum(axis=1)
    ranks = np.zeros(n, dtype=np.int64)
    matched = np.flatnonzero(chosen >= 0)
    if len(matched):
        own_key = order_key[matched, chosen[matched]]
        ranks[matched] = (order_key[matched] > own_key[:, None]).sum(axis=1) + 1

    pairs = []
    for i in range(n):
        if chosen[i] >= 0:
            pairs.append((i, int(chosen[i]), int(ranks[i])))
        others = [(c, r) for r, c in enumerate(best[i].tolist(), 1) if c >= 0 and c != chosen[i]]
        pairs.extend((i, c, r) for c, r in others[:2])
    explained = iter(run.explain(pairs))

    result = []
    for i, project in enumerate(run.projects):
        j = int(chosen[i])
        top = [c for c in best[i].tolist() if c >= 0]
        choice = next(explained) if j >= 0 else None
        alternatives = tuple(
            Alternative(candidate=next(explained), places_left=int(places[c]))
            for c in [c for c in top if c != j][:2]
        )
        if choice is None:
            explanation = _why_unmatched(run, i, top, forbidden, int(counts[i]))
        elif i in locked_rows:
            explanation = "Locked by the programme manager."
        else:
            explanation = _why_chosen(run, i, j, choice.rank, top, int(counts[i]), places)
        result.append(
            ProjectMatch(
                project=project,
                mode=run.modes[i],
                choice=choice,
                locked=i in locked_rows,
                explanation=explanation,
                alternatives=alternatives,
                candidates=int(counts[i]),
            )
        )
    return result


def _why_chosen(run, i: int, j: int, rank: int, top: list[int], count: int, places) -> str:
    of = _plural(count, "candidate")
    if rank == 1:
        return f"Its best fit of {of}."
    better = [c for c in top if c != j][: min(rank - 1, 2)]
    if any(places[c] > 0 and run.scaled[i, c] == run.scaled[i, j] for c in better):
        return f"Its {_ordinal(rank)} best fit of {of}, with the same score as a better one."
    names = _join([f"“{run.approaches[c].title}”" for c in better])
    more = rank - 1 - len(better)
    if more:
        names += f" and {_plural(more, 'other')}"
    one = rank == 2
    return (
        f"Its {_ordinal(rank)} best fit of {of}: {names} {'fits' if one else 'fit'} better but "
        f"{'is' if one else 'are'} taken by other projects, for the most projects matched and "
        "the best total across the cohort."
    )


def _why_unmatched(run: _Run, i: int, top: list[int], forbidden, count: int = 0) -> str:
    if not run.approaches:
        return "Not matched: there are no approaches to match."
    if count:
        names = [f"“{run.approaches[c].title}”" for c in top]
        if count == 1:
            return (
                f"Not matched: no approach has capacity left. The one it could take, "
                f"{names[0]}, is full."
            )
        if count <= 3:
            return (
                f"Not matched: no approach has capacity left. The {count} it could take "
                f"({_join(names)}) are full."
            )
        return (
            f"Not matched: no approach has capacity left. The {count:,} it could take are "
            f"full; the best fits are {_join(names)}."
        )
    own = int(run.own[i].sum())
    barred = int((forbidden[i] & ~run.own[i]).sum())
    not_hosting = int((~run.hosting[i] & ~run.own[i] & ~forbidden[i]).sum())
    kind = "visits" if run.modes[i] == EngagementMode.VISIT else "calls"
    parts = []
    if own:
        parts.append(f"{_plural(own, 'is', 'are')} its own organisation's")
    if barred:
        parts.append(f"{_plural(barred, 'is', 'are')} forbidden by the programme manager")
    if not_hosting:
        parts.append(f"{_plural(not_hosting, 'does', 'do')} not host {kind}")
    if not not_hosting:
        lead = "every approach is its own organisation's or forbidden"
    elif not (own or barred):
        lead = f"no approach hosts {kind}"
    else:
        lead = f"every approach is its own organisation's, forbidden or does not host {kind}"
    return f"Not matched: {lead} ({_join(parts)})."
