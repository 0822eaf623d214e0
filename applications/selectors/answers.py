"""Reads about applications, and the one place that decides who may see which application."""

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from applications.enums import ApplicationStatus, EvidencePurpose, Section, SectionState, TeamRole
from applications.models import Application, EvidenceDocument, TeamMember

WORD = re.compile(r"\S+")
# The free-text answers that count towards the programme's word limit ("two sides of A4").
WORD_COUNTED_FIELDS = {
    Section.ISSUE: ["key_question", "why_critical"],
    Section.IDENTIFICATION: ["identification_description"],
    Section.BOARD: ["board_support_detail"],
}
TEAM_SIZE = 3


def count_words(text: str) -> int:
    """Whitespace-separated words, the same rule as the live count in the browser."""
    return len(WORD.findall(text or ""))


def applications_visible_to(user) -> QuerySet[Application]:
    """Every application this person may see: staff see all; a council sees its own."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.is_programme_manager:
        return Application.objects.all()
    return Application.objects.filter(organisation__memberships__user=user)


def applications_editable_by(user) -> QuerySet[Application]:
    """Applications this person may change as a council applicant (staff do not edit answers)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(organisation__memberships__user=user)


def with_answers(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related("programme", "organisation").prefetch_related(
        "identification_sources",
        "thrive_categories",
        "challenge_areas",
        Prefetch("team", queryset=TeamMember.objects.order_by("position")),
        Prefetch("documents", queryset=EvidenceDocument.objects.order_by("uploaded_at", "id")),
    )


def team_of(application: Application) -> list[TeamMember]:
    """The three team member slots, filled from the database where they exist."""
    members = {member.position: member for member in application.team.all()}
    return [
        members.get(position) or TeamMember(application=application, position=position)
        for position in range(1, TEAM_SIZE + 1)
    ]


def words_used(application: Application, *, except_section: str | None = None) -> int:
    total = 0
    for section, fields in WORD_COUNTED_FIELDS.items():
        if section != except_section:
            total += sum(count_words(getattr(application, field)) for field in fields)
    if except_section != Section.TEAM:
        total += sum(count_words(member.why_key) for member in application.team.all())
    return total


def team_composition_warning(members: list[TeamMember]) -> str:
    """Say where the team is not one elected member, one senior officer and one partner."""
    roles = Counter(member.role for member in members if member.role)
    expected = [TeamRole.ELECTED_MEMBER, TeamRole.SENIOR_OFFICER, TeamRole.SENIOR_PARTNER]
    if len([m for m in members if m.role]) < TEAM_SIZE or all(roles[r] == 1 for r in expected):
        return ""
    missing = [TeamRole(role).label.lower() for role in expected if roles[role] == 0]
    if not missing:
        return ""
    return (
        "The programme asks for an elected member, a senior council officer and a senior partner. "
        f"Your team has no {' and no '.join(missing)}. You can still apply, but say why in "
        "'why they are key'."
    )


def missing_answers(application: Application, section: str) -> list[str]:
    """What still has to be answered before the section is complete."""
    missing: list[str] = []
    if section == Section.ISSUE:
        if not application.key_question.strip():
            missing.append("Enter your key question")
        if not application.why_critical.strip():
            missing.append("Enter why this is a critical issue for your area")
    elif section == Section.IDENTIFICATION:
        if not application.identification_sources.all():
            missing.append("Select how you identified the issue")
        if not application.identification_description.strip():
            missing.append("Describe how you identified the issue")
    elif section == Section.EVIDENCE:
        if not application.evidence_section_done:
            missing.append("Confirm your evidence documents")
    elif section == Section.TEAM:
        for member in team_of(application):
            answers = [member.role, member.name, member.job_title, member.organisation_name]
            if not all([*answers, member.email, member.why_key.strip()]):
                missing.append(f"Complete the details of team member {member.position}")
    elif section == Section.BOARD:
        if not application.board_support:
            missing.append(
                "Select whether your Health and Wellbeing Board supports your application"
            )
        if not application.board_support_detail.strip():
            missing.append("Give details of your Health and Wellbeing Board's support")
    elif section == Section.THRIVE and not application.thrive_categories.all():
        missing.append("Select at least one THRIVE category")
    return missing


def section_started(application: Application, section: str) -> bool:
    if section == Section.ISSUE:
        return bool(application.key_question or application.why_critical)
    if section == Section.IDENTIFICATION:
        return bool(
            application.identification_description or application.identification_sources.all()
        )
    if section == Section.EVIDENCE:
        return bool(application.evidence_section_done or evidence_documents(application))
    if section == Section.TEAM:
        return any(member.name or member.email for member in application.team.all())
    if section == Section.BOARD:
        return bool(application.board_support or application.board_support_detail)
    return bool(application.thrive_categories.all() or application.challenge_areas.all())


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    state: SectionState

    @property
    def is_complete(self) -> bool:
        return self.state == SectionState.COMPLETED


def section_statuses(application: Application) -> list[SectionStatus]:
    statuses = []
    for section in Section:
        if not missing_answers(application, section):
            state = SectionState.COMPLETED
        elif section_started(application, section):
            state = SectionState.IN_PROGRESS
        else:
            state = SectionState.NOT_STARTED
        statuses.append(SectionStatus(section=section, state=state))
    return statuses


def evidence_documents(application: Application) -> list[EvidenceDocument]:
    return [d for d in application.documents.all() if d.purpose == EvidencePurpose.EVIDENCE]


def board_letters(application: Application) -> list[EvidenceDocument]:
    return [d for d in application.documents.all() if d.purpose == EvidencePurpose.BOARD_LETTER]


def status_counts(queryset: QuerySet[Application]) -> dict[str, int]:
    counts = Counter(dict.fromkeys(ApplicationStatus.values, 0))
    counts.update({row["status"]: row["n"] for row in _count_by_status(queryset)})
    return dict(counts)


def _count_by_status(queryset):
    return queryset.order_by().values("status").annotate(n=Count("id"))
