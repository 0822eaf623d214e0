"""Kinds of email about learning days (see programmes.emails and cohort.services.learning_days).

- `learning_day_invitation`: to each team member of the cohort (and anyone sent in someone's
  place), with an .ics (METHOD:REQUEST) and a signed link to answer. Not sent if the day was
  cancelled before it left the outbox.
- `learning_day_changed`: the time or place changed; a new .ics with the same UID, higher SEQUENCE.
- `learning_day_cancelled`: the day is cancelled; an .ics with METHOD:CANCEL.
- `learning_day_answer_reminder`: 7 days before the day, to those who have not answered.
- `learning_day_reminder`: 2 days before the day, to those coming.

The two reminders are checked again when sent (still not answered / still coming, the day not
cancelled, not moved and not started). All have wording a programme manager can edit per
programme; the defaults are templates/emails/editable/<kind>.txt.
"""

from cohort.services import learning_days as service
from notifications import editable, send_conditions
from programmes.models import Programme

KINDS = [
    (
        service.INVITATION,
        "Invitation to a learning day",
        "Sent to each member of the cohort’s teams when a programme manager invites the cohort, "
        "and to anyone sent in someone’s place, with a calendar entry and a link to answer.",
    ),
    (
        service.CHANGED,
        "Learning day changed",
        "Sent to everyone invited who has not declined when a learning day’s time or place "
        "changes, with an updated calendar entry.",
    ),
    (
        service.CANCELLED,
        "Learning day cancelled",
        "Sent to everyone invited when a learning day is cancelled; it removes the day from "
        "their calendar.",
    ),
    (
        service.ANSWER_REMINDER,
        "Reminder to answer a learning day invitation",
        "Sent 7 days before a learning day to everyone invited who has not answered yet.",
    ),
    (
        service.DAY_REMINDER,
        "Reminder of a learning day",
        "Sent 2 days before a learning day to everyone who said they are coming.",
    ),
]

# Invitees answer only through their link: an invitation or a reminder to answer without it
# would leave them no way to say whether they are coming.
ANSWERED_THROUGH_LINK = {
    service.INVITATION: {"link": "it is how each person invited answers"},
    service.ANSWER_REMINDER: {"link": "it is how each person invited answers"},
}

for kind, name, description in KINDS:
    editable.register(
        editable.EditableKind(
            group="Learning days",
            kind=kind,
            name=name,
            description=description,
            placeholders=service.PLACEHOLDERS,
            scope_model=Programme,
            scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
            sample=service.preview_values,
            required=ANSWERED_THROUGH_LINK.get(kind, {}),
        )
    )

send_conditions.register(service.ANSWER_REMINDER)(service.reminder_still_wanted)
send_conditions.register(service.DAY_REMINDER)(service.reminder_still_wanted)
send_conditions.register(service.INVITATION)(service.invitation_still_wanted)
