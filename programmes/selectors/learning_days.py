"""Reads about learning days: a programme's days with their answer counts, a day's invitees."""

from django.db.models import Count, Prefetch, Q, QuerySet

from programmes.enums import InvitationAnswer
from programmes.models import LearningDay, LearningDayInvitation, Programme


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
