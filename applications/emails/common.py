"""What every kind of email of the applications app shares: the kinds' names, the placeholders
every application email has, the decisions' default messages, and the helpers that fill them
in and register them (notifications.editable)."""

import datetime

from django.conf import settings
from django.db.models import Case, When

from applications.enums import ApplicationStatus
from applications.models import Application
from notifications import editable
from programmes.models import Programme

APPLICATION_SUBMITTED = "application_submitted"
APPLICATION_WITHDRAWN = "application_withdrawn"
DECISION_SELECTED = "decision_selected"
DECISION_WAITLISTED = "decision_waitlisted"
DECISION_NOT_SELECTED = "decision_not_selected"
DECISION_KINDS = {
    ApplicationStatus.SELECTED: DECISION_SELECTED,
    ApplicationStatus.WAITLISTED: DECISION_WAITLISTED,
    ApplicationStatus.NOT_SELECTED: DECISION_NOT_SELECTED,
}
# The kinds a held decision email may have: "decision" is what one decision email for every
# outcome was called, and some may still wait in the outbox.
HELD_DECISION_KINDS = [*DECISION_KINDS.values(), "decision"]
WAITLIST_PLACE_OFFERED = "waitlist_place_offered"
INFORMATION_REQUESTED = "information_requested"
REVIEWER_ASSIGNED = "reviewer_assigned"
BOARD_CONFIRMATION_REQUEST = "board_confirmation_request"
BOARD_CONFIRMATION_ANSWERED = "board_confirmation_answered"
DRAFT_REMINDER = "draft_reminder"

# Clearly made up, for a preview in a programme that has nothing real to show yet.
EXAMPLE_NAME = "Alex Example"
EXAMPLE_COUNCIL = "Exampleshire County Council"
EXAMPLE_REFERENCE = "EOI-0000-EXAMPLE"

NAME = {"name": "the name of the person it is sent to"}
APPLICATION = {
    "council": "the council’s name",
    "programme": "the programme’s title",
    "reference": "the application’s reference, like EOI-2018-K7QM",
    "contact email": "the programme’s contact email address",
}


# The decisions' default messages, offered on the decisions form and put in the email when the
# programme manager writes none.
DEFAULT_MESSAGES = {
    ApplicationStatus.SELECTED: (
        "We are delighted to offer your council a place on the programme. We will be in touch "
        "shortly with details of the first learning day."
    ),
    ApplicationStatus.WAITLISTED: (
        "We received more strong applications than we have places. Your application is on our "
        "waiting list: if a place becomes available we will offer it to you straight away."
    ),
    ApplicationStatus.NOT_SELECTED: (
        "Thank you for your application. We received many strong applications and have not been "
        "able to offer your council a place this time. You are welcome to join the community of "
        "learning to follow the programme."
    ),
}

# How long the board's signed link works (applications.services.board checks it; the request
# email says when it expires).
BOARD_LINK_VALID_FOR = datetime.timedelta(days=30)


def programme_scopes():
    return Programme.objects.order_by("-closes_at", "title")


def register_kind(
    *,
    kind: str,
    name: str,
    description: str,
    placeholders: dict,
    sample,
    group: str,
    required: dict | None = None,
    links: frozenset[str] = editable.SERVICE_LINKS,
) -> None:
    editable.register(
        editable.EditableKind(
            kind=kind,
            name=name,
            description=description,
            placeholders=placeholders,
            scope_model=Programme,
            scopes=programme_scopes,
            sample=sample,
            required=required or {},
            group=group,
            links=links,
        )
    )


def absolute_link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def values_of_application(application: Application, *, name: str) -> dict[str, str]:
    programme = application.programme
    return {
        "name": name or "colleague",
        "council": application.organisation.name,
        "programme": programme.title,
        "reference": application.reference or "not given yet (it is a draft)",
        "contact email": programme.contact_email,
    }


def example_values(programme: Programme, *, name: str = EXAMPLE_NAME) -> dict:
    return {
        "name": name,
        "council": EXAMPLE_COUNCIL,
        "programme": programme.title,
        "reference": EXAMPLE_REFERENCE,
        "contact email": programme.contact_email,
    }


def example_application(programme: Programme, *statuses: str) -> Application | None:
    """A real application of the programme for a preview: one in `statuses` if there is one,
    then one that has been submitted, then any."""
    return (
        programme.applications.select_related(
            "programme", "organisation", "submitted_by", "created_by"
        )
        .order_by(
            Case(When(status__in=statuses, then=0), default=1),
            Case(When(reference__isnull=False, then=0), default=1),
            "pk",
        )
        .first()
    )


def person_for(application: Application) -> str:
    person = application.submitted_by or application.created_by
    if person is not None:
        return person.name
    member = application.team.exclude(name="").order_by("position").first()
    return member.name if member else ""


def team_lines(team) -> str:
    """One line for each named member: "- name, job title, organisation"."""
    lines = [
        "- " + ", ".join(part for part in (m.name, m.job_title, m.organisation_name) if part)
        for m in team
        if m.name
    ]
    return "\n".join(lines) or "No one has been named yet."
