"""Reads about learning days: a programme's days with their answer counts, a day's invitees, and
who came (the register, the sign-in sheet, attendance per project)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cohort.enums import Attendance, InvitationAnswer
from cohort.models import LearningDay, LearningDayInvitation, Project
from programmes.models import Programme


def learning_days_of(programme: Programme) -> QuerySet[LearningDay]:
    """The programme's learning days in order, each with how many were invited and answered."""
    return programme.learning_days.annotate(
        invited_count=Count("invitations"),
        accepted_count=Count(
            "invitations", filter=Q(invitations__answer=InvitationAnswer.ACCEPTED)
        ),
        awaiting_count=Count(
            "invitations", filter=Q(invitations__answer=InvitationAnswer.AWAITING)
        ),
    ).order_by("sequence")


def invitations_to(learning_day: LearningDay) -> QuerySet[LearningDayInvitation]:
    """Everyone invited to the day, by organisation then name, with whom they stand in for."""
    return (
        learning_day.invitations.select_related("project__organisation", "substitute_for")
        .prefetch_related(
            Prefetch("substitutes", queryset=LearningDayInvitation.objects.order_by("pk"))
        )
        .order_by("project__organisation__name", "name", "pk")
    )


def answer_counts(invitations) -> dict[str, int]:
    """How many gave each answer, by InvitationAnswer value (every answer present, maybe 0)."""
    counts = dict.fromkeys(InvitationAnswer.values, 0)
    for invitation in invitations:
        counts[invitation.answer] += 1
    return counts


def by_organisation(invitations) -> list[tuple[str, list[LearningDayInvitation]]]:
    """The invitations grouped by their project's organisation, in the order given."""
    groups: dict[str, list[LearningDayInvitation]] = {}
    for invitation in invitations:
        groups.setdefault(invitation.project.organisation.name, []).append(invitation)
    return list(groups.items())


# --- On the day: the register, the sign-in sheet and attendance -------------------------------


def attendance_counts(invitations) -> dict[str, int]:
    """How many were marked each way, by Attendance value (every value present, maybe 0)."""
    counts = dict.fromkeys(Attendance.values, 0)
    for invitation in invitations:
        counts[invitation.attendance] += 1
    return counts


def attendance_by_organisation(invitations) -> list[tuple[str, int, int]]:
    """(organisation, present, invited) for each organisation, in the order given."""
    return [
        (
            organisation,
            sum(i.attendance == Attendance.PRESENT for i in members),
            len(members),
        )
        for organisation, members in by_organisation(invitations)
    ]


def expected_on_the_day(learning_day: LearningDay) -> QuerySet[LearningDayInvitation]:
    """Who should sign in: everyone coming or yet to answer, by organisation then name."""
    return (
        learning_day.invitations.filter(
            answer__in=[InvitationAnswer.ACCEPTED, InvitationAnswer.AWAITING]
        )
        .select_related("project__organisation")
        .order_by("project__organisation__name", "name", "pk")
    )


def attendance_by_project(project: Project) -> list[tuple[LearningDay, int, int]]:
    """(learning day, present, invited) for each of the programme's days the project's team was
    invited to, in order; cancelled days are left out.

    Each day also carries `recorded_count` (people marked any way on the register) and
    `has_started`, so that a day still to come, or one whose register was not taken, is not
    shown as "0 came". One query.
    """
    mine = Q(invitations__project=project)
    days = (
        LearningDay.objects.filter(programme_id=project.programme_id, is_cancelled=False)
        .annotate(
            invited_count=Count("invitations", filter=mine),
            present_count=Count(
                "invitations", filter=mine & Q(invitations__attendance=Attendance.PRESENT)
            ),
            recorded_count=Count(
                "invitations", filter=mine & ~Q(invitations__attendance=Attendance.NOT_RECORDED)
            ),
        )
        .filter(invited_count__gt=0)
        .order_by("sequence")
    )
    now = timezone.now()
    result = []
    for day in days:
        day.has_started = day.starts_at <= now
        result.append((day, day.present_count, day.invited_count))
    return result
