"""The programme dashboard (SPEC §4.7): the funnel from application to peer engagement, counts by
region, projects by THRIVE category, themes, action plans, progress and outstanding emails.

Read-only, and a fixed number of queries whatever the size of the programme: one grouped count of
applications, one query for the projects with everything counted in the database, two for the
projects' THRIVE categories and themes (their link tables), one each for the THRIVE categories,
the programme's themes and its learning days, and one grouped count of its emails.

What each funnel stage counts is decided here, from the data the services write:

- applied: every application sent in (not drafts), including those withdrawn later;
- shortlisted: on the shortlist now, or chosen for the cohort, or decided (waitlisted, not
  selected) or withdrawn while on the shortlist: the latest shortlisting entry in its history is
  "Shortlisted", not "Taken off the shortlist". An application decided straight from "submitted"
  was never shortlisted;
- selected: chosen for the cohort (status selected, whether or not decisions have been sent), or
  given a project (a selected council that withdrew after being told still started its project);
- attended learning day 1 and 2: cohort projects with at least one person recorded present on the
  register of the programme's learning day with that number;
- had a peer visit or call: cohort projects with a completed peer engagement that was a visit or
  a telephone or video call (in 2018, "five of the eight councils had a peer visit or
  conversation"); reading written material alone does not count.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone

from applications.enums import ApplicationStatus
from applications.models import Application, ApplicationEvent
from cohort.enums import (
    ActionStatus,
    Attendance,
    EngagementKind,
    EngagementStatus,
    ProgressStatus,
)
from cohort.models import (
    LearningDay,
    LearningDayInvitation,
    PeerEngagement,
    ProgrammeTheme,
    Project,
)
from cohort.selectors.progress import action_plan_day, with_action_counts, with_latest_update
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.selectors import scope_value
from programmes.dates import format_date
from programmes.enums import Region
from programmes.models import Programme, ThriveCategory

# The history entries `applications.services.selection.shortlist` writes.
SHORTLISTED_EVENT = "Shortlisted"
TAKEN_OFF_SHORTLIST_EVENT = "Taken off the shortlist"
# The emails that still need someone's attention, in the order the dashboard lists them.
OUTSTANDING_EMAIL_STATUSES = [EmailStatus.HELD, EmailStatus.QUEUED, EmailStatus.FAILED]


@dataclass(frozen=True)
class FunnelStage:
    label: str
    count: int | None  # None: not recorded in the product (yet)
    counts: str  # what the stage counts, in words, for the page
    percent_of_previous: int | None  # None: nothing to compare with


@dataclass(frozen=True)
class RegionRow:
    label: str
    applications: int
    cohort: int


@dataclass(frozen=True)
class ThriveRow:
    label: str
    projects: list[str]  # organisation names, A to Z

    @property
    def count(self) -> int:
        return len(self.projects)


@dataclass(frozen=True)
class ThemeRow:
    title: str
    projects: list[str]

    @property
    def count(self) -> int:
        return len(self.projects)


@dataclass(frozen=True)
class ActionPlanRow:
    project: str
    done: int
    total: int
    overdue: int


@dataclass(frozen=True)
class ProgressCount:
    status: str  # a ProgressStatus value, or "" for projects without an update
    label: str
    count: int


@dataclass(frozen=True)
class EmailCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    funnel: list[FunnelStage]
    withdrawn: int
    drafts: int
    regions: list[RegionRow]
    project_count: int
    thrive: list[ThriveRow]
    themes: list[ThemeRow]
    action_plans: list[ActionPlanRow]
    actions_done: int
    actions_total: int
    actions_overdue: int
    progress: list[ProgressCount]
    emails: list[EmailCount]
    # The outbox's filter value for this programme; None while it has no emails at all.
    outbox_scope: str | None

    @property
    def actions_percent(self) -> int | None:
        return percent(self.actions_done, self.actions_total)

    @property
    def thrive_max(self) -> int:
        return max((row.count for row in self.thrive), default=0)

    @property
    def thrive_total(self) -> int:
        return sum(row.count for row in self.thrive)

    @property
    def outstanding_emails(self) -> int:
        return sum(row.count for row in self.emails)


def percent(part: int | None, whole: int | None) -> int | None:
    """A whole-number percentage, halves rounded up (5 of 8 is 63%); None without a whole."""
    if part is None or not whole:
        return None
    return (200 * part + whole) // (2 * whole)


def _application_counts(programme: Programme) -> dict[str, dict[str, int]]:
    """Counts by region, in one grouped query: {region: {drafts, applied, withdrawn, ...}}."""
    last_shortlisting = (
        ApplicationEvent.objects.filter(
            application=OuterRef("pk"),
            description__in=[SHORTLISTED_EVENT, TAKEN_OFF_SHORTLIST_EVENT],
        )
        .order_by("-created_at", "-pk")
        .values("description")[:1]
    )
    sent_in = ~Q(status=ApplicationStatus.DRAFT)
    selected = Q(status=ApplicationStatus.SELECTED) | Q(project__isnull=False)
    shortlisted = (
        selected
        | Q(status=ApplicationStatus.SHORTLISTED)
        | Q(Exact(Subquery(last_shortlisting), SHORTLISTED_EVENT))
    )
    rows = (
        Application.objects.filter(programme=programme)
        .values("organisation__region")
        .annotate(
            drafts=Count("pk", filter=Q(status=ApplicationStatus.DRAFT)),
            applied=Count("pk", filter=sent_in),
            withdrawn=Count("pk", filter=Q(status=ApplicationStatus.WITHDRAWN)),
            shortlisted=Count("pk", filter=sent_in & shortlisted),
            selected=Count("pk", filter=sent_in & selected),
        )
        .order_by()
    )
    return {row.pop("organisation__region"): row for row in rows}


def _projects(programme: Programme, *, today: datetime.date) -> list[Project]:
    present = LearningDayInvitation.objects.filter(
        project=OuterRef("pk"),
        learning_day__programme=OuterRef("programme_id"),
        attendance=Attendance.PRESENT,
    )
    return list(
        with_action_counts(with_latest_update(programme.projects.all()))
        .annotate(
            actions_overdue=Count(
                "action_plan",
                filter=Q(action_plan__due_on__lt=today) & ~Q(action_plan__status=ActionStatus.DONE),
                distinct=True,
            ),
            attended_day_1=Exists(present.filter(learning_day__sequence=1)),
            attended_day_2=Exists(present.filter(learning_day__sequence=2)),
            had_peer_engagement=Exists(
                PeerEngagement.objects.filter(
                    project=OuterRef("pk"),
                    status=EngagementStatus.COMPLETED,
                    kind__in=[EngagementKind.VISIT, EngagementKind.CALL],
                )
            ),
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def _links(through, programme: Programme, field: str) -> dict[int, set]:
    """{project id: ids of its THRIVE categories or themes}, from the M2M link table."""
    links = defaultdict(set)
    pairs = (
        through.objects.filter(project__programme=programme)
        .order_by()
        .values_list("project_id", f"{field}_id")
    )
    for project_id, other_id in pairs:
        links[project_id].add(other_id)
    return links


def _funnel(totals: dict[str, int], projects: list[Project], days: dict) -> list[FunnelStage]:
    def attended(sequence: int) -> tuple[int, str]:
        day = days.get(sequence)
        count = sum(getattr(p, f"attended_day_{sequence}") for p in projects)
        if day is None:
            return count, f"Learning day {sequence} has not been scheduled."
        when = format_date(timezone.localtime(day.starts_at).date())
        if day.is_cancelled:
            return count, f"{day.title} ({when}) was cancelled."
        return count, (
            f"Cohort projects with at least one person recorded present at {day.title} ({when})."
        )

    day_1, day_1_counts = attended(1)
    day_2, day_2_counts = attended(2)
    stages = [
        (
            "Applied",
            totals["applied"],
            "Expressions of interest sent in, including any withdrawn later. Drafts are not "
            "counted.",
        ),
        (
            "Shortlisted",
            totals["shortlisted"],
            "Put on the shortlist and still on it when decided or withdrawn, or chosen for the "
            "cohort. Applications decided straight from “submitted” were not shortlisted.",
        ),
        (
            "Selected",
            totals["selected"],
            "Chosen for the cohort, whether or not decisions have been sent, including any "
            "council that withdrew after starting its project.",
        ),
        ("Attended learning day 1", day_1, day_1_counts),
        ("Attended learning day 2", day_2, day_2_counts),
        (
            "Had a peer visit or call",
            sum(p.had_peer_engagement for p in projects),
            "Cohort projects with a completed visit to, or call with, a peer organisation. "
            "Reading a peer's written material is recorded on the project but not counted here.",
        ),
    ]
    funnel = []
    previous = None
    for label, count, counts in stages:
        funnel.append(FunnelStage(label, count, counts, percent(count, previous)))
        previous = count
    return funnel


def _emails(programme: Programme) -> tuple[list[EmailCount], str | None]:
    rows = (
        OutboundEmail.objects.filter(
            scope_type__app_label=Programme._meta.app_label,
            scope_type__model=Programme._meta.model_name,
            scope_id=programme.pk,
        )
        .values("scope_type_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = {}
    scope = None
    for row in rows:
        by_status[row["status"]] = row["n"]
        scope = scope_value(row["scope_type_id"], programme.pk)
    emails = [
        EmailCount(status.value, status.label, by_status.get(status.value, 0))
        for status in OUTSTANDING_EMAIL_STATUSES
    ]
    return emails, scope


def programme_dashboard(programme: Programme, *, today: datetime.date | None = None) -> Dashboard:
    """Everything on the programme dashboard, in eight queries whatever the programme's size.

    `today` decides which actions are overdue (due before today and not done); the London date
    by default.
    """
    today = action_plan_day(programme, today=today)
    by_region = _application_counts(programme)
    totals = defaultdict(int)
    for counts in by_region.values():
        for key, value in counts.items():
            totals[key] += value
    for key in ("drafts", "applied", "withdrawn", "shortlisted", "selected"):
        totals.setdefault(key, 0)

    projects = _projects(programme, today=today)
    names = {p.pk: p.organisation.name for p in projects}
    thrive_links = _links(Project.thrive_categories.through, programme, "thrivecategory")
    theme_links = _links(Project.themes.through, programme, "programmetheme")
    days = {day.sequence: day for day in LearningDay.objects.filter(programme=programme)}

    def projects_with(key, links) -> list[str]:
        return sorted(names[pk] for pk, keys in links.items() if key in keys and pk in names)

    progress = [
        ProgressCount(
            status.value,
            status.label,
            sum(p.latest_status == status.value for p in projects),
        )
        for status in ProgressStatus
    ]
    progress.append(ProgressCount("", "No update yet", sum(not p.latest_status for p in projects)))
    emails, outbox_scope = _emails(programme)
    return Dashboard(
        funnel=_funnel(totals, projects, days),
        withdrawn=totals["withdrawn"],
        drafts=totals["drafts"],
        regions=[
            RegionRow(
                region.label,
                by_region.get(region.value, {}).get("applied", 0),
                by_region.get(region.value, {}).get("selected", 0),
            )
            for region in Region
        ],
        project_count=len(projects),
        thrive=[
            ThriveRow(category.name, projects_with(category.slug, thrive_links))
            for category in ThriveCategory.objects.all()
        ],
        themes=[
            ThemeRow(theme.title, projects_with(theme.pk, theme_links))
            for theme in ProgrammeTheme.objects.filter(programme=programme)
        ],
        action_plans=[
            ActionPlanRow(names[p.pk], p.actions_done, p.actions_total, p.actions_overdue)
            for p in projects
        ],
        actions_done=sum(p.actions_done for p in projects),
        actions_total=sum(p.actions_total for p in projects),
        actions_overdue=sum(p.actions_overdue for p in projects),
        progress=progress,
        emails=emails,
        outbox_scope=outbox_scope,
    )
