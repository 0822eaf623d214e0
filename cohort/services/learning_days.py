"""Learning days: scheduling, invitations with a calendar file, and answers. The register is in
`register`, the reminders in `learning_day_reminders`, the candidate venues in `venues`.

Invitations go to every team member of every project in the programme's cohort, one per email
address per day. Each email carries an .ics (cohort.invitation_calendar) and a signed link to
answer without an account (cohort.invitation_links). Answers can be changed until the day
starts. The emails' kinds, wording and send conditions are in cohort.emails.learning_days.

A change of time or place after invitations went out raises the day's `calendar_sequence` and
sends everyone still coming (or not yet answered) a new .ics with the same UID; a cancellation
sends METHOD:CANCEL to every invitee.
"""

import dataclasses
import datetime
import decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from cohort.emails.learning_days import (
    CANCELLED,
    CHANGED,
    INVITATION,
    placeholder_values,
)
from cohort.enums import InvitationAnswer
from cohort.invitation_calendar import CANCEL, REQUEST, calendar_attachment
from cohort.models import LearningDay, LearningDayInvitation
from notifications.services import queue_editable_email
from programmes.errors import DomainError
from programmes.models import Programme

# A change to any of these is news for the invitees' calendars.
TIME_AND_PLACE = ("starts_at", "ends_at", "venue_name", "venue_address", "online_link")


class LearningDayError(DomainError):
    """A change that cannot be made; `field` names the form field it is about, if any."""


@dataclasses.dataclass(frozen=True)
class LearningDayDetails:
    sequence: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_name: str = ""
    venue_address: str = ""
    venue_latitude: decimal.Decimal | None = None
    venue_longitude: decimal.Decimal | None = None
    online_link: str = ""
    agenda: str = ""


@dataclasses.dataclass(frozen=True)
class Substitute:
    """The person an invitee sends in their place."""

    name: str
    email: str
    role: str = ""


# --- Signed links ------------------------------------------------------------------------------


# --- Scheduling --------------------------------------------------------------------------------


def _validate(*, programme: Programme, details: LearningDayDetails, exclude_pk=None) -> None:
    if details.ends_at <= details.starts_at:
        raise LearningDayError("The end time must be after the start time", field="ends_time")
    if not details.venue_name.strip() and not details.online_link.strip():
        raise LearningDayError("Enter the venue’s name, or an online link", field="venue_name")
    if (details.venue_latitude is None) != (details.venue_longitude is None):
        raise LearningDayError(
            "Enter both the latitude and the longitude, or neither", field="venue_longitude"
        )
    clash = LearningDay.objects.filter(programme=programme, sequence=details.sequence)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise LearningDayError(
            f"This programme already has a learning day {details.sequence}", field="sequence"
        )


@transaction.atomic
def schedule_learning_day(*, programme_id: int, details: LearningDayDetails) -> LearningDay:
    """Add a learning day to a programme. Raises LearningDayError when the details do not hold.

    Side effects: one LearningDay. Nobody is invited yet (see `invite_cohort`).
    """
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    _validate(programme=programme, details=details)
    try:
        with transaction.atomic():
            return LearningDay.objects.create(programme=programme, **dataclasses.asdict(details))
    except IntegrityError as clash:
        raise LearningDayError(
            f"This programme already has a learning day {details.sequence}", field="sequence"
        ) from clash


@transaction.atomic
def change_learning_day(*, learning_day_id: int, details: LearningDayDetails) -> LearningDay:
    """Change a learning day's details. Raises LearningDayError for a cancelled day, a change of
    time or place once the day has started, or bad details.

    Side effects: the day is saved; when its time or place changed and people have been invited,
    its calendar_sequence goes up by one and every invitee who has not declined (or sent someone
    else) is emailed the new details with an updated .ics (same UID, higher SEQUENCE).
    """
    day = (
        LearningDay.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=learning_day_id)
    )
    if day.is_cancelled:
        raise LearningDayError("This learning day has been cancelled and cannot be changed")
    _validate(programme=day.programme, details=details, exclude_pk=day.pk)
    moved = any(getattr(day, name) != getattr(details, name) for name in TIME_AND_PLACE)
    if moved and timezone.now() >= day.starts_at:
        # Its record can still be corrected (title, agenda), but the time and place are what
        # happened, and nobody should get a calendar update for a day that is over.
        raise LearningDayError(
            "This learning day has already started, so its time and place cannot be changed"
        )
    for name, value in dataclasses.asdict(details).items():
        setattr(day, name, value)
    invitees = list(
        day.invitations.exclude(
            answer__in=[InvitationAnswer.DECLINED, InvitationAnswer.SENT_SOMEONE_ELSE]
        ).order_by("pk")
    )
    notify = moved and day.invitations.exists()
    if notify:
        day.calendar_sequence += 1
    try:
        with transaction.atomic():
            day.save()
    except IntegrityError as clash:
        raise LearningDayError(
            f"This programme already has a learning day {details.sequence}", field="sequence"
        ) from clash
    if notify:
        for invitation in invitees:
            _send(
                kind=CHANGED,
                invitation=invitation,
                day=day,
                method=REQUEST,
                reason="Tells an invitee that the learning day’s time or place has changed, "
                "with an updated calendar entry.",
            )
    return day


@transaction.atomic
def cancel_learning_day(*, learning_day_id: int) -> LearningDay:
    """Cancel a learning day. Raises LearningDayError if it is cancelled already or has started.

    Side effects: the day is marked cancelled and its calendar_sequence goes up by one; every
    invitee is emailed with a METHOD:CANCEL .ics that removes the event from their calendar.
    Reminders still waiting in the outbox are not sent (their send condition).
    """
    day = (
        LearningDay.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=learning_day_id)
    )
    if day.is_cancelled:
        raise LearningDayError("This learning day has already been cancelled")
    if timezone.now() >= day.starts_at:
        raise LearningDayError("This learning day has already started, so it cannot be cancelled")
    day.is_cancelled = True
    day.calendar_sequence += 1
    day.save(update_fields=["is_cancelled", "calendar_sequence", "updated_at"])
    for invitation in day.invitations.order_by("pk"):
        _send(
            kind=CANCELLED,
            invitation=invitation,
            day=day,
            method=CANCEL,
            reason="Tells an invitee that the learning day is cancelled, and removes it from "
            "their calendar.",
        )
    return day


# --- Invitations -------------------------------------------------------------------------------


def check_open(day: LearningDay) -> None:
    if day.is_cancelled:
        raise LearningDayError("This learning day has been cancelled")
    if timezone.now() >= day.starts_at:
        raise LearningDayError("This learning day has already started")


def create_invitation(**fields) -> LearningDayInvitation | None:
    """The new invitation, or None if that address was invited to the day meanwhile."""
    try:
        with transaction.atomic():
            return LearningDayInvitation.objects.create(**fields)
    except IntegrityError:
        return None


@transaction.atomic
def invite_cohort(*, learning_day_id: int, hold: bool = False) -> int:
    """Invite every team member of every project in the cohort not yet invited; return how many.

    Raises LearningDayError when the day is cancelled or has started. Side effects: one
    LearningDayInvitation per email address not yet invited (in lower case; a team member without
    an address is skipped), each emailed an invitation with an .ics and a signed link to answer;
    with `hold`, the invitations wait in the outbox for a programme manager to release them.
    """
    day = (
        LearningDay.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=learning_day_id)
    )
    check_open(day)
    invited = {email.lower() for email in day.invitations.values_list("email", flat=True)}
    projects = day.programme.projects.select_related("organisation").prefetch_related("team")
    count = 0
    for project in projects.order_by("organisation__name", "pk"):
        for member in project.team.all():
            address = member.email.strip().lower()
            if not address or address in invited:
                continue
            invited.add(address)
            invitation = create_invitation(
                learning_day=day,
                project=project,
                name=member.name,
                email=address,
                role=member.job_title,
            )
            if invitation is None:
                continue
            _send_invitation(invitation=invitation, day=day, hold=hold)
            count += 1
    return count


def _send_invitation(
    *, invitation: LearningDayInvitation, day: LearningDay, hold: bool = False
) -> None:
    _send(
        hold=hold,
        kind=INVITATION,
        invitation=invitation,
        day=day,
        method=REQUEST,
        reason="Invites a member of a cohort team to a learning day, with a calendar entry and "
        "a signed link to answer.",
    )


def _send(
    *, kind: str, invitation, day: LearningDay, method: str, reason: str, hold: bool = False
) -> None:
    queue_editable_email(
        kind=kind,
        hold=hold,
        scope=day.programme,
        values=placeholder_values(invitation=invitation, day=day),
        to_email=invitation.email,
        to_name=invitation.name,
        reason=reason,
        related=invitation,
        # The body carries the signed link, which lets whoever holds it answer for the invitee.
        hide_body_from_staff=True,
        attachments=[calendar_attachment(invitation=invitation, learning_day=day, method=method)],
    )


@transaction.atomic
def answer_invitation(
    *,
    invitation_id: int,
    answer: str,
    access_needs: str | None = None,
    dietary_needs: str | None = None,
    substitute: Substitute | None = None,
) -> LearningDayInvitation:
    """Record (or change) an invitee's answer, until the day starts.

    `access_needs` and `dietary_needs` left as None keep what was said before. Raises
    LearningDayError when the day is cancelled or has started, or the substitute cannot be
    invited. Side effects: the invitation's answer and time (and needs: cleared on declining or
    sending someone else); for "send someone else", a new invitation for the substitute
    (`substitute_for` this one), emailed its own invitation.
    """
    # The day first, as changing, cancelling and inviting lock it: a substitute invited here is
    # then either in a change's list of invitees, or invited with the changed details.
    day_id = LearningDayInvitation.objects.values_list("learning_day_id", flat=True).get(
        pk=invitation_id
    )
    day = (
        LearningDay.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=day_id)
    )
    invitation = LearningDayInvitation.objects.select_for_update().get(pk=invitation_id)
    check_open(day)
    if invitation.answer == InvitationAnswer.SENT_SOMEONE_ELSE:
        # The invitation is the substitute's now; two substitutes, or the invitee coming as
        # well, would be one place counted twice.
        raise LearningDayError(
            "You have already sent someone in your place. If that changes, email the "
            f"programme team at {day.programme.contact_email}"
        )
    if answer not in InvitationAnswer.answered():
        raise LearningDayError("Select whether you can come", field="answer")
    now = timezone.now()
    if answer == InvitationAnswer.SENT_SOMEONE_ELSE:
        if substitute is None:
            raise LearningDayError("Tell us who is coming in your place")
        address = substitute.email.strip().lower()
        if address == invitation.email:
            raise LearningDayError(
                "Enter the email address of the person coming in your place, not your own",
                field="email",
            )
        if day.invitations.filter(email=address).exists():
            raise LearningDayError(
                f"{address} has already been invited to this learning day", field="email"
            )
        replacement = create_invitation(
            learning_day=day,
            project_id=invitation.project_id,
            name=substitute.name.strip(),
            email=address,
            role=substitute.role.strip(),
            substitute_for=invitation,
            invited_at=now,
        )
        if replacement is None:
            raise LearningDayError(
                f"{address} has already been invited to this learning day", field="email"
            )
        _send_invitation(invitation=replacement, day=day)
    invitation.answer = answer
    invitation.answered_at = now
    if answer == InvitationAnswer.ACCEPTED:
        if access_needs is not None:
            invitation.access_needs = access_needs.strip()
        if dietary_needs is not None:
            invitation.dietary_needs = dietary_needs.strip()
    else:
        # Only people coming have needs to meet; nothing is kept about anyone else.
        invitation.access_needs = invitation.dietary_needs = ""
    invitation.save(update_fields=["answer", "answered_at", "access_needs", "dietary_needs"])
    return invitation
