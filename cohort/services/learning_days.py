"""Learning days: scheduling, invitations with a calendar file, answers and reminders.

Invitations go to every team member of every project in the programme's cohort, one per email
address per day. Each email carries an .ics (cohort.invitation_calendar) and a signed link to
answer without an account (cohort.invitation_links). Answers can be changed until the day
starts. The emails' kinds, wording and send conditions are in cohort.emails.learning_days.

A change of time or place after invitations went out raises the day's `calendar_sequence` and
sends everyone still coming (or not yet answered) a new .ics with the same UID; a cancellation
sends METHOD:CANCEL to every invitee.

Reminders (beat runs `queue_due_learning_day_reminders` every few minutes): those who have not
answered are reminded 7 days before the day starts, those coming 2 days before, on the Europe/
London wall clock (as applications.services.reminders). Each is written once per deduplication
key `<kind>:<invitation>:<days>d:starts-<start in UTC>`, so a day that is moved reminds again; the
send condition checks again, when the email is finally sent, that it is still wanted.
"""

import dataclasses
import datetime
import decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from cohort.emails.learning_days import (
    ANSWER_REMINDER,
    CANCELLED,
    CHANGED,
    INVITATION,
    REMINDERS,
    placeholder_values,
    start_stamp,
)
from cohort.enums import Attendance, InvitationAnswer
from cohort.invitation_calendar import CANCEL, REQUEST, calendar_attachment
from cohort.models import CandidateVenue, LearningDay, LearningDayInvitation
from notifications import editable
from notifications.services import queue_editable_email, queue_editable_email_once
from programmes.dates import LONDON
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


def _check_open(day: LearningDay) -> None:
    if day.is_cancelled:
        raise LearningDayError("This learning day has been cancelled")
    if timezone.now() >= day.starts_at:
        raise LearningDayError("This learning day has already started")


def _create_invitation(**fields) -> LearningDayInvitation | None:
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
    _check_open(day)
    invited = {email.lower() for email in day.invitations.values_list("email", flat=True)}
    projects = day.programme.projects.select_related("organisation").prefetch_related("team")
    count = 0
    for project in projects.order_by("organisation__name", "pk"):
        for member in project.team.all():
            address = member.email.strip().lower()
            if not address or address in invited:
                continue
            invited.add(address)
            invitation = _create_invitation(
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
    _check_open(day)
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
        replacement = _create_invitation(
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


# --- On the day: the register ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class WalkIn:
    """Someone who came without an invitation, as the programme manager wrote them down."""

    name: str
    email: str
    project_id: int
    role: str = ""


@transaction.atomic
def record_attendance(*, learning_day_id: int, marks: dict[int, str], by=None) -> int:
    """Record who came to a learning day from the register; return how many marks changed.

    `marks` maps invitation IDs to an Attendance value. IDs of invitations to other days are
    ignored; people left out keep what they had (so two managers saving the register at once do
    not wipe each other's marks: the later save wins for each person it names). `by` is the
    programme manager saving it (kept for the future audit trail; nothing records it yet).
    Raises LearningDayError, before writing anything, for a cancelled day or a value that is not
    an attendance. Side effects: each changed invitation's attendance and
    attendance_recorded_at (cleared when the mark is cleared); the invitations are locked while
    this runs. No email.
    """
    day = LearningDay.objects.get(pk=learning_day_id)
    if day.is_cancelled:
        raise LearningDayError("This learning day was cancelled, so there is no register to save")
    allowed = set(Attendance.values)
    if any(value not in allowed for value in marks.values()):
        raise LearningDayError("Choose present, absent or sent apologies for each person")
    now = timezone.now()
    changed = []
    invitations = (
        LearningDayInvitation.objects.select_for_update()
        .filter(learning_day=day, pk__in=list(marks))
        .order_by("pk")
    )
    for invitation in invitations:
        value = marks[invitation.pk]
        if invitation.attendance == value:
            continue
        invitation.attendance = value
        invitation.attendance_recorded_at = now if value else None
        changed.append(invitation)
    LearningDayInvitation.objects.bulk_update(changed, ["attendance", "attendance_recorded_at"])
    return len(changed)


@transaction.atomic
def record_walk_in(*, learning_day_id: int, walk_in: WalkIn, by=None) -> LearningDayInvitation:
    """Add someone who came without an invitation to the register, marked present.

    They need a real email address: an invitation's address is how a person is told apart on a
    day (one invitation per address), and it is where any later change to the day would be sent,
    so a made-up one would either bounce or reach nobody. Nobody is emailed now. Raises
    LearningDayError for a cancelled day, before the day's date (London time), a project outside
    the programme's cohort, or an address already invited to the day. Side effects: one
    LearningDayInvitation, answered "Coming" and marked present, with no email.
    """
    day = LearningDay.objects.select_for_update().get(pk=learning_day_id)
    if day.is_cancelled:
        raise LearningDayError("This learning day was cancelled, so nobody can be added")
    now = timezone.now()
    if now.astimezone(LONDON).date() < day.starts_at.astimezone(LONDON).date():
        raise LearningDayError("You can add people who came once the day has begun")
    if not day.programme.projects.filter(pk=walk_in.project_id).exists():
        raise LearningDayError("Choose an organisation in the cohort", field="project")
    address = walk_in.email.strip().lower()
    if day.invitations.filter(email=address).exists():
        raise LearningDayError(
            f"{address} is already on the register: mark them present there", field="email"
        )
    invitation = _create_invitation(
        learning_day=day,
        project_id=walk_in.project_id,
        name=" ".join(walk_in.name.split()),
        email=address,
        role=walk_in.role.strip(),
        answer=InvitationAnswer.ACCEPTED,
        answered_at=now,
        invited_at=now,
        attendance=Attendance.PRESENT,
        attendance_recorded_at=now,
    )
    if invitation is None:
        raise LearningDayError(
            f"{address} is already on the register: mark them present there", field="email"
        )
    return invitation


# --- Reminders ---------------------------------------------------------------------------------


def reminder_due_times(
    *, starts_at: datetime.datetime, days: list[int]
) -> dict[int, datetime.datetime]:
    """When each reminder falls due: `days` calendar days before the start, same London time.

    A learning day at 10am BST on Thursday 2 April 2026 gives 10am GMT on Thursday 26 March
    (10:00 UTC) for 7 days and 10am BST on Tuesday 31 March (09:00 UTC) for 2 days.
    """
    local = starts_at.astimezone(LONDON)
    return {n: (local - datetime.timedelta(days=n)).astimezone(datetime.UTC) for n in days}


def reminder_dedup_key(
    *, kind: str, invitation_id: int, days: int, starts_at: datetime.datetime
) -> str:
    """Once per kind, invitation, occasion and start time: a day that moves reminds again."""
    return f"{kind}:{invitation_id}:{days}d:starts-{start_stamp(starts_at)}"


def invitations_that_may_need_reminding(*, now: datetime.datetime):
    """Invitations awaiting an answer or accepted, to days not cancelled that are ahead (soon)."""
    longest = max(max(days) for _, days in REMINDERS.values())
    return (
        LearningDayInvitation.objects.filter(
            answer__in=[answer for answer, _ in REMINDERS.values()],
            learning_day__is_cancelled=False,
            learning_day__starts_at__gt=now,
            learning_day__starts_at__lte=now + datetime.timedelta(days=longest + 1),
        )
        .select_related("learning_day__programme")
        .order_by("pk")
    )


def queue_due_learning_day_reminders(*, now: datetime.datetime | None = None) -> int:
    """Write every learning-day reminder that has fallen due and not been written; return how many.

    Side effects: one OutboundEmail per due reminder ("learning_day_answer_reminder" to those
    still to answer, "learning_day_reminder" to those coming), with a deduplication key, each
    sent on commit. When several occasions of a kind are due at once only the latest is sent,
    and an occasion that fell due before the person was invited is not sent at all.
    """
    now = now or timezone.now()
    written = 0
    wordings = {}  # by (kind, programme): the manager's wording, or the default
    for invitation in invitations_that_may_need_reminding(now=now):
        day = invitation.learning_day
        for kind, (answer, days) in REMINDERS.items():
            if invitation.answer != answer:
                continue
            due = [
                (due_at, n)
                for n, due_at in reminder_due_times(starts_at=day.starts_at, days=days).items()
                if invitation.invited_at < due_at <= now
            ]
            if not due:
                continue
            _, occasion = max(due)
            if (kind, day.programme_id) not in wordings:
                wordings[kind, day.programme_id] = editable.wording_for(kind, day.programme)
            email = queue_editable_email_once(
                dedup_key=reminder_dedup_key(
                    kind=kind, invitation_id=invitation.pk, days=occasion, starts_at=day.starts_at
                ),
                kind=kind,
                wording=wordings[kind, day.programme_id],
                values=placeholder_values(invitation=invitation, day=day, days=occasion),
                to_email=invitation.email,
                to_name=invitation.name,
                reason=(
                    f"Asks an invitee who has not answered to say whether they can come, "
                    f"{occasion} days before the learning day."
                    if kind == ANSWER_REMINDER
                    else f"Reminds an invitee who is coming about the learning day, {occasion} "
                    "days before it."
                ),
                related=invitation,
                scope=day.programme,
                # It carries the invitee's signed link to answer, as the invitation does.
                hide_body_from_staff=True,
            )
            written += email is not None
    return written


# --- Candidate venues: where the day could be held, ranked by the cohort's travel --------------

LOCATION_PLACES = decimal.Decimal("0.00001")  # five decimal places: about a metre


def _location(value, *, name: str, limit: int, field: str) -> decimal.Decimal:
    try:
        number = decimal.Decimal(str(value))
        if not number.is_finite():
            raise ValueError(value)
        number = number.quantize(LOCATION_PLACES, decimal.ROUND_HALF_UP)
    except (decimal.InvalidOperation, ValueError) as bad:
        raise LearningDayError(f"Enter the {name} as a number", field=field) from bad
    if not -limit <= number <= limit:
        raise LearningDayError(f"The {name} must be between -{limit} and {limit}", field=field)
    return number


@transaction.atomic
def add_candidate_venue(
    *,
    learning_day_id: int,
    name: str,
    address: str,
    latitude: decimal.Decimal,
    longitude: decimal.Decimal,
) -> CandidateVenue:
    """Add a venue to compare for a learning day. Raises LearningDayError for a cancelled or
    started day, a missing name, a location out of range, or a name the day already has (in any
    case).

    The name's spaces are tidied and the location rounded to five decimal places (about a
    metre). Side effects: one CandidateVenue. No email: nothing changes for invitees until a
    venue is used (`use_candidate_venue`).
    """
    day = LearningDay.objects.select_for_update().get(pk=learning_day_id)
    _check_open(day)
    name = " ".join(name.split())
    if not name:
        raise LearningDayError("Enter the venue’s name", field="name")
    latitude = _location(latitude, name="latitude", limit=90, field="latitude")
    longitude = _location(longitude, name="longitude", limit=180, field="longitude")
    if day.candidate_venues.filter(name__iexact=name).exists():
        raise LearningDayError(f"‘{name}’ is already a candidate venue", field="name")
    try:
        with transaction.atomic():
            return CandidateVenue.objects.create(
                learning_day=day,
                name=name,
                address=address.strip(),
                latitude=latitude,
                longitude=longitude,
            )
    except IntegrityError as clash:
        raise LearningDayError(f"‘{name}’ is already a candidate venue", field="name") from clash


@transaction.atomic
def remove_candidate_venue(*, venue_id: int) -> None:
    """Stop comparing a venue. Side effects: the CandidateVenue is deleted; a day already at that
    venue keeps it (the day holds its own copy of the name, address and location)."""
    CandidateVenue.objects.filter(pk=venue_id).delete()


@transaction.atomic
def use_candidate_venue(*, venue_id: int) -> LearningDay:
    """Hold the learning day at a candidate venue, through `change_learning_day`, so its rules
    apply: raises LearningDayError for a cancelled day, a day that has started, or a venue
    removed meanwhile.

    Side effects (those of `change_learning_day`): the day's venue name, address, latitude and
    longitude become the venue's (its online link, if any, stays); if that changes the place and
    people have been invited, the day's calendar_sequence goes up by one and every invitee who
    has not declined is emailed the new details with an updated .ics.
    """
    gone = LearningDayError("That venue has been removed from the candidates")
    day_id = (
        CandidateVenue.objects.filter(pk=venue_id).values_list("learning_day_id", flat=True).first()
    )
    if day_id is None:
        raise gone
    # The day is locked before its details are read, so a change saved meanwhile is not undone.
    day = LearningDay.objects.select_for_update(of=("self",)).get(pk=day_id)
    venue = CandidateVenue.objects.filter(pk=venue_id).first()
    if venue is None:
        raise gone
    current = LearningDayDetails(
        **{field.name: getattr(day, field.name) for field in dataclasses.fields(LearningDayDetails)}
    )
    details = dataclasses.replace(
        current,
        venue_name=venue.name,
        venue_address=venue.address,
        venue_latitude=venue.latitude,
        venue_longitude=venue.longitude,
    )
    return change_learning_day(learning_day_id=day.pk, details=details)
