"""The groups of people of each programme that programme managers can email from the outbox."""

from functools import partial

from applications.enums import ApplicationStatus
from applications.models import Application, TeamMember
from notifications.recipient_groups import Recipient, RecipientGroup, register
from programmes.models import CommunitySignup, Membership, Programme


def _team_of_cohort(programme_id: int) -> list[Recipient]:
    members = TeamMember.objects.filter(
        application__programme_id=programme_id,
        application__status=ApplicationStatus.SELECTED,
        application__decision_released_at__isnull=False,
    ).exclude(email="")
    return [Recipient(m.email, m.name) for m in members.order_by("application_id", "position")]


def _councils_with_a_draft(programme_id: int) -> list[Recipient]:
    members = Membership.objects.filter(
        organisation__applications__programme_id=programme_id,
        organisation__applications__status=ApplicationStatus.DRAFT,
        user__is_active=True,
    ).select_related("user")
    return [Recipient(m.user.email, m.user.name) for m in members.order_by("user_id")]


def _applicants(programme_id: int) -> list[Recipient]:
    applications = Application.objects.filter(
        programme_id=programme_id, status__in=ApplicationStatus.sent_in()
    ).exclude(status=ApplicationStatus.WITHDRAWN)
    members = Membership.objects.filter(
        organisation__applications__in=applications, user__is_active=True
    ).select_related("user")
    return [Recipient(m.user.email, m.user.name) for m in members.order_by("user_id")]


def _community(programme_id: int) -> list[Recipient]:
    signups = CommunitySignup.objects.filter(programme_id=programme_id, consent_to_contact=True)
    return [Recipient(s.email, s.name) for s in signups.order_by("created_at", "id")]


GROUPS = [
    ("cohort-team", "team members of the cohort", _team_of_cohort),
    ("draft-councils", "councils with an unsubmitted draft", _councils_with_a_draft),
    ("applicants", "councils that applied (not withdrawn)", _applicants),
    ("community", "the community of learning", _community),
]


@register
def programme_groups() -> list[RecipientGroup]:
    return [
        RecipientGroup(
            key=f"{key}:{programme.pk}",
            label=f"{programme.title}: {label}",
            members=partial(members, programme.pk),
            scope=programme,
        )
        for programme in Programme.objects.order_by("-closes_at").only("pk", "title")
        for key, label, members in GROUPS
    ]
