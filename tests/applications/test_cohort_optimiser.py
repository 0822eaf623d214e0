"""The suggested cohort (applications/cohort_optimiser.py): pure Python, no database."""

import itertools
import random
from collections import Counter

import pytest

from applications.cohort_optimiser import (
    Candidate,
    CohortInfeasible,
    CohortRules,
    Reason,
    suggest_cohort,
)

THRIVE = {
    "thriving": "Thriving",
    "getting_advice": "Getting advice",
    "getting_help": "Getting help",
    "getting_more_help": "Getting more help",
    "getting_risk_support": "Getting risk support",
}
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
EVERY_CATEGORY = frozenset(THRIVE)


def council(id, score, region="london", thrive=EVERY_CATEGORY, name=None):
    return Candidate(
        id=id,
        organisation=name or f"Council {id}",
        region=region,
        region_label=REGIONS[region],
        score=score,
        thrive=frozenset(thrive),
    )


def rules(min_size, max_size, **kwargs):
    kwargs.setdefault("thrive_labels", THRIVE)
    for key in ("must_include", "must_exclude"):
        if key in kwargs:
            kwargs[key] = frozenset(kwargs[key])
    return CohortRules(min_size=min_size, max_size=max_size, **kwargs)


def reason(suggestion, id):
    (found,) = [r for r in suggestion.reasons if r.candidate_id == id]
    return found.text


def infeasible(candidates, cohort_rules):
    with pytest.raises(CohortInfeasible) as raised:
        suggest_cohort(candidates, cohort_rules)
    assert str(raised.value) == raised.value.message
    return raised.value


# ---------------------------------------------------------------------------------------------
# Brute force: the same lexicographic objective, over every subset


def scaled(candidate):
    return 0 if candidate.score is None else round(candidate.score * 10_000)


def brute_force(candidates, cohort_rules):
    """The best feasible subset by (THRIVE categories covered, total score, fewest members, then
    the better-ranked members: score descending, id ascending), or None if nothing is feasible."""
    ranked = sorted(candidates, key=lambda c: (-scaled(c), c.id))
    wanted = set(cohort_rules.thrive_labels) if cohort_rules.cover_thrive else set()
    best_key, best = None, None
    for size in range(cohort_rules.min_size, cohort_rules.max_size + 1):
        for subset in itertools.combinations(ranked, size):
            ids = {c.id for c in subset}
            if not cohort_rules.must_include <= ids or cohort_rules.must_exclude & ids:
                continue
            if cohort_rules.max_per_region is not None and any(
                n > cohort_rules.max_per_region for n in Counter(c.region for c in subset).values()
            ):
                continue
            covered = len(wanted & set().union(*(c.thrive for c in subset)))
            key = (
                covered,
                sum(scaled(c) for c in subset),
                -size,
                tuple(c.id in ids for c in ranked),
            )
            if best_key is None or key > best_key:
                best_key, best = key, ids
    return best


# ---------------------------------------------------------------------------------------------
# Feasibility and size


def test_simple_case_selects_the_highest_scores_in_rank_order():
    """With room for three, the three highest scorers are selected, highest first, and the total
    is their sum."""
    candidates = [
        council(1, 3.10, "london"),
        council(2, 4.60, "north_west"),
        council(3, 2.00, "south_east"),
        council(4, 4.20, "east_midlands"),
        council(5, 3.90, "south_west"),
    ]
    suggestion = suggest_cohort(candidates, rules(1, 3))
    assert suggestion.selected == (2, 4, 5)
    assert suggestion.total_score == 12.7
    assert suggestion.uncovered_thrive == ()
    assert [r.candidate_id for r in suggestion.reasons] == [2, 4, 5, 1, 3]
    assert [r.selected for r in suggestion.reasons] == [True, True, True, False, False]
    assert suggestion.reasons[0] == Reason(
        2, True, "Selected: highest-scoring application in the North West (4.60)."
    )
    assert reason(suggestion, 1) == (
        "Not selected: the cohort is full at 3, and its score (3.10) is below the lowest "
        "selected (3.90)."
    )
    assert reason(suggestion, 3) == (
        "Not selected: the cohort is full at 3, and its score (2.00) is below the lowest "
        "selected (3.90)."
    )


def test_max_size_caps_the_cohort_even_with_room_in_every_region():
    """No more than max_size are selected, however many could be."""
    candidates = [council(i, 1 + i / 10, list(REGIONS)[i % 9]) for i in range(1, 21)]
    suggestion = suggest_cohort(candidates, rules(0, 8, max_per_region=3))
    assert suggestion.selected == (20, 19, 18, 17, 16, 15, 14, 13)


def test_min_size_forces_low_scorers_in():
    """The smallest cohort is reached even when that means taking the lowest scorers."""
    candidates = [council(1, 4.0, "london"), council(2, 1.2, "london"), council(3, 1.1, "london")]
    suggestion = suggest_cohort(candidates, rules(3, 5))
    assert suggestion.selected == (1, 2, 3)
    assert reason(suggestion, 3) == "Selected: third-highest score in London (1.10)."


def test_generic_selected_reason_below_third_in_a_region():
    """Fourth in a region (no regional limit) is explained by its score within the cohort."""
    candidates = [council(i, 5 - i / 10, "london") for i in range(1, 6)]
    suggestion = suggest_cohort(candidates, rules(1, 4))
    assert suggestion.selected == (1, 2, 3, 4)
    assert reason(suggestion, 4) == "Selected: score 4.60, within the cohort of 4."


def test_empty_cohort_when_nothing_is_required():
    """With no candidates and a smallest cohort of 0, the suggestion is empty."""
    suggestion = suggest_cohort([], rules(0, 8))
    assert suggestion.selected == ()
    assert suggestion.reasons == ()
    assert suggestion.total_score == 0
    assert suggestion.uncovered_thrive == tuple(THRIVE.values())


# ---------------------------------------------------------------------------------------------
# Regional limit


def test_regional_limit_leaves_out_a_third_london_council():
    """At most 2 per region: the third-best London council gives way to a lower scorer elsewhere,
    and the reasons say so."""
    candidates = [
        council(1, 4.60, "london", name="Camden"),
        council(2, 4.20, "london", name="Hackney"),
        council(3, 4.10, "london", name="Islington"),
        council(4, 3.00, "north_west", name="Wigan"),
    ]
    suggestion = suggest_cohort(candidates, rules(3, 3, max_per_region=2))
    assert suggestion.selected == (1, 2, 4)
    assert reason(suggestion, 1) == "Selected: highest-scoring application in London (4.60)."
    assert reason(suggestion, 2) == "Selected: second-highest score in London (4.20)."
    assert (
        reason(suggestion, 4) == "Selected: highest-scoring application in the North West (3.00)."
    )
    assert reason(suggestion, 3) == (
        "Not selected: a third council from London would exceed the regional limit of 2."
    )


def test_regional_limit_of_one_says_a_second_council():
    """The ordinal follows the limit."""
    candidates = [council(1, 4.0, "south_west"), council(2, 3.0, "south_west")]
    suggestion = suggest_cohort(candidates, rules(1, 2, max_per_region=1))
    assert suggestion.selected == (1,)
    assert reason(suggestion, 2) == (
        "Not selected: a second council from the South West would exceed the regional limit of 1."
    )


def test_without_a_regional_limit_one_region_can_fill_the_cohort():
    """max_per_region None means no limit."""
    candidates = [council(i, 5 - i / 10, "london") for i in range(1, 4)]
    candidates.append(council(9, 1.0, "north_east"))
    suggestion = suggest_cohort(candidates, rules(3, 3))
    assert suggestion.selected == (1, 2, 3)


# ---------------------------------------------------------------------------------------------
# THRIVE coverage


def test_thrive_coverage_takes_a_lower_scorer_who_alone_covers_a_category():
    """The only application covering Getting risk support is selected over a higher scorer, and
    the higher scorer's reason names the category it would lose."""
    rest = EVERY_CATEGORY - {"getting_risk_support"}
    candidates = [
        council(1, 4.5, "london", rest, name="Camden"),
        council(2, 4.4, "north_west", rest, name="Bolton"),
        council(3, 4.3, "south_east", rest, name="Kent"),
        council(4, 2.0, "south_west", {"getting_risk_support"}, name="Devon"),
    ]
    suggestion = suggest_cohort(candidates, rules(3, 3))
    assert suggestion.selected == (1, 2, 4)
    assert suggestion.uncovered_thrive == ()
    assert suggestion.total_score == 10.9
    assert reason(suggestion, 4) == (
        "Selected: the only application covering Getting risk support, so the cohort covers "
        "every THRIVE category."
    )
    assert reason(suggestion, 3) == (
        "Not selected: the cohort is full at 3, and taking it in place of Devon (2.00) would "
        "leave the cohort without Getting risk support."
    )


def test_coverage_pick_among_several_coverers_is_explained_as_such():
    """When more than one application covers a category, the reason says no other *selected*
    application covers it."""
    rest = EVERY_CATEGORY - {"thriving"}
    candidates = [
        council(1, 4.5, "london", rest),
        council(2, 4.4, "london", rest),
        council(3, 2.0, "north_east", {"thriving"}),
        council(4, 1.5, "north_east", {"thriving"}),
    ]
    suggestion = suggest_cohort(candidates, rules(2, 2))
    assert suggestion.selected == (1, 3)
    assert reason(suggestion, 3) == (
        "Selected: it covers Thriving, which no other selected application does, so the cohort "
        "covers every THRIVE category."
    )
    assert reason(suggestion, 4) == (
        "Not selected: the cohort is full at 2, and its score (1.50) is below the lowest "
        "selected (2.00)."
    )


def test_uncovered_categories_are_reported_when_coverage_is_impossible():
    """No application covers Thriving, so it is reported; the others are still covered."""
    candidates = [
        council(1, 4.0, "london", {"getting_advice", "getting_help"}),
        council(2, 3.0, "north_west", {"getting_more_help"}),
        council(3, 2.0, "south_east", {"getting_risk_support"}),
        council(4, 3.5, "south_west", {"getting_help"}),
    ]
    suggestion = suggest_cohort(candidates, rules(1, 3))
    assert suggestion.selected == (1, 2, 3)
    assert suggestion.uncovered_thrive == ("Thriving",)
    assert reason(suggestion, 3) == (
        "Selected: the only application covering Getting risk support, so the cohort covers 4 "
        "of 5 THRIVE categories."
    )


def test_coverage_gives_way_to_the_regional_limit():
    """Coverage is 'where possible': a hard regional limit wins, and the category is reported."""
    candidates = [
        council(1, 4.0, "london", EVERY_CATEGORY - {"thriving"}),
        council(2, 3.9, "london", EVERY_CATEGORY - {"thriving"}),
        council(3, 1.0, "london", {"thriving"}),
    ]
    suggestion = suggest_cohort(candidates, rules(2, 3, max_per_region=2, must_include={1, 2}))
    assert suggestion.selected == (1, 2)
    assert suggestion.uncovered_thrive == ("Thriving",)
    assert reason(suggestion, 3) == (
        "Not selected: a third council from London would exceed the regional limit of 2."
    )


def test_coverage_off_takes_the_top_scores():
    """With cover_thrive off the coverage pick is not made (but gaps are still reported)."""
    rest = EVERY_CATEGORY - {"getting_risk_support"}
    candidates = [
        council(1, 4.5, "london", rest),
        council(2, 4.4, "north_west", rest),
        council(3, 2.0, "south_west", {"getting_risk_support"}),
    ]
    suggestion = suggest_cohort(candidates, rules(2, 2, cover_thrive=False))
    assert suggestion.selected == (1, 2)
    assert suggestion.uncovered_thrive == ("Getting risk support",)


# ---------------------------------------------------------------------------------------------
# Must include and must exclude


def test_must_include_and_must_exclude_are_respected_with_reasons():
    """A locked-in low scorer is selected and a locked-out high scorer is not."""
    candidates = [
        council(1, 4.9, "london"),
        council(2, 4.0, "north_west"),
        council(3, 3.0, "south_east"),
        council(4, 1.0, "south_west"),
    ]
    suggestion = suggest_cohort(candidates, rules(2, 2, must_include={4}, must_exclude={1}))
    assert suggestion.selected == (2, 4)
    assert reason(suggestion, 4) == "Selected: the programme manager chose to include it."
    assert reason(suggestion, 1) == "Not selected: the programme manager chose to exclude it."
    assert reason(suggestion, 3) == (
        "Not selected: the cohort is full at 2, and its score (3.00) is below the lowest "
        "selected it could replace (4.00)."
    )


def test_must_include_fills_the_cohort():
    """When the must-includes fill the cohort, the others are told so."""
    candidates = [council(1, 1.0, "london"), council(2, 5.0, "north_west")]
    suggestion = suggest_cohort(candidates, rules(1, 1, must_include={1}))
    assert suggestion.selected == (1,)
    assert reason(suggestion, 2) == (
        "Not selected: the cohort is full at 1 with the programme manager's must-include choices."
    )


def test_unknown_ids_in_the_lists_are_ignored():
    """Choices for applications that are not candidates (withdrawn, say) have no effect."""
    candidates = [council(1, 4.0, "london"), council(2, 3.0, "north_west")]
    suggestion = suggest_cohort(candidates, rules(1, 1, must_include={99}, must_exclude={98}))
    assert suggestion.selected == (1,)


# ---------------------------------------------------------------------------------------------
# Infeasible rules


def test_infeasible_when_an_application_is_both_included_and_excluded():
    candidates = [council(1, 4.0, "london", name="Camden"), council(2, 3.0, "north_west")]
    error = infeasible(candidates, rules(1, 2, must_include={1}, must_exclude={1}))
    assert error.constraint == "include_and_exclude"
    assert error.message == (
        "No cohort fits these rules: Camden is both a must-include and a must-exclude choice. "
        "Remove it from one of the two lists."
    )


def test_infeasible_when_must_includes_exceed_the_largest_cohort():
    candidates = [council(i, 3.0, list(REGIONS)[i % 9]) for i in range(1, 11)]
    error = infeasible(candidates, rules(1, 8, must_include=set(range(1, 10))))
    assert error.constraint == "includes_above_max"
    assert error.message == (
        "No cohort fits these rules: 9 must-include applications exceed the largest cohort of 8. "
        "Remove some must-include choices or raise the largest cohort."
    )


def test_infeasible_when_must_includes_exceed_the_regional_limit():
    candidates = [council(i, 3.0, "london") for i in range(1, 4)]
    error = infeasible(candidates, rules(1, 8, max_per_region=2, must_include={1, 2, 3}))
    assert error.constraint == "includes_above_region_limit"
    assert error.message == (
        "No cohort fits these rules: 3 must-include applications are from London, above the "
        "regional limit of 2. Remove a must-include choice from London or raise the regional "
        "limit to 3."
    )


def test_infeasible_when_too_few_applications_are_eligible():
    candidates = [council(i, 3.0, list(REGIONS)[i]) for i in range(1, 8)]
    error = infeasible(candidates, rules(6, 8, must_exclude={1, 2}))
    assert error.constraint == "too_few_eligible"
    assert error.message == (
        "No cohort fits these rules: only 5 applications are eligible (2 are excluded), fewer "
        "than the smallest cohort of 6. Lower the smallest cohort to 5 or remove some "
        "must-exclude choices."
    )


def test_infeasible_when_too_few_applications_without_exclusions():
    candidates = [council(1, 3.0, "london")]
    error = infeasible(candidates, rules(2, 8))
    assert error.message == (
        "No cohort fits these rules: only 1 application is eligible, fewer than the smallest "
        "cohort of 2. Lower the smallest cohort to 1."
    )


def test_infeasible_when_the_regional_limit_caps_the_cohort_below_its_minimum():
    candidates = [council(i, 3.0, "london") for i in range(1, 4)]
    candidates += [council(i, 3.0, "north_west") for i in range(4, 7)]
    candidates += [council(7, 3.0, "south_east")]
    error = infeasible(candidates, rules(6, 8, max_per_region=2))
    assert error.constraint == "regional_limit_too_low"
    assert error.message == (
        "No cohort fits these rules: at most 2 per region allows only 5 councils from the 3 "
        "regions that applied, fewer than the smallest cohort of 6. Raise the regional limit or "
        "lower the smallest cohort to 5."
    )


def test_infeasible_when_the_smallest_cohort_is_above_the_largest():
    candidates = [council(i, 3.0, list(REGIONS)[i % 9]) for i in range(1, 13)]
    error = infeasible(candidates, rules(10, 8))
    assert error.constraint == "min_above_max"
    assert error.message == (
        "No cohort fits these rules: the smallest cohort (10) is larger than the largest cohort "
        "(8). Lower the smallest cohort or raise the largest cohort."
    )


def test_duplicate_candidates_are_a_programming_error():
    with pytest.raises(ValueError, match="more than once"):
        suggest_cohort([council(1, 3.0), council(1, 4.0)], rules(1, 1))


# ---------------------------------------------------------------------------------------------
# Ties and determinism


def test_ties_go_to_the_lower_id():
    """Equal scores, one place: the lower application id wins, and both reasons say so."""
    candidates = [
        council(7, 4.0, "london"),
        council(3, 4.0, "north_west"),
        council(5, 4.0, "south_east"),
    ]
    suggestion = suggest_cohort(candidates, rules(1, 2))
    assert suggestion.selected == (3, 5)
    assert reason(suggestion, 7) == (
        "Not selected: the cohort is full at 2, and its score (4.00) ties with the lowest "
        "selected (4.00); ties go to the earlier application."
    )


def test_joint_scores_in_a_region_are_called_joint():
    candidates = [council(1, 4.0, "london"), council(2, 4.0, "london")]
    suggestion = suggest_cohort(candidates, rules(2, 2))
    assert reason(suggestion, 1) == "Selected: joint highest-scoring application in London (4.00)."


def test_shuffled_input_gives_the_same_suggestion():
    """The result does not depend on the order of the candidates, and repeats exactly."""
    rng = random.Random(7)
    categories = list(THRIVE)
    candidates = [
        council(
            i,
            rng.choice([3.0, 3.5, 4.0, None]),
            rng.choice(list(REGIONS)),
            rng.sample(categories, rng.randint(0, 2)),
        )
        for i in range(1, 41)
    ]
    cohort_rules = rules(6, 8, max_per_region=2)
    first = suggest_cohort(candidates, cohort_rules)
    for seed in range(5):
        shuffled = candidates[:]
        random.Random(seed).shuffle(shuffled)
        assert suggest_cohort(shuffled, cohort_rules) == first


# ---------------------------------------------------------------------------------------------
# Unscored applications


def test_unscored_applications_count_as_zero_and_say_so():
    """An unscored application is not added just because there is room."""
    candidates = [council(1, 3.0, "london"), council(2, None, "north_west")]
    suggestion = suggest_cohort(candidates, rules(1, 2))
    assert suggestion.selected == (1,)
    assert reason(suggestion, 2) == "Not selected: not yet scored."


def test_unscored_application_taken_to_reach_the_smallest_cohort():
    candidates = [council(1, 3.0, "london"), council(2, None, "north_west")]
    suggestion = suggest_cohort(candidates, rules(2, 2))
    assert suggestion.selected == (1, 2)
    assert suggestion.total_score == 3.0
    assert reason(suggestion, 2) == (
        "Selected: not yet scored, but needed to reach the smallest cohort of 2."
    )


def test_unscored_application_taken_for_coverage():
    candidates = [
        council(1, 3.0, "london", EVERY_CATEGORY - {"thriving"}),
        council(2, None, "north_west", {"thriving"}),
    ]
    suggestion = suggest_cohort(candidates, rules(1, 2))
    assert suggestion.selected == (1, 2)
    assert reason(suggestion, 2) == (
        "Selected: the only application covering Thriving, so the cohort covers every THRIVE "
        "category. It has not yet been scored."
    )


# ---------------------------------------------------------------------------------------------
# The 2018 programme's shape: 17 applications, 8 selected


def test_2018_shaped_programme():
    """17 applications from 8 regions, a cohort of 8, at most 2 per region, every THRIVE category
    covered; the suggestion matches brute force and every reason is given."""
    data = [
        (101, "Barnsley", "yorkshire_humber", 4.60, {"getting_help", "getting_more_help"}),
        (102, "Bolton", "north_west", 4.35, {"getting_help"}),
        (103, "Camden", "london", 4.20, {"thriving", "getting_advice"}),
        (104, "Cornwall", "south_west", 3.10, {"getting_risk_support"}),
        (105, "Derby", "east_midlands", 3.80, {"getting_help"}),
        (106, "Hackney", "london", 4.40, {"getting_help"}),
        (107, "Islington", "london", 4.25, {"getting_advice"}),
        (108, "Kent", "south_east", 3.95, {"getting_more_help"}),
        (109, "Leeds", "yorkshire_humber", 4.45, {"getting_help"}),
        (110, "Norfolk", "east_of_england", 3.40, {"thriving"}),
        (111, "Oldham", "north_west", 4.10, {"getting_advice", "getting_help"}),
        (112, "Sheffield", "yorkshire_humber", 4.30, {"getting_help", "thriving"}),
        (113, "Solihull", "west_midlands", 3.70, {"getting_more_help"}),
        (114, "Surrey", "south_east", 3.60, {"getting_advice"}),
        (115, "Wigan", "north_west", 4.00, {"getting_help"}),
        (116, "Walsall", "west_midlands", 3.20, {"getting_help"}),
        (117, "Sunderland", "north_east", 2.90, {"getting_advice"}),
    ]
    candidates = [council(i, s, r, t, name=n) for i, n, r, s, t in data]
    cohort_rules = rules(8, 8, max_per_region=2)
    suggestion = suggest_cohort(candidates, cohort_rules)
    assert suggestion.selected == (101, 109, 106, 102, 103, 111, 108, 104)
    assert set(suggestion.selected) == brute_force(candidates, cohort_rules)
    assert suggestion.uncovered_thrive == ()
    assert suggestion.total_score == 33.15
    assert len(suggestion.reasons) == 17
    assert reason(suggestion, 104) == (
        "Selected: the only application covering Getting risk support, so the cohort covers "
        "every THRIVE category."
    )
    assert reason(suggestion, 112) == (
        "Not selected: a third council from Yorkshire and the Humber would exceed the regional "
        "limit of 2."
    )
    assert reason(suggestion, 103) == (
        "Selected: it covers Thriving, which no other selected application does, so the cohort "
        "covers every THRIVE category."
    )
    assert reason(suggestion, 107) == (
        "Not selected: London is at the regional limit of 2, and taking it in place of Camden "
        "(4.20) would leave the cohort without Thriving."
    )
    assert reason(suggestion, 115) == (
        "Not selected: a third council from the North West would exceed the regional limit of 2."
    )
    assert reason(suggestion, 105) == (
        "Not selected: the cohort is full at 8, and taking it in place of Cornwall (3.10) would "
        "leave the cohort without Getting risk support."
    )
    assert reason(suggestion, 117) == (
        "Not selected: the cohort is full at 8, and its score (2.90) is below the lowest "
        "selected (3.10)."
    )


# ---------------------------------------------------------------------------------------------
# Property: agrees with brute force on small random instances


def random_instance(seed):
    rng = random.Random(seed)
    regions = rng.sample(list(REGIONS), rng.randint(1, 4))
    categories = list(THRIVE)
    n = rng.randint(1, 12)
    ties = rng.random() < 0.5  # a few distinct scores, so ties are common
    candidates = []
    for i in rng.sample(range(1, 100), n):
        if rng.random() < 0.1:
            score = None
        elif ties:
            score = rng.choice([2.0, 3.0, 3.5])
        else:
            score = round(rng.uniform(1, 5), 2)
        thrive = rng.sample(categories, rng.choice([0, 1, 1, 1, 2, 3]))
        candidates.append(council(i, score, rng.choice(regions), thrive))
    ids = [c.id for c in candidates]
    min_size = rng.randint(0, min(4, n))
    cohort_rules = rules(
        min_size,
        rng.randint(max(min_size, 1), 6),
        max_per_region=rng.choice([None, 1, 2, 2, 3]),
        must_include=rng.sample(ids, min(n, rng.choice([0, 0, 0, 1, 2]))),
        must_exclude=rng.sample(ids, min(n, rng.choice([0, 0, 0, 1, 2]))),
        cover_thrive=rng.random() < 0.8,
    )
    return candidates, cohort_rules


@pytest.mark.parametrize("seed", range(30))
def test_agrees_with_brute_force(seed):
    """The suggestion is the brute-force best subset, or both find no feasible cohort."""
    candidates, cohort_rules = random_instance(seed)
    expected = brute_force(candidates, cohort_rules)
    if expected is None:
        with pytest.raises(CohortInfeasible):
            suggest_cohort(candidates, cohort_rules)
        return
    suggestion = suggest_cohort(candidates, cohort_rules)
    assert set(suggestion.selected) == expected
    ranked = sorted(candidates, key=lambda c: (-scaled(c), c.id))
    order = [c.id for c in ranked if c.id in expected] + [
        c.id for c in ranked if c.id not in expected
    ]
    assert [r.candidate_id for r in suggestion.reasons] == order
    assert all(r.selected == (r.candidate_id in expected) for r in suggestion.reasons)
    assert all(
        r.text.startswith("Selected: " if r.selected else "Not selected: ")
        for r in suggestion.reasons
    )


def test_random_instances_include_infeasible_and_tied_cases():
    """The property test above exercises both infeasible rules and ties, not only easy cases."""
    outcomes = Counter()
    for seed in range(30):
        candidates, cohort_rules = random_instance(seed)
        outcomes["infeasible" if brute_force(candidates, cohort_rules) is None else "feasible"] += 1
        scores = [c.score for c in candidates if c.score is not None]
        outcomes["tied"] += len(scores) != len(set(scores))
    assert outcomes["infeasible"] >= 1
    assert outcomes["feasible"] >= 20
    assert outcomes["tied"] >= 5


def test_larger_instance_agrees_with_brute_force():
    """40 candidates in 3 regions (so most are set aside before solving) still give the exact
    best cohort of 4."""
    rng = random.Random(2018)
    categories = list(THRIVE)
    candidates = [
        council(
            i,
            rng.choice([2.5, 3.0, 3.25, 4.0, 4.5]),
            rng.choice(["london", "north_west", "south_east"]),
            rng.sample(categories, rng.randint(0, 2)),
        )
        for i in range(1, 41)
    ]
    cohort_rules = rules(3, 4, max_per_region=2)
    assert set(suggest_cohort(candidates, cohort_rules).selected) == brute_force(
        candidates, cohort_rules
    )
