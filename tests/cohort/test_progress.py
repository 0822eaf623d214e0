"""Cohort projects: programme managers assign consultants, consultants (and managers) follow
their projects and write progress updates with a red/amber/green status. A consultant sees only
their own projects (another's is a 404); councils and reviewers are refused (403)."""

import datetime
import html
import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from cohort.enums import ActionStatus, ProgressStatus
from cohort.errors import ProjectError
from cohort.models import ActionPlanItem, ProgressUpdate, Project, ProjectMember
from cohort.selectors import progress as selectors
from cohort.services.progress import (
    assign_consultant,
    queue_due_progress_update_reminders,
    record_progress_update,
)
from demo import data
from demo.loader import DEMO_ACCOUNTS
from demo.progress import (
    ACTIONS_2018,
    CONSULTANT_EMAIL,
    UPDATES_2018,
    load_progress_2018,
)
from notifications import editable
from notifications.models import OutboundEmail
from notifications.services import save_email_template
from programmes.dates import LONDON
from programmes.forms import ProgrammeForm
from programmes.models import Programme, ThriveCategory
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def make_project(programme=None, *, consultant=None, organisation=None, **fields) -> Project:
    """A cohort project with a team of three, as `start_project` makes from an application."""
    project = Project.objects.create(
        programme=programme or ProgrammeFactory(),
        organisation=organisation or OrganisationFactory(),
        key_question=fields.pop("key_question", "How can young people get help sooner?"),
        consultant=consultant,
        **fields,
    )
    for position, name in enumerate(["Cllr Ann O'Neill", "Ben Officer", "Cara Partner"], 1):
        ProjectMember.objects.create(
            project=project,
            position=position,
            name=name,
            job_title="Lead",
            organisation_name=project.organisation.name,
            email=f"member{position}.{project.pk}@example.org",
        )
    project.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_help"))
    return project


def write_update(project, *, status=ProgressStatus.GREEN, at=None, by=None, summary="Met.") -> None:
    update = ProgressUpdate.objects.create(
        project=project, status=status, summary=summary, written_by=by
    )
    if at:
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=at)


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")


@pytest.fixture
def consultant():
    return UserFactory(role=StaffRole.CONSULTANT, name="Janet O'Consultant")


# --- Assigning a consultant --------------------------------------------------------------------


def test_assigning_a_consultant_emails_them_a_link_to_the_project(
    manager, consultant, smtp_sink, django_capture_on_commit_callbacks
):
    project = make_project()
    with django_capture_on_commit_callbacks(execute=True):
        assign_consultant(project_id=project.pk, consultant=consultant, by=manager)

    project.refresh_from_db()
    assert project.consultant == consultant
    [message] = smtp_sink.to(consultant.email)
    body = message.get_body(("plain",)).get_content()
    assert " ".join(message["Subject"].split()) == (
        f"You are the consultant for {project.organisation.name} in “{project.programme.title}”"
    )
    assert f"Dear {consultant.name}," in body
    assert f"{settings.SITE_URL}/projects/{project.pk}/" in body
    assert "How can young people get help sooner?" in body
    email = OutboundEmail.objects.get(kind="consultant_assigned")
    assert (email.related, email.scope, email.created_by) == (project, project.programme, manager)


def test_assigning_the_same_consultant_again_changes_and_sends_nothing(
    manager, consultant, django_capture_on_commit_callbacks
):
    project = make_project(consultant=consultant)
    with django_capture_on_commit_callbacks(execute=True):
        assign_consultant(project_id=project.pk, consultant=consultant, by=manager)
    assert not OutboundEmail.objects.exists()


def test_changing_the_consultant_emails_only_the_new_one(
    manager, consultant, smtp_sink, django_capture_on_commit_callbacks
):
    project = make_project(consultant=consultant)
    other = UserFactory(role=StaffRole.CONSULTANT)
    with django_capture_on_commit_callbacks(execute=True):
        assign_consultant(project_id=project.pk, consultant=other, by=manager)
    project.refresh_from_db()
    assert project.consultant == other
    assert len(smtp_sink.to(other.email)) == 1
    assert smtp_sink.to(consultant.email) == []


@pytest.mark.parametrize("who", ["reviewer", "inactive consultant", "council"])
def test_only_an_active_consultant_can_be_assigned(manager, who):
    person = {
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "inactive consultant": lambda: UserFactory(role=StaffRole.CONSULTANT, is_active=False),
        "council": council_user,
    }[who]()
    project = make_project()
    with pytest.raises(ProjectError) as error:
        assign_consultant(project_id=project.pk, consultant=person, by=manager)
    assert error.value.message_dict == {"consultant": ["Select a consultant from the list"]}
    project.refresh_from_db()
    assert project.consultant is None


def test_manager_assigns_a_consultant_on_the_page(
    client, manager, consultant, smtp_sink, django_capture_on_commit_callbacks
):
    project = make_project()
    UserFactory(role=StaffRole.REVIEWER, name="Robin Reviewer")
    client.force_login(manager)
    url = reverse("cohort:assign_consultant", args=[project.programme.slug, project.pk])
    page = client.get(url).content.decode()
    assert f"Who is the consultant for {project.organisation.name}?" in page
    assert html.escape(consultant.name) in page
    assert "Robin Reviewer" not in page  # only consultants are offered

    response = client.post(url, {})
    assert "Select the project’s consultant" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"consultant": consultant.pk}, follow=True)
    assert response.redirect_chain == [
        (reverse("cohort:projects", args=[project.programme.slug]), 302)
    ]
    page = response.content.decode()
    assert html.escape(f"{consultant.name} is the consultant for") in page
    assert len(smtp_sink.to(consultant.email)) == 1


def test_pages_say_when_there_are_no_projects_or_no_consultants(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)
    page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()
    assert "There are no projects yet." in page
    project = make_project(programme)
    url = reverse("cohort:assign_consultant", args=[programme.slug, project.pk])
    assert "There are no consultants yet." in client.get(url).content.decode()


# --- The projects page (programme managers) ----------------------------------------------------


def test_projects_page_shows_each_project_with_consultant_status_and_next_update(
    client, manager, consultant
):
    programme = ProgrammeFactory(
        runs_from=datetime.date(2018, 2, 26),
        runs_until=datetime.date(2018, 7, 31),
        progress_update_every_weeks=4,
    )
    barnsley = make_project(
        programme,
        consultant=consultant,
        organisation=OrganisationFactory(name="Barnsley Metropolitan Borough Council"),
        key_question="How can we reach young people who are not in school?",
        created_at=london(2018, 2, 23, 10),
    )
    write_update(barnsley, status=ProgressStatus.AMBER, at=london(2018, 3, 16, 14))
    write_update(barnsley, status=ProgressStatus.RED, at=london(2018, 3, 2, 14))
    make_project(
        programme,
        organisation=OrganisationFactory(name="Durham County Council"),
        created_at=london(2018, 2, 23, 10),
    )
    client.force_login(manager)
    with time_machine.travel(london(2018, 3, 20, 12), tick=False):
        page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()

    assert "Barnsley Metropolitan Borough Council" in page
    assert "How can we reach young people who are not in school?" in page
    assert html.escape(consultant.name) in page
    assert '<strong class="govuk-tag govuk-tag--orange">Amber: some concerns</strong>' in page
    assert "Friday 16 March 2018" in page  # the latest update
    assert "Friday 13 April 2018" in page  # four weeks later
    assert "Not assigned" in page
    assert "No update yet" in page
    assert "Monday 26 March 2018" in page  # Durham: four weeks after the programme started
    assert "(overdue)" not in page
    assert page.index("Barnsley") < page.index("Durham")

    with time_machine.travel(london(2018, 3, 27, 12), tick=False):
        page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()
    assert "Monday 26 March 2018 <strong>(overdue)</strong>" in page
    assert "Friday 13 April 2018 <strong>(overdue)</strong>" not in page
    with time_machine.travel(london(2018, 8, 1, 12), tick=False):
        page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()
    assert page.count("None: the programme has ended") == 2
    assert "(overdue)" not in page


def test_next_update_is_due_weeks_after_the_latest_or_the_start_and_only_during_the_run():
    programme = ProgrammeFactory(
        runs_from=datetime.date(2018, 2, 26),
        runs_until=datetime.date(2018, 7, 31),
        progress_update_every_weeks=4,
    )

    def due(created, latest=None):
        return selectors.next_update_due_on(
            programme=programme, project_created_at=created, latest_update_at=latest
        )

    assert due(london(2018, 2, 23, 10)) == datetime.date(2018, 3, 26)  # from runs_from
    assert due(london(2018, 3, 5, 10)) == datetime.date(2018, 4, 2)  # from the project's start
    # Written at 00:30 BST on 1 June (23:30 UTC on 31 May): the London day counts.
    assert due(london(2018, 2, 23), london(2018, 6, 1, 0, 30)) == datetime.date(2018, 6, 29)
    assert due(london(2018, 2, 23), london(2018, 7, 4, 10)) is None  # after runs_until
    assert due(london(2018, 2, 23), london(2018, 7, 3, 10)) == datetime.date(2018, 7, 31)
    assert selectors.update_due_at(datetime.date(2018, 7, 31)) == datetime.datetime(
        2018, 7, 31, 8, 0, tzinfo=datetime.UTC
    )
    assert selectors.update_due_at(datetime.date(2018, 2, 26)) == datetime.datetime(
        2018, 2, 26, 9, 0, tzinfo=datetime.UTC
    )


# --- Consultants: your projects, a project, a progress update ----------------------------------


def test_your_projects_lists_only_the_consultants_own_projects_across_programmes(
    client, consultant
):
    mine = [make_project(consultant=consultant), make_project(consultant=consultant)]
    theirs = make_project(consultant=UserFactory(role=StaffRole.CONSULTANT))
    unassigned = make_project()
    write_update(mine[0], status=ProgressStatus.GREEN)
    client.force_login(consultant)
    page = client.get(reverse("cohort:my_projects")).content.decode()
    for project in mine:
        assert project.organisation.name in page
        assert project.programme.title in page
    assert theirs.organisation.name not in page
    assert unassigned.organisation.name not in page
    assert '<strong class="govuk-tag govuk-tag--green">Green: on track</strong>' in page
    assert "No update yet" in page
    assert ">Your projects<" in page.replace("\n", "").replace("  ", "")


def test_your_projects_says_when_there_are_none(client, consultant):
    client.force_login(consultant)
    page = client.get(reverse("cohort:my_projects")).content.decode()
    assert "You are not the consultant for any project yet." in page


def test_project_page_shows_questions_team_categories_and_updates_newest_first(client, consultant):
    project = make_project(
        consultant=consultant,
        refined_key_question="How do we make our local offer young-people-friendly?",
    )
    write_update(
        project,
        status=ProgressStatus.RED,
        at=london(2018, 3, 16, 10),
        by=consultant,
        summary="First meeting of the team.",
    )
    write_update(
        project,
        status=ProgressStatus.GREEN,
        at=london(2018, 5, 11, 10),
        by=consultant,
        summary="Young people's panel met.",
    )
    client.force_login(consultant)
    page = client.get(reverse("cohort:project", args=[project.pk])).content.decode()
    assert project.organisation.name in page
    assert "How can young people get help sooner?" in page
    assert "How do we make our local offer young-people-friendly?" in page
    assert html.escape("Cllr Ann O'Neill") in page
    assert "Getting help" in page
    assert page.index("Friday 11 May 2018") < page.index("Friday 16 March 2018")
    assert page.index(html.escape("Young people's panel met.")) < page.index(
        "First meeting of the team."
    )
    assert html.escape(consultant.name) in page
    assert '<strong class="govuk-tag govuk-tag--red">Red: at risk</strong>' in page
    assert reverse("cohort:add_progress_update", args=[project.pk]) in page


def test_consultant_adds_a_progress_update_and_nothing_typed_is_lost(client, consultant):
    project = make_project(consultant=consultant)
    client.force_login(consultant)
    url = reverse("cohort:add_progress_update", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Add a progress update" in page
    assert "Green: on track" in page and "The project is going to plan." in page

    response = client.post(url, {"status": "", "summary": "  ", "next_steps": "Book a visit."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_status_1">Select whether the project is green, amber or red' in page
    assert 'href="#id_summary">Enter what has happened since the last update' in page
    assert ">\nBook a visit.</textarea>" in page
    assert "<title>Error: Add a progress update" in page

    response = client.post(url, {"status": "amber", "summary": "", "next_steps": ""})
    page = response.content.decode()
    assert re.search(r'value="amber"\s+checked="checked"', page)
    assert "Select whether the project is green, amber or red" not in page

    response = client.post(
        url,
        {"status": "amber", "summary": "The team met twice.", "next_steps": "Book a visit."},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("cohort:project", args=[project.pk]), 302)]
    update = project.progress_updates.get()
    assert (update.status, update.summary, update.next_steps, update.written_by) == (
        ProgressStatus.AMBER,
        "The team met twice.",
        "Book a visit.",
        consultant,
    )
    page = response.content.decode()
    assert "The team met twice." in page
    assert html.escape(f"Your progress update on {project.organisation.name} has been saved.") in (
        page
    )


def test_programme_manager_adds_an_update_to_any_project(client, manager):
    project = make_project(consultant=UserFactory(role=StaffRole.CONSULTANT))
    client.force_login(manager)
    client.post(
        reverse("cohort:add_progress_update", args=[project.pk]),
        {"status": "green", "summary": "On track."},
    )
    assert project.progress_updates.get().written_by == manager


def test_record_progress_update_validates_before_writing(consultant):
    project = make_project(consultant=consultant)
    with pytest.raises(ProjectError) as error:
        record_progress_update(
            project_id=project.pk, status="purple", summary=" ", next_steps="", by=consultant
        )
    assert error.value.message_dict == {
        "status": ["Select whether the project is green, amber or red"],
        "summary": ["Enter what has happened since the last update"],
    }
    assert not ProgressUpdate.objects.exists()
    update = record_progress_update(
        project_id=project.pk, status="red", summary=" Stalled. ", next_steps="", by=consultant
    )
    assert (update.status, update.summary, update.written_by) == ("red", "Stalled.", consultant)


# --- Who may see what --------------------------------------------------------------------------


def test_projects_visible_to_scopes_the_query_by_role(manager, consultant):
    own = make_project(consultant=consultant)
    other = make_project(consultant=UserFactory(role=StaffRole.CONSULTANT))
    assert set(selectors.projects_visible_to(manager)) == {own, other}
    assert list(selectors.projects_visible_to(consultant)) == [own]
    assert list(selectors.projects_visible_to(UserFactory(role=StaffRole.REVIEWER))) == []
    assert list(selectors.projects_visible_to(council_user())) == []
    inactive = UserFactory(role=StaffRole.CONSULTANT, is_active=False)
    Project.objects.filter(pk=own.pk).update(consultant=inactive)
    assert list(selectors.projects_visible_to(inactive)) == []


ROLES = ["anonymous", "council", "reviewer", "consultant", "other_consultant", "manager"]


@pytest.fixture
def world(consultant, manager):
    project = make_project(consultant=consultant)
    return {
        "project": project,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=project.organisation),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def view_urls(project):
    slug, pk = project.programme.slug, project.pk
    return {
        "projects": reverse("cohort:projects", args=[slug]),
        "assign_consultant": reverse("cohort:assign_consultant", args=[slug, pk]),
        "my_projects": reverse("cohort:my_projects"),
        "project": reverse("cohort:project", args=[pk]),
        "add_progress_update": reverse("cohort:add_progress_update", args=[pk]),
    }


# The expected answer to GET and POST, by view and role. Anonymous people are sent to sign in.
EXPECTED = {
    "projects": {"council": 403, "reviewer": 403, "consultant": 403, "other_consultant": 403},
    "assign_consultant": {
        "council": 403,
        "reviewer": 403,
        "consultant": 403,
        "other_consultant": 403,
    },
    "my_projects": {"council": 403, "reviewer": 403, "consultant": 200, "other_consultant": 200},
    "project": {"council": 403, "reviewer": 403, "consultant": 200, "other_consultant": 404},
    "add_progress_update": {
        "council": 403,
        "reviewer": 403,
        "consultant": 200,
        "other_consultant": 404,
    },
}


@pytest.mark.parametrize("view", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(client, world, view, role):
    url = view_urls(world["project"])[view]
    user = world["users"][role]
    if user:
        client.force_login(user)
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        return
    expected = 200 if role == "manager" else EXPECTED[view][role]
    assert response.status_code == expected
    if expected != 200:
        assert world["project"].organisation.name not in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "council", "reviewer", "other_consultant"])
def test_nobody_else_can_write_an_update_or_assign_a_consultant(client, world, role):
    project = world["project"]
    user = world["users"][role]
    if user:
        client.force_login(user)
    urls = view_urls(project)
    client.post(urls["add_progress_update"], {"status": "green", "summary": "Hijacked."})
    client.post(urls["assign_consultant"], {"consultant": world["users"]["consultant"].pk})
    assert not ProgressUpdate.objects.exists()
    assert not OutboundEmail.objects.exists()


# --- Query counts ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_list_and_project_pages_run_the_same_queries_with_one_project_or_several(
    client, manager, consultant
):
    programme = ProgrammeFactory()
    first = make_project(programme, consultant=consultant)
    write_update(first, by=consultant)
    manager.groups.add(*consultant.groups.all())  # a manager who is also a consultant
    Project.objects.filter(pk=first.pk).update(consultant=manager)
    client.force_login(manager)
    urls = [
        reverse("cohort:projects", args=[programme.slug]),
        reverse("cohort:my_projects"),
        reverse("cohort:project", args=[first.pk]),
    ]
    ActionPlanItem.objects.create(project=first, action="Visit a peer.", owner="Lead")
    one = [count_queries(client, url) for url in urls]
    for position in range(1, 5):
        project = make_project(programme, consultant=manager)
        write_update(project, by=consultant)
        write_update(first, by=UserFactory())
        ActionPlanItem.objects.create(
            project=first, action="Another.", owner="Lead", position=position
        )
    several = [count_queries(client, url) for url in urls]
    # Session, user and groups (3); then the programme, its projects and their themes (3), the
    # projects (1), or the project, its team, THRIVE categories, themes, updates with their
    # writers and the action plan (6), its learning days' attendance (1) and the programme's
    # helpful questions (1). (The themes and helpful questions came with tests/programmes/
    # test_themes.py: one query each, however many projects, themes or questions.)
    # The project page also shows programme managers its change history (1).
    assert one == several == [6, 4, 12]


# --- The programme's setting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0", "Progress updates must be at least 1 week apart"),
        ("27", "Progress updates must be at most 26 weeks apart"),
        ("four", "Enter the number of weeks as a whole number, like 4"),
    ],
)
def test_programme_form_checks_how_often_updates_are_asked_for(value, error):
    programme = ProgrammeFactory()
    form = ProgrammeForm({"progress_update_every_weeks": value}, instance=programme)
    form.is_valid()
    assert form.errors["progress_update_every_weeks"] == [error]


def test_programme_edit_page_asks_how_often_updates_are_due(client, manager):
    programme = ProgrammeFactory(progress_update_every_weeks=6)
    client.force_login(manager)
    page = client.get(reverse("programmes:edit", args=[programme.slug])).content.decode()
    assert "How often consultants write a progress update, in weeks" in page
    assert 'name="progress_update_every_weeks" value="6"' in page


def test_programme_form_requires_how_often_updates_are_due():
    programme = ProgrammeFactory(progress_update_every_weeks=6)
    form = ProgrammeForm({}, instance=programme)
    form.is_valid()
    assert form.errors["progress_update_every_weeks"] == [
        "Enter how often consultants write a progress update, in weeks"
    ]
    form = ProgrammeForm({"progress_update_every_weeks": "2"}, instance=programme)
    form.is_valid()
    assert form.cleaned_data["progress_update_every_weeks"] == 2


# --- The demo ----------------------------------------------------------------------------------


def test_demo_updates_are_for_the_eight_councils_selected_in_2018():
    selected = {
        a["organisation"] for a in data.APPLICATIONS_2018 if a["outcome_2018"] == "selected"
    }
    assert set(UPDATES_2018) == selected
    assert set(ACTIONS_2018) == selected
    assert CONSULTANT_EMAIL in {account.email for account in DEMO_ACCOUNTS}


def test_demo_gives_the_2018_projects_their_consultant_and_dated_updates_once(
    django_capture_on_commit_callbacks,
):
    consultant = UserFactory(email=CONSULTANT_EMAIL, role=StaffRole.CONSULTANT)
    programme = ProgrammeFactory(
        runs_from=datetime.date(2018, 2, 26), runs_until=datetime.date(2018, 7, 31)
    )
    for name in UPDATES_2018:
        make_project(programme, organisation=OrganisationFactory(name=name))
    unnamed = make_project(programme)  # a council the report does not describe
    someone_else = UserFactory(role=StaffRole.CONSULTANT)
    kept = make_project(programme, consultant=someone_else)
    elsewhere = make_project()

    with django_capture_on_commit_callbacks(execute=True):
        load_progress_2018(programme)
        load_progress_2018(programme)  # again: nothing changes

    assert not OutboundEmail.objects.exists()
    assert set(programme.projects.exclude(pk=kept.pk).values_list("consultant", flat=True)) == {
        consultant.pk
    }
    kept.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (kept.consultant, elsewhere.consultant) == (someone_else, None)
    assert not unnamed.progress_updates.exists() and not kept.progress_updates.exists()
    updates = ProgressUpdate.objects.filter(project__programme=programme)
    assert updates.count() == sum(len(u) for u in UPDATES_2018.values()) == 22
    for name in UPDATES_2018:
        assert 2 <= updates.filter(project__organisation__name=name).count() <= 3
    assert {u.written_by for u in updates} == {consultant}
    assert min(u.created_at for u in updates) >= london(2018, 3, 1)
    assert max(u.created_at for u in updates) <= london(2018, 7, 31)
    kirklees = updates.filter(project__organisation__name="Kirklees Council")
    assert "North Tyneside" in kirklees.order_by("created_at")[1].summary
    essex = updates.filter(project__organisation__name="Essex County Council").latest()
    assert essex.status == ProgressStatus.RED
    # The programme ended in 2018: nobody is asked for an update now.
    assert queue_due_progress_update_reminders() == 0

    # Each council's action plan from learning day 1, as it stood in July 2018.
    actions = ActionPlanItem.objects.filter(project__programme=programme)
    assert actions.count() == sum(len(a) for a in ACTIONS_2018.values()) == 29
    assert not unnamed.action_plan.exists() and not kept.action_plan.exists()
    for name in ACTIONS_2018:
        plan = actions.filter(project__organisation__name=name).order_by("position")
        assert 3 <= plan.count() <= 4
        assert list(plan.values_list("position", flat=True)) == list(range(plan.count()))
    assert {a.due_on.year for a in actions} == {2018}
    assert {a.created_at for a in actions} == {london(2018, 3, 12, 16)}
    statuses = list(actions.values_list("status", flat=True))
    assert statuses.count(ActionStatus.DONE) + statuses.count(ActionStatus.IN_PROGRESS) > (
        2 * statuses.count(ActionStatus.NOT_STARTED)
    )
    warwickshire = actions.filter(project__organisation__name="Warwickshire County Council")
    assert warwickshire.order_by("position").first().action == (
        "Visit Surrey’s Hope and Extended Hope services."
    )
    assert warwickshire.order_by("position").first().status == ActionStatus.DONE
    essex = actions.filter(project__organisation__name="Essex County Council")
    assert not essex.filter(status=ActionStatus.DONE).exists()  # Essex left after day 1


# --- Editable wording --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["consultant_assigned", "progress_update_due"])
@pytest.mark.parametrize("with_project", [True, False])
def test_programme_managers_can_preview_both_emails(
    client, manager, consultant, kind, with_project
):
    programme = ProgrammeFactory()
    if with_project:
        project = make_project(programme, consultant=consultant)
        write_update(project, at=london(2018, 3, 16, 10))
    client.force_login(manager)
    url = reverse(
        "notifications:template",
        args=[kind, ContentType.objects.get_for_model(Programme).pk, programme.pk],
    )
    assert client.get(url).status_code == 200
    wording = editable.default_wording(kind)
    response = client.post(
        url, {"action": "preview", "subject": wording.subject, "body": wording.body}
    )
    page = response.content.decode()
    assert response.status_code == 200
    values = editable.editable_kind(kind).sample(programme)
    assert set(values) == set(editable.editable_kind(kind).placeholders)
    rendered = editable.render(wording, values)
    assert html.escape(rendered.subject) in page  # the preview, filled in
    assert "((" not in rendered.subject + rendered.body_text
    if with_project:
        assert values["name"] == consultant.name
        assert values["council"] == project.organisation.name


def test_the_programmes_own_wording_is_used_for_the_assignment(
    manager, consultant, smtp_sink, django_capture_on_commit_callbacks
):
    project = make_project()
    save_email_template(
        kind="consultant_assigned",
        scope=project.programme,
        subject="Welcome aboard, ((name))",
        body="((council)): ((link))\n",
        by=manager,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assign_consultant(project_id=project.pk, consultant=consultant, by=manager)
    [message] = smtp_sink.to(consultant.email)
    assert " ".join(message["Subject"].split()) == f"Welcome aboard, {consultant.name}"
    assert message.get_body(("plain",)).get_content().strip() == (
        f"{project.organisation.name}: {settings.SITE_URL}/projects/{project.pk}/"
    )


def test_a_consultant_taken_off_the_project_can_no_longer_write_to_it(consultant, manager):
    """Checked again by the services under the project's lock, not only by the views."""
    from django.core.exceptions import PermissionDenied

    from cohort.services.progress import add_action, refine_key_question

    project = make_project(consultant=consultant)
    assign_consultant(
        project_id=project.pk, consultant=UserFactory(role=StaffRole.CONSULTANT), by=manager
    )
    for write in [
        lambda: record_progress_update(
            project_id=project.pk, status=ProgressStatus.GREEN, summary="Met.", by=consultant
        ),
        lambda: refine_key_question(
            project_id=project.pk, refined_key_question="Q?", by=consultant
        ),
        lambda: add_action(project_id=project.pk, action="A", owner="O", by=consultant),
    ]:
        with pytest.raises(PermissionDenied):
            write()
    assert not project.progress_updates.exists() and not project.action_plan.exists()
    record_progress_update(
        project_id=project.pk, status=ProgressStatus.AMBER, summary="Checked.", by=manager
    )
    assert project.progress_updates.get().written_by == manager
