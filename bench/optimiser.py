"""`make bench` (optimiser part): time of the suggested cohort at 100, 1,000 and 5,000
applications, beside a floor.

Random candidates (seeded) across the 9 English regions with random THRIVE categories; a cohort of
up to 8, at most 2 per region, every THRIVE category covered where possible. Each size is run 5
times and the median printed. The floor is SciPy's `milp` alone on the same candidates with only
the size and regional constraints (no coverage, no tie-break, no reasons), measured in the same
run.

Run it as `.venv/bin/python bench/optimiser.py`.
"""

import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from applications.cohort_optimiser import Candidate, CohortRules, suggest_cohort

SIZES = (100, 1_000, 5_000)
REPEATS = 5
REGIONS = {
    "north_east": "North East",
    "north_west": "North West",
    "yorkshire_humber": "Yorkshire and the Humber",
    "east_midlands": "East Midlands",
    "west_midlands": "West Midlands",
    "east_of_england": "East of England",
    "london": "London",
    "south_east": "South East",
    "south_west": "South West",
}
THRIVE = {
    "thriving": "Thriving",
    "getting_advice": "Getting advice",
    "getting_help": "Getting help",
    "getting_more_help": "Getting more help",
    "getting_risk_support": "Getting risk support",
}
RULES = CohortRules(min_size=6, max_size=8, max_per_region=2, thrive_labels=THRIVE)


def candidates(n: int, seed: int = 2018) -> list[Candidate]:
    rng = random.Random(seed)
    regions = list(REGIONS)
    categories = list(THRIVE)
    result = []
    for i in range(1, n + 1):
        region = rng.choice(regions)
        result.append(
            Candidate(
                id=i,
                organisation=f"Council {i}",
                region=region,
                region_label=REGIONS[region],
                score=None if rng.random() < 0.05 else round(rng.uniform(1, 5), 2),
                thrive=frozenset(rng.sample(categories, rng.randint(1, 3))),
            )
        )
    return result


def bare_milp(pool: list[Candidate], rules: CohortRules) -> np.ndarray:
    """Maximise total score with the size and regional constraints only."""
    n = len(pool)
    regions = sorted({c.region for c in pool})
    row_of = {region: r + 1 for r, region in enumerate(regions)}
    rows = [0] * n + [row_of[c.region] for c in pool]
    cols = list(range(n)) * 2
    matrix = coo_array((np.ones(2 * n), (rows, cols)), shape=(len(regions) + 1, n)).tocsr()
    lower = [rules.min_size] + [-np.inf] * len(regions)
    upper = [rules.max_size] + [rules.max_per_region] * len(regions)
    scores = np.array([c.score or 0.0 for c in pool])
    result = milp(
        -scores,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, lower, upper),
        options={"mip_rel_gap": 0.0},
    )
    return result.x


def median_ms(function, *args) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function(*args)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    print(
        f"Suggested cohort: cohort of {RULES.min_size}-{RULES.max_size}, at most "
        f"{RULES.max_per_region} per region, 5 THRIVE categories; median of {REPEATS} runs."
    )
    print()
    print(f"{'n':>6} | {'suggest_cohort ms':>17} | {'milp alone ms':>13}")
    print(f"{'-' * 6}-+-{'-' * 17}-+-{'-' * 13}")
    for n in SIZES:
        pool = candidates(n)
        suggest_cohort(pool, RULES)  # warm up imports and caches
        full = median_ms(suggest_cohort, pool, RULES)
        floor = median_ms(bare_milp, pool, RULES)
        print(f"{n:>6,} | {full:>17.1f} | {floor:>13.1f}")


if __name__ == "__main__":
    main()
