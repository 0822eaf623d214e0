"""The applications app's kinds of email whose wording a programme manager can change, per
programme (notifications.editable): what each placeholder means, how the services fill them in,
and real values for a preview.

Each default wording ships as `templates/emails/editable/<kind>.txt`. Values are plain text;
wording that depends on the case (the council that submitted or a team member, the board's yes
or no) is worked out here into a placeholder's value, because the wording itself has no logic.

NotificationsConfig.ready imports this package in every process, so the registrations (one
module per area of work) hold wherever email is written. The services import it; it imports no
service. The names the services use are re-exported here.
"""

from applications.emails import applying, board, decisions, information, reminders, reviewing
from applications.emails.applying import (
    submission_values,
    withdrawal_values,
)
from applications.emails.board import (
    board_answer_values,
    board_request_values,
)
from applications.emails.common import (
    APPLICATION,
    APPLICATION_SUBMITTED,
    APPLICATION_WITHDRAWN,
    BOARD_CONFIRMATION_ANSWERED,
    BOARD_CONFIRMATION_REQUEST,
    BOARD_LINK_VALID_FOR,
    DECISION_KINDS,
    DECISION_NOT_SELECTED,
    DECISION_SELECTED,
    DECISION_WAITLISTED,
    DEFAULT_MESSAGES,
    DRAFT_REMINDER,
    EXAMPLE_COUNCIL,
    EXAMPLE_NAME,
    EXAMPLE_REFERENCE,
    HELD_DECISION_KINDS,
    INFORMATION_REQUESTED,
    NAME,
    REVIEWER_ASSIGNED,
    WAITLIST_PLACE_OFFERED,
)
from applications.emails.decisions import (
    DECISION_PLACEHOLDERS,
    decision_kind,
    decision_values,
    place_offered_values,
)
from applications.emails.information import (
    information_request_values,
)
from applications.emails.reminders import (
    DRAFT_REMINDER_PLACEHOLDERS,
    draft_reminder_still_wanted,
    draft_reminder_values,
)
from applications.emails.reviewing import (
    reviewer_assigned_values,
)

__all__ = [
    "APPLICATION",
    "APPLICATION_SUBMITTED",
    "APPLICATION_WITHDRAWN",
    "BOARD_CONFIRMATION_ANSWERED",
    "BOARD_CONFIRMATION_REQUEST",
    "BOARD_LINK_VALID_FOR",
    "DECISION_KINDS",
    "DECISION_NOT_SELECTED",
    "DECISION_PLACEHOLDERS",
    "DECISION_SELECTED",
    "DECISION_WAITLISTED",
    "DEFAULT_MESSAGES",
    "DRAFT_REMINDER",
    "DRAFT_REMINDER_PLACEHOLDERS",
    "EXAMPLE_COUNCIL",
    "EXAMPLE_NAME",
    "EXAMPLE_REFERENCE",
    "HELD_DECISION_KINDS",
    "INFORMATION_REQUESTED",
    "NAME",
    "REVIEWER_ASSIGNED",
    "WAITLIST_PLACE_OFFERED",
    "applying",
    "board",
    "board_answer_values",
    "board_request_values",
    "decision_kind",
    "decision_values",
    "decisions",
    "draft_reminder_still_wanted",
    "draft_reminder_values",
    "information",
    "information_request_values",
    "place_offered_values",
    "reminders",
    "reviewer_assigned_values",
    "reviewing",
    "submission_values",
    "withdrawal_values",
]
