"""The Health and Wellbeing Board confirms (or declines) its support for an application.

The council names the board's chair or board manager; that person gets an email with a signed
link and answers without an account. The link carries the request's random token signed with a
timestamp (`TimestampSigner`, salt "board-confirmation"), so it cannot be guessed or altered and
stops working after `LINK_VALID_FOR`. Each request can be answered once.
"""

import uuid

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from applications import emails
from applications.enums import (
    ApplicationStatus,
    BoardConfirmationStatus,
    BoardContactRole,
    BoardSupport,
)
from applications.errors import ApplicationError
from applications.models import Application, BoardConfirmation
from applications.services.history import record_event
from notifications.services import queue_editable_email

SIGNING_SALT = "board-confirmation"
LINK_VALID_FOR = emails.BOARD_LINK_VALID_FOR
# Only support the council says it has, or expects, is worth the board's time to confirm.
ASKABLE_SUPPORT = (BoardSupport.LIKELY, BoardSupport.CONFIRMED)


class BoardLinkNoLongerValid(ApplicationError):
    """The link's signature is good but its request is gone: the council asked again since."""

    def __init__(self):
        super().__init__("This link is no longer valid")


class BoardConfirmationAlreadyAnswered(ApplicationError):
    """The request was answered already; `confirmation` holds the answer on record."""

    def __init__(self, confirmation: BoardConfirmation):
        super().__init__("This link has already been used")
        self.confirmation = confirmation


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


def sign_board_token(token: uuid.UUID) -> str:
    """The URL-safe signed value in a board confirmation link: the token, a timestamp, the MAC."""
    return _signer().sign(str(token))


def board_confirmation_path(confirmation: BoardConfirmation) -> str:
    return reverse(
        "applications:board_confirm", kwargs={"signed": sign_board_token(confirmation.token)}
    )


def read_board_link(signed: str, *, check_age: bool = True) -> uuid.UUID:
    """The token in a signed link.

    Raises `signing.SignatureExpired` when the link is older than `LINK_VALID_FOR` (unless
    `check_age` is false), and `signing.BadSignature` when it was altered or cut short.
    """
    try:
        return uuid.UUID(_signer().unsign(signed, max_age=LINK_VALID_FOR if check_age else None))
    except ValueError as malformed:
        # Signed with this key and salt but not by sign_board_token: no timestamp, or no token.
        raise signing.BadSignature("Not a board confirmation link") from malformed


def can_ask_board(application: Application) -> bool:
    return (
        application.board_support in ASKABLE_SUPPORT
        and application.status != ApplicationStatus.WITHDRAWN
    )


def _describe_contact(confirmation: BoardConfirmation) -> str:
    return f"{confirmation.contact_name} ({confirmation.get_contact_role_display()})"


@transaction.atomic
def request_board_confirmation(
    *,
    application_id: int,
    contact_name: str,
    contact_email: str,
    contact_role: BoardContactRole,
    by,
) -> BoardConfirmation:
    """Ask the board's chair or manager to confirm the board's support, by email.

    Works on a draft or a submitted application, once the council has said the board's support is
    likely or confirmed. Raises ApplicationError otherwise, or when the application was withdrawn.
    Side effects: a pending BoardConfirmation; any earlier request still waiting for an answer is
    deleted, so its link stops working (answers already given are kept); a history entry; an
    email to the contact with the signed link, its body hidden from staff and the council
    because the link lets whoever holds it answer for the board.
    """
    application = Application.objects.select_for_update().get(pk=application_id)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ApplicationError("This application has been withdrawn")
    if application.board_support not in ASKABLE_SUPPORT:
        raise ApplicationError(
            "You can ask your Health and Wellbeing Board to confirm its support once you have "
            "said that its support is likely or confirmed"
        )
    replaced = list(application.board_confirmations.filter(status=BoardConfirmationStatus.PENDING))
    BoardConfirmation.objects.filter(pk__in=[r.pk for r in replaced]).delete()
    confirmation = BoardConfirmation.objects.create(
        application=application,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_role=contact_role,
        requested_by=by,
    )
    description = (
        f"Asked {_describe_contact(confirmation)} to confirm the Health and Wellbeing Board’s "
        "support"
    )
    if replaced:
        description += ", replacing the request to " + ", ".join(map(_describe_contact, replaced))
    record_event(application=application, actor=by, description=description)
    _send_request(confirmation=confirmation, application=application)
    return confirmation


def _send_request(*, confirmation: BoardConfirmation, application: Application) -> None:
    # The body carries the link, which lets whoever holds it answer for the board: hidden from
    # staff and from the council's list of emails.
    queue_editable_email(
        kind=emails.BOARD_CONFIRMATION_REQUEST,
        scope=application.programme,
        values=emails.board_request_values(
            confirmation,
            application=application,
            team=list(application.team.order_by("position")),
            link=settings.SITE_URL + board_confirmation_path(confirmation),
            expires_at=confirmation.requested_at + LINK_VALID_FOR,
        ),
        to_email=confirmation.contact_email,
        to_name=confirmation.contact_name,
        reason="Asks the Health and Wellbeing Board to confirm its support, with a signed link.",
        related=application,
        hide_body_from_staff=True,
    )


@transaction.atomic
def answer_board_confirmation(
    *, token: uuid.UUID, supported: bool, comment: str = ""
) -> BoardConfirmation:
    """Record the board's answer to a request, once.

    Raises BoardLinkNoLongerValid when the request was replaced by a newer one, and
    BoardConfirmationAlreadyAnswered when it was answered already (a second tab, a double click,
    a forwarded email). Side effects: the request becomes confirmed or declined, with the comment
    and the time; a history entry; an email to the council (whoever submitted the application,
    or else whoever started it).
    """
    confirmation = BoardConfirmation.objects.select_for_update().filter(token=token).first()
    if confirmation is None:
        raise BoardLinkNoLongerValid()
    if confirmation.status != BoardConfirmationStatus.PENDING:
        raise BoardConfirmationAlreadyAnswered(confirmation)
    confirmation.status = (
        BoardConfirmationStatus.CONFIRMED if supported else BoardConfirmationStatus.DECLINED
    )
    confirmation.comment = comment
    confirmation.responded_at = timezone.now()
    confirmation.save(update_fields=["status", "comment", "responded_at"])

    application = Application.objects.select_related(
        "programme", "organisation", "submitted_by", "created_by"
    ).get(pk=confirmation.application_id)
    record_event(
        application=application,
        actor=None,
        description=(
            f"{_describe_contact(confirmation)} confirmed the Health and Wellbeing Board’s support"
            if supported
            else f"{_describe_contact(confirmation)} said the Health and Wellbeing Board does not "
            "support the application"
        ),
    )
    council = application.submitted_by or application.created_by
    if council is not None:
        queue_editable_email(
            kind=emails.BOARD_CONFIRMATION_ANSWERED,
            scope=application.programme,
            values=emails.board_answer_values(
                confirmation, application=application, name=council.name
            ),
            to_email=council.email,
            to_name=council.name,
            reason="Tells the council how its Health and Wellbeing Board answered.",
            related=application,
        )
    return confirmation
