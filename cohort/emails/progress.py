"""Kinds of email about cohort projects' consultants and progress (see programmes.emails).

- `consultant_assigned`: to a consultant when a programme manager makes them a project's
  consultant (cohort.services.progress.assign_consultant).
- `progress_update_due`: to a project's consultant when a progress update falls due
  (cohort.services.progress.queue_due_progress_update_reminders). Checked again when sent:
  it is cancelled if the project has another consultant by then, or an update was written after
  the reminder.

Both have wording a programme manager can edit per programme; the defaults are
templates/emails/editable/<kind>.txt.
"""

import re
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cohort.models import Project
from cohort.selectors.progress import next_update_due_on
from notifications import editable, send_conditions
from notifications.models import OutboundEmail
from programmes.dates import format_date, long_date
from programmes.models import Programme

CONSULTANT_ASSIGNED = "consultant_assigned"
PROGRESS_UPDATE_DUE = "progress_update_due"

DEDUP_USER = re.compile(r":user-(\d+):")


def project_link(project: Project) -> str:
    return f"{settings.SITE_URL}{reverse('cohort:project', kwargs={'pk': project.pk})}"


def progress_link(project: Project) -> str:
    path = reverse("cohort:add_progress_update", kwargs={"pk": project.pk})
    return f"{settings.SITE_URL}{path}"


# --- Consultant assigned -----------------------------------------------------------------------

ASSIGNED_PLACEHOLDERS = {
    "name": "the consultant’s name",
    "council": "the council’s name",
    "programme": "the programme’s title",
    "key question": "the council’s key question",
    "link": "the web address of the project",
    "contact email": "the programme’s contact email address",
}


def assigned_values(*, project: Project, consultant) -> dict[str, str]:
    return {
        "name": consultant.name or "colleague",
        "council": project.organisation.name,
        "programme": project.programme.title,
        "key question": project.refined_key_question or project.key_question,
        "link": project_link(project),
        "contact email": project.programme.contact_email,
    }


def _example_project(programme: Programme):
    project = (
        programme.projects.select_related("organisation", "consultant", "programme")
        .order_by("organisation__name")
        .first()
    )
    if project is None:  # a stand-in, for a programme with no projects yet
        return SimpleNamespace(
            pk=0,
            programme=programme,
            organisation=SimpleNamespace(name="Exampleshire County Council"),
            key_question="How can we help young people find advice early?",
            refined_key_question="",
            consultant=None,
            created_at=timezone.now(),
        )
    return project


def assigned_preview_values(programme: Programme) -> dict[str, str]:
    project = _example_project(programme)
    return assigned_values(
        project=project, consultant=project.consultant or SimpleNamespace(name="Alex Example")
    )


editable.register(
    editable.EditableKind(
        group="Projects",
        kind=CONSULTANT_ASSIGNED,
        name="You are a project’s consultant",
        description="Sent to a consultant when a programme manager makes them the consultant "
        "for a council’s project.",
        placeholders=ASSIGNED_PLACEHOLDERS,
        scope_model=Programme,
        scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
        sample=assigned_preview_values,
    )
)


# --- Progress update due -----------------------------------------------------------------------

DUE_PLACEHOLDERS = {
    "name": "the consultant’s name",
    "council": "the council’s name",
    "programme": "the programme’s title",
    "due date": "the day the update is due, like Friday 16 March 2018",
    "last update": "the date of the latest update, or “none yet”",
    "link": "the web address where the consultant adds the update",
    "contact email": "the programme’s contact email address",
}


def due_values(*, project: Project, consultant, due_on, latest_update_at=None) -> dict[str, str]:
    return {
        "name": consultant.name or "colleague",
        "council": project.organisation.name,
        "programme": project.programme.title,
        "due date": format_date(due_on),
        "last update": long_date(latest_update_at) if latest_update_at else "none yet",
        "link": progress_link(project),
        "contact email": project.programme.contact_email,
    }


def due_preview_values(programme: Programme) -> dict[str, str]:
    project = _example_project(programme)
    latest = None
    if isinstance(project, Project):
        latest = project.progress_updates.order_by("-created_at").first()
    latest_at = latest.created_at if latest else None
    due_on = next_update_due_on(
        programme=programme,
        project_created_at=project.created_at,
        latest_update_at=latest_at,
    )
    return due_values(
        project=project,
        consultant=project.consultant or SimpleNamespace(name="Alex Example"),
        due_on=due_on or programme.runs_until,
        latest_update_at=latest_at,
    )


editable.register(
    editable.EditableKind(
        group="Projects",
        kind=PROGRESS_UPDATE_DUE,
        name="A progress update is due",
        description="Sent to a project’s consultant at 9am on the day its next progress update "
        "is due, while the programme runs: the programme sets how many weeks apart updates are.",
        placeholders=DUE_PLACEHOLDERS,
        scope_model=Programme,
        scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
        sample=due_preview_values,
    )
)


def consultant_id_in(dedup_key: str | None) -> int | None:
    match = DEDUP_USER.search(dedup_key or "")
    return int(match[1]) if match else None


@send_conditions.register(PROGRESS_UPDATE_DUE)
def progress_update_still_wanted(email: OutboundEmail) -> str:
    """The reason not to send a progress-update reminder any more, or "" to send it."""
    project = Project.objects.filter(pk=email.related_id).select_related("consultant").first()
    if project is None:
        return "the project no longer exists."
    consultant = project.consultant
    if consultant is None or consultant.pk != consultant_id_in(email.dedup_key):
        return "the project has a different consultant now."
    if not consultant.is_active:
        return "the consultant’s account is closed."
    if project.progress_updates.filter(created_at__gte=email.created_at).exists():
        return "a progress update has been written since."
    return ""
