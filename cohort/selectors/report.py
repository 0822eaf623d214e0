"""The end-of-programme report (SPEC §4.7), assembled from the data: the introduction's facts, the
cohort and their key questions, projects by THRIVE category, peer visits, themes with the projects
that illustrate them, action plans and what happened, and the helpful questions.

Read-only, in a fixed number of queries whatever the size of the programme: the dashboard's eight
(`programme_dashboard`), then one for the projects with their latest progress update, two for their
THRIVE categories and themes (prefetched), one for the learning days with their attendance, one for
the themes' descriptions and one for the helpful questions: fourteen in all.

The web page and the Word document (`cohort.report_document`) are both drawn from the
`Report` this returns, so they say the same thing.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from cohort.enums import Attendance, EngagementStatus, ProgressStatus
from cohort.models import LearningDay, PeerEngagement, ProgrammeTheme, ProgressUpdate
from cohort.selectors.dashboard import ThriveRow, programme_dashboard
from cohort.selectors.themes import helpful_questions_for, programme_themes
from programmes.dates import format_date
from programmes.models import Programme, ThriveCategory


@dataclass(frozen=True)
class ReportPeerEngagement:
    council: str
    peer: str  # the approach's organisation and title
    kind: str  # "Visit", "Telephone or video call", "Review of written material"
    date: str  # "Tuesday 24 April 2018", or "" when not recorded
    what_happened: str
    key_learning: str


@dataclass(frozen=True)
class ReportLearningDay:
    title: str
    date: str  # "Monday 12 March 2018"
    is_cancelled: bool
    councils_attended: int  # projects with at least one person recorded present


@dataclass(frozen=True)
class CohortMember:
    council: str
    key_question: str
    refined_key_question: str  # "" when not refined
    thrive_categories: list[str]
    themes: list[str]
    actions_done: int
    actions_total: int
    latest_status: str  # the ProgressStatus label, or "" before the first update
    what_happened: str  # the latest progress update's summary, or ""


@dataclass(frozen=True)
class ReportTheme:
    title: str
    description: str
    projects: list[str]  # councils, A to Z


@dataclass(frozen=True)
class Report:
    title: str
    slug: str
    runs_from: str
    runs_until: str
    applied: int
    selected: int
    learning_days: list[ReportLearningDay]
    cohort: list[CohortMember]
    thrive: list[ThriveRow]
    themes: list[ReportTheme]
    helpful_questions: list[str]
    peer_engagements: list[ReportPeerEngagement]
    councils_with_visit_or_call: int

    @property
    def peer_summary(self) -> str:
        """The section's opening sentence, from the facts."""
        if not self.peer_engagements:
            return "No peer visits, calls or reviews of written material have been recorded."
        councils = len({engagement.council for engagement in self.peer_engagements})
        return (
            f"{self.councils_with_visit_or_call} of the {self.project_count} councils had a peer "
            f"visit or conversation; {councils} recorded a peer engagement of any kind, "
            "including reviewing written material."
        )

    @property
    def project_count(self) -> int:
        return len(self.cohort)

    @property
    def actions_done(self) -> int:
        return sum(member.actions_done for member in self.cohort)

    @property
    def actions_total(self) -> int:
        return sum(member.actions_total for member in self.cohort)

    @property
    def introduction(self) -> list[str]:
        """The introduction's paragraphs, in words, from the facts."""
        councils = "council" if self.selected == 1 else "councils"
        applied = "council" if self.applied == 1 else "councils"
        paragraphs = [
            f"{self.title} ran from {self.runs_from} to {self.runs_until}. "
            f"{self.applied} {applied} applied and {self.selected} {councils} "
            f"{'was' if self.selected == 1 else 'were'} selected for the cohort.",
        ]
        if self.learning_days:
            days = []
            for day in self.learning_days:
                if day.is_cancelled:
                    days.append(f"{day.title} ({day.date}) was cancelled")
                else:
                    n = day.councils_attended
                    days.append(
                        f"{day.title} ({day.date}) was attended by {n} "
                        f"{'council' if n == 1 else 'councils'}"
                    )
            paragraphs.append("; ".join(days) + ".")
        else:
            paragraphs.append("No learning days were held.")
        return paragraphs


def _learning_days(programme: Programme) -> list[ReportLearningDay]:
    days = (
        LearningDay.objects.filter(programme=programme)
        .annotate(
            councils_attended=Count(
                "invitations__project",
                filter=Q(invitations__attendance=Attendance.PRESENT),
                distinct=True,
            )
        )
        .order_by("sequence")
    )
    return [
        ReportLearningDay(
            title=day.title,
            date=format_date(timezone.localtime(day.starts_at).date()),
            is_cancelled=day.is_cancelled,
            councils_attended=day.councils_attended,
        )
        for day in days
    ]


def programme_report(programme: Programme, *, today: datetime.date | None = None) -> Report:
    """Everything in the end-of-programme report, in fourteen queries whatever its size."""
    dashboard = programme_dashboard(programme, today=today)
    actions = {row.project: row for row in dashboard.action_plans}
    latest = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-pk")
    projects = (
        programme.projects.select_related("organisation")
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_summary=Subquery(latest.values("summary")[:1]),
        )
        .prefetch_related(
            Prefetch("thrive_categories", queryset=ThriveCategory.objects.all()),
            Prefetch("themes", queryset=ProgrammeTheme.objects.order_by("position", "pk")),
        )
        .order_by("organisation__name", "pk")
    )
    cohort = []
    for project in projects:
        council = project.organisation.name
        row = actions.get(council)
        cohort.append(
            CohortMember(
                council=council,
                key_question=project.key_question,
                refined_key_question=project.refined_key_question,
                thrive_categories=[c.name for c in project.thrive_categories.all()],
                themes=[t.title for t in project.themes.all()],
                actions_done=row.done if row else 0,
                actions_total=row.total if row else 0,
                latest_status=(
                    ProgressStatus(project.latest_status).label if project.latest_status else ""
                ),
                what_happened=project.latest_summary or "",
            )
        )
    projects_by_theme = {row.title: row.projects for row in dashboard.themes}
    return Report(
        title=programme.title,
        slug=programme.slug,
        runs_from=format_date(programme.runs_from),
        runs_until=format_date(programme.runs_until),
        applied=dashboard.funnel[0].count,
        selected=dashboard.funnel[2].count,
        learning_days=_learning_days(programme),
        cohort=cohort,
        thrive=dashboard.thrive,
        themes=[
            ReportTheme(theme.title, theme.description, projects_by_theme.get(theme.title, []))
            for theme in programme_themes(programme)
        ],
        helpful_questions=[question.text for question in helpful_questions_for(programme)],
        peer_engagements=_peer_engagements(programme),
        councils_with_visit_or_call=dashboard.funnel[5].count or 0,
    )


def _peer_engagements(programme: Programme) -> list[ReportPeerEngagement]:
    """Every completed peer engagement of the programme's projects, by council then date."""
    engagements = (
        PeerEngagement.objects.filter(
            project__programme=programme, status=EngagementStatus.COMPLETED
        )
        .select_related("project__organisation", "approach")
        .order_by("project__organisation__name", "date", "pk")
    )
    return [
        ReportPeerEngagement(
            council=engagement.project.organisation.name,
            peer=f"{engagement.approach.organisation_name}: {engagement.approach.title}",
            kind=engagement.get_kind_display(),
            date=format_date(engagement.date) if engagement.date else "",
            what_happened=engagement.what_happened,
            key_learning=engagement.key_learning,
        )
        for engagement in engagements
    ]
