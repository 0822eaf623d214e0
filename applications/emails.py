"""The applications app's kinds of email whose wording a programme manager can change, per
programme (notifications.editable): what each placeholder means, how the services fill them in,
and real values for a preview.

Each default wording ships as `templates/emails/editable/<kind>.txt`. Values are plain text;
wording that depends on the case (the council that submitted or a team member, the board's yes
or no) is worked out here into a placeholder's value, because the wording itself has no logic.

NotificationsConfig.ready imports this module in every process, so the registrations hold
wherever email is written. The services import it, so it imports no service at import time
(a preview imports what it needs when it runs).
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Case, Prefetch, When
from django.urls import reverse
from django.utils import timezone

from applications.enums import ApplicationStatus, BoardConfirmationStatus, Section
from applications.models import Application, BoardConfirmation, InformationRequest, Review
from applications.selectors.reminders import recipients_for, reminder_days
from notifications import editable, send_conditions
from notifications.models import OutboundEmail
from programmes.dates import format_date, format_datetime
from programmes.models import Membership, Programme
from programmes.selectors import closing_time_for

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


def _scopes():
    return Programme.objects.order_by("-closes_at", "title")


def _register(
    *,
    kind: str,
    name: str,
    description: str,
    placeholders: dict,
    sample,
    group: str,
    required: dict | None = None,
) -> None:
    editable.register(
        editable.EditableKind(
            kind=kind,
            name=name,
            description=description,
            placeholders=placeholders,
            scope_model=Programme,
            scopes=_scopes,
            sample=sample,
            required=required or {},
            group=group,
        )
    )


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _application_values(application: Application, *, name: str) -> dict[str, str]:
    programme = application.programme
    return {
        "name": name or "colleague",
        "council": application.organisation.name,
        "programme": programme.title,
        "reference": application.reference or "not given yet (it is a draft)",
        "contact email": programme.contact_email,
    }


def _example_application_values(programme: Programme, *, name: str = EXAMPLE_NAME) -> dict:
    return {
        "name": name,
        "council": EXAMPLE_COUNCIL,
        "programme": programme.title,
        "reference": EXAMPLE_REFERENCE,
        "contact email": programme.contact_email,
    }


def _example_application(programme: Programme, *statuses: str) -> Application | None:
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


def _person_for(application: Application) -> str:
    person = application.submitted_by or application.created_by
    if person is not None:
        return person.name
    member = application.team.exclude(name="").order_by("position").first()
    return member.name if member else ""


def _team_lines(team) -> str:
    """One line for each named member: "- name, job title, organisation"."""
    lines = [
        "- " + ", ".join(part for part in (m.name, m.job_title, m.organisation_name) if part)
        for m in team
        if m.name
    ]
    return "\n".join(lines) or "No one has been named yet."


# --- Submission -------------------------------------------------------------------------------


def submission_values(
    application: Application, *, name: str, team_member: bool, team: list
) -> dict[str, str]:
    """`team`: the application's team members, in order (read once for all the emails)."""
    values = _application_values(application, name=name)
    council, programme = values["council"], values["programme"]
    if team_member:
        opening = (
            f"{council} has named you as a member of its team in its expression of interest in "
            f"the Local Government Association’s peer learning programme “{programme}”."
        )
        where = f"Ask {council} if you would like to read the expression of interest."
    else:
        opening = (
            f"Thank you. We have received {council}’s expression of interest in “{programme}”."
        )
        where = f"You can read your application at {_link(application.get_absolute_url())}"
    return {
        **values,
        "opening": opening,
        "submitted": format_datetime(application.submitted_at) if application.submitted_at else "",
        "key question": application.key_question,
        "team": _team_lines(team),
        "decisions due": format_date(application.programme.decisions_due),
        "where to read it": where,
    }


def _submission_sample(programme: Programme) -> dict[str, str]:
    application = _example_application(programme, *ApplicationStatus.sent_in())
    if application is None:
        values = _example_application_values(programme)
        return {
            **values,
            "opening": f"Thank you. We have received {EXAMPLE_COUNCIL}’s expression of interest "
            f"in “{programme.title}”.",
            "submitted": format_datetime(programme.closes_at),
            "key question": "How can we help children and young people get support sooner?",
            "team": "- Sam Example, Cabinet Member for Children, Exampleshire County Council",
            "decisions due": format_date(programme.decisions_due),
            "where to read it": f"You can read your application at {_link('/applications/')}",
        }
    values = submission_values(
        application,
        name=_person_for(application),
        team_member=False,
        team=list(application.team.order_by("position")),
    )
    if not application.submitted_at:
        values["submitted"] = format_datetime(programme.closes_at)
    return values


_register(
    kind=APPLICATION_SUBMITTED,
    group="Applying",
    name="Expression of interest received",
    description="Sent when a council submits its expression of interest: to the person who "
    "submitted it, and to each member of the team it names.",
    placeholders={
        **NAME,
        **APPLICATION,
        "opening": "for the person who submitted it, “Thank you. We have received …”; for a "
        "team member, that the council has named them in its team",
        "submitted": "when it was submitted, like Friday 16 February 2018, 5pm",
        "key question": "the council’s key question",
        "team": "the team, one person on each line with their job title and organisation",
        "decisions due": "the date decisions are due, like Friday 16 March 2018",
        "where to read it": "for the person who submitted it, the web address of the "
        "application; for a team member, to ask the council",
    },
    sample=_submission_sample,
)


# --- Withdrawal -------------------------------------------------------------------------------


def withdrawal_values(application: Application, *, name: str) -> dict[str, str]:
    return _application_values(application, name=name)


def _withdrawal_sample(programme: Programme) -> dict[str, str]:
    application = _example_application(programme, ApplicationStatus.WITHDRAWN)
    if application is None:
        return _example_application_values(programme)
    return withdrawal_values(application, name=_person_for(application))


_register(
    kind=APPLICATION_WITHDRAWN,
    group="Applying",
    name="Expression of interest withdrawn",
    description="Sent to the person who withdraws a council’s expression of interest.",
    placeholders={**NAME, **APPLICATION},
    sample=_withdrawal_sample,
)


# --- Decisions --------------------------------------------------------------------------------

DECISION_PLACEHOLDERS = {
    **NAME,
    **APPLICATION,
    "message": "the message you write for this decision when you prepare the decision emails",
}


def decision_kind(status: str) -> str:
    return DECISION_KINDS[ApplicationStatus(status)]


def decision_values(application: Application, *, name: str) -> dict[str, str]:
    """For the kind of email `decision_kind(application.status)` (or the waiting list's offer)."""
    values = {
        **_application_values(application, name=name),
        "message": application.decision_message,
    }
    if application.status == ApplicationStatus.WAITLISTED:
        values["position"] = str(application.waitlist_position or "")
    return values


def _decision_sample(status: ApplicationStatus):
    def sample(programme: Programme) -> dict[str, str]:
        application = _example_application(programme, status)
        if application is None or application.status != status:
            values = (
                _example_application_values(programme)
                if application is None
                else _application_values(application, name=_person_for(application))
            )
            values["message"] = DEFAULT_MESSAGES[status]
            if status == ApplicationStatus.WAITLISTED:
                values["position"] = "1"
            return values
        values = decision_values(application, name=_person_for(application))
        values["message"] = values["message"] or DEFAULT_MESSAGES[status]
        return values

    return sample


_register(
    kind=DECISION_SELECTED,
    group="Decisions",
    name="Decision: selected",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is in the cohort. Decision emails wait in the outbox "
    "until you send them.",
    placeholders=DECISION_PLACEHOLDERS,
    sample=_decision_sample(ApplicationStatus.SELECTED),
)
_register(
    kind=DECISION_WAITLISTED,
    group="Decisions",
    name="Decision: on the waiting list",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is on the waiting list. Decision emails wait in the "
    "outbox until you send them.",
    placeholders={**DECISION_PLACEHOLDERS, "position": "the council’s place on the waiting list"},
    sample=_decision_sample(ApplicationStatus.WAITLISTED),
)
_register(
    kind=DECISION_NOT_SELECTED,
    group="Decisions",
    name="Decision: not selected",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is not selected. Decision emails wait in the outbox "
    "until you send them.",
    placeholders=DECISION_PLACEHOLDERS,
    sample=_decision_sample(ApplicationStatus.NOT_SELECTED),
)


def place_offered_values(application: Application, *, name: str) -> dict[str, str]:
    return _application_values(application, name=name)


def _place_offered_sample(programme: Programme) -> dict[str, str]:
    application = _example_application(programme, ApplicationStatus.WAITLISTED)
    if application is None:
        return _example_application_values(programme)
    return place_offered_values(application, name=_person_for(application))


_register(
    kind=WAITLIST_PLACE_OFFERED,
    group="Decisions",
    name="A place offered from the waiting list",
    description="Sent to the person who submitted the application and each team member when a "
    "council in the cohort withdraws and the council at the top of the waiting list is offered "
    "its place. Sent straight away.",
    placeholders={**NAME, **APPLICATION},
    sample=_place_offered_sample,
)


# --- More information -------------------------------------------------------------------------


def information_request_values(
    application: Application, *, name: str, section: Section, question: str
) -> dict[str, str]:
    return {
        **_application_values(application, name=name),
        "section": section.label,
        "question": question,
        "link": _link(application.get_absolute_url()),
    }


def _information_sample(programme: Programme) -> dict[str, str]:
    asked = (
        InformationRequest.objects.filter(application__programme=programme)
        .select_related(
            "application__programme",
            "application__organisation",
            "application__submitted_by",
            "application__created_by",
        )
        .order_by("-asked_at", "-pk")
        .first()
    )
    if asked is not None:
        application = asked.application
        return information_request_values(
            application,
            name=_person_for(application),
            section=Section(asked.section),
            question=asked.question,
        )
    application = _example_application(programme, *ApplicationStatus.sent_in())
    values = (
        _example_application_values(programme)
        if application is None
        else _application_values(application, name=_person_for(application))
    )
    return {
        **values,
        "section": Section.ISSUE.label,
        "question": "Which services does your key question cover?",
        "link": _link(application.get_absolute_url() if application else "/applications/"),
    }


_register(
    kind=INFORMATION_REQUESTED,
    group="Assessment",
    name="More information needed",
    description="Sent to the person who submitted an application when the programme team asks "
    "a question about one section of it.",
    placeholders={
        **NAME,
        **APPLICATION,
        "section": "the section you are asking about, like About your issue",
        "question": "your question",
        "link": "the web address of the council’s application",
    },
    sample=_information_sample,
)


# --- Reviewing --------------------------------------------------------------------------------


def reviewer_assigned_values(
    *, programme: Programme, name: str, applications: list[Application]
) -> dict[str, str]:
    """`applications`: the ones the reviewer has been given, with their organisations."""
    n = len(applications)
    plural = "" if n == 1 else "s"
    listed = sorted(applications, key=lambda a: a.organisation.name)
    return {
        "name": name or "colleague",
        "programme": programme.title,
        "applications": f"{n} application{plural}",
        "expressions of interest": f"{n} expression{plural} of interest",
        "list": "\n".join(f"- {a.organisation.name} ({a.reference})" for a in listed),
        "link": _link(reverse("applications:reviews")),
        "decisions due": format_date(programme.decisions_due),
        "contact email": programme.contact_email,
    }


def _reviewer_sample(programme: Programme) -> dict[str, str]:
    review = (
        Review.objects.filter(application__programme=programme)
        .select_related("reviewer")
        .order_by("-assigned_at", "-pk")
        .first()
    )
    if review is not None:
        applications = list(
            programme.applications.filter(reviews__reviewer=review.reviewer).select_related(
                "organisation"
            )
        )
        return reviewer_assigned_values(
            programme=programme, name=review.reviewer.name, applications=applications
        )
    example = SimpleNamespace(
        organisation=SimpleNamespace(name=EXAMPLE_COUNCIL), reference=EXAMPLE_REFERENCE
    )
    applications = list(
        programme.applications.filter(reference__isnull=False).select_related("organisation")[:3]
    ) or [example]
    return reviewer_assigned_values(
        programme=programme, name=EXAMPLE_NAME, applications=applications
    )


_register(
    kind=REVIEWER_ASSIGNED,
    group="Assessment",
    name="Applications to review",
    description="Sent to a reviewer when they are given applications to review, by hand or "
    "automatically: one email for all the applications given at once.",
    placeholders={
        **NAME,
        "programme": "the programme’s title",
        "applications": "“1 application” or “3 applications”",
        "expressions of interest": "“1 expression of interest” or “3 expressions of interest”",
        "list": "the applications, one on each line with the council and reference",
        "link": "the web address of the reviewer’s list of reviews",
        "decisions due": "the date decisions are due, like Friday 16 March 2018",
        "contact email": "the programme’s contact email address",
    },
    sample=_reviewer_sample,
)


# --- Health and Wellbeing Board ---------------------------------------------------------------


def board_request_values(
    confirmation: BoardConfirmation,
    *,
    application: Application,
    team: list,
    link: str,
    expires_at: datetime.datetime,
) -> dict[str, str]:
    """`link`: the signed link that answers for the board (the email is hidden from staff)."""
    support = application.get_board_support_display() or "not answered yet"
    if application.board_support_detail:
        support += "\n" + application.board_support_detail
    return {
        **_application_values(application, name=confirmation.contact_name),
        "role": confirmation.get_contact_role_display(),
        "key question": application.key_question or "not answered yet",
        "board support": support,
        "team": _team_lines(team),
        "link": link,
        "link expires": format_datetime(expires_at),
    }


def _board_request_sample(programme: Programme) -> dict[str, str]:
    # Never a real link in a preview: whoever holds one can answer for the board.
    link = _link(reverse("applications:board_confirm", kwargs={"signed": "example"}))
    confirmation = (
        BoardConfirmation.objects.filter(application__programme=programme)
        .select_related("application__programme", "application__organisation")
        .order_by("-requested_at", "-pk")
        .first()
    )
    if confirmation is not None:
        application = confirmation.application
        return board_request_values(
            confirmation,
            application=application,
            team=list(application.team.order_by("position")),
            link=link,
            expires_at=confirmation.requested_at + BOARD_LINK_VALID_FOR,
        )
    return {
        **_example_application_values(programme, name="Dr Sam Example"),
        "role": "Chair of the Health and Wellbeing Board",
        "key question": "How can we help children and young people get support sooner?",
        "board support": "Likely",
        "team": "- Sam Example, Cabinet Member for Children, Exampleshire County Council",
        "link": link,
        "link expires": format_datetime(programme.closes_at),
    }


_register(
    kind=BOARD_CONFIRMATION_REQUEST,
    group="Health and Wellbeing Board",
    name="Health and Wellbeing Board: please confirm support",
    description="Sent to the board’s chair or manager when a council asks them to confirm the "
    "board’s support. It carries a link that answers for the board, so the outbox shows that it "
    "went but not what it says.",
    required={"link": "it is the only way the board can answer"},
    placeholders={
        "name": "the name of the board’s chair or manager it is sent to",
        "role": "their role, like Chair of the Health and Wellbeing Board",
        **APPLICATION,
        "key question": "the council’s key question",
        "board support": "what the council said about the board’s support",
        "team": "the team the council has named, one person on each line",
        "link": "the web address where they answer (needed: there is no other way to answer)",
        "link expires": "when the link stops working, like Friday 16 March 2018, 5pm",
    },
    sample=_board_request_sample,
)


def board_answer_values(
    confirmation: BoardConfirmation, *, application: Application, name: str
) -> dict[str, str]:
    confirmed = confirmation.status == BoardConfirmationStatus.CONFIRMED
    return {
        **_application_values(application, name=name),
        "contact": f"{confirmation.contact_name} ({confirmation.get_contact_role_display()})",
        "answer": "has confirmed its support" if confirmed else "does not support your application",
        "answer in full": "has confirmed that your Health and Wellbeing Board supports"
        if confirmed
        else "has said that your Health and Wellbeing Board does not support",
        "answered": format_datetime(confirmation.responded_at) if confirmation.responded_at else "",
        "comment": confirmation.comment or "none",
        "link": _link(application.get_absolute_url()),
    }


def _board_answer_sample(programme: Programme) -> dict[str, str]:
    confirmation = (
        BoardConfirmation.objects.filter(application__programme=programme)
        .select_related(
            "application__programme",
            "application__organisation",
            "application__submitted_by",
            "application__created_by",
        )
        .order_by(Case(When(responded_at__isnull=False, then=0), default=1), "-requested_at", "-pk")
        .first()
    )
    if confirmation is None:
        return {
            **_example_application_values(programme),
            "contact": "Dr Sam Example (Chair of the Health and Wellbeing Board)",
            "answer": "has confirmed its support",
            "answer in full": "has confirmed that your Health and Wellbeing Board supports",
            "answered": format_datetime(programme.closes_at),
            "comment": "Agreed at the board’s last meeting.",
            "link": _link("/applications/"),
        }
    application = confirmation.application
    values = board_answer_values(
        confirmation, application=application, name=_person_for(application)
    )
    if not confirmation.responded_at:
        values["answered"] = format_datetime(confirmation.requested_at)
    return values


_register(
    kind=BOARD_CONFIRMATION_ANSWERED,
    group="Health and Wellbeing Board",
    name="Health and Wellbeing Board has answered",
    description="Sent to the council (whoever submitted the application, or started it) when "
    "the board’s chair or manager confirms or declines the board’s support.",
    placeholders={
        **NAME,
        **APPLICATION,
        "contact": "who answered for the board, with their role",
        "answer": "“has confirmed its support” or “does not support your application”",
        "answer in full": "“has confirmed that your Health and Wellbeing Board supports” or "
        "“has said that your Health and Wellbeing Board does not support”",
        "answered": "when they answered, like Friday 16 February 2018, 5pm",
        "comment": "their comment, or “none”",
        "link": "the web address of the council’s application",
    },
    sample=_board_answer_sample,
)


# --- Reminder to finish a draft (applications.services.reminders) ----------------------------

DRAFT_REMINDER_PLACEHOLDERS = {
    **NAME,
    "council": "the council’s name",
    "programme": "the programme’s title",
    "time left": "“tomorrow” or “in 7 days”",
    "closing date": "the council’s closing date and time, like Friday 3 April 2026, 5pm",
    "link": "the web address of the council’s expression of interest",
    "contact email": "the programme’s contact email address",
}


def draft_reminder_values(
    *, application: Application, person, days: int, closes_at: datetime.datetime
) -> dict[str, str]:
    return {
        "name": person.name or "colleague",
        "council": application.organisation.name,
        "programme": application.programme.title,
        "time left": "tomorrow" if days == 1 else f"in {days} days",
        "closing date": format_datetime(closes_at),
        "link": _link(application.get_absolute_url()),
        "contact email": application.programme.contact_email,
    }


def _draft_reminder_sample(programme: Programme) -> dict[str, str]:
    """Values from a real draft in the programme (or another application of it)."""
    days = min(reminder_days(programme) or [1])
    application = (
        programme.applications.select_related("organisation", "created_by", "programme")
        .prefetch_related(
            Prefetch(
                "organisation__memberships",
                queryset=Membership.objects.filter(user__is_active=True).select_related("user"),
            )
        )
        .order_by(Case(When(status=ApplicationStatus.DRAFT, then=0), default=1), "pk")
        .first()
    )
    if application is None:
        return {
            "name": EXAMPLE_NAME,
            "council": EXAMPLE_COUNCIL,
            "programme": programme.title,
            "time left": "tomorrow" if days == 1 else f"in {days} days",
            "closing date": format_datetime(programme.closes_at),
            "link": _link("/applications/"),
            "contact email": programme.contact_email,
        }
    closes_at = closing_time_for(programme=programme, organisation=application.organisation)
    person = application.created_by or next(iter(recipients_for(application)), None)
    return draft_reminder_values(
        application=application,
        person=person or SimpleNamespace(name=""),
        days=days,
        closes_at=closes_at,
    )


_register(
    kind=DRAFT_REMINDER,
    group="Applying",
    name="Reminder to finish a draft",
    description="Sent to each person acting for a council whose expression of interest is "
    "still a draft, the number of days before the closing date that the programme sets.",
    placeholders=DRAFT_REMINDER_PLACEHOLDERS,
    sample=_draft_reminder_sample,
)


@send_conditions.register(DRAFT_REMINDER)
def draft_reminder_still_wanted(email: OutboundEmail) -> str:
    """The reason not to send a draft reminder any more, or "" to send it."""
    application = (
        Application.objects.filter(pk=email.related_id)
        .select_related("programme", "organisation")
        .first()
    )
    if application is None:
        return "the expression of interest no longer exists."
    if application.status != ApplicationStatus.DRAFT:
        return f"the expression of interest is {application.get_status_display().lower()}."
    closes_at = closing_time_for(
        programme=application.programme, organisation=application.organisation
    )
    if timezone.now() >= closes_at:
        return "the closing date has passed."
    return ""
