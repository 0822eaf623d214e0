"""Kinds of email about learning days (sent by cohort.services.learning_days):
their kinds, wording, values and send conditions.

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

import datetime

from django.conf import settings
from django.utils import timezone

from cohort.enums import InvitationAnswer
from cohort.invitation_links import answer_link, example_answer_link
from cohort.models import LearningDay, LearningDayInvitation
from notifications import editable, send_conditions
from notifications.models import OutboundEmail
from programmes.dates import LONDON, format_date, format_datetime, format_time
from programmes.models import Programme

INVITATION = "learning_day_invitation"
CHANGED = "learning_day_changed"
CANCELLED = "learning_day_cancelled"
ANSWER_REMINDER = "learning_day_answer_reminder"
DAY_REMINDER = "learning_day_reminder"
# Which answer each reminder is for, and how many calendar days before the day it falls due.
REMINDERS = {
    ANSWER_REMINDER: (InvitationAnswer.AWAITING, [7]),
    DAY_REMINDER: (InvitationAnswer.ACCEPTED, [2]),
}


def start_stamp(starts_at: datetime.datetime) -> str:
    return starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M")


def reminder_still_wanted(email: OutboundEmail) -> str:
    """The reason not to send a learning-day reminder any more, or "" to send it."""
    invitation = (
        LearningDayInvitation.objects.filter(pk=email.related_id)
        .select_related("learning_day")
        .first()
    )
    if invitation is None:
        return "the invitation no longer exists."
    day = invitation.learning_day
    wanted_answer, _ = REMINDERS[email.kind]
    if invitation.answer != wanted_answer:
        return f"the invitee has answered “{invitation.get_answer_display()}”."
    if day.is_cancelled:
        return "the learning day has been cancelled."
    if not (email.dedup_key or "").endswith(f":starts-{start_stamp(day.starts_at)}"):
        return "the learning day has moved; a reminder for the new time is sent instead."
    if timezone.now() >= day.starts_at:
        return "the learning day has started."
    return ""


def invitation_still_wanted(email: OutboundEmail) -> str:
    """An invitation is not sent once its day is cancelled (the cancellation says so)."""
    invitation = (
        LearningDayInvitation.objects.filter(pk=email.related_id)
        .select_related("learning_day")
        .first()
    )
    if invitation is None:
        return "the invitation no longer exists."
    if invitation.learning_day.is_cancelled:
        return "the learning day has been cancelled."
    return ""


# --- The wording, editable per programme (registered in cohort.emails.learning_days) ----

PLACEHOLDERS = {
    "name": "the name of the person it is sent to",
    "programme": "the programme’s title",
    "learning day": "the learning day’s title, like Learning day 1",
    "when": "the date and times, like Thursday 2 April 2026, 10am to 4pm",
    "where": "the venue and its address, or the online link",
    "agenda": "the agenda, as the programme team wrote it",
    "time left": "“in 7 days” or “in 2 days” (reminders)",
    "link": "the web address where they answer, or change their answer",
    "contact email": "the programme’s contact email address",
}


def when_text(day) -> str:
    starts, ends = day.starts_at.astimezone(LONDON), day.ends_at.astimezone(LONDON)
    if starts.date() == ends.date():
        return f"{format_date(starts)}, {format_time(starts)} to {format_time(ends)}"
    return f"{format_datetime(starts)} to {format_datetime(ends)}"


def where_text(day) -> str:
    if day.venue_name:
        address = ", ".join(line.strip() for line in day.venue_address.splitlines() if line.strip())
        place = f"{day.venue_name}, {address}" if address else day.venue_name
        return f"{place} (or online: {day.online_link})" if day.online_link else place
    return f"Online: {day.online_link}"


def placeholder_values(*, invitation, day, days: int | None = None) -> dict[str, str]:
    return {
        "name": invitation.name or "colleague",
        "programme": day.programme.title,
        "learning day": day.title,
        "when": when_text(day),
        "where": where_text(day),
        "agenda": day.agenda.strip() or "The agenda will follow.",
        "time left": f"in {days} day{'s' if days != 1 else ''}" if days else "",
        "link": answer_link(invitation) if invitation.pk else f"{settings.SITE_URL}/",
        "contact email": day.programme.contact_email,
    }


def preview_values(programme: Programme) -> dict[str, str]:
    """Values from a real invitation (or day) of the programme, for the wording preview; never a
    real answer link, which would let the manager previewing answer for that person."""
    invitation = (
        LearningDayInvitation.objects.filter(learning_day__programme=programme)
        .select_related("learning_day__programme")
        .order_by("learning_day__sequence", "pk")
        .first()
    )
    if invitation is not None:
        values = placeholder_values(invitation=invitation, day=invitation.learning_day, days=7)
        return {**values, "link": example_answer_link()}
    day = programme.learning_days.order_by("sequence").first()
    if day is None:
        start = timezone.now().astimezone(LONDON).replace(hour=10, minute=0, second=0)
        day = LearningDay(
            programme=programme,
            sequence=1,
            title="Learning day 1",
            starts_at=start + datetime.timedelta(days=30),
            ends_at=start + datetime.timedelta(days=30, hours=6),
            venue_name="Local Government House",
            venue_address="18 Smith Square\nLondon\nSW1P 3HZ",
        )
    day.programme = programme
    example = LearningDayInvitation(name="Alex Example", email="alex@example.org")
    return placeholder_values(invitation=example, day=day, days=7)


KINDS = [
    (
        INVITATION,
        "Invitation to a learning day",
        "Sent to each member of the cohort’s teams when a programme manager invites the cohort, "
        "and to anyone sent in someone’s place, with a calendar entry and a link to answer.",
    ),
    (
        CHANGED,
        "Learning day changed",
        "Sent to everyone invited who has not declined when a learning day’s time or place "
        "changes, with an updated calendar entry.",
    ),
    (
        CANCELLED,
        "Learning day cancelled",
        "Sent to everyone invited when a learning day is cancelled; it removes the day from "
        "their calendar.",
    ),
    (
        ANSWER_REMINDER,
        "Reminder to answer a learning day invitation",
        "Sent 7 days before a learning day to everyone invited who has not answered yet.",
    ),
    (
        DAY_REMINDER,
        "Reminder of a learning day",
        "Sent 2 days before a learning day to everyone who said they are coming.",
    ),
]

# Invitees answer only through their link: an invitation or a reminder to answer without it
# would leave them no way to say whether they are coming.
ANSWERED_THROUGH_LINK = {
    INVITATION: {"link": "it is how each person invited answers"},
    ANSWER_REMINDER: {"link": "it is how each person invited answers"},
}

for kind, name, description in KINDS:
    editable.register(
        editable.EditableKind(
            group="Learning days",
            kind=kind,
            name=name,
            description=description,
            placeholders=PLACEHOLDERS,
            scope_model=Programme,
            scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
            sample=preview_values,
            required=ANSWERED_THROUGH_LINK.get(kind, {}),
        )
    )

send_conditions.register(ANSWER_REMINDER)(reminder_still_wanted)
send_conditions.register(DAY_REMINDER)(reminder_still_wanted)
send_conditions.register(INVITATION)(invitation_still_wanted)
