"""Peer engagements: a project's visit to, call with or review of written material from a peer
approach, from the proposal to what was learned (issue 15, SPEC §4.5).

The life of an engagement: the project's consultant (or a programme manager) proposes it
(`propose_peer_engagement`, status "proposed"), and the approach's contact is emailed a signed
link (cohort.peer_links) with which they agree, decline or suggest dates without an account
(`answer_peer_engagement`: "agreed" or "declined"). The consultant then arranges it and records
what happened (`record_peer_engagement`: "arranged", "completed"). A completed engagement has a
date and its key learning, and only a programme manager can move it back.

Every change locks the project row first (then the engagement), and checks the writer under that
lock as cohort.services.progress does: a consultant taken off the project between opening a
page and saving it no longer writes to it.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cohort.emails.peer_engagements import (
    PEER_ENGAGEMENT_ANSWERED,
    PEER_ENGAGEMENT_PROPOSED,
    answered_values,
    proposed_values,
)
from cohort.enums import EngagementKind, EngagementStatus
from cohort.errors import ProjectError
from cohort.models import (
    PeerApproach,
    PeerEngagement,
    PeerEngagementChange,
    PeerMatch,
    Project,
)
from notifications.services import queue_editable_email
from programmes.selectors.membership import programme_managers

MESSAGE_CHARACTERS = 5_000
TEXT_CHARACTERS = 10_000

OPEN_STATUSES = (EngagementStatus.PROPOSED, EngagementStatus.AGREED, EngagementStatus.ARRANGED)
# What the peer contact may still change through their link: once it is arranged, the consultant
# and the peer talk directly.
ANSWERABLE_STATUSES = (
    EngagementStatus.PROPOSED,
    EngagementStatus.AGREED,
    EngagementStatus.DECLINED,
)


class PeerAnswer:
    AGREE = "agree"
    DECLINE = "decline"
    SUGGEST_DATES = "suggest_dates"

    values = (AGREE, DECLINE, SUGGEST_DATES)


def _lock_project(project_id: int) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("programme", "organisation", "consultant")
        .get(pk=project_id)
    )


def _check_may_edit(project: Project, by) -> None:
    if by is None or not (
        by.is_programme_manager or (by.is_consultant and project.consultant_id == by.pk)
    ):
        raise PermissionDenied("Only the project's consultant or a programme manager can do this")


def _too_long(text: str, limit: int) -> str:
    return f"This must be {limit:,} characters or fewer" if len(text) > limit else ""


@transaction.atomic
def propose_peer_engagement(
    *, project_id: int, approach_id: int | None = None, kind: str, message: str, by
) -> PeerEngagement:
    """Propose a visit, call or review of written material to a peer approach (by default the
    approach the project is matched to).

    Side effects: the project row is locked; one PeerEngagement written in status "proposed",
    with the first step of its history;
    the approach's contact is emailed (`peer_engagement_proposed`, with the signed link, its
    body hidden from staff), sent on commit. Refused while an earlier proposal to the same
    approach is still open (proposed, agreed or arranged).
    """
    project = _lock_project(project_id)
    _check_may_edit(project, by)
    errors = {}
    if approach_id is None:
        match = PeerMatch.objects.filter(project=project).first()
        if match is None:
            raise ProjectError(
                errors={"approach": "This project has no peer match yet: choose an approach"}
            )
        approach_id = match.approach_id
    approach = (
        PeerApproach.objects.filter(
            pk=approach_id, programme_id=project.programme_id, archived_at__isnull=True
        )
        .exclude(organisation_id=project.organisation_id)
        .first()
    )
    if approach is None:
        raise ProjectError(errors={"approach": "Choose an approach from this programme’s pool"})
    message = (message or "").strip()
    if kind not in EngagementKind.values:
        errors["kind"] = "Select a visit, a call or a review of written material"
    elif kind == EngagementKind.VISIT and not approach.hosts_visits:
        errors["kind"] = f"{approach.organisation_name} does not host visits: propose a call"
    elif kind == EngagementKind.CALL and not approach.hosts_calls:
        errors["kind"] = f"{approach.organisation_name} does not take part in calls"
    if not message:
        errors["message"] = "Enter a message to the peer"
    elif problem := _too_long(message, MESSAGE_CHARACTERS):
        errors["message"] = problem
    if errors:
        raise ProjectError(errors=errors)
    if PeerEngagement.objects.filter(
        project=project, approach=approach, status__in=OPEN_STATUSES
    ).exists():
        raise ProjectError(
            f"There is already an open proposal to {approach.organisation_name}: "
            "record what happened to it first"
        )
    now = timezone.now()
    engagement = PeerEngagement.objects.create(
        project=project,
        approach=approach,
        kind=kind,
        message=message,
        status=EngagementStatus.PROPOSED,
        proposed_at=now,
        recorded_by=by,
        updated_at=now,
    )
    PeerEngagementChange.objects.create(
        engagement=engagement, status=EngagementStatus.PROPOSED, at=now, by=by
    )
    queue_editable_email(
        kind=PEER_ENGAGEMENT_PROPOSED,
        scope=project.programme,
        values=proposed_values(engagement=engagement, message=message, by=by),
        to_email=approach.contact_email,
        to_name=approach.contact_name,
        reason=f"{by} proposed {engagement.get_kind_display().lower()} between "
        f"{project.organisation.name} and {approach.organisation_name}.",
        related=engagement,
        # The body carries the signed link, which lets whoever holds it answer for the peer.
        hide_body_from_staff=True,
        created_by=by,
    )
    return engagement


@transaction.atomic
def answer_peer_engagement(*, engagement_id: int, answer: str, message: str) -> PeerEngagement:
    """The peer contact's answer through their signed link: agree, decline, or suggest dates
    (which agrees in principle, the dates in the message).

    Side effects: the project row is locked, then the engagement; its status becomes "agreed" or
    "declined" with the peer's message and the time (and a step in its history); the project's
    consultant (or, when it has none, every programme manager) is emailed
    `peer_engagement_answered`, sent on commit.
    Refused once the engagement is arranged or completed.
    """
    project_id = PeerEngagement.objects.values_list("project_id", flat=True).get(pk=engagement_id)
    project = _lock_project(project_id)
    engagement = (
        PeerEngagement.objects.select_for_update(of=("self",))
        .select_related("approach")
        .get(pk=engagement_id)
    )
    engagement.project = project
    message = (message or "").strip()
    errors = {}
    if answer not in PeerAnswer.values:
        errors["answer"] = "Select whether you can help"
    elif answer == PeerAnswer.SUGGEST_DATES and not message:
        errors["dates"] = "Enter the dates that suit you"
    if problem := _too_long(message, MESSAGE_CHARACTERS):
        field = "dates" if answer == PeerAnswer.SUGGEST_DATES else "message"
        errors[field] = problem
    if errors:
        raise ProjectError(errors=errors)
    if engagement.status not in ANSWERABLE_STATUSES:
        raise ProjectError(
            "This has already been arranged: contact the consultant to change anything"
        )
    status = EngagementStatus.DECLINED if answer == PeerAnswer.DECLINE else EngagementStatus.AGREED
    now = timezone.now()
    engagement.status = status
    engagement.peer_message = message
    engagement.peer_answered_at = now
    engagement.updated_at = now
    engagement.save(update_fields=["status", "peer_message", "peer_answered_at", "updated_at"])
    PeerEngagementChange.objects.create(engagement=engagement, status=status, at=now, by_peer=True)
    recipients = (
        [project.consultant]
        if project.consultant and project.consultant.is_active
        else list(programme_managers())
    )
    for recipient in recipients:
        queue_editable_email(
            kind=PEER_ENGAGEMENT_ANSWERED,
            scope=project.programme,
            values=answered_values(
                engagement=engagement, answer=answer, message=message, recipient=recipient
            ),
            to_email=recipient.email,
            to_name=recipient.name,
            reason=f"{engagement.approach.organisation_name} answered a proposed engagement "
            f"with {project.organisation.name}.",
            related=engagement,
        )
    return engagement


@transaction.atomic
def record_peer_engagement(
    *,
    engagement_id: int,
    status: str,
    date: datetime.date | None = None,
    participants: str = "",
    what_happened: str = "",
    key_learning: str = "",
    by,
) -> PeerEngagement:
    """Record where an engagement has got to and what happened: arranged (with its date),
    completed (with its date, which has passed, and the key learning), or declined.

    Side effects: the project row is locked, then the engagement, which is changed and stamped
    with `by`; a change of status is written to its history (PeerEngagementChange). No email.
    Only a programme manager can move a completed engagement back.
    """
    project_id = PeerEngagement.objects.values_list("project_id", flat=True).get(pk=engagement_id)
    project = _lock_project(project_id)
    _check_may_edit(project, by)
    engagement = PeerEngagement.objects.select_for_update(of=("self",)).get(pk=engagement_id)
    participants = (participants or "").strip()
    what_happened = (what_happened or "").strip()
    key_learning = (key_learning or "").strip()
    errors = {}
    if status not in EngagementStatus.values:
        errors["status"] = "Select where the engagement has got to"
    elif status in (EngagementStatus.ARRANGED, EngagementStatus.COMPLETED) and date is None:
        errors["date"] = (
            "Enter the date it took place"
            if status == EngagementStatus.COMPLETED
            else "Enter the date it is arranged for"
        )
    elif status == EngagementStatus.COMPLETED and date > timezone.localdate():
        errors["date"] = "The date it took place must be today or in the past"
    if status == EngagementStatus.COMPLETED and not key_learning:
        errors["key_learning"] = "Enter the key learning"
    for field, text in (
        ("participants", participants),
        ("what_happened", what_happened),
        ("key_learning", key_learning),
    ):
        if problem := _too_long(text, TEXT_CHARACTERS):
            errors[field] = problem
    if errors:
        raise ProjectError(errors=errors)
    if (
        engagement.status == EngagementStatus.COMPLETED
        and status != EngagementStatus.COMPLETED
        and not by.is_programme_manager
    ):
        raise ProjectError(
            errors={
                "status": "This engagement is completed: only a programme manager can reopen it"
            }
        )
    status_changed = engagement.status != status
    engagement.status = status
    engagement.date = date
    engagement.participants = participants
    engagement.what_happened = what_happened
    engagement.key_learning = key_learning
    engagement.recorded_by = by
    engagement.updated_at = timezone.now()
    engagement.save(
        update_fields=[
            "status",
            "date",
            "participants",
            "what_happened",
            "key_learning",
            "recorded_by",
            "updated_at",
        ]
    )
    if status_changed:
        PeerEngagementChange.objects.create(
            engagement=engagement, status=status, at=engagement.updated_at, by=by
        )
    return engagement
