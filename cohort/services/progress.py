"""Cohort projects' consultants and progress updates, and the reminders that ask for them.

Reminders: beat runs `queue_due_progress_update_reminders` every few minutes (in UTC). A
project's next update falls due `Programme.progress_update_every_weeks` weeks after its latest
update (before the first: after the later of the project's start and the programme's), at 9am on
the Europe/London wall clock that day, and only while the programme runs
(cohort.selectors.progress). Nothing waits in the broker with an eta: the sweep works out
from the database what is due.

Each due occasion is asked for once, by the deduplication key
`progress-update:<project>:user-<consultant>:due-<YYYYMMDD>` and the outbox's unique constraint
on it, however often the sweep runs and however many run at once. An update moves the next due
day, so the next occasion has a new key; a new consultant gets their own.

The state is checked twice: the sweep only looks at projects with an active consultant in
programmes still running, and when the email is finally sent (it can wait in the outbox)
`cohort.emails.progress.progress_update_still_wanted` is asked again, so a consultant who
has written the update meanwhile, or is no longer the project's consultant, gets nothing.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cohort.emails.progress import (
    CONSULTANT_ASSIGNED,
    PROGRESS_UPDATE_DUE,
    assigned_values,
    due_values,
)
from cohort.enums import ActionStatus, ProgressStatus
from cohort.errors import ProjectError
from cohort.models import ActionPlanItem, ProgressUpdate, Project
from cohort.selectors.progress import (
    LONDON,
    consultants,
    next_update_due_on,
    update_due_at,
    with_latest_update,
)
from notifications import editable
from notifications.services import queue_editable_email, queue_editable_email_once
from programmes.dates import format_date

SUMMARY_CHARACTERS = 10_000
KEY_QUESTION_CHARACTERS = 2_000
ACTION_CHARACTERS = 2_000
OWNER_CHARACTERS = 200


@transaction.atomic
def assign_consultant(*, project_id: int, consultant, by) -> Project:
    """Make `consultant` (an active consultant) the project's consultant.

    Side effects: the project row is locked and its consultant changed; the new consultant is
    emailed (`consultant_assigned`, in the programme's wording, with a link to the project),
    sent on commit. Choosing the project's current consultant again changes and sends nothing.
    """
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("programme", "organisation")
        .get(pk=project_id)
    )
    if consultant is None or not consultants().filter(pk=consultant.pk).exists():
        raise ProjectError(errors={"consultant": "Select a consultant from the list"})
    if project.consultant_id == consultant.pk:
        return project
    project.consultant = consultant
    project.save(update_fields=["consultant"])
    queue_editable_email(
        kind=CONSULTANT_ASSIGNED,
        scope=project.programme,
        values=assigned_values(project=project, consultant=consultant),
        to_email=consultant.email,
        to_name=consultant.name,
        reason=f"{by or 'A programme manager'} made them the consultant for "
        f"{project.organisation.name}’s project.",
        related=project,
        created_by=by,
    )
    return project


def _check_may_edit(project: Project, by) -> None:
    """Checked again under the project's lock: a consultant taken off the project between
    opening a page and saving it no longer writes to it (SPEC §4.6)."""
    if not (by.is_programme_manager or (by.is_consultant and project.consultant_id == by.pk)):
        raise PermissionDenied("Only the project's consultant or a programme manager can do this")


@transaction.atomic
def record_progress_update(
    *, project_id: int, status: str, summary: str, next_steps: str = "", by
) -> ProgressUpdate:
    """Write a dated progress update on a project, with its red/amber/green status.

    Side effects: the project row is locked (updates on one project are written one at a time)
    and one ProgressUpdate row written by `by`. It moves the day the next update is due, and a
    reminder for this occasion still waiting in the outbox is cancelled when it comes to be sent.
    """
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    errors = {}
    if status not in ProgressStatus.values:
        errors["status"] = "Select whether the project is green, amber or red"
    summary, next_steps = (summary or "").strip(), (next_steps or "").strip()
    if not summary:
        errors["summary"] = "Enter what has happened since the last update"
    elif len(summary) > SUMMARY_CHARACTERS:
        errors["summary"] = f"This must be {SUMMARY_CHARACTERS:,} characters or fewer"
    if len(next_steps) > SUMMARY_CHARACTERS:
        errors["next_steps"] = f"This must be {SUMMARY_CHARACTERS:,} characters or fewer"
    if errors:
        raise ProjectError(errors=errors)
    return ProgressUpdate.objects.create(
        project=project, status=status, summary=summary, next_steps=next_steps, written_by=by
    )


# --- Learning-day outputs: the refined key question and the action plan -------------------------


@transaction.atomic
def refine_key_question(*, project_id: int, refined_key_question: str, by) -> Project:
    """Record the project's key question as refined on learning day 1 (the council's original
    question is kept as it was asked).

    Side effects: the project row is locked and its refined key question changed. No email.
    """
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    refined = (refined_key_question or "").strip()
    if not refined:
        raise ProjectError(errors={"refined_key_question": "Enter the refined key question"})
    if len(refined) > KEY_QUESTION_CHARACTERS:
        raise ProjectError(
            errors={
                "refined_key_question": "The refined key question must be "
                f"{KEY_QUESTION_CHARACTERS:,} characters or fewer"
            }
        )
    if refined != project.refined_key_question:
        project.refined_key_question = refined
        project.save(update_fields=["refined_key_question"])
    return project


def _clean_action(
    *, action: str, owner: str, due_on: datetime.date | None, status: str
) -> dict[str, object]:
    """The action's fields, stripped, or a ProjectError naming every problem."""
    action, owner = (action or "").strip(), " ".join((owner or "").split())
    errors = {}
    if not action:
        errors["action"] = "Enter the action"
    elif len(action) > ACTION_CHARACTERS:
        errors["action"] = f"The action must be {ACTION_CHARACTERS:,} characters or fewer"
    if not owner:
        errors["owner"] = "Enter who will do it"
    elif len(owner) > OWNER_CHARACTERS:
        errors["owner"] = f"The owner must be {OWNER_CHARACTERS:,} characters or fewer"
    if due_on is not None and not isinstance(due_on, datetime.date):
        errors["due_on"] = "Enter a real due date"
    if status not in ActionStatus.values:
        errors["status"] = "Select whether the action is not started, in progress or done"
    if errors:
        raise ProjectError(errors=errors)
    return {"action": action, "owner": owner, "due_on": due_on, "status": status}


@transaction.atomic
def add_action(
    *,
    project_id: int,
    action: str,
    owner: str,
    due_on: datetime.date | None = None,
    status: str = ActionStatus.NOT_STARTED,
    by,
) -> ActionPlanItem:
    """Add an action to the end of the project's action plan.

    Side effects: the project row is locked (so two actions added at once get different
    positions) and one ActionPlanItem written, after the last one. No email.
    """
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    fields = _clean_action(action=action, owner=owner, due_on=due_on, status=status)
    last = project.action_plan.order_by("-position").values_list("position", flat=True).first()
    return ActionPlanItem.objects.create(
        project=project, position=0 if last is None else last + 1, **fields
    )


@transaction.atomic
def change_action(
    *,
    item_id: int,
    action: str,
    owner: str,
    due_on: datetime.date | None,
    status: str,
    by,
) -> ActionPlanItem:
    """Change one action in a project's action plan: what, who, when, and where it has got to.

    Side effects: the action's row is locked and updated (its position stays). No email.
    """
    item = ActionPlanItem.objects.select_for_update().select_related("project").get(pk=item_id)
    _check_may_edit(item.project, by)
    fields = _clean_action(action=action, owner=owner, due_on=due_on, status=status)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=[*fields, "updated_at"])
    return item


@transaction.atomic
def remove_action(*, item_id: int, by) -> None:
    """Remove one action from a project's action plan.

    Side effects: the project row is locked (as when adding) and the action deleted; the other
    actions keep their positions. No email.
    """
    project_id = ActionPlanItem.objects.values_list("project_id", flat=True).get(pk=item_id)
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    ActionPlanItem.objects.filter(pk=item_id).delete()


@transaction.atomic
def review_action_plan(*, project_id: int, statuses: dict[int, str], by) -> int:
    """Set the status of several of a project's actions at once (the learning day 2 review);
    return how many changed.

    `statuses` maps an action's id to its new status. Ids of actions in another project, or of
    actions that no longer exist, are ignored; an unknown status is an error and nothing is
    written.

    Side effects: the project row and its actions are locked; each action whose status differs
    is updated. No email.
    """
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    items = list(
        ActionPlanItem.objects.select_for_update()
        .filter(project=project, pk__in=list(statuses))
        .order_by("position", "pk")
    )
    if any(statuses[item.pk] not in ActionStatus.values for item in items):
        raise ProjectError(
            errors={"statuses": "Select whether each action is not started, in progress or done"}
        )
    changed = [item for item in items if item.status != statuses[item.pk]]
    now = timezone.now()
    for item in changed:
        item.status, item.updated_at = statuses[item.pk], now
    if changed:
        ActionPlanItem.objects.bulk_update(changed, ["status", "updated_at"])
    return len(changed)


# --- Reminders ---------------------------------------------------------------------------------


def dedup_key(*, project_id: int, consultant_id: int, due_on: datetime.date) -> str:
    return f"progress-update:{project_id}:user-{consultant_id}:due-{due_on:%Y%m%d}"


def projects_that_may_need_reminding(*, today: datetime.date):
    """Projects with an active consultant, in programmes that have not ended, with the date of
    their latest update."""
    return with_latest_update(
        Project.objects.filter(
            consultant__isnull=False,
            consultant__is_active=True,
            programme__runs_until__gte=today,
        )
    ).order_by("pk")


def queue_due_progress_update_reminders(*, now: datetime.datetime | None = None) -> int:
    """Ask each project's consultant for the progress update that has fallen due and not been
    asked for; return how many emails were written.

    Side effects: one OutboundEmail (`progress_update_due`, about the project, with a
    deduplication key) per project whose update is due, each sent on commit.
    """
    now = now or timezone.now()
    today = now.astimezone(LONDON).date()
    written = 0
    wordings = {}  # by programme: its manager's wording, or the default
    for project in projects_that_may_need_reminding(today=today):
        due_on = next_update_due_on(
            programme=project.programme,
            project_created_at=project.created_at,
            latest_update_at=project.latest_update_at,
        )
        if due_on is None or update_due_at(due_on) > now:
            continue
        if project.programme_id not in wordings:
            wordings[project.programme_id] = editable.wording_for(
                PROGRESS_UPDATE_DUE, project.programme
            )
        written += _queue_reminder(
            project=project, due_on=due_on, wording=wordings[project.programme_id]
        )
    return written


@transaction.atomic
def _queue_reminder(*, project: Project, due_on: datetime.date, wording: editable.Wording) -> int:
    consultant = project.consultant
    email = queue_editable_email_once(
        dedup_key=dedup_key(project_id=project.pk, consultant_id=consultant.pk, due_on=due_on),
        kind=PROGRESS_UPDATE_DUE,
        wording=wording,
        values=due_values(
            project=project,
            consultant=consultant,
            due_on=due_on,
            latest_update_at=project.latest_update_at,
        ),
        to_email=consultant.email,
        to_name=consultant.name,
        reason=f"Asks the consultant for {project.organisation.name}’s progress update, due "
        f"{format_date(due_on)}.",
        related=project,
        scope=project.programme,
    )
    return email is not None
