"""The end-of-programme report: its content on a crafted programme, the page, the Word document
opened back with python-docx, who may see them, the query count, and the 2018 demo."""

import datetime
import io
from html import escape

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from cohort.enums import ActionStatus, Attendance
from cohort.models import (
    ActionPlanItem,
    HelpfulQuestion,
    LearningDay,
    LearningDayInvitation,
    ProgrammeTheme,
    ProgressUpdate,
    Project,
)
from cohort.report_document import SECTIONS, report_document
from cohort.selectors.report import programme_report
from demo.loader import load_demo
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

TRICKY = "O'Brien <b>Borough</b> Council"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sent_in(programme, name, status=ApplicationStatus.SELECTED):
    return ApplicationFactory(
        programme=programme,
        organisation=OrganisationFactory(name=name, region=Region.LONDON),
        status=status,
        submitted_at=timezone.now(),
        reference=f"EOI-{programme.pk}-{name[:12]}",
    )


def start_project(application, key_question, refined=""):
    project = Project.objects.create(
        programme=application.programme,
        organisation=application.organisation,
        key_question=key_question,
        refined_key_question=refined,
    )
    Project.objects.filter(pk=project.pk).update(application=application)
    return project


def learning_day(programme, sequence, **kwargs):
    starts = datetime.datetime(2018, 3 * sequence, 12, 10, tzinfo=datetime.UTC)
    return LearningDay.objects.create(
        programme=programme,
        sequence=sequence,
        title=f"Learning day {sequence}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        venue_name="Local Government House",
        **kwargs,
    )


def invite(day, project, email, attendance):
    return LearningDayInvitation.objects.create(
        learning_day=day, project=project, name=email, email=email, attendance=attendance
    )


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER)


@pytest.fixture
def crafted():
    """Two projects (one with a name to escape), a council not selected, two learning days, two
    themes, two helpful questions, and another programme whose data must not leak in."""
    programme = ProgrammeFactory(
        title="Children’s mental health",
        slug="cyp-crafted",
        runs_from=datetime.date(2018, 2, 1),
        runs_until=datetime.date(2018, 11, 30),
    )
    barnsley = start_project(
        sent_in(programme, "Barnsley Council"),
        "How can we improve help?",
        "How can schools and the NHS work as one?",
    )
    tricky = start_project(sent_in(programme, TRICKY), "What <i>works</i>?")
    sent_in(programme, "Not Chosen Council", ApplicationStatus.NOT_SELECTED)
    barnsley.thrive_categories.set(
        ThriveCategory.objects.filter(slug__in=["getting_advice", "getting_help"])
    )
    tricky.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_help"))
    voices = ProgrammeTheme.objects.create(
        programme=programme, title="Young people’s voices", description="Co-production.", position=1
    )
    champions = ProgrammeTheme.objects.create(
        programme=programme, title="Councillors as champions", position=2
    )
    barnsley.themes.set([voices, champions])
    tricky.themes.set([voices])
    ActionPlanItem.objects.create(
        project=barnsley, action="A", owner="Me", status=ActionStatus.DONE
    )
    ActionPlanItem.objects.create(project=barnsley, action="B", owner="Me")
    old = ProgressUpdate.objects.create(project=barnsley, status="red", summary="Slow start")
    ProgressUpdate.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    ProgressUpdate.objects.create(project=barnsley, status="green", summary="Schools signed up")
    day_1 = learning_day(programme, 1)
    day_2 = learning_day(programme, 2)
    for project, n in [(barnsley, 1), (tricky, 2)]:
        invite(day_1, project, f"a{n}@example.org", Attendance.PRESENT)
        invite(day_1, project, f"b{n}@example.org", Attendance.PRESENT)
    invite(day_2, barnsley, "a1@example.org", Attendance.PRESENT)
    invite(day_2, tricky, "a2@example.org", Attendance.APOLOGIES)
    HelpfulQuestion.objects.create(programme=programme, text="Who holds the budget?", position=1)
    HelpfulQuestion.objects.create(programme=programme, text="Ask <script>x</script>", position=2)
    # Another programme: nothing of it may appear.
    other = ProgrammeFactory()
    start_project(sent_in(other, "Elsewhere Council"), "Other?")
    ProgrammeTheme.objects.create(programme=other, title="Other theme")
    HelpfulQuestion.objects.create(programme=other, text="Other question")
    return programme


def test_report_content_of_a_crafted_programme(crafted):
    report = programme_report(crafted)
    assert report.title == "Children’s mental health"
    assert (report.runs_from, report.runs_until) == (
        "Thursday 1 February 2018",
        "Friday 30 November 2018",
    )
    assert (report.applied, report.selected) == (3, 2)
    assert [
        (d.title, d.date, d.is_cancelled, d.councils_attended) for d in report.learning_days
    ] == [
        ("Learning day 1", "Monday 12 March 2018", False, 2),
        ("Learning day 2", "Tuesday 12 June 2018", False, 1),
    ]
    assert report.introduction == [
        "Children’s mental health ran from Thursday 1 February 2018 to Friday 30 November 2018. "
        "3 councils applied and 2 councils were selected for the cohort.",
        "Learning day 1 (Monday 12 March 2018) was attended by 2 councils; Learning day 2 "
        "(Tuesday 12 June 2018) was attended by 1 council.",
    ]
    assert [
        (m.council, m.key_question, m.refined_key_question, m.thrive_categories, m.themes)
        for m in report.cohort
    ] == [
        (
            "Barnsley Council",
            "How can we improve help?",
            "How can schools and the NHS work as one?",
            ["Getting advice", "Getting help"],
            ["Young people’s voices", "Councillors as champions"],
        ),
        (TRICKY, "What <i>works</i>?", "", ["Getting help"], ["Young people’s voices"]),
    ]
    assert [
        (m.actions_done, m.actions_total, m.latest_status, m.what_happened) for m in report.cohort
    ] == [
        (1, 2, "Green: on track", "Schools signed up"),
        (0, 0, "", ""),
    ]
    assert (report.actions_done, report.actions_total) == (1, 2)
    assert [(row.label, row.projects) for row in report.thrive] == [
        ("Thriving", []),
        ("Getting advice", ["Barnsley Council"]),
        ("Getting help", ["Barnsley Council", TRICKY]),
        ("Getting more help", []),
        ("Getting risk support", []),
    ]
    assert [(t.title, t.description, t.projects) for t in report.themes] == [
        ("Young people’s voices", "Co-production.", ["Barnsley Council", TRICKY]),
        ("Councillors as champions", "", ["Barnsley Council"]),
    ]
    assert report.helpful_questions == ["Who holds the budget?", "Ask <script>x</script>"]
    assert report.peer_engagements == []
    assert report.peer_summary == (
        "No peer visits, calls or reviews of written material have been recorded."
    )


def test_report_of_an_empty_programme():
    programme = ProgrammeFactory(
        title="Empty", runs_from=datetime.date(2019, 1, 1), runs_until=datetime.date(2019, 6, 1)
    )
    report = programme_report(programme)
    assert report.cohort == [] and report.themes == [] and report.helpful_questions == []
    assert report.introduction == [
        "Empty ran from Tuesday 1 January 2019 to Saturday 1 June 2019. 0 councils applied and "
        "0 councils were selected for the cohort.",
        "No learning days were held.",
    ]
    # The document still builds, with every section.
    document = docx.Document(io.BytesIO(report_document(report)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS


def test_a_cancelled_learning_day_is_said_to_be_cancelled():
    programme = ProgrammeFactory()
    learning_day(programme, 1, is_cancelled=True)
    assert programme_report(programme).introduction[1] == (
        "Learning day 1 (Monday 12 March 2018) was cancelled."
    )


def test_report_page_shows_every_section(client, manager, crafted):
    client.force_login(manager)
    response = client.get(reverse("cohort:report", args=[crafted.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">End-of-programme report</h1>' in html
    positions = [html.index(f'">{escape(section)}</h2>') for section in SECTIONS]
    assert positions == sorted(positions)
    assert escape(TRICKY) in html and TRICKY not in html
    assert escape("What <i>works</i>?") in html
    assert escape("Ask <script>x</script>") in html and "<script>x</script>" not in html
    assert (
        '<th scope="row" class="govuk-table__header">Barnsley Council</th>'
        '<td class="govuk-table__cell">How can we improve help?</td>'
        '<td class="govuk-table__cell">How can schools and the NHS work as one?</td>'
    ) in html
    assert "<strong>Green: on track.</strong> Schools signed up" in html
    assert "No peer visits, calls or reviews of written material have been recorded." in html
    assert "data-print hidden>Print this report</button>" in html
    assert f'href="{reverse("cohort:report_docx", args=[crafted.slug])}"' in html
    assert "Elsewhere Council" not in html and "Other question" not in html


def test_dashboard_links_to_the_report(client, manager, crafted):
    client.force_login(manager)
    html = client.get(reverse("cohort:dashboard", args=[crafted.slug])).content.decode()
    assert f'href="{reverse("cohort:report", args=[crafted.slug])}"' in html


def test_report_docx_opens_with_its_sections_tables_and_literal_text(client, manager, crafted):
    client.force_login(manager)
    response = client.get(reverse("cohort:report_docx", args=[crafted.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="cyp-crafted-report.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Children’s mental health"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SECTIONS
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == [
        "Barnsley Council",
        TRICKY,
        "Young people’s voices",
        "Councillors as champions",
        "Barnsley Council",
        TRICKY,
    ]
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [
        "Barnsley Council",
        "How can we improve help?",
        "How can schools and the NHS work as one?",
    ] in rows
    assert [TRICKY, "What <i>works</i>?", "Not refined"] in rows
    assert ["Getting help", "2", f"Barnsley Council, {TRICKY}"] in rows
    assert ["Learning day 2", "Tuesday 12 June 2018", "1"] in rows
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Who holds the budget?", "Ask <script>x</script>"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "No peer visits, calls or reviews of written material have been recorded." in text
    assert "Schools signed up" in text
    assert "Elsewhere Council" not in text


def test_control_characters_in_people_s_text_do_not_break_the_document(crafted):
    Project.objects.filter(programme=crafted, organisation__name="Barnsley Council").update(
        # Not NUL: Django's forms refuse it and PostgreSQL cannot store it.
        refined_key_question="Bell\x07 and\x1b escape?"
    )
    document = docx.Document(io.BytesIO(report_document(programme_report(crafted))))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Barnsley Council", "How can we improve help?", "Bell and escape?"] in rows


def test_unknown_programme_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("cohort:report", args=["nope"])).status_code == 404
    assert client.get(reverse("cohort:report_docx", args=["nope"])).status_code == 404


@pytest.mark.parametrize("url_name", ["cohort:report", "cohort:report_docx"])
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
def test_report_permissions(client, crafted, url_name, role, expected):
    users = {
        "anonymous": None,
        "council": lambda: council_user(),
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    if users[role]:
        client.force_login(users[role]())
    response = client.get(reverse(url_name, args=[crafted.slug]))
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    elif role != "manager":
        assert b"Barnsley Council" not in response.content


@pytest.mark.parametrize("url_name", ["cohort:report", "cohort:report_docx"])
def test_report_query_count_is_constant(client, manager, url_name):
    programme = ProgrammeFactory()
    day_1, day_2 = learning_day(programme, 1), learning_day(programme, 2)
    theme = ProgrammeTheme.objects.create(programme=programme, title="Councillors as champions")
    HelpfulQuestion.objects.create(programme=programme, text="Why?")
    help_ = ThriveCategory.objects.get(slug="getting_help")

    def add(n):
        for _ in range(n):
            number = Project.objects.count()
            project = start_project(sent_in(programme, f"Council {number}"), "How?", "Refined?")
            project.thrive_categories.add(help_)
            project.themes.add(theme)
            ActionPlanItem.objects.create(project=project, action="Do", owner="Me")
            ProgressUpdate.objects.create(project=project, status="green", summary="Fine")
            for day in (day_1, day_2):
                invite(day, project, f"p{number}@example.org", Attendance.PRESENT)

    url = reverse(url_name, args=[programme.slug])
    client.force_login(manager)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    one = count()
    add(4)
    several = count()
    # Session, user and roles (3), the programme (1) and the report (15, with its peer
    # engagements), with one project or five.
    assert (one, several) == (19, 19)


def test_the_2018_demo_report():
    """The 2018 report's eight councils and five themes."""
    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    report = programme_report(programme)
    assert [m.council for m in report.cohort] == [
        "Barnsley Metropolitan Borough Council",
        "Durham County Council",
        "Essex County Council",
        "Kirklees Council",
        "Lincolnshire County Council",
        "London Borough of Lewisham",
        "Surrey County Council",
        "Warwickshire County Council",
    ]
    assert [t.title for t in report.themes] == [
        "Taking a holistic view of children and young people",
        "Hearing young people's voices and co-designing services",
        "Confidence and capability in the wider children's workforce",
        "Councillors as champions",
        "Delivering in times of change and resource pressure",
    ]
    assert report.introduction == [
        "Improving children's and young people's mental health and wellbeing ran from Monday 26 "
        "February 2018 to Tuesday 31 July 2018. 17 councils applied and 8 councils were selected "
        "for the cohort.",
        "Learning day 1 (Monday 12 March 2018) was attended by 8 councils; Learning day 2 "
        "(Tuesday 12 June 2018) was attended by 7 councils.",
    ]
    assert report.peer_summary == (
        "5 of the 8 councils had a peer visit or conversation; 7 recorded a peer engagement of "
        "any kind, including reviewing written material."
    )
    assert [(e.council, e.peer.split(":")[0], e.kind) for e in report.peer_engagements][:3] == [
        ("Barnsley Metropolitan Borough Council", "Forward Thinking Birmingham", "Visit"),
        ("Durham County Council", "Cheshire East Council", "Telephone or video call"),
        ("Kirklees Council", "North Tyneside Council", "Visit"),
    ]
    assert "Essex County Council" not in {e.council for e in report.peer_engagements}
    assert len(report.helpful_questions) == 6
    assert report.helpful_questions[0] == (
        "How can we better understand the cohort we are working with?"
    )
    assert all(m.refined_key_question for m in report.cohort)
    document = docx.Document(io.BytesIO(report_document(report)))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SECTIONS
