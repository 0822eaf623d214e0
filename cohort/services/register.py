"""The register of a learning day: who came, who did not, who sent apologies, and who came
without an invitation. No email is sent from here.
"""

import dataclasses

from django.db import transaction
from django.utils import timezone

from cohort.enums import Attendance, InvitationAnswer
from cohort.models import LearningDay, LearningDayInvitation
from cohort.services.learning_days import (
    LearningDayError,
    create_invitation,
)
from programmes.dates import LONDON, format_date


@dataclasses.dataclass(frozen=True)
class WalkIn:
    """Someone who came without an invitation, as the programme manager wrote them down."""

    name: str
    email: str
    project_id: int
    role: str = ""


def has_begun(day: LearningDay, *, at=None) -> bool:
    """The register opens on the day itself (London date), so arrivals before a 10am start can
    be marked."""
    at = at or timezone.now()
    return at.astimezone(LONDON).date() >= day.starts_at.astimezone(LONDON).date()


@transaction.atomic
def record_attendance(*, learning_day_id: int, marks: dict[int, str]) -> int:
    """Record who came to a learning day from the register; return how many marks changed.

    `marks` maps invitation IDs to an Attendance value. IDs of invitations to other days are
    ignored; people left out keep what they had (so two managers saving the register at once do
    not wipe each other's marks: the later save wins for each person it names).
    Raises LearningDayError, before writing anything, for a cancelled day or a value that is not
    an attendance. Side effects: each changed invitation's attendance and
    attendance_recorded_at (cleared when the mark is cleared); the invitations are locked while
    this runs. No email.
    """
    day = LearningDay.objects.get(pk=learning_day_id)
    if day.is_cancelled:
        raise LearningDayError("This learning day was cancelled, so there is no register to save")
    if not has_begun(day):
        # A register saved months ahead would make the dashboard and the report say who came.
        raise LearningDayError(
            f"You can take the register once the day has begun, on {format_date(day.starts_at)}"
        )
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
def record_walk_in(*, learning_day_id: int, walk_in: WalkIn) -> LearningDayInvitation:
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
    if not has_begun(day, at=now):
        raise LearningDayError("You can add people who came once the day has begun")
    if not day.programme.projects.filter(pk=walk_in.project_id).exists():
        raise LearningDayError("Choose an organisation in the cohort", field="project")
    address = walk_in.email.strip().lower()
    if day.invitations.filter(email=address).exists():
        raise LearningDayError(
            f"{address} is already on the register: mark them present there", field="email"
        )
    invitation = create_invitation(
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
