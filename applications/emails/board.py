"""The Health and Wellbeing Board's request and the answer to it."""

import datetime

from django.db.models import Case, When
from django.urls import reverse

from applications.emails.common import (
    APPLICATION,
    BOARD_CONFIRMATION_ANSWERED,
    BOARD_CONFIRMATION_REQUEST,
    BOARD_LINK_VALID_FOR,
    NAME,
    absolute_link,
    example_values,
    person_for,
    register_kind,
    team_lines,
    values_of_application,
)
from applications.enums import BoardConfirmationStatus
from applications.models import Application, BoardConfirmation
from programmes.dates import format_datetime
from programmes.models import Programme


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
        **values_of_application(application, name=confirmation.contact_name),
        "role": confirmation.get_contact_role_display(),
        "key question": application.key_question or "not answered yet",
        "board support": support,
        "team": team_lines(team),
        "link": link,
        "link expires": format_datetime(expires_at),
    }


def _board_request_sample(programme: Programme) -> dict[str, str]:
    # Never a real link in a preview: whoever holds one can answer for the board.
    link = absolute_link(reverse("applications:board_confirm", kwargs={"signed": "example"}))
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
        **example_values(programme, name="Dr Sam Example"),
        "role": "Chair of the Health and Wellbeing Board",
        "key question": "How can we help children and young people get support sooner?",
        "board support": "Likely",
        "team": "- Sam Example, Cabinet Member for Children, Exampleshire County Council",
        "link": link,
        "link expires": format_datetime(programme.closes_at),
    }


register_kind(
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
        **values_of_application(application, name=name),
        "contact": f"{confirmation.contact_name} ({confirmation.get_contact_role_display()})",
        "answer": "has confirmed its support" if confirmed else "does not support your application",
        "answer in full": "has confirmed that your Health and Wellbeing Board supports"
        if confirmed
        else "has said that your Health and Wellbeing Board does not support",
        "answered": format_datetime(confirmation.responded_at) if confirmation.responded_at else "",
        "comment": confirmation.comment or "none",
        "link": absolute_link(application.get_absolute_url()),
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
            **example_values(programme),
            "contact": "Dr Sam Example (Chair of the Health and Wellbeing Board)",
            "answer": "has confirmed its support",
            "answer in full": "has confirmed that your Health and Wellbeing Board supports",
            "answered": format_datetime(programme.closes_at),
            "comment": "Agreed at the board’s last meeting.",
            "link": absolute_link("/applications/"),
        }
    application = confirmation.application
    values = board_answer_values(
        confirmation, application=application, name=person_for(application)
    )
    if not confirmation.responded_at:
        values["answered"] = format_datetime(confirmation.requested_at)
    return values


register_kind(
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
