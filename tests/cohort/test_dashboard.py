"""The programme dashboard: its numbers on a crafted programme, the page, who may see it, its
query count, and the 2018 demo's figures."""

import datetime
from html import escape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from applications.models import Application
from applications.services import selection
from cohort.enums import ActionStatus, Attendance, ProgressStatus
from cohort.models import (
    ActionPlanItem,
    LearningDay,
    LearningDayInvitation,
    ProgrammeTheme,
    ProgressUpdate,
    Project,
)
from cohort.selectors.dashboard import programme_dashboard
from demo.loader import load_demo
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.enums import Region
from programmes.models import Programme, ThriveCategory
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2018, 5, 1)


def sent_in(programme, name, region, status=ApplicationStatus.SUBMITTED) -> Application:
    application = ApplicationFactory(
        programme=programme,
        organisation=OrganisationFactory(name=name, region=region),
        status=status,
        submitted_at=timezone.now(),
        reference=f"EOI-{programme.pk}-{name[:12]}",
    )
    return application


def set_status(application: Application, status: str) -> None:
    Application.objects.filter(pk=application.pk).update(status=status)


def start_project(application: Application) -> Project:
    project = Project.objects.create(
        programme=application.programme,
        organisation=application.organisation,
        key_question="How can we help?",
    )
    Project.objects.filter(pk=project.pk).update(application=application)
    return project


def learning_day(programme, sequence: int) -> LearningDay:
    starts = datetime.datetime(2018, 3 * sequence, 12, 10, tzinfo=datetime.UTC)
    return LearningDay.objects.create(
        programme=programme,
        sequence=sequence,
        title=f"Learning day {sequence}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        venue_name="Local Government House",
    )


def invite(day, project, email, attendance):
    return LearningDayInvitation.objects.create(
        learning_day=day, project=project, name=email, email=email, attendance=attendance
    )


def email(scope, status, **kwargs):
    return OutboundEmail.objects.create(
        kind="t",
        to_email="a@example.org",
        subject="s",
        body_text="b",
        reason="r",
        scope=scope,
        status=status,
        sent_at=timezone.now() if status == EmailStatus.SENT else None,
        **kwargs,
    )


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER)


@pytest.fixture
def crafted(manager):
    """A programme with every kind of application, three projects and a bit of everything, and
    another programme whose data must not leak into it."""
    programme = ProgrammeFactory(title="Children’s mental health")
    ApplicationFactory(
        programme=programme, organisation=OrganisationFactory(region=Region.LONDON)
    )  # a draft
    sent_in(programme, "Withdrawn Borough", Region.LONDON, ApplicationStatus.WITHDRAWN)
    short_withdrawn = sent_in(programme, "Shortlisted Then Withdrawn", Region.SOUTH_EAST)
    taken_off = sent_in(programme, "Taken Off Council", Region.NORTH_WEST)
    sent_in(programme, "Never Shortlisted Council", Region.NORTH_WEST, "not_selected")
    waitlisted = sent_in(programme, "Waitlisted Council", Region.SOUTH_EAST)
    s1 = sent_in(programme, "Barnsley Council", Region.NORTH_WEST)
    s2 = sent_in(programme, "Lewisham Council", Region.LONDON, ApplicationStatus.SELECTED)
    s3 = sent_in(programme, "Essex County Council", Region.SOUTH_EAST)
    for application in (short_withdrawn, taken_off, waitlisted, s1):
        selection.shortlist(application_id=application.pk, by=manager)
    selection.shortlist(application_id=taken_off.pk, by=manager, on=False)
    set_status(short_withdrawn, ApplicationStatus.WITHDRAWN)
    set_status(taken_off, ApplicationStatus.NOT_SELECTED)
    set_status(waitlisted, ApplicationStatus.WAITLISTED)
    set_status(s1, ApplicationStatus.SELECTED)
    # Essex: selected, told, started its project, then withdrew.
    set_status(s3, ApplicationStatus.WITHDRAWN)
    p1, p2, p3 = (start_project(a) for a in (s1, s2, s3))

    help_, advice = (ThriveCategory.objects.get(slug=s) for s in ("getting_help", "getting_advice"))
    p1.thrive_categories.set([help_, advice])
    p2.thrive_categories.set([help_])
    champions = ProgrammeTheme.objects.create(
        programme=programme, position=1, title="Councillors as champions"
    )
    ProgrammeTheme.objects.create(programme=programme, position=2, title="Young people’s voices")
    p1.themes.add(champions)
    p2.themes.add(champions)

    yesterday, tomorrow = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)
    for status, due in [
        (ActionStatus.DONE, None),
        (ActionStatus.IN_PROGRESS, yesterday),
        (ActionStatus.NOT_STARTED, tomorrow),
    ]:
        ActionPlanItem.objects.create(
            project=p1, action="Do", owner="Me", status=status, due_on=due
        )
    ActionPlanItem.objects.create(
        project=p2, action="Do", owner="Me", status=ActionStatus.DONE, due_on=yesterday
    )

    earlier = timezone.now() - datetime.timedelta(days=30)
    ProgressUpdate.objects.create(
        project=p1, status=ProgressStatus.AMBER, summary="Slow", created_at=earlier
    )
    ProgressUpdate.objects.create(project=p1, status=ProgressStatus.GREEN, summary="Better")
    ProgressUpdate.objects.create(project=p2, status=ProgressStatus.RED, summary="Stuck")

    day_1, day_2 = learning_day(programme, 1), learning_day(programme, 2)
    invite(day_1, p1, "a@barnsley.example.org", Attendance.PRESENT)
    invite(day_1, p1, "b@barnsley.example.org", Attendance.ABSENT)
    invite(day_1, p2, "a@lewisham.example.org", Attendance.APOLOGIES)
    invite(day_1, p3, "a@essex.example.org", Attendance.PRESENT)
    invite(day_2, p1, "a@barnsley.example.org", Attendance.PRESENT)
    invite(day_2, p2, "a@lewisham.example.org", Attendance.NOT_RECORDED)
    invite(day_2, p3, "a@essex.example.org", Attendance.ABSENT)

    for status, n in [
        (EmailStatus.QUEUED, 2),
        (EmailStatus.HELD, 1),
        (EmailStatus.FAILED, 1),
        (EmailStatus.SENT, 1),
        (EmailStatus.CANCELLED, 1),
    ]:
        for _ in range(n):
            email(programme, status)

    # Another programme: its application, project, theme, attendance and emails stay its own.
    other = ProgrammeFactory()
    other_application = sent_in(other, "Other Council", Region.LONDON, ApplicationStatus.SELECTED)
    other_project = start_project(other_application)
    other_project.thrive_categories.set([help_])
    other_project.themes.add(ProgrammeTheme.objects.create(programme=other, title="Elsewhere"))
    invite(learning_day(other, 1), other_project, "x@other.example.org", Attendance.PRESENT)
    email(other, EmailStatus.HELD)
    return programme


def funnel_of(dashboard):
    return [(s.label, s.count, s.percent_of_previous) for s in dashboard.funnel]


def test_dashboard_counts_every_section_of_a_crafted_programme(crafted):
    dashboard = programme_dashboard(crafted, today=TODAY)

    assert funnel_of(dashboard) == [
        ("Applied", 8, None),
        ("Shortlisted", 5, 63),
        ("Selected", 3, 60),
        ("Attended learning day 1", 2, 67),
        ("Attended learning day 2", 1, 50),
        ("Had a peer visit or call", 0, 0),
    ]
    assert (dashboard.withdrawn, dashboard.drafts) == (3, 1)
    assert [(r.label, r.applications, r.cohort) for r in dashboard.regions if r.applications] == [
        ("North West", 3, 1),
        ("London", 2, 1),
        ("South East", 3, 1),
    ]
    assert sum(r.applications for r in dashboard.regions) == 8
    assert dashboard.project_count == 3
    assert [(r.label, r.projects) for r in dashboard.thrive] == [
        ("Thriving", []),
        ("Getting advice", ["Barnsley Council"]),
        ("Getting help", ["Barnsley Council", "Lewisham Council"]),
        ("Getting more help", []),
        ("Getting risk support", []),
    ]
    assert (dashboard.thrive_total, dashboard.thrive_max) == (3, 2)
    assert [(t.title, t.projects) for t in dashboard.themes] == [
        ("Councillors as champions", ["Barnsley Council", "Lewisham Council"]),
        ("Young people’s voices", []),
    ]
    assert [(a.project, a.done, a.total, a.overdue) for a in dashboard.action_plans] == [
        ("Barnsley Council", 1, 3, 1),
        ("Essex County Council", 0, 0, 0),
        ("Lewisham Council", 1, 1, 0),
    ]
    assert (dashboard.actions_done, dashboard.actions_total, dashboard.actions_overdue) == (2, 4, 1)
    assert dashboard.actions_percent == 50
    assert [(p.status, p.count) for p in dashboard.progress] == [
        ("green", 1),
        ("amber", 0),
        ("red", 1),
        ("", 1),
    ]
    scope = f"{ContentType.objects.get_for_model(Programme).pk}-{crafted.pk}"
    assert [(e.status, e.count) for e in dashboard.emails] == [
        ("held", 1),
        ("queued", 2),
        ("failed", 1),
    ]
    assert dashboard.outbox_scope == scope
    assert dashboard.outstanding_emails == 4


def test_a_shortlisted_application_decided_by_the_real_services_counts_as_shortlisted(manager):
    """The history entries the shortlisting service writes are the ones the dashboard reads."""
    programme = ProgrammeFactory(cohort_min=1, cohort_max=1)
    chosen = sent_in(programme, "Chosen Council", Region.LONDON)
    shortlisted = sent_in(programme, "Shortlisted Council", Region.LONDON)
    straight = sent_in(programme, "Straight Council", Region.LONDON)
    selection.shortlist(application_id=shortlisted.pk, by=manager)
    selection.select_for_cohort(application_id=chosen.pk, by=manager)
    selection.prepare_decisions(programme_id=programme.pk, waitlist=[], messages={}, by=manager)
    assert set(programme.applications.values_list("status", flat=True)) == {
        "selected",
        "not_selected",
    }
    assert Application.objects.get(pk=straight.pk).status == ApplicationStatus.NOT_SELECTED
    dashboard = programme_dashboard(programme)
    # Applied: all three; shortlisted: the one shortlisted and the one chosen, not the one
    # decided straight from "submitted"; selected: the one chosen.
    assert [s.count for s in dashboard.funnel[:3]] == [3, 2, 1]


def test_dashboard_of_a_programme_without_applications_or_projects():
    programme = ProgrammeFactory()
    dashboard = programme_dashboard(programme)
    assert funnel_of(dashboard) == [
        ("Applied", 0, None),
        ("Shortlisted", 0, None),
        ("Selected", 0, None),
        ("Attended learning day 1", 0, None),
        ("Attended learning day 2", 0, None),
        ("Had a peer visit or call", 0, None),
    ]
    assert dashboard.funnel[3].counts == "Learning day 1 has not been scheduled."
    assert (dashboard.withdrawn, dashboard.drafts, dashboard.project_count) == (0, 0, 0)
    assert all(r.applications == r.cohort == 0 for r in dashboard.regions)
    assert [r.count for r in dashboard.thrive] == [0, 0, 0, 0, 0]
    assert dashboard.themes == []
    assert dashboard.action_plans == []
    assert dashboard.actions_percent is None
    assert [p.count for p in dashboard.progress] == [0, 0, 0, 0]
    assert [e.count for e in dashboard.emails] == [0, 0, 0]
    assert dashboard.outbox_scope is None


def test_everyone_came_back_for_learning_day_2():
    """Without an Essex: every project that came to day 1 came to day 2, so 100%."""
    programme = ProgrammeFactory()
    projects = [
        start_project(sent_in(programme, f"Council {n}", Region.LONDON, "selected"))
        for n in range(2)
    ]
    day_1, day_2 = learning_day(programme, 1), learning_day(programme, 2)
    for n, project in enumerate(projects):
        invite(day_1, project, f"p{n}@example.org", Attendance.PRESENT)
        invite(day_2, project, f"p{n}@example.org", Attendance.PRESENT)
        invite(day_2, project, f"q{n}@example.org", Attendance.APOLOGIES)
    dashboard = programme_dashboard(programme)
    assert funnel_of(dashboard)[2:5] == [
        ("Selected", 2, 100),
        ("Attended learning day 1", 2, 100),
        ("Attended learning day 2", 2, 100),
    ]
    assert dashboard.funnel[4].counts == (
        "Cohort projects with at least one person recorded present at Learning day 2 "
        "(Tuesday 12 June 2018)."
    )


def test_dashboard_page_shows_the_funnel_chart_table_and_outbox_links(client, manager, crafted):
    client.force_login(manager)
    response = client.get(reverse("cohort:dashboard", args=[crafted.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Dashboard</h1>' in html
    assert escape(crafted.title) in html
    assert "Had a peer visit or call" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">63%</td>' in html
    assert "3 applications were withdrawn" in html
    # The chart has an accessible name and description; the table beside it has the numbers.
    assert 'role="img" aria-labelledby="thrive-chart-title thrive-chart-description"' in html
    assert '<title id="thrive-chart-title">Projects by THRIVE category</title>' in html
    assert "Getting help: 2 projects; Getting more help: 0 projects" in html
    assert (
        '<th scope="row" class="govuk-table__header">Getting help</th><td class="govuk-table__cell '
        'govuk-table__cell--numeric">2</td><td class="govuk-table__cell govuk-body-s">'
        "Barnsley Council, Lewisham Council</td>"
    ) in html
    assert "the numbers add up to 3, which can be more than the 3 projects" in html
    assert escape("Young people’s voices") in html
    # The page counts overdue actions on the real date: both 2018 due dates have passed.
    assert "2 of 4 actions done (50%); 2 overdue." in html
    scope = f"{ContentType.objects.get_for_model(Programme).pk}-{crafted.pk}"
    outbox = reverse("notifications:outbox")
    for status, count in [("held", 1), ("queued", 2), ("failed", 1)]:
        assert f'href="{outbox}?status={status}&amp;programme={scope}">{count}<' in html


def test_dashboard_page_of_a_programme_without_projects(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)
    response = client.get(reverse("cohort:dashboard", args=[programme.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There are no projects yet" in html
    assert 'role="img"' not in html
    assert "The programme has no cross-cutting themes yet." in html


def test_unknown_programme_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("cohort:dashboard", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("council", 403),
        ("reviewer", 403),
        ("consultant", 403),
        ("manager", 200),
    ],
)
def test_dashboard_permissions(client, crafted, role, expected):
    users = {
        "anonymous": None,
        "council": lambda: council_user(),
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    if users[role]:
        client.force_login(users[role]())
    response = client.get(reverse("cohort:dashboard", args=[crafted.slug]))
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    else:
        assert (b"Barnsley Council" in response.content) == (role == "manager")


def test_dashboard_query_count_is_constant(client, manager):
    programme = ProgrammeFactory()
    day_1, day_2 = learning_day(programme, 1), learning_day(programme, 2)
    theme = ProgrammeTheme.objects.create(programme=programme, title="Councillors as champions")
    help_ = ThriveCategory.objects.get(slug="getting_help")

    def add(n):
        for _ in range(n):
            number = Application.objects.count()
            application = sent_in(programme, f"Council {number}", Region.LONDON, "selected")
            project = start_project(application)
            project.thrive_categories.add(help_)
            project.themes.add(theme)
            ActionPlanItem.objects.create(project=project, action="Do", owner="Me")
            ProgressUpdate.objects.create(project=project, status="green", summary="Fine")
            for day in (day_1, day_2):
                invite(day, project, f"p{number}@example.org", Attendance.PRESENT)
            email(programme, EmailStatus.HELD)

    url = reverse("cohort:dashboard", args=[programme.slug])
    client.force_login(manager)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    one = count()
    add(4)
    several = count()
    # Session, user and roles (3), the programme (1), the dashboard (8) and the scheduler's
    # heartbeat (1), with one project or five, and with none (the link tables are read whether or
    # not there are projects).
    assert (one, several) == (13, 13)


def test_demo_2018_dashboard_has_the_report_s_figures(client, manager):
    """Seventeen applied, eight selected, eight at learning day 1 and seven (not Essex) at day 2."""
    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    dashboard = programme_dashboard(programme)
    counts = {stage.label: stage.count for stage in dashboard.funnel}
    assert counts["Applied"] == 17
    assert counts["Selected"] == 8
    assert counts["Attended learning day 1"] == 8
    assert counts["Attended learning day 2"] == 7
    assert counts["Had a peer visit or call"] == 5  # "five of the eight councils"
    assert dashboard.project_count == 8
    assert sum(r.cohort for r in dashboard.regions) == 8
    client.force_login(manager)
    response = client.get(reverse("cohort:dashboard", args=[programme.slug]))
    assert response.status_code == 200
    assert "Essex County Council" in response.content.decode()
