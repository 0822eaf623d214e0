"""`make bench` (peer matching part): ranking plus the suggested matching for 100, 1,000 and
5,000 projects against as many approaches, beside SciPy's solver alone.

Synthetic data (seeded): each project's key question and description and each approach's
description is 60 to 120 words drawn from a vocabulary of the 2018 report's words, with one to
three THRIVE categories, one or two of the five cross-cutting themes, one or two challenge areas,
a location near one of 40 English towns, and approaches with a capacity of 1 or 2, hosting
visits, calls or both; one project in ten is a call.

"ours" is `suggest_matching` from the profiles to the explained matching: TF-IDF fitted over
every text, every pair's components and score, the capacity-expanded assignment, and reasons
and two alternatives for every project. "SciPy alone" is `linear_sum_assignment` on the same
capacity-expanded matrix, built beforehand and not timed. Median of 5 runs (3 at 5,000). Two
more columns say where the time goes: "TF-IDF" is fitting TF-IDF alone over the 2n texts, and
"scores" is every pair's score (TF-IDF included), before the assignment and the reasons.

Run it as `.venv/bin/python bench/peer_matching.py` (or with sizes: `... peer_matching.py 1000`).
Peak memory at 5,000 is about 1.5 GB (the score matrix, the capacity-expanded matrix and SciPy's
own copy of it).
"""

import random
import statistics
import sys
import time
from pathlib import Path

from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cohort import peer_matching
from cohort.peer_matching import (
    ApproachProfile,
    EngagementMode,
    Location,
    ProjectProfile,
    Weights,
    suggest_matching,
)

SIZES = tuple(int(size) for size in sys.argv[1:]) or (100, 1_000, 5_000)
REPEATS = {100: 5, 1_000: 5, 5_000: 3}
THRIVE = ("thriving", "getting_advice", "getting_help", "getting_more_help", "getting_risk_support")
THEMES = (
    "holistic view of the child",
    "young people's voices and co-design",
    "confidence of the wider workforce",
    "councillors as champions",
    "delivering in times of change",
)
CHALLENGE_AREAS = (
    "finding advice and information",
    "timely access to help",
    "young-people-friendly services",
    "needs of particular groups",
)
TOWNS = {
    "London": (51.507, -0.128),
    "Birmingham": (52.486, -1.890),
    "Manchester": (53.481, -2.243),
    "Leeds": (53.801, -1.549),
    "Newcastle upon Tyne": (54.978, -1.618),
    "Bristol": (51.455, -2.588),
    "Sheffield": (53.381, -1.470),
    "Liverpool": (53.408, -2.991),
    "Nottingham": (52.954, -1.158),
    "Leicester": (52.637, -1.135),
    "Norwich": (52.630, 1.297),
    "Exeter": (50.718, -3.534),
    "Plymouth": (50.376, -4.143),
    "Southampton": (50.910, -1.404),
    "Brighton": (50.823, -0.137),
    "Canterbury": (51.280, 1.079),
    "Cambridge": (52.205, 0.122),
    "Oxford": (51.752, -1.258),
    "Reading": (51.455, -0.978),
    "Guildford": (51.236, -0.570),
    "Chelmsford": (51.736, 0.469),
    "Ipswich": (52.057, 1.148),
    "Lincoln": (53.230, -0.540),
    "Hull": (53.767, -0.327),
    "York": (53.960, -1.087),
    "Durham": (54.776, -1.576),
    "Carlisle": (54.892, -2.932),
    "Lancaster": (54.047, -2.801),
    "Preston": (53.763, -2.703),
    "Barnsley": (53.553, -1.480),
    "Huddersfield": (53.646, -1.785),
    "Derby": (52.922, -1.476),
    "Stoke-on-Trent": (53.003, -2.179),
    "Shrewsbury": (52.708, -2.754),
    "Worcester": (52.192, -2.220),
    "Warwick": (52.282, -1.585),
    "Northampton": (52.240, -0.902),
    "Bedford": (52.136, -0.467),
    "Taunton": (51.015, -3.106),
    "Truro": (50.263, -5.051),
}
VOCABULARY = [
    "access",
    "adolescents",
    "adult",
    "advice",
    "assessment",
    "behaviour",
    "bereavement",
    "bullying",
    "camhs",
    "capacity",
    "care",
    "carers",
    "challenging",
    "children",
    "co-design",
    "co-production",
    "commissioning",
    "community",
    "confidence",
    "consultation",
    "counselling",
    "crisis",
    "cyp",
    "data",
    "digital",
    "disorders",
    "early",
    "eating",
    "education",
    "emotional",
    "engagement",
    "escalation",
    "evidence",
    "exclusion",
    "exclusions",
    "families",
    "family",
    "governance",
    "help",
    "hospital",
    "inclusion",
    "inpatient",
    "integrated",
    "intervention",
    "isolation",
    "jsna",
    "leaders",
    "learning",
    "looked-after",
    "mental",
    "mentoring",
    "navigation",
    "needs",
    "neurodevelopmental",
    "nurses",
    "online",
    "outcomes",
    "parents",
    "participation",
    "partnership",
    "pathway",
    "peer",
    "planning",
    "prevention",
    "primary",
    "pupils",
    "referral",
    "resilience",
    "respite",
    "risk",
    "safeguarding",
    "schools",
    "secondary",
    "self-harm",
    "send",
    "services",
    "single-point",
    "social",
    "specialist",
    "staff",
    "support",
    "system",
    "teachers",
    "thresholds",
    "training",
    "transformation",
    "transition",
    "transitions",
    "trauma",
    "voluntary",
    "waiting",
    "wellbeing",
    "whole-school",
    "workforce",
    "young",
    "youth",
]
FILLER = [
    "the",
    "and",
    "of",
    "to",
    "for",
    "with",
    "in",
    "our",
    "how",
    "can",
    "we",
    "a",
    "their",
    "which",
]


def text(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(60, 120)):
        words.append(rng.choice(VOCABULARY) if rng.random() < 0.65 else rng.choice(FILLER))
    return " ".join(words).capitalize() + "."


def location(rng: random.Random) -> Location:
    latitude, longitude = TOWNS[rng.choice(list(TOWNS))]
    return Location(latitude + rng.uniform(-0.2, 0.2), longitude + rng.uniform(-0.2, 0.2))


def sample(rng: random.Random, pool, low: int, high: int) -> frozenset[str]:
    return frozenset(rng.sample(pool, rng.randint(low, high)))


def dataset(n: int, seed: int = 2018):
    rng = random.Random(seed)
    projects = [
        ProjectProfile(
            key=i,
            organisation_key=f"council-{i}",
            text=text(rng),
            thrive=sample(rng, THRIVE, 1, 3),
            themes=sample(rng, THEMES, 1, 2),
            challenge_areas=sample(rng, CHALLENGE_AREAS, 1, 2),
            location=location(rng),
            mode=EngagementMode.CALL if rng.random() < 0.1 else None,
        )
        for i in range(n)
    ]
    approaches = []
    for j in range(n):
        hosting = rng.random()
        approaches.append(
            ApproachProfile(
                key=j,
                # One approach in five belongs to an organisation that also has a project.
                organisation_key=f"council-{rng.randrange(n)}"
                if rng.random() < 0.2
                else f"peer-{j}",
                title=f"Approach {j}",
                text=text(rng),
                thrive=sample(rng, THRIVE, 1, 3),
                themes=sample(rng, THEMES, 1, 2),
                challenge_areas=sample(rng, CHALLENGE_AREAS, 1, 2),
                location=location(rng),
                hosts_visits=hosting < 0.9,
                hosts_calls=hosting > 0.1,
                capacity=rng.randint(1, 2),
            )
        )
    return projects, approaches


def median_ms(repeats: int, function, *args, **kwargs) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function(*args, **kwargs)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def fit_tfidf(texts):
    """TF-IDF alone, as the matcher fits it."""
    TfidfVectorizer(analyzer=peer_matching._words_and_pairs, sublinear_tf=True).fit_transform(texts)


def scipy_matrix(projects, approaches, weights):
    """The capacity-expanded matrix `suggest_matching` gives SciPy (no locks here)."""
    run = peer_matching._Run(projects, approaches, weights, EngagementMode.VISIT, {})
    allowed, _, _, places = peer_matching._problem(run, (), ())
    rows = list(range(len(run.projects)))
    matrix, _ = peer_matching._expanded(run, rows, allowed, places)
    return matrix


def main() -> None:
    weights = Weights()
    print(
        "Peer matching: n projects against n approaches (capacity 1-2), ranking plus the "
        "suggested matching;"
    )
    print("median of 5 runs (3 at 5,000).")
    print()
    print(
        f"{'n':>6} | {'ours ms':>9} | {'SciPy alone ms':>14} | {'ratio':>5} | "
        f"{'TF-IDF ms':>9} | {'scores ms':>9} | matrix"
    )
    print(f"{'-' * 6}-+-{'-' * 9}-+-{'-' * 14}-+-{'-' * 5}-+-{'-' * 9}-+-{'-' * 9}-+-{'-' * 13}")
    for n in SIZES:
        projects, approaches = dataset(n)
        repeats = REPEATS[n]
        matrix = scipy_matrix(projects, approaches, weights)
        floor = median_ms(repeats, linear_sum_assignment, matrix, maximize=True)
        shape = f"{matrix.shape[0]:,} × {matrix.shape[1]:,}"
        del matrix
        suggest_matching(projects, approaches, weights)  # warm up imports and caches
        ours = median_ms(repeats, suggest_matching, projects, approaches, weights)
        texts = [p.text for p in projects] + [f"{a.title}\n{a.text}" for a in approaches]
        tfidf = median_ms(repeats, fit_tfidf, texts)
        scores = median_ms(
            repeats, peer_matching._Run, projects, approaches, weights, EngagementMode.VISIT, {}
        )
        print(
            f"{n:>6,} | {ours:>9.1f} | {floor:>14.1f} | {ours / floor:>5.1f} | "
            f"{tfidf:>9.1f} | {scores:>9.1f} | {shape}"
        )


if __name__ == "__main__":
    main()
