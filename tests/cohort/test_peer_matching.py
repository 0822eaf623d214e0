"""Peer matching without Django (issue 15, parts 2 and 3): ranking approaches for a project with
reasons, and the suggested matching for the cohort, proved optimal against brute force on small
random cases. The projects and approaches are the 2018 programme's, from its final report."""

import dataclasses
import itertools
import math
import random

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from cohort import peer_matching
from cohort.peer_matching import (
    ApproachProfile,
    EngagementMode,
    Location,
    ProjectProfile,
    Weights,
    rank_approaches,
    rank_cohort,
    suggest_matching,
)
from cohort.venue_ranking import distance_km

VISIT, CALL = EngagementMode.VISIT, EngagementMode.CALL

# Approximate centres, as organisations' locations are.
LEWISHAM = Location(51.4452, -0.0209)
HARINGEY = Location(51.5906, -0.1110)
SURREY = Location(51.2362, -0.5704)  # Guildford
WARWICKSHIRE = Location(52.2823, -1.5849)  # Warwick
BIRMINGHAM = Location(52.4862, -1.8904)
CHESHIRE_EAST = Location(53.0960, -2.4410)  # Sandbach
NORTH_TYNESIDE = Location(55.0179, -1.4858)
ESSEX = Location(51.7356, 0.4685)  # Chelmsford
DURHAM = Location(54.7761, -1.5733)

LEWISHAM_PROJECT = ProjectProfile(
    key=1,
    organisation_key="lewisham",
    name="Lewisham",
    text=(
        "How can we work more effectively with schools to address the social, emotional and "
        "mental health needs of pupils at risk of exclusion, in a way that prevents further "
        "escalation? Rising levels of school exclusions, due to challenging behaviour, often "
        "reported as persistent disruptive behaviour. Many of these pupils have social, "
        "emotional and mental health issues but have not been able to access specialist "
        "support from health or social care."
    ),
    thrive=frozenset({"getting_help", "getting_more_help"}),
    themes=frozenset({"whole-school approach", "holistic view of the child"}),
    challenge_areas=frozenset({"needs of particular groups"}),
    location=LEWISHAM,
)
WARWICKSHIRE_PROJECT = ProjectProfile(
    key=2,
    organisation_key="warwickshire",
    name="Warwickshire",
    text=(
        "How can we provide enhanced support to children and young people in crisis or with "
        "intensive support needs in the community to reduce occupied bed days in tier-four "
        "settings? Young people whose mental health is in crisis are admitted to psychiatric "
        "inpatient wards or moved out of area."
    ),
    thrive=frozenset({"getting_risk_support"}),
    themes=frozenset({"delivering in times of change"}),
    challenge_areas=frozenset({"timely access to help"}),
    location=WARWICKSHIRE,
)
ESSEX_PROJECT = ProjectProfile(
    key=3,
    organisation_key="essex",
    name="Essex",
    text=(
        "Is there a way to deliver a flexible approach to transitions from CAMHS to adult "
        "mental health services? Young people turning eighteen fall between thresholds and "
        "lose support at the point of transition to adulthood."
    ),
    thrive=frozenset({"getting_help", "getting_more_help"}),
    themes=frozenset({"holistic view of the child"}),
    challenge_areas=frozenset({"timely access to help"}),
    location=ESSEX,
)
DURHAM_PROJECT = ProjectProfile(
    key=4,
    organisation_key="durham",
    name="Durham",
    text=(
        "How do we engage system leaders, the wider workforce, children and families in the "
        "vision for early intervention in emotional health and wellbeing in County Durham, "
        "and then their support in making early help a meaningful and measurable reality?"
    ),
    thrive=frozenset({"thriving", "getting_advice"}),
    themes=frozenset({"confidence of the wider workforce"}),
    challenge_areas=frozenset({"finding advice and information"}),
    location=DURHAM,
)

ANCHOR = ApproachProfile(
    key="anchor",
    organisation_key="haringey",
    title="Anchor project",
    text=(
        "Support and training for schools on how to handle challenging behaviour and reduce "
        "school exclusions. Using a whole-school approach to wellbeing and training senior "
        "school leaders around exclusion, mental health, behaviour and wellbeing, it equips "
        "schools to see the whole picture for each child and aims to prevent escalation."
    ),
    thrive=frozenset({"getting_help"}),
    themes=frozenset({"whole-school approach"}),
    challenge_areas=frozenset({"needs of particular groups"}),
    location=HARINGEY,
)
HOPE = ApproachProfile(
    key="hope",
    organisation_key="surrey",
    title="Hope and Extended Hope",
    text=(
        "How the county supports children and young people whose mental health is in crisis: "
        "a respite and crisis two-bed children's home and a day programme, which includes "
        "education, designed to provide support and continuity and to prevent children being "
        "admitted to psychiatric inpatient wards or moved out of area. An out-of-hours and "
        "weekend crisis service with home visits to families."
    ),
    thrive=frozenset({"getting_risk_support", "getting_more_help"}),
    themes=frozenset({"delivering in times of change"}),
    challenge_areas=frozenset({"timely access to help"}),
    location=SURREY,
)
FORWARD_THINKING = ApproachProfile(
    key="ftb",
    organisation_key="birmingham",
    title="Forward Thinking Birmingham",
    text=(
        "The city's 0-25 delivery model for mental health, with no transition at eighteen "
        "from children's to adult mental health services, and how young people navigate the "
        "system using the Pause open access hub and its other points of access."
    ),
    thrive=frozenset({"getting_advice", "getting_help", "getting_more_help"}),
    themes=frozenset({"holistic view of the child"}),
    challenge_areas=frozenset({"timely access to help", "finding advice and information"}),
    location=BIRMINGHAM,
    capacity=2,
)
HEALTHY_SCHOOLS = ApproachProfile(
    key="ehs",
    organisation_key="cheshire-east",
    title="Emotionally Healthy Schools",
    text=(
        "Bringing together public health, schools and a voluntary sector delivery partner to "
        "increase the consistency of mental health support in schools, with a whole school "
        "resilience programme and early help for emotional wellbeing."
    ),
    thrive=frozenset({"thriving", "getting_advice"}),
    themes=frozenset({"whole-school approach", "confidence of the wider workforce"}),
    challenge_areas=frozenset({"finding advice and information"}),
    location=CHESHIRE_EAST,
    hosts_visits=False,
)
MH2K = ApproachProfile(
    key="mh2k",
    organisation_key="north-tyneside",
    title="MH:2K citizen researchers",
    text=(
        "A participatory programme which empowers young people to become citizen researchers "
        "and make recommendations about how to improve the emotional wellbeing and mental "
        "health of local children and young people: co-production and young people's voices."
    ),
    thrive=frozenset({"thriving"}),
    themes=frozenset({"young people's voices and co-design"}),
    location=NORTH_TYNESIDE,
)
YOUNG_CARERS = ApproachProfile(
    key="carers",
    organisation_key="demoshire",
    title="Young carers in schools (fictional)",
    text=(
        "Identifying young carers early in primary and secondary schools, with a young carers' "
        "lead in every school, respite breaks and peer support groups, so that caring "
        "responsibilities do not harm their education and emotional wellbeing."
    ),
    thrive=frozenset({"getting_advice", "getting_help"}),
    themes=frozenset({"holistic view of the child"}),
    challenge_areas=frozenset({"needs of particular groups"}),
    location=Location(52.6309, 1.2974),  # Norwich
)

PROJECTS = [LEWISHAM_PROJECT, WARWICKSHIRE_PROJECT, ESSEX_PROJECT, DURHAM_PROJECT]
APPROACHES = [ANCHOR, HOPE, FORWARD_THINKING, HEALTHY_SCHOOLS, MH2K, YOUNG_CARERS]


def keys(ranked):
    return [r.approach.key for r in ranked]


def chosen(matching):
    return {m.project.key: (m.choice.approach.key if m.choice else None) for m in matching.matches}


# --------------------------------------------------------------------------------------------
# Ranking


def test_rank_school_exclusions_project_ranks_school_inclusion_above_crisis_care():
    for mode in (VISIT, CALL):
        ranked = keys(rank_approaches(LEWISHAM_PROJECT, APPROACHES, mode=mode))
        assert ranked.index("anchor") < ranked.index("hope")
        assert ranked[0] == "anchor"


def test_rank_crisis_project_ranks_crisis_care_first():
    assert keys(rank_approaches(WARWICKSHIRE_PROJECT, APPROACHES))[0] == "hope"


def test_rank_transitions_project_ranks_the_0_to_25_service_first():
    assert keys(rank_approaches(ESSEX_PROJECT, APPROACHES))[0] == "ftb"


def test_rank_reasons_name_the_shared_terms_categories_themes_and_distance():
    anchor = rank_approaches(LEWISHAM_PROJECT, APPROACHES)[0]
    assert "school exclusions" in anchor.shared_terms
    assert anchor.shared_thrive == ("Getting help",)
    assert anchor.shared_themes == ("whole-school approach",)
    assert anchor.shared_challenge_areas == ("needs of particular groups",)
    km = round(distance_km(LEWISHAM, HARINGEY))
    assert anchor.distance_km == pytest.approx(distance_km(LEWISHAM, HARINGEY))
    assert anchor.reasons == (
        f"both about {' and '.join(anchor.shared_terms)}",
        "both Getting help",
        "shared theme: whole-school approach",
        "shared challenge area: needs of particular groups",
        f"{km} km",
    )
    assert anchor.reason == "; ".join(anchor.reasons)
    assert anchor.rank == 1


def test_rank_reasons_name_every_shared_thrive_category_in_the_framework_order():
    ranked = {r.approach.key: r for r in rank_approaches(ESSEX_PROJECT, APPROACHES)}
    assert ranked["ftb"].shared_thrive == ("Getting help", "Getting more help")
    assert "both Getting help and Getting more help" in ranked["ftb"].reasons
    assert ranked["ftb"].shared_terms  # "transition", "adult mental health"...


def test_rank_reasons_use_the_names_given():
    names = {"getting_help": "Help", "getting_more_help": "More help"}
    ranked = rank_approaches(ESSEX_PROJECT, [FORWARD_THINKING], thrive_names=names)
    assert ranked[0].shared_thrive == ("Help", "More help")


def test_rank_text_reason_is_written_as_the_project_says_it():
    project = ProjectProfile(
        key=1,
        organisation_key="barnsley",
        text="How can we improve children's access to services and timely support?",
    )
    approach = ApproachProfile(
        key=1,
        organisation_key="birmingham",
        title="Open access hub",
        text="Young people's access to services through one open access hub.",
    )
    ranked = rank_approaches(project, [approach])[0]
    assert ranked.shared_terms == ("access to services",)
    assert ranked.reasons[0] == "both about access to services"


def test_rank_distance_changes_the_order_for_visits_and_not_for_calls():
    text = "Support for pupils at risk of school exclusion through a whole-school approach."
    near = ApproachProfile(
        key="near",
        organisation_key="haringey",
        title="Alpha",
        text=text,
        thrive=frozenset({"getting_help"}),
        location=HARINGEY,
    )
    far = dataclasses.replace(
        near,
        key="far",
        organisation_key="cheshire-east",
        title="Bravo",
        thrive=frozenset({"getting_help", "getting_more_help"}),
        location=CHESHIRE_EAST,
    )
    visit = rank_approaches(LEWISHAM_PROJECT, [far, near], mode=VISIT)
    call = rank_approaches(LEWISHAM_PROJECT, [far, near], mode=CALL)
    assert keys(visit) == ["near", "far"]
    assert keys(call) == ["far", "near"]
    # The text and categories are scored alike in both modes; only distance differs.
    assert visit[0].components.text == pytest.approx(visit[1].components.text)
    assert call[0].reasons[-1].endswith("km, which does not count for a call")
    assert call[0].mode == CALL


def test_rank_a_project_mode_overrides_the_run_mode():
    project = dataclasses.replace(LEWISHAM_PROJECT, mode=CALL)
    ranked = rank_approaches(project, APPROACHES, mode=VISIT)
    assert "ehs" in keys(ranked)  # hosts calls only
    assert all(r.mode == CALL for r in ranked)


def test_rank_leaves_out_own_organisation_and_approaches_not_hosting_the_mode():
    own = dataclasses.replace(ANCHOR, key="own", organisation_key="lewisham")
    visits_only = dataclasses.replace(HOPE, key="visits-only", hosts_calls=False)
    approaches = [*APPROACHES, own, visits_only]
    visit = keys(rank_approaches(LEWISHAM_PROJECT, approaches, mode=VISIT))
    call = keys(rank_approaches(LEWISHAM_PROJECT, approaches, mode=CALL))
    assert "own" not in visit and "own" not in call
    assert "ehs" not in visit  # calls only
    assert "ehs" in call
    assert "visits-only" in visit
    assert "visits-only" not in call


def test_rank_weights_change_the_order():
    text_only = Weights(text=1, thrive=0, themes=0, challenge_areas=0, distance=0)
    thrive_only = Weights(text=0, thrive=1, themes=0, challenge_areas=0, distance=0)
    by_text = rank_approaches(DURHAM_PROJECT, [HEALTHY_SCHOOLS, MH2K], text_only, CALL)
    by_thrive = rank_approaches(DURHAM_PROJECT, [MH2K, HEALTHY_SCHOOLS], thrive_only, CALL)
    assert by_text[0].score == pytest.approx(by_text[0].components.text, abs=1e-6)
    assert by_thrive[0].approach.key == "ehs"
    assert by_thrive[0].score == 1.0  # both of Durham's categories
    assert by_thrive[1].score == 0.5


def test_rank_scores_are_weighted_means_between_zero_and_one():
    weights = Weights(text=2, thrive=1, themes=1, challenge_areas=1, distance=3)
    for r in rank_approaches(LEWISHAM_PROJECT, APPROACHES, weights, VISIT):
        c = r.components
        expected = (2 * c.text + c.thrive + c.themes + c.challenge_areas + 3 * c.distance) / 8
        assert r.score == pytest.approx(expected, abs=1e-6)
        assert 0 <= r.score <= 1
    for r in rank_approaches(LEWISHAM_PROJECT, APPROACHES, weights, CALL):
        c = r.components
        assert r.score == pytest.approx(
            (2 * c.text + c.thrive + c.themes + c.challenge_areas) / 5, abs=1e-6
        )


def test_rank_closeness_halves_every_150_km_and_is_zero_without_a_location():
    unknown = dataclasses.replace(ANCHOR, location=None)
    ranked = rank_approaches(LEWISHAM_PROJECT, [unknown, HOPE])
    by_key = {r.approach.key: r for r in ranked}
    assert by_key["anchor"].components.distance == 0
    assert by_key["anchor"].distance_km is None
    assert "distance unknown" in by_key["anchor"].reasons
    km = distance_km(LEWISHAM, SURREY)
    assert by_key["hope"].components.distance == pytest.approx(0.5 ** (km / 150))


def test_rank_with_nothing_in_common_says_so():
    project = ProjectProfile(key=1, organisation_key="a", text="Bereavement counselling.")
    approach = ApproachProfile(key=1, organisation_key="b", title="Parks", text="Tree planting.")
    ranked = rank_approaches(project, [approach], mode=CALL)
    assert ranked[0].reasons == ("little in common",)
    assert ranked[0].score == 0


def test_rank_no_approaches_and_no_words():
    assert rank_approaches(LEWISHAM_PROJECT, []) == []
    project = ProjectProfile(key=1, organisation_key="a", text="")
    approach = ApproachProfile(key=1, organisation_key="b", title="", text="the and of")
    assert rank_approaches(project, [approach])[0].components.text == 0


def test_rank_ties_go_to_the_approach_whose_key_sorts_first():
    twins = [dataclasses.replace(ANCHOR, key=k, organisation_key=f"org-{k}") for k in (3, 1, 2)]
    assert keys(rank_approaches(LEWISHAM_PROJECT, twins)) == [1, 2, 3]
    assert [r.rank for r in rank_approaches(LEWISHAM_PROJECT, twins)] == [1, 2, 3]


def test_rank_cohort_ranks_every_project_with_one_fit():
    ranked = rank_cohort(PROJECTS, APPROACHES, limit=2)
    assert set(ranked) == {1, 2, 3, 4}
    assert all(len(candidates) == 2 for candidates in ranked.values())
    assert ranked[1][0].approach.key == "anchor"
    assert ranked[2][0].approach.key == "hope"


def test_words_and_pairs_is_scikit_learns_default_analysis():
    """The fast analyser gives the same vocabulary and vectors as TfidfVectorizer's own."""
    texts = [p.text for p in PROJECTS] + [f"{a.title}\n{a.text}" for a in APPROACHES]
    ours = TfidfVectorizer(analyzer=peer_matching._words_and_pairs, sublinear_tf=True)
    theirs = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
    a, b = ours.fit_transform(texts), theirs.fit_transform(texts)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert abs(a - b).max() == 0


def test_text_similarity_is_the_cosine_of_the_tfidf_vectors():
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
    texts = [p.text for p in PROJECTS] + [f"{a.title}\n{a.text}" for a in APPROACHES]
    matrix = vectors.fit_transform(texts).toarray()
    expected = matrix[: len(PROJECTS)] @ matrix[len(PROJECTS) :].T
    ranked = rank_cohort(PROJECTS, APPROACHES, mode=CALL)
    text_only = Weights(text=1, thrive=0, themes=0, challenge_areas=0, distance=0)
    by_text = rank_cohort(PROJECTS, APPROACHES, text_only, CALL)
    for i, project in enumerate(PROJECTS):
        for r, s in zip(ranked[project.key], by_text[project.key], strict=False):
            j = APPROACHES.index(r.approach)
            assert r.components.text == pytest.approx(expected[i, j], abs=1e-12)
            k = APPROACHES.index(s.approach)
            assert s.score == pytest.approx(expected[i, k], abs=1e-6)


def test_distance_matrix_is_the_venue_rankings_haversine():
    run = peer_matching._Run(PROJECTS, APPROACHES, Weights(), VISIT, {})
    km = peer_matching._distance_matrix(run.projects, run.approaches)
    for i, project in enumerate(run.projects):
        for j, approach in enumerate(run.approaches):
            assert km[i, j] == pytest.approx(
                distance_km(project.location, approach.location), abs=1e-3
            )


# --------------------------------------------------------------------------------------------
# Weights and profiles


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": -1}, "The weight for text is negative."),
        ({"challenge_areas": math.nan}, "The weight for challenge areas is not a finite number."),
        ({"distance": math.inf}, "The weight for distance is not a finite number."),
        ({"thrive": "1"}, "The weight for thrive is not a number."),
        ({"themes": True}, "The weight for themes is not a number."),
        (
            {"text": 0, "thrive": 0, "themes": 0, "challenge_areas": 0, "distance": 0},
            "At least one weight must be more than 0.",
        ),
    ],
)
def test_weights_are_validated(changes, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        Weights(**changes)


def test_weights_defaults_count_text_most():
    weights = Weights()
    assert weights.text > max(weights.thrive, weights.themes, weights.challenge_areas)
    assert Weights(text=0, thrive=0, themes=0, challenge_areas=0, distance=0.5).distance == 0.5


def test_approach_capacity_must_be_a_whole_number_not_negative():
    with pytest.raises(ValueError, match="negative"):
        dataclasses.replace(ANCHOR, capacity=-1)
    with pytest.raises(ValueError, match="not a whole number"):
        dataclasses.replace(ANCHOR, capacity=1.5)


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match=r"^The project 1 appears more than once\.$"):
        suggest_matching([LEWISHAM_PROJECT, LEWISHAM_PROJECT], APPROACHES)
    with pytest.raises(ValueError, match=r"^The approach 'hope' appears more than once\.$"):
        rank_approaches(LEWISHAM_PROJECT, [HOPE, HOPE])


# --------------------------------------------------------------------------------------------
# Matching


def test_matching_gives_each_2018_project_its_peer():
    matching = suggest_matching(PROJECTS, APPROACHES, mode=CALL)
    assert chosen(matching) == {1: "anchor", 2: "hope", 3: "ftb", 4: "ehs"}
    lewisham = matching.for_project(1)
    assert lewisham.explanation == "Its best fit of 6 candidates."
    assert len(lewisham.alternatives) == 2
    assert lewisham.alternatives[0].candidate.rank == 2
    assert lewisham.alternatives[1].candidate.rank == 3
    assert matching.total_score == pytest.approx(sum(m.choice.score for m in matching.matches))
    assert matching.unmatched == ()


def test_matching_visits_leave_out_an_approach_hosting_calls_only():
    matching = suggest_matching([DURHAM_PROJECT], [HEALTHY_SCHOOLS, MH2K], mode=VISIT)
    assert chosen(matching) == {4: "mh2k"}
    only_calls = suggest_matching([DURHAM_PROJECT], [HEALTHY_SCHOOLS], mode=VISIT)
    assert only_calls.matches[0].explanation == (
        "Not matched: no approach hosts visits (1 does not host visits)."
    )
    as_call = dataclasses.replace(DURHAM_PROJECT, mode=CALL)
    assert chosen(suggest_matching([as_call], [HEALTHY_SCHOOLS], mode=VISIT)) == {4: "ehs"}


def test_matching_respects_capacity_and_names_the_unmatched():
    schools = [
        dataclasses.replace(LEWISHAM_PROJECT, key=k, organisation_key=f"council-{k}")
        for k in (1, 2, 3)
    ]
    anchor = dataclasses.replace(ANCHOR, capacity=2)
    matching = suggest_matching(schools, [anchor])
    assert list(chosen(matching).values()).count("anchor") == 2
    assert matching.places_left == {"anchor": 0}
    (unmatched,) = matching.unmatched
    assert unmatched.explanation == (
        "Not matched: no approach has capacity left. The one it could take, “Anchor project”, "
        "is full."
    )


def test_matching_a_second_best_fit_says_why():
    schools = [
        dataclasses.replace(LEWISHAM_PROJECT, key=k, organisation_key=f"council-{k}")
        for k in (1, 2)
    ]
    matching = suggest_matching(schools, [ANCHOR, YOUNG_CARERS], mode=CALL)
    second = matching.for_project(2)
    assert second.choice.approach.key == "carers"
    assert second.choice.rank == 2
    assert second.explanation == (
        "Its 2nd best fit of 2 candidates: “Anchor project” fits better but is taken by "
        "other projects, for the most projects matched and the best total across the cohort."
    )
    assert second.alternatives[0].candidate.approach.key == "anchor"
    assert second.alternatives[0].places_left == 0


def test_matching_zero_capacity_is_never_used():
    matching = suggest_matching([LEWISHAM_PROJECT], [dataclasses.replace(ANCHOR, capacity=0)])
    assert chosen(matching) == {1: None}
    assert matching.matches[0].explanation.startswith("Not matched: no approach has capacity left.")


def test_matching_never_suggests_a_projects_own_organisation():
    own = dataclasses.replace(ANCHOR, organisation_key="lewisham")
    matching = suggest_matching([LEWISHAM_PROJECT], [own])
    assert matching.matches[0].choice is None
    assert matching.matches[0].explanation == (
        "Not matched: every approach is its own organisation's or forbidden "
        "(1 is its own organisation's)."
    )
    assert matching.matches[0].alternatives == ()


def test_matching_respects_forbidden_pairs():
    matching = suggest_matching([LEWISHAM_PROJECT], APPROACHES, forbidden={(1, "anchor")})
    assert chosen(matching)[1] != "anchor"
    assert "anchor" not in [a.candidate.approach.key for a in matching.matches[0].alternatives]


def test_matching_everything_forbidden_or_own():
    own = dataclasses.replace(HOPE, organisation_key="lewisham")
    matching = suggest_matching(
        [LEWISHAM_PROJECT], [ANCHOR, own, HEALTHY_SCHOOLS], forbidden={(1, "anchor")}
    )
    assert matching.matches[0].explanation == (
        "Not matched: every approach is its own organisation's, forbidden or does not host "
        "visits (1 is its own organisation's, 1 is forbidden by the programme manager and "
        "1 does not host visits)."
    )
    all_forbidden = suggest_matching(
        [LEWISHAM_PROJECT], [ANCHOR, HOPE], forbidden={(1, "anchor"), (1, "hope"), (9, "x")}
    )
    assert all_forbidden.matches[0].explanation == (
        "Not matched: every approach is its own organisation's or forbidden "
        "(2 are forbidden by the programme manager)."
    )


def test_matching_with_no_approaches():
    matching = suggest_matching(PROJECTS, [])
    assert [m.explanation for m in matching.matches] == [
        "Not matched: there are no approaches to match."
    ] * 4
    assert matching.total_score == 0
    assert suggest_matching([], APPROACHES).matches == ()


def test_matching_locked_pairs_are_kept_and_count_against_capacity():
    schools = [
        dataclasses.replace(LEWISHAM_PROJECT, key=k, organisation_key=f"council-{k}")
        for k in (1, 2)
    ]
    matching = suggest_matching(schools, [ANCHOR, YOUNG_CARERS], locked={(2, "anchor")})
    assert chosen(matching) == {1: "carers", 2: "anchor"}
    assert matching.for_project(2).locked
    assert matching.for_project(2).explanation == "Locked by the programme manager."
    assert not matching.for_project(1).locked
    # A lock to a worse fit is kept too.
    worse = suggest_matching([LEWISHAM_PROJECT], APPROACHES, locked={(1, "mh2k")})
    assert chosen(worse) == {1: "mh2k"}
    assert worse.places_left["mh2k"] == 0


@pytest.mark.parametrize(
    ("locked", "forbidden", "message"),
    [
        (
            {(1, "anchor"), (2, "anchor")},
            set(),
            "More projects are locked to “Anchor project” than its capacity of 1.",
        ),
        ({(1, "anchor"), (1, "hope")}, set(), "Project Lewisham is locked to more than one"),
        ({(1, "anchor")}, {(1, "anchor")}, "both locked and forbidden"),
        ({(4, "ehs")}, set(), "it does not host visits"),
        ({(99, "anchor")}, set(), "project 99, not in this run"),
        ({(1, "nowhere")}, set(), "approach 'nowhere', not in this run"),
    ],
)
def test_matching_impossible_locks_raise_a_clear_error(locked, forbidden, message):
    with pytest.raises(ValueError, match=message):
        suggest_matching(PROJECTS, APPROACHES, locked=locked, forbidden=forbidden)


def test_matching_a_lock_to_its_own_organisation_is_refused():
    own = dataclasses.replace(ANCHOR, organisation_key="lewisham")
    with pytest.raises(ValueError, match="it is its own organisation's"):
        suggest_matching([LEWISHAM_PROJECT], [own], locked={(1, "anchor")})


def test_matching_matches_as_many_projects_as_possible_before_the_total_score():
    """Lewisham fits Anchor far better than the young carers' approach, but Warwickshire can
    only take Anchor: both are matched, rather than Lewisham alone with its best fit."""
    only_anchor = {(2, "carers")}
    matching = suggest_matching(
        [LEWISHAM_PROJECT, WARWICKSHIRE_PROJECT],
        [ANCHOR, YOUNG_CARERS],
        mode=CALL,
        forbidden=only_anchor,
    )
    assert chosen(matching) == {1: "carers", 2: "anchor"}


def test_matching_scores_and_reasons_agree_with_rank_cohort():
    matching = suggest_matching(PROJECTS, APPROACHES, mode=CALL)
    ranked = rank_cohort(PROJECTS, APPROACHES, mode=CALL)
    for match in matching.matches:
        for shown in (match.choice, *(a.candidate for a in match.alternatives)):
            (same,) = [r for r in ranked[match.project.key] if r.approach == shown.approach]
            assert shown == same


def test_matching_is_the_same_whatever_the_input_order():
    twins = [
        dataclasses.replace(ANCHOR, key=f"anchor-{k}", organisation_key=f"org-{k}") for k in "abc"
    ]
    projects = [
        dataclasses.replace(p, key=p.key * 10 + k, organisation_key=f"{p.organisation_key}-{k}")
        for p in PROJECTS
        for k in range(3)
    ]
    approaches = [*APPROACHES, *twins]
    locked = [(10, "hope"), (42, "carers")]
    forbidden = [(11, "anchor-a"), (20, "hope"), (30, "ftb")]
    first = suggest_matching(projects, approaches, locked=locked, forbidden=forbidden)
    rng = random.Random(15)
    for _ in range(5):
        rng.shuffle(projects)
        rng.shuffle(approaches)
        rng.shuffle(locked)
        rng.shuffle(forbidden)
        again = suggest_matching(projects, approaches, locked=locked, forbidden=forbidden)
        assert again == first


# --------------------------------------------------------------------------------------------
# Optimality against brute force

WORDS = (
    "school",
    "exclusions",
    "crisis",
    "respite",
    "transitions",
    "adult",
    "camhs",
    "early",
    "help",
    "whole-school",
    "young",
    "carers",
    "bereavement",
    "eating",
    "disorders",
    "self-harm",
    "waiting",
    "times",
    "co-production",
)
THRIVE = tuple(peer_matching.THRIVE_NAMES)
THEMES = ("holistic view", "voices", "workforce", "champions", "change")


def random_case(rng: random.Random):
    organisations = [f"org-{k}" for k in range(4)]

    def text():
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))

    def location():
        return rng.choice([None, Location(rng.uniform(50.5, 55), rng.uniform(-3.5, 1.5))])

    projects = [
        ProjectProfile(
            key=i,
            organisation_key=rng.choice(organisations),
            text=text(),
            thrive=frozenset(rng.sample(THRIVE, rng.randint(0, 2))),
            themes=frozenset(rng.sample(THEMES, rng.randint(0, 2))),
            location=location(),
            mode=rng.choice([None, None, CALL, VISIT]),
        )
        for i in range(rng.randint(1, 5))
    ]
    approaches = [
        ApproachProfile(
            key=f"a{j}",
            organisation_key=rng.choice(organisations),
            title=f"Approach {j}",
            text=text(),
            thrive=frozenset(rng.sample(THRIVE, rng.randint(0, 2))),
            themes=frozenset(rng.sample(THEMES, rng.randint(0, 2))),
            location=location(),
            hosts_visits=rng.random() < 0.8,
            hosts_calls=rng.random() < 0.8,
            capacity=rng.choice([0, 1, 1, 2]),
        )
        for j in range(rng.randint(0, 4))
    ]
    pairs = [(p.key, a.key) for p in projects for a in approaches]
    forbidden = {pair for pair in pairs if rng.random() < 0.15}
    weights = Weights(*(rng.choice([0, 0.5, 1, 3]) for _ in range(4)), distance=1)
    return projects, approaches, forbidden, weights


def brute_force(projects, approaches, forbidden, locked, weights):
    """The best (projects matched, total score in millionths) over every assignment."""
    ranked = rank_cohort(projects, approaches, weights)
    score = {
        (p, r.approach.key): round(r.score * peer_matching.SCALE)
        for p, candidates in ranked.items()
        for r in candidates
    }
    capacity = {a.key: a.capacity for a in approaches}
    locked_to = dict(locked)
    options = []
    for p in projects:
        if p.key in locked_to:
            options.append([locked_to[p.key]])
        else:
            allowed = [a for (q, a) in score if q == p.key and (q, a) not in forbidden]
            options.append([None, *allowed])
    best = None
    for assignment in itertools.product(*options):
        used = {}
        for a in assignment:
            if a is not None:
                used[a] = used.get(a, 0) + 1
        if any(count > capacity[a] for a, count in used.items()):
            continue
        value = (
            sum(a is not None for a in assignment),
            sum(score[(p.key, a)] for p, a in zip(projects, assignment, strict=True) if a),
        )
        best = value if best is None else max(best, value)
    return best, score


def test_matching_is_optimal_on_small_random_cases():
    rng = random.Random(2018)
    cases = 0
    while cases < 150:
        projects, approaches, forbidden, weights = random_case(rng)
        # Lock one possible pair now and then.
        locked = set()
        candidates = rank_cohort(projects, approaches, weights)
        if approaches and rng.random() < 0.3:
            possible = [
                (p, r.approach.key)
                for p, ranked in candidates.items()
                for r in ranked
                if (p, r.approach.key) not in forbidden and r.approach.capacity > 0
            ]
            if possible:
                locked = {rng.choice(possible)}
        matching = suggest_matching(
            projects, approaches, weights, locked=locked, forbidden=forbidden
        )
        best, score = brute_force(projects, approaches, forbidden, locked, weights)
        ours = chosen(matching)
        used = {}
        for p, a in ours.items():
            if a is not None:
                assert (p, a) in score  # never its own organisation, always hosting its mode
                assert (p, a) not in forbidden
                used[a] = used.get(a, 0) + 1
        assert all(used[a.key] <= a.capacity for a in approaches if a.key in used)
        assert all(ours[p] == a for p, a in locked)
        value = (
            sum(a is not None for a in ours.values()),
            sum(score[(p, a)] for p, a in ours.items() if a is not None),
        )
        assert value == best
        assert round(matching.total_score * peer_matching.SCALE) == best[1]
        cases += 1
