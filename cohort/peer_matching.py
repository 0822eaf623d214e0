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

**Speed and memory** (`make bench`, n projects against n approaches). Only the matrix of
scores is built for every pair, from one matrix product (the terms found in at least 2% of the
texts and the labels, dense, by BLAS) plus a sparse product for the rarer terms, and the
distances from the locations' unit vectors; a pair's components, shared terms and reasons are
worked out only for the pairs shown (each project's choice and two alternatives). SciPy's
sparse solver (`min_weight_full_bipartite_matching`, LAPJVsp) was measured on the same matrix:
almost every pair is possible, so the matrix is dense and it was slower at 5,000 (2.5 s against
1.7 s), and building it sparse cost more than it saved at 1,000. At 5,000 × 5,000 the run needs
about 1.5 GB: the score matrix and the capacity-expanded matrix (200 and 300 MB) and SciPy's
copy of the latter. TF-IDF's fit over the 2n texts is the fixed cost that dominates at 1,000.

The caller turns database rows into `ProjectProfile` and `ApproachProfile` (keys are anything
sortable and hashable: IDs, say) and the manager's choices into `Weights`, `locked` and
`forbidden`, and shows each `RankedApproach.reason`. TF-IDF depends on every text in a run, so
a project's scores from `rank_approaches` (its text and the approaches') differ slightly from
those of `rank_cohort` or `suggest_matching` (every project's text too): show a cohort's
rankings from `rank_cohort`, so that they agree with the suggested matching.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from cohort.venue_ranking import EARTH_RADIUS_KM, Location, distance_km

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
    """Each between 0 and 1 (see the module's docstring). All five are given for every pair;
    for a call, `distance` is shown but does not count in the score."""

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


def _by_name(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def _sort_key(key: Hashable):
    """Keys of one kind sort among themselves; mixed kinds sort by kind first."""
    return (type(key).__name__, key)


# --------------------------------------------------------------------------------------------
# Scores for every pair of a run


def _closeness(km: float | None) -> float:
    return 0.0 if km is None else 0.5 ** (km / HALF_DISTANCE_KM)


def _unit_vectors(items) -> np.ndarray:
    """Each location as a point on the unit sphere (NaN when unknown)."""
    vectors = np.full((len(items), 3), np.nan)
    for i, item in enumerate(items):
        if item.location is not None:
            lat = math.radians(float(item.location.latitude))
            lon = math.radians(float(item.location.longitude))
            vectors[i] = (
                math.cos(lat) * math.cos(lon),
                math.cos(lat) * math.sin(lon),
                math.sin(lat),
            )
    return vectors


def _distance_matrix(
    projects: Sequence[ProjectProfile], approaches: Sequence[ApproachProfile]
) -> np.ndarray:
    """Great-circle kilometres for every pair, NaN where a location is unknown.

    The haversine formula of `cohort.venue_ranking.distance_km` (which gives each distance
    shown), with the same Earth radius, vectorised: 25 million calls of it at 5,000 × 5,000
    would take half a minute. Its haversine h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) equals
    (1 − u·v)/2 for the two points' unit vectors u and v, so every h comes from one small matrix
    product, and the distance is 2R·asin(√h) as there. (Exact to well under a metre.)
    """
    h = _unit_vectors(projects) @ _unit_vectors(approaches).T
    np.subtract(1.0, h, out=h)
    h *= 0.5
    np.clip(h, 0.0, 1.0, out=h)
    np.sqrt(h, out=h)
    np.arcsin(h, out=h)
    h *= 2 * EARTH_RADIUS_KM
    return h


def _share(project_labels: frozenset[str], approach_labels: frozenset[str]) -> float:
    """The share of the project's labels that the approach shares."""
    if not project_labels:
        return 0.0
    return len(project_labels & approach_labels) / len(project_labels)


class _Run:
    """Every pair's score for one set of projects and approaches, which are put in key order
    here. TF-IDF is fitted once, over every text.

    Only the score matrix is kept: the components of a pair are worked out again when the pair
    is explained, for the few pairs that are. At 5,000 × 5,000 each matrix of floats is 200 MB,
    and making five of them took longer than the assignment.
    """

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
        is_visit = np.array([m_ == EngagementMode.VISIT for m_ in self.modes], dtype=bool)

        self._fit_text()
        # The weighted sum of text, THRIVE, themes and challenge areas for every pair, from one
        # matrix product: the common terms' TF-IDF columns (times the text weight) beside one
        # column per label, worth its weight shared out over the project's labels of its kind.
        w = weights
        labels: dict[tuple[str, str], int] = {}
        kinds = (("thrive", w.thrive), ("themes", w.themes), ("challenge_areas", w.challenge_areas))
        for kind, weight in kinds:
            if weight:
                # Sorted, so the columns (and the sums' rounding) are the same in every process.
                for project in self.projects:
                    for label in sorted(getattr(project, kind)):
                        labels.setdefault((kind, label), len(labels))
        left = np.zeros((n, len(labels)))
        right = np.zeros((m, len(labels)))
        for kind, weight in kinds:
            if not weight:
                continue
            for i, project in enumerate(self.projects):
                own_labels = getattr(project, kind)
                for label in own_labels:
                    left[i, labels[(kind, label)]] = weight / len(own_labels)
            for j, approach in enumerate(self.approaches):
                for label in getattr(approach, kind):
                    if (kind, label) in labels:
                        right[j, labels[(kind, label)]] = 1.0
        if self.vectorizer is not None and w.text:
            left = np.hstack([w.text * self.common_terms[:n], left])
            right = np.hstack([self.common_terms[n:], right])
        total = left @ right.T if left.shape[1] else np.zeros((n, m))
        if self.vectorizer is not None and w.text:
            rare = (self.rare_terms[:n] @ self.rare_terms[n:].T).tocsr()
            rows = np.repeat(np.arange(n), np.diff(rare.indptr))
            total[rows, rare.indices] += w.text * rare.data

        # Distance, for visits only, and each row divided by the weights that count for it.
        base = w.text + w.thrive + w.themes + w.challenge_areas
        divisor = np.where(is_visit, base + w.distance, base)
        visits = np.flatnonzero(is_visit)
        if w.distance and len(visits) and m:
            closeness = _distance_matrix([self.projects[i] for i in visits], self.approaches)
            closeness *= -1 / HALF_DISTANCE_KM
            np.exp2(closeness, out=closeness)
            closeness[np.isnan(closeness)] = 0.0  # a location unknown
            closeness *= w.distance
            if len(visits) == n:
                total += closeness
            else:
                total[visits] += closeness
            del closeness
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.where(divisor > 0, SCALE / divisor, 0.0)
        total *= factor[:, None]
        np.rint(total, out=total)
        np.clip(total, 0, SCALE, out=total)
        # Whole millionths, held as floats (exact below 2**53) so the assignment can use them.
        self.scaled = total

        # Who may take whom: never its own organisation; only approaches hosting its mode.
        organisations: dict[Hashable, int] = {}
        project_orgs = np.array(
            [
                organisations.setdefault(p.organisation_key, len(organisations))
                for p in self.projects
            ],
            dtype=np.int64,
        )
        approach_orgs = np.array(
            [
                organisations.setdefault(a.organisation_key, len(organisations))
                for a in self.approaches
            ],
            dtype=np.int64,
        )
        self.own = project_orgs[:, None] == approach_orgs[None, :]
        hosts_visits = np.array([a.hosts_visits for a in self.approaches], dtype=bool)
        hosts_calls = np.array([a.hosts_calls for a in self.approaches], dtype=bool)
        self.hosting = np.where(is_visit[:, None], hosts_visits[None, :], hosts_calls[None, :])
        self.candidate = ~self.own & self.hosting

    def _fit_text(self) -> None:
        texts = [p.text for p in self.projects] + [f"{a.title}\n{a.text}" for a in self.approaches]
        self.vectorizer = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        try:
            matrix = self.vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # no words at all, or only stop words
            self.vectorizer = None
            return
        n = len(self.projects)
        self.project_vectors = matrix[:n]
        self.approach_vectors = matrix[n:]
        self.terms = self.vectorizer.get_feature_names_out().tolist()
        # Rows are unit length, so the cosine similarity is their product. Common terms ("mental
        # health", "young people") make a sparse product dense and slow (5 s at 5,000 ×
        # 5,000), so the terms in at least 2% of the texts (at most `_DENSE_TERMS` of them) are
        # multiplied as dense matrices, by BLAS, and the rest, sparse and cheap, separately.
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        common = np.flatnonzero(df >= max(2, _DENSE_SHARE * matrix.shape[0]))
        common = common[np.argsort(-df[common], kind="stable")][:_DENSE_TERMS]
        rare = np.setdiff1d(np.arange(matrix.shape[1]), common)
        by_column = matrix.tocsc()
        self.common_terms = by_column[:, common].toarray()
        self.rare_terms = by_column[:, rare].tocsr()

    # ----------------------------------------------------------------------------------------
    # Pairs, explained

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
            shared_rows.sort_indices()
        result = []
        for k, (i, j, rank) in enumerate(pairs):
            terms: tuple[str, ...] = ()
            text = 0.0
            if shared_rows is not None:
                at = slice(shared_rows.indptr[k], shared_rows.indptr[k + 1])
                values = shared_rows.data[at]
                text = min(1.0, float(values.sum()))
                terms = self._shared_terms(i, j, shared_rows.indices[at], values)
            result.append(self._ranked(i, j, rank, text, terms))
        return result

    def _ranked(
        self, i: int, j: int, rank: int, text: float, terms: tuple[str, ...]
    ) -> RankedApproach:
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
        themes = tuple(sorted(project.themes & approach.themes, key=_by_name))
        areas = tuple(sorted(project.challenge_areas & approach.challenge_areas, key=_by_name))
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
                text=text,
                thrive=_share(project.thrive, approach.thrive),
                themes=_share(project.themes, approach.themes),
                challenge_areas=_share(project.challenge_areas, approach.challenge_areas),
                distance=_closeness(km),
            ),
            mode=mode,
            distance_km=km,
            shared_terms=terms,
            shared_thrive=thrive,
            shared_themes=themes,
            shared_challenge_areas=areas,
            reasons=tuple(reasons),
        )

    def _shared_terms(self, i: int, j: int, indices: np.ndarray, values: np.ndarray):
        """The words or pairs of words that add most to the pair's text similarity, a pair of
        words standing for its single words, each as the project's text says it. `indices`
        (sorted) and `values` are the pair's row of the elementwise product of the TF-IDF
        vectors: what each shared term adds to the similarity."""
        vocabulary = self.vectorizer.vocabulary_

        def value_of(word: str) -> float:
            column = vocabulary.get(word)
            at = np.searchsorted(indices, column) if column is not None else len(indices)
            return float(values[at]) if at < len(indices) and indices[at] == column else 0.0

        # A shared pair of words counts with its single words, and stands for them.
        weight = {}
        for k in np.flatnonzero(values >= _MIN_TERM_CONTRIBUTION).tolist():
            term = self.terms[indices[k]]
            words = term.split(" ")
            weight[term] = float(values[k])
            if len(words) == 2:
                weight[term] += sum(value_of(word) for word in set(words))
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
        approach = self.approaches[j]
        texts = (self.projects[i].text, f"{approach.title}\n{approach.text}")
        return tuple(_as_written(term, texts) for term in chosen)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _words_and_pairs(text: str) -> list[str]:
    """Scikit-learn's default analysis with English stop words and ngram_range (1, 2) (the
    same tokens, the same stop words, pairs formed after they are removed), written out
    because it is three times faster than the general one, which dominated the ranking's
    time. A test proves it gives the same vocabulary and vectors."""
    words = [word for word in _TOKEN.findall(text.lower()) if word not in ENGLISH_STOP_WORDS]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


# A term in at least this share of texts, up to this many terms, is multiplied densely.
_DENSE_SHARE = 0.02
_DENSE_TERMS = 512


def _as_written(term: str, texts: Sequence[str]) -> str:
    """The term as the project's text (else the approach's) writes it: "access services" →
    "access to services" (TF-IDF pairs words after leaving out stop words), "camhs" →
    "CAMHS"; a lower-case instance first."""
    words = term.split(" ")
    for text in texts:
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer: no spans to map
            continue
        found = []
        start = lower.find(words[0])
        while start >= 0:
            end = start + len(words[0])
            matched = (start == 0 or not _is_word(lower[start - 1])) and (
                end == len(lower) or not _is_word(lower[end])
            )
            for word in words[1:]:
                if not matched:
                    break
                following = next(
                    (
                        t
                        for t in _TOKEN.finditer(lower, end)
                        if t.group(0) not in ENGLISH_STOP_WORDS
                    ),
                    None,
                )
                matched = following is not None and following.group(0) == word
                if matched:
                    end = following.end()
            if matched:
                found.append(" ".join(text[start:end].split()))
            start = lower.find(words[0], start + 1)
        if found:
            return next((f for f in found if f == f.lower()), found[0])
    return term


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


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
    if len(rows) == len(run.projects):
        weights, possible = run.scaled[:, columns], allowed[:, columns]
    else:
        weights, possible = run.scaled[np.ix_(rows, columns)], allowed[np.ix_(rows, columns)]
    weights += bonus
    weights *= possible
    return weights, columns


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
        del matrix  # 300 MB at 5,000 × 5,000, not needed for the explanations
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
    the approach earlier in key order; -1 for an impossible pair; whole numbers below 2**53,
    so exact), and its best three candidates in order (-1 where it has fewer)."""
    n, m = allowed.shape
    order_key = run.scaled * (m + 1)
    order_key += m - np.arange(m)
    order_key[~allowed] = -1
    k = min(3, m)
    if m > k:
        best = np.argpartition(order_key, m - k, axis=1)[:, m - k :]
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
    matched = chosen >= 0
    own_key = np.full(n, np.inf)
    own_key[matched] = order_key[matched, chosen[matched]]
    ranks = np.count_nonzero(order_key > own_key[:, None], axis=1) + 1

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
