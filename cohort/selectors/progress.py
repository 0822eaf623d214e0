"""Reads about cohort projects' consultants and progress: who may see which project, the latest
red/amber/green status of each, and when the next progress update is due.

Access is decided here, in the query: a programme manager sees every project; a consultant sees
only the projects assigned to them; anyone else sees none (`projects_visible_to`). The council's
read-only view of its project (key questions and action plan, not the consultant's progress
updates) is open to the members of the project's organisation as well
(`projects_for_council_view`).

When an update is due: `Programme.progress_update_every_weeks` weeks after the latest update, or,
before the first, after the later of the day the project started and the day the programme
starts running; at 9am on the Europe/London wall clock that day (GMT or BST, whichever is in
force), and only while the programme runs (on or before `runs_until`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.enums import StaffRole
from cohort.enums import ActionStatus, ProgressStatus
from cohort.models import ActionPlanItem, ProgrammeTheme, ProgressUpdate, Project
from programmes.dates import LONDON
from programmes.models import Membership, Programme

DUE_TIME = datetime.time(9, 0)


def consultants() -> QuerySet:
    """The people a programme manager can choose as a project's consultant: active consultants."""
    return (
        get_user_model()
        .objects.filter(groups__name=StaffRole.CONSULTANT.value, is_active=True)
        .order_by("name", "email")
        .distinct()
    )


def projects_visible_to(user) -> QuerySet:
    """Every project for a programme manager, a consultant's own projects, otherwise none."""
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if user.is_programme_manager:
        return Project.objects.all()
    if user.is_consultant:
        return Project.objects.filter(consultant=user)
    return Project.objects.none()


def projects_for_council_view(user) -> QuerySet:
    """Projects whose council view this person may open: those of the organisations they are a
    member of, and those they may see as staff (`projects_visible_to`)."""
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    own = Membership.objects.filter(user=user).values("organisation")
    staff = projects_visible_to(user).values("pk")
    return Project.objects.filter(Q(organisation__in=own) | Q(pk__in=staff))


def with_latest_update(projects: QuerySet) -> QuerySet:
    """Projects with `latest_status` and `latest_update_at` (None before the first update), and
    what the lists show with them, in one query."""
    latest = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-pk")
    return projects.select_related("programme", "organisation", "consultant").annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_update_at=Subquery(latest.values("created_at")[:1]),
    )


def next_update_due_on(
    *,
    programme: Programme,
    project_created_at: datetime.datetime,
    latest_update_at: datetime.datetime | None,
) -> datetime.date | None:
    """The day the next progress update is due, or None when none is due before the programme
    ends (or the programme asks for none)."""
    weeks = programme.progress_update_every_weeks or 0
    if weeks < 1:
        return None
    if latest_update_at is not None:
        start = latest_update_at.astimezone(LONDON).date()
    else:
        start = max(project_created_at.astimezone(LONDON).date(), programme.runs_from)
    due_on = start + datetime.timedelta(weeks=weeks)
    return due_on if due_on <= programme.runs_until else None


def update_due_at(due_on: datetime.date) -> datetime.datetime:
    """9am in England on the day: 08:00 UTC in summer time (BST), 09:00 UTC in winter (GMT)."""
    return datetime.datetime.combine(due_on, DUE_TIME, tzinfo=LONDON)


def themes_in_order() -> Prefetch:
    """A project's cross-cutting themes in their programme's order, to prefetch as `themes`."""
    return Prefetch("themes", queryset=ProgrammeTheme.objects.order_by("position", "pk"))


def _annotate_progress(project: Project) -> Project:
    project.latest_status_label = (
        ProgressStatus(project.latest_status).label if project.latest_status else ""
    )
    project.next_update_due = next_update_due_on(
        programme=project.programme,
        project_created_at=project.created_at,
        latest_update_at=project.latest_update_at,
    )
    return project


def programme_projects(programme: Programme) -> list[Project]:
    """A programme's projects for its managers, by council, with their progress, how much of
    each action plan is done, and their themes (one more query, however many projects)."""
    projects = (
        with_action_counts(with_latest_update(programme.projects.all()))
        .prefetch_related(themes_in_order())
        .order_by("organisation__name")
    )
    return [_annotate_progress(project) for project in projects]


def consultant_projects(user) -> list[Project]:
    """The projects assigned to this person, across programmes (the newest programme first)."""
    projects = with_latest_update(Project.objects.filter(consultant=user)).order_by(
        "-programme__runs_from", "programme__title", "organisation__name"
    )
    return [_annotate_progress(project) for project in projects]


def project_for(user, pk: int, *, today: datetime.date | None = None) -> Project | None:
    """One project the person may see, with its team, THRIVE categories, themes, progress updates
    (newest first) and action plan (`with_action_plan`); None if there is no such project or it
    is not theirs to see."""
    updates = ProgressUpdate.objects.select_related("written_by").order_by("-created_at", "-pk")
    project = (
        with_latest_update(projects_visible_to(user).filter(pk=pk))
        .prefetch_related(
            "team",
            "thrive_categories",
            themes_in_order(),
            Prefetch("progress_updates", queryset=updates),
            Prefetch("action_plan", queryset=action_plan_items()),
        )
        .first()
    )
    if project is None:
        return None
    return with_action_plan(_annotate_progress(project), today=today)


# --- Action plans ------------------------------------------------------------------------------


def action_plan_items() -> QuerySet:
    """A project's actions in the order they were added (to prefetch as `action_plan`)."""
    return ActionPlanItem.objects.order_by("position", "pk")


def is_overdue(item: ActionPlanItem, *, today: datetime.date) -> bool:
    """Its due date has passed and it is not done."""
    return item.due_on is not None and item.due_on < today and item.status != ActionStatus.DONE


def action_plan_day(programme, *, today: datetime.date | None = None) -> datetime.date:
    """The day overdue actions are counted on: today while the programme runs, its last day once
    it has ended (an action due in 2018 is not "overdue" in 2026: the programme was over)."""
    today = today or timezone.localdate()
    return min(today, programme.runs_until)


def with_action_plan(project: Project, *, today: datetime.date | None = None) -> Project:
    """The project with `actions` (its action plan, from the prefetched `action_plan`, each with
    `is_overdue`), `actions_done` and `actions_overdue`; no query of its own (its programme is
    fetched with it)."""
    today = action_plan_day(project.programme, today=today)
    project.actions = list(project.action_plan.all())
    for item in project.actions:
        item.is_overdue = is_overdue(item, today=today)
    project.actions_done = sum(item.status == ActionStatus.DONE for item in project.actions)
    project.actions_overdue = sum(item.is_overdue for item in project.actions)
    return project


def with_action_counts(projects: QuerySet) -> QuerySet:
    """Projects with `actions_total` and `actions_done` (for "3 of 5 actions done" in lists and on
    the programme dashboard), counted in the same query."""
    return projects.annotate(
        actions_total=Count("action_plan", distinct=True),
        actions_done=Count(
            "action_plan", filter=Q(action_plan__status=ActionStatus.DONE), distinct=True
        ),
    )


def council_project_for(user, pk: int, *, today: datetime.date | None = None) -> Project | None:
    """One project for its council's read-only view: programme, organisation, consultant and
    action plan, without the consultant's progress updates; None if it is not theirs to see."""
    project = (
        projects_for_council_view(user)
        .filter(pk=pk)
        .select_related("programme", "organisation", "consultant")
        .prefetch_related(Prefetch("action_plan", queryset=action_plan_items()))
        .first()
    )
    return with_action_plan(project, today=today) if project else None


def action_plan_for_review(user, pk: int) -> Project | None:
    """One project the person may edit, with its action plan, for reviewing every action's
    status at once."""
    return (
        projects_visible_to(user)
        .filter(pk=pk)
        .select_related("programme", "organisation")
        .prefetch_related(Prefetch("action_plan", queryset=action_plan_items()))
        .first()
    )


def action_item_for(user, *, project_pk: int, pk: int) -> ActionPlanItem | None:
    """One action of a project the person may edit; None if it is not theirs (or not in that
    project)."""
    return (
        ActionPlanItem.objects.filter(
            project__in=projects_visible_to(user), project_id=project_pk, pk=pk
        )
        .select_related("project__programme", "project__organisation")
        .first()
    )
