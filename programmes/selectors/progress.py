"""Reads about cohort projects' consultants and progress: who may see which project, the latest
red/amber/green status of each, and when the next progress update is due.

Access is decided here, in the query: a programme manager sees every project; a consultant sees
only the projects assigned to them; anyone else sees none (`projects_visible_to`).

When an update is due: `Programme.progress_update_every_weeks` weeks after the latest update, or,
before the first, after the later of the day the project started and the day the programme
starts running; at 9am on the Europe/London wall clock that day (GMT or BST, whichever is in
force), and only while the programme runs (on or before `runs_until`).
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from accounts.enums import StaffRole
from programmes.enums import ProgressStatus
from programmes.models import Programme, ProgressUpdate, Project

LONDON = zoneinfo.ZoneInfo("Europe/London")
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
    """A programme's projects for its managers, by council, with their progress."""
    projects = with_latest_update(programme.projects.all()).order_by("organisation__name")
    return [_annotate_progress(project) for project in projects]


def consultant_projects(user) -> list[Project]:
    """The projects assigned to this person, across programmes (the newest programme first)."""
    projects = with_latest_update(Project.objects.filter(consultant=user)).order_by(
        "-programme__runs_from", "programme__title", "organisation__name"
    )
    return [_annotate_progress(project) for project in projects]


def project_for(user, pk: int) -> Project | None:
    """One project the person may see, with its team, THRIVE categories and progress updates
    (newest first); None if there is no such project or it is not theirs to see."""
    updates = ProgressUpdate.objects.select_related("written_by").order_by("-created_at", "-pk")
    project = (
        with_latest_update(projects_visible_to(user).filter(pk=pk))
        .prefetch_related(
            "team", "thrive_categories", Prefetch("progress_updates", queryset=updates)
        )
        .first()
    )
    return _annotate_progress(project) if project else None
