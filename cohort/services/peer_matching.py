"""The cohort's peer matching (SPEC §4.5, issue 15 parts 2 and 3), on the database side: the
programme's projects and active approaches turned into the engine's profiles
(`cohort.peer_matching`), a suggested matching that writes nothing, and a programme manager's
changes: accept the suggestion, choose, lock, unlock or remove one project's match, rule a pair
out or back in, and change the weights.

Every change first locks the programme's row (the one lock order: programme, then the rest), so
two managers choosing at the same moment cannot put an approach over its capacity, and accepting
a suggestion works it out again under the lock from what is stored then.
"""

from __future__ import annotations

import dataclasses
import math

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cohort import peer_matching as engine
from cohort.errors import PeerMatchingError
from cohort.models import (
    ForbiddenPeerPair,
    PeerApproach,
    PeerMatch,
    PeerMatchingWeights,
    Project,
)
from programmes.enums import Thrive
from programmes.models import Programme

WEIGHT_FIELDS = ("text", "thrive", "themes", "challenge_areas", "distance")
WEIGHT_LABELS = {
    "text": "similar words",
    "thrive": "shared THRIVE categories",
    "themes": "shared themes",
    "challenge_areas": "shared challenge areas",
    "distance": "nearness",
}
MAX_WEIGHT = 100
MODES = (engine.EngagementMode.VISIT, engine.EngagementMode.CALL)


def _check_manager(by) -> None:
    if by is None or not by.is_programme_manager:
        raise PermissionDenied("Only a programme manager can match projects to peer approaches")


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _mode(mode) -> engine.EngagementMode:
    try:
        return engine.EngagementMode(mode)
    except ValueError:
        raise PeerMatchingError("Choose a visit or a call", field="mode") from None


def _location(latitude, longitude) -> engine.Location | None:
    if latitude is None or longitude is None:
        return None
    return engine.Location(float(latitude), float(longitude))


def _split(text: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


def approach_organisation_key(approach: PeerApproach):
    """The organisation's id when it is on the list, else its name (so that two approaches of
    one unlisted organisation are still one organisation)."""
    if approach.organisation_id is not None:
        return approach.organisation_id
    return f"name:{approach.organisation_name.strip().lower()}"


# ----------------------------------------------------------------------------------------------
# Reading


def cohort_projects(programme_id: int) -> list[Project]:
    return list(
        Project.objects.filter(programme_id=programme_id)
        .select_related("organisation", "application")
        .prefetch_related(
            "thrive_categories",
            "themes",
            "application__thrive_categories",
            "application__challenge_areas",
        )
        .order_by("organisation__name", "pk")
    )


def active_approaches(programme_id: int) -> list[PeerApproach]:
    return list(
        PeerApproach.objects.filter(programme_id=programme_id, archived_at__isnull=True)
        .select_related("organisation")
        .prefetch_related("thrive_categories")
        .order_by("title", "organisation_name", "pk")
    )


def project_profile(project: Project, mode=None) -> engine.ProjectProfile:
    application = project.application
    parts = [project.refined_key_question or project.key_question]
    if application is not None:
        parts += [application.why_critical, application.identification_description]
    thrive = {category.slug for category in project.thrive_categories.all()}
    challenge_areas: set[str] = set()
    if application is not None:
        thrive |= {category.slug for category in application.thrive_categories.all()}
        challenge_areas = {area.name.strip().lower() for area in application.challenge_areas.all()}
    organisation = project.organisation
    return engine.ProjectProfile(
        key=project.pk,
        organisation_key=project.organisation_id,
        text="\n".join(part for part in parts if part),
        thrive=frozenset(thrive),
        themes=frozenset(theme.title.strip().lower() for theme in project.themes.all()),
        challenge_areas=frozenset(challenge_areas),
        location=_location(organisation.latitude, organisation.longitude),
        mode=mode,
        name=organisation.name,
    )


def approach_profile(approach: PeerApproach) -> engine.ApproachProfile:
    location = _location(approach.latitude, approach.longitude)
    if location is None and approach.organisation is not None:
        location = _location(approach.organisation.latitude, approach.organisation.longitude)
    return engine.ApproachProfile(
        key=approach.pk,
        organisation_key=approach_organisation_key(approach),
        title=approach.title,
        text=f"{approach.title}\n{approach.description}",
        thrive=frozenset(category.slug for category in approach.thrive_categories.all()),
        themes=_split(approach.themes),
        challenge_areas=_split(approach.challenge_areas),
        location=location,
        hosts_visits=approach.hosts_visits,
        hosts_calls=approach.hosts_calls,
        capacity=approach.capacity,
    )


def weights_for(programme_id: int) -> engine.Weights:
    stored = PeerMatchingWeights.objects.filter(programme_id=programme_id).first()
    if stored is None:
        return engine.Weights()
    return engine.Weights(**{name: float(getattr(stored, name)) for name in WEIGHT_FIELDS})


@dataclasses.dataclass
class Suggestion:
    """What the matching page shows: the stored state and, when asked, the engine's suggestion."""

    mode: engine.EngagementMode
    weights: engine.Weights
    projects: list[Project]
    approaches: dict[int, PeerApproach]
    current: dict[int, PeerMatch]  # by project id
    forbidden: dict[int, list[ForbiddenPeerPair]]  # by project id
    matching: engine.Matching | None = None
    problem: str = ""  # why there is no suggestion (an impossible lock, say)
    in_run: frozenset[int] = frozenset()  # projects in the suggestion (not those kept as they are)

    def rows(self):
        """Per project: the project, its stored match, and its suggested `ProjectMatch`."""
        for project in self.projects:
            suggested = None
            if self.matching is not None and project.pk in self.in_run:
                suggested = self.matching.for_project(project.pk)
            yield project, self.current.get(project.pk), suggested


def _state(programme_id: int, mode) -> Suggestion:
    projects = cohort_projects(programme_id)
    approaches = {approach.pk: approach for approach in active_approaches(programme_id)}
    current = {
        match.project_id: match
        for match in PeerMatch.objects.filter(project__programme_id=programme_id).select_related(
            "approach"
        )
    }
    forbidden: dict[int, list[ForbiddenPeerPair]] = {}
    for pair in ForbiddenPeerPair.objects.filter(project__programme_id=programme_id).select_related(
        "approach", "project__organisation"
    ):
        forbidden.setdefault(pair.project_id, []).append(pair)
    return Suggestion(
        mode=_mode(mode),
        weights=weights_for(programme_id),
        projects=projects,
        approaches=approaches,
        current=current,
        forbidden=forbidden,
    )


def _run(state: Suggestion) -> Suggestion:
    """The engine's suggestion for `state`, the locked matches kept in their own mode."""
    locked = {
        project_id: match
        for project_id, match in state.current.items()
        if match.is_locked and match.approach_id in state.approaches
    }
    # A project locked to an approach since archived keeps its match, outside the run.
    kept = {
        project_id
        for project_id, match in state.current.items()
        if match.is_locked and project_id not in locked
    }
    profiles = [
        project_profile(project, mode=locked[project.pk].mode if project.pk in locked else None)
        for project in state.projects
        if project.pk not in kept
    ]
    state.in_run = frozenset(profile.key for profile in profiles)
    try:
        state.matching = engine.suggest_matching(
            profiles,
            [approach_profile(approach) for approach in state.approaches.values()],
            state.weights,
            state.mode,
            locked=[(project_id, match.approach_id) for project_id, match in locked.items()],
            forbidden=[
                (pair.project_id, pair.approach_id)
                for pairs in state.forbidden.values()
                for pair in pairs
            ],
            thrive_names=dict(Thrive.choices),
        )
    except ValueError as error:
        state.problem = str(error)
    return state


def peer_matching_state(*, programme_id: int, mode=engine.EngagementMode.VISIT) -> Suggestion:
    """The stored matches, without a suggestion."""
    return _state(programme_id, mode)


def suggest_peer_matching(*, programme_id: int, mode=engine.EngagementMode.VISIT) -> Suggestion:
    """The stored matches and the engine's suggestion beside them. Writes nothing."""
    return _run(_state(programme_id, mode))


def candidates_for(*, project: Project, mode=engine.EngagementMode.VISIT):
    """The project's candidate approaches, best first with reasons (fitted over the whole cohort,
    so they agree with the suggestion), leaving out the pairs ruled out; and the places left on
    each approach counting the stored matches of the other projects."""
    state = _state(project.programme_id, mode)
    ranked = engine.rank_cohort(
        [project_profile(p) for p in state.projects],
        [approach_profile(approach) for approach in state.approaches.values()],
        state.weights,
        state.mode,
        thrive_names=dict(Thrive.choices),
    ).get(project.pk, [])
    ruled_out = {pair.approach_id for pair in state.forbidden.get(project.pk, [])}
    taken: dict[int, int] = {}
    for project_id, match in state.current.items():
        if project_id != project.pk:
            taken[match.approach_id] = taken.get(match.approach_id, 0) + 1
    return [
        (
            candidate,
            state.approaches[candidate.approach.key],
            candidate.approach.capacity - taken.get(candidate.approach.key, 0),
        )
        for candidate in ranked
        if candidate.approach.key not in ruled_out
    ], state


# ----------------------------------------------------------------------------------------------
# Changes


@transaction.atomic
def accept_suggested_matches(*, programme_id: int, mode=engine.EngagementMode.VISIT, by) -> int:
    """Work the suggestion out again under the programme's lock and store it: each project not
    locked gets its suggested approach (or none). Locked matches are kept as they are. Returns
    how many projects are matched by the suggestion."""
    _check_manager(by)
    _lock_programme(programme_id)
    state = _run(_state(programme_id, mode))
    if state.matching is None:
        raise PeerMatchingError(state.problem)
    now = timezone.now()
    matched = 0
    for project, current, suggested in state.rows():
        if suggested is None or (current is not None and current.is_locked):
            continue
        if suggested.choice is None:
            if current is not None:
                current.delete()
            continue
        matched += 1
        PeerMatch.objects.update_or_create(
            project=project,
            defaults={
                "approach_id": suggested.choice.approach.key,
                "mode": str(suggested.mode),
                "is_locked": False,
                "score": suggested.choice.score,
                "reasons": suggested.choice.reason[:500],
                "chosen_by": by,
                "chosen_at": now,
            },
        )
    return matched


def _project(project_id: int) -> Project:
    return Project.objects.select_related("organisation").get(pk=project_id)


@transaction.atomic
def choose_peer_match(*, project_id: int, approach_id: int, mode, by) -> PeerMatch:
    """A programme manager's own choice of approach for one project."""
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    mode = _mode(mode)
    approach = (
        PeerApproach.objects.filter(
            pk=approach_id, programme_id=project.programme_id, archived_at__isnull=True
        )
        .select_related("organisation")
        .first()
    )
    if approach is None:
        raise PeerMatchingError("Choose one of the programme’s approaches", field="approach")
    if approach.organisation_id is not None and approach.organisation_id == project.organisation_id:
        raise PeerMatchingError(
            f"“{approach.title}” is {project.organisation.name}’s own approach: choose another "
            "organisation’s",
            field="approach",
        )
    if ForbiddenPeerPair.objects.filter(project=project, approach=approach).exists():
        raise PeerMatchingError(
            f"“{approach.title}” has been ruled out for this project: allow the pair again first",
            field="approach",
        )
    if mode == engine.EngagementMode.VISIT and not approach.hosts_visits:
        raise PeerMatchingError(
            f"“{approach.title}” does not host visits: choose a call, or another approach",
            field="mode",
        )
    if mode == engine.EngagementMode.CALL and not approach.hosts_calls:
        raise PeerMatchingError(
            f"“{approach.title}” does not take part in calls: choose a visit, or another approach",
            field="mode",
        )
    taken = PeerMatch.objects.filter(approach=approach).exclude(project=project).count()
    if taken >= approach.capacity:
        raise PeerMatchingError(
            f"“{approach.title}” can take {approach.capacity} "
            f"project{'s' if approach.capacity != 1 else ''} and has no places left: remove "
            "another project’s match first, or choose another approach",
            field="approach",
        )
    score, reasons = None, ""
    ranked = engine.rank_cohort(
        [project_profile(p) for p in cohort_projects(project.programme_id)],
        [approach_profile(a) for a in active_approaches(project.programme_id)],
        weights_for(project.programme_id),
        mode,
        thrive_names=dict(Thrive.choices),
    ).get(project.pk, [])
    for candidate in ranked:
        if candidate.approach.key == approach.pk:
            score, reasons = candidate.score, candidate.reason[:500]
    existing = PeerMatch.objects.filter(project=project).first()
    match, _ = PeerMatch.objects.update_or_create(
        project=project,
        defaults={
            "approach": approach,
            "mode": str(mode),
            "is_locked": existing.is_locked if existing else False,
            "score": score,
            "reasons": reasons,
            "chosen_by": by,
            "chosen_at": timezone.now(),
        },
    )
    return match


def _stored_match(project: Project) -> PeerMatch:
    match = PeerMatch.objects.select_for_update().filter(project=project).first()
    if match is None:
        raise PeerMatchingError("This project has no match yet")
    return match


@transaction.atomic
def lock_peer_match(*, project_id: int, by) -> PeerMatch:
    """Keep the project's match as it is when a new suggestion is worked out."""
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    match = _stored_match(project)
    match.is_locked = True
    match.save(update_fields=["is_locked"])
    return match


@transaction.atomic
def unlock_peer_match(*, project_id: int, by) -> PeerMatch:
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    match = _stored_match(project)
    match.is_locked = False
    match.save(update_fields=["is_locked"])
    return match


@transaction.atomic
def remove_peer_match(*, project_id: int, by) -> None:
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    PeerMatch.objects.filter(project=project).delete()


@transaction.atomic
def forbid_peer_pair(*, project_id: int, approach_id: int, reason: str = "", by):
    """Never suggest this approach for this project; a match with it is removed."""
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    approach = PeerApproach.objects.filter(
        pk=approach_id, programme_id=project.programme_id
    ).first()
    if approach is None:
        raise PeerMatchingError("Choose one of the programme’s approaches", field="approach")
    reason = (reason or "").strip()
    if len(reason) > 300:
        raise PeerMatchingError("Reason must be 300 characters or fewer", field="reason")
    pair, _ = ForbiddenPeerPair.objects.update_or_create(
        project=project,
        approach=approach,
        defaults={"reason": reason, "ruled_out_by": by, "ruled_out_at": timezone.now()},
    )
    PeerMatch.objects.filter(project=project, approach=approach).delete()
    return pair


@transaction.atomic
def allow_peer_pair(*, project_id: int, approach_id: int, by) -> None:
    _check_manager(by)
    project = _project(project_id)
    _lock_programme(project.programme_id)
    ForbiddenPeerPair.objects.filter(project=project, approach_id=approach_id).delete()


def _weight(name: str, value) -> float:
    label = WEIGHT_LABELS[name]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise PeerMatchingError(
            f"The weight for {label} must be a number, like 1 or 2.5", field=name
        ) from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise PeerMatchingError(
            f"The weight for {label} must be a number, like 1 or 2.5", field=name
        )
    if number < 0:
        raise PeerMatchingError(f"The weight for {label} must be 0 or more", field=name)
    if number > MAX_WEIGHT:
        raise PeerMatchingError(f"The weight for {label} must be {MAX_WEIGHT} or less", field=name)
    return number


@transaction.atomic
def save_peer_matching_weights(
    *, programme_id: int, text, thrive, themes, challenge_areas, distance, by
) -> PeerMatchingWeights:
    """Store how much each kind of fit counts; only their ratios matter."""
    _check_manager(by)
    given = {
        "text": text,
        "thrive": thrive,
        "themes": themes,
        "challenge_areas": challenge_areas,
        "distance": distance,
    }
    values, errors = {}, {}
    for name, value in given.items():
        try:
            values[name] = _weight(name, value)
        except PeerMatchingError as error:
            errors[name] = error.message
    if errors:
        raise PeerMatchingError(errors=errors)
    try:
        engine.Weights(**values)
    except ValueError as error:
        raise PeerMatchingError(f"{error}", field="text") from None
    _lock_programme(programme_id)
    weights, _ = PeerMatchingWeights.objects.update_or_create(
        programme_id=programme_id, defaults={**values, "updated_at": timezone.now()}
    )
    return weights
