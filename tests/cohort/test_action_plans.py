"""Learning-day outputs per project: the refined key question (learning day 1), the action plan
(action, owner, due date, status; made on learning day 1 and reviewed on learning day 2), and the
council's read-only view of both. Programme managers and the project's consultant edit; another
consultant gets a 404; the council sees its own project (another council's is a 404) and may not
edit; reviewers are refused (403)."""

import datetime
import html
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from cohort.enums import ActionStatus
from cohort.errors import ProjectError
from cohort.models import ActionPlanItem, Project
from cohort.selectors import progress as selectors
from cohort.services.progress import (
    add_action,
    change_action,
    refine_key_question,
    remove_action,
    review_action_plan,
)
from tests.cohort.test_progress import london, make_project, write_update
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
)

pytestmark = pytest.mark.django_db

DONE, IN_PROGRESS, NOT_STARTED = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.NOT_STARTED,
)


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")


@pytest.fixture
def consultant():
    return UserFactory(role=StaffRole.CONSULTANT, name="Janet O'Consultant")


def item(project, action="Visit a peer.", *, owner="CAMHS transformation lead", **fields):
    position = fields.pop("position", project.action_plan.count())
    return ActionPlanItem.objects.create(
        project=project, action=action, owner=owner, position=position, **fields
    )


def selected_application(project, **fields):
    """The council's application that became the project, selected and with decisions sent."""
    now = timezone.now()
    values = {
        "status": ApplicationStatus.SELECTED,
        "reference": f"CYP-{project.pk:04d}",
        "submitted_at": now,
        "decision_released_at": now,
        **fields,
    }
    application = ApplicationFactory(
        programme=project.programme, organisation=project.organisation, **values
    )
    project.application = application
    project.save(update_fields=["application"])
    return application


# --- Services: the refined key question --------------------------------------------------------


def test_refining_the_key_question_keeps_the_original(consultant):
    project = make_project(consultant=consultant, key_question="How can we help sooner?")
    refine_key_question(
        project_id=project.pk,
        refined_key_question="  How can schools help sooner, without referring on?\n",
        by=consultant,
    )
    project.refresh_from_db()
    assert project.key_question == "How can we help sooner?"
    assert project.refined_key_question == "How can schools help sooner, without referring on?"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (" \n ", "Enter the refined key question"),
        ("x" * 2001, "The refined key question must be 2,000 characters or fewer"),
    ],
)
def test_refining_the_key_question_validates_before_writing(consultant, text, error):
    project = make_project(consultant=consultant, refined_key_question="Kept.")
    with pytest.raises(ProjectError) as raised:
        refine_key_question(project_id=project.pk, refined_key_question=text, by=consultant)
    assert raised.value.message_dict == {"refined_key_question": [error]}
    project.refresh_from_db()
    assert project.refined_key_question == "Kept."


# --- Services: the action plan ------------------------------------------------------------------


def test_actions_are_added_at_the_end_of_the_plan(consultant):
    project = make_project(consultant=consultant)
    other = make_project()
    item(other, position=7)  # another project's positions do not count
    first = add_action(
        project_id=project.pk,
        action="  Visit North Tyneside.  ",
        owner="  Head of   early help ",
        due_on=datetime.date(2018, 5, 4),
        status=IN_PROGRESS,
        by=consultant,
    )
    second = add_action(
        project_id=project.pk, action="Hear from families.", owner="SPA manager", by=consultant
    )
    assert (first.action, first.owner, first.due_on, first.status, first.position) == (
        "Visit North Tyneside.",
        "Head of early help",
        datetime.date(2018, 5, 4),
        IN_PROGRESS,
        0,
    )
    assert (second.due_on, second.status, second.position) == (None, NOT_STARTED, 1)
    remove_action(item_id=first.pk, by=consultant)
    third = add_action(
        project_id=project.pk, action="Plan.", owner="Lead", status=DONE, by=consultant
    )
    assert third.position == 2
    assert list(project.action_plan.values_list("action", flat=True)) == [
        "Hear from families.",
        "Plan.",
    ]


def test_adding_an_action_validates_everything_before_writing(consultant):
    project = make_project(consultant=consultant)
    with pytest.raises(ProjectError) as raised:
        add_action(
            project_id=project.pk, action=" ", owner="", due_on=None, status="late", by=consultant
        )
    assert raised.value.message_dict == {
        "action": ["Enter the action"],
        "owner": ["Enter who will do it"],
        "status": ["Select whether the action is not started, in progress or done"],
    }
    with pytest.raises(ProjectError) as raised:
        add_action(
            project_id=project.pk,
            action="x" * 2001,
            owner="y" * 201,
            due_on="16 March",
            status=DONE,
            by=consultant,
        )
    assert raised.value.message_dict == {
        "action": ["The action must be 2,000 characters or fewer"],
        "owner": ["The owner must be 200 characters or fewer"],
        "due_on": ["Enter a real due date"],
    }
    assert not ActionPlanItem.objects.exists()


def test_changing_an_action_keeps_its_place(consultant, manager):
    project = make_project(consultant=consultant)
    item(project, "First.")
    action = item(project, "Second.", due_on=datetime.date(2018, 4, 1))
    changed = change_action(
        item_id=action.pk,
        action="Second, changed.",
        owner="Director of Children’s Services",
        due_on=None,
        status=DONE,
        by=consultant,
    )
    action.refresh_from_db()
    assert (action.action, action.owner, action.due_on, action.status, action.position) == (
        "Second, changed.",
        "Director of Children’s Services",
        None,
        DONE,
        1,
    )
    assert changed == action
    with pytest.raises(ProjectError):
        change_action(item_id=action.pk, action="", owner="x", due_on=None, status=DONE, by=manager)
    action.refresh_from_db()
    assert action.action == "Second, changed."


def test_removing_an_action_leaves_the_others(consultant):
    project = make_project(consultant=consultant)
    kept, removed = item(project, "Kept."), item(project, "Removed.")
    remove_action(item_id=removed.pk, by=consultant)
    assert list(ActionPlanItem.objects.all()) == [kept]


def test_reviewing_the_plan_changes_only_this_projects_actions(consultant):
    project = make_project(consultant=consultant)
    a, b, c = item(project, "A"), item(project, "B", status=IN_PROGRESS), item(project, "C")
    elsewhere = item(make_project(), "Another council’s", status=NOT_STARTED)
    changed = review_action_plan(
        project_id=project.pk,
        statuses={a.pk: DONE, b.pk: IN_PROGRESS, c.pk: IN_PROGRESS, elsewhere.pk: DONE, 999: DONE},
        by=consultant,
    )
    assert changed == 2
    assert dict(ActionPlanItem.objects.values_list("action", "status")) == {
        "A": DONE,
        "B": IN_PROGRESS,
        "C": IN_PROGRESS,
        "Another council’s": NOT_STARTED,
    }


def test_reviewing_the_plan_with_an_unknown_status_writes_nothing(consultant, manager):
    project = make_project(consultant=consultant)
    a, b = item(project, "A"), item(project, "B")
    with pytest.raises(ProjectError) as raised:
        review_action_plan(project_id=project.pk, statuses={a.pk: DONE, b.pk: "late"}, by=manager)
    assert raised.value.message_dict == {
        "statuses": ["Select whether each action is not started, in progress or done"]
    }
    assert set(ActionPlanItem.objects.values_list("status", flat=True)) == {NOT_STARTED}
    # An unknown status on another project's action is ignored with the rest of it.
    other = item(make_project(), "Other")
    assert (
        review_action_plan(
            project_id=project.pk, statuses={a.pk: DONE, other.pk: "late"}, by=manager
        )
        == 1
    )


@pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite has no row locks (it locks the whole database when writing)",
)
@pytest.mark.parametrize("service", ["refine", "add", "change", "remove", "review"])
def test_services_lock_the_rows_they_change(consultant, service, manager):
    project = make_project(consultant=consultant)
    action = item(project)
    calls = {
        "refine": lambda: refine_key_question(
            project_id=project.pk, refined_key_question="Q?", by=manager
        ),
        "add": lambda: add_action(project_id=project.pk, action="A", owner="O", by=manager),
        "change": lambda: change_action(
            item_id=action.pk, action="A", owner="O", due_on=None, status=DONE, by=manager
        ),
        "remove": lambda: remove_action(item_id=action.pk, by=manager),
        "review": lambda: review_action_plan(
            project_id=project.pk, statuses={action.pk: DONE}, by=manager
        ),
    }
    with CaptureQueriesContext(connection) as queries:
        calls[service]()
    assert any("FOR UPDATE" in query["sql"] for query in queries)


def test_services_refuse_a_project_or_action_that_does_not_exist(manager):
    with pytest.raises(Project.DoesNotExist):
        add_action(project_id=999, action="A", owner="O", by=manager)
    with pytest.raises(Project.DoesNotExist):
        refine_key_question(project_id=999, refined_key_question="Q?", by=manager)
    with pytest.raises(ActionPlanItem.DoesNotExist):
        change_action(item_id=999, action="A", owner="O", due_on=None, status=DONE, by=manager)
    with pytest.raises(ActionPlanItem.DoesNotExist):
        remove_action(item_id=999, by=manager)


# --- Selectors ----------------------------------------------------------------------------------


def test_overdue_means_due_date_passed_and_not_done():
    project = make_project()
    today = datetime.date(2018, 6, 12)
    late = item(project, "Late", due_on=datetime.date(2018, 6, 11), status=IN_PROGRESS)
    done_late = item(project, "Done late", due_on=datetime.date(2018, 6, 1), status=DONE)
    due_today = item(project, "Due today", due_on=today)
    undated = item(project, "Undated")
    assert [
        selectors.is_overdue(i, today=today) for i in (late, done_late, due_today, undated)
    ] == [
        True,
        False,
        False,
        False,
    ]


def test_action_counts_for_lists_and_the_dashboard():
    programme = ProgrammeFactory()
    busy, idle = make_project(programme), make_project(programme)
    for status in (DONE, DONE, IN_PROGRESS, NOT_STARTED, DONE):
        item(busy, status=status)
    counts = {
        p.pk: (p.actions_total, p.actions_done)
        for p in selectors.with_action_counts(selectors.with_latest_update(programme.projects))
    }
    assert counts == {busy.pk: (5, 3), idle.pk: (0, 0)}


def test_projects_page_shows_how_much_of_each_plan_is_done(client, manager):
    programme = ProgrammeFactory()
    busy = make_project(programme)
    make_project(programme)
    for status in (DONE, DONE, IN_PROGRESS, NOT_STARTED, DONE):
        item(busy, status=status)
    client.force_login(manager)
    page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()
    assert "3 of 5 actions done" in page
    assert "No actions yet" in page


def test_council_view_is_for_the_organisations_members_and_the_projects_staff(consultant, manager):
    project = make_project(consultant=consultant)
    member = council_user(organisation=project.organisation)
    assert list(selectors.projects_for_council_view(member)) == [project]
    assert list(selectors.projects_for_council_view(consultant)) == [project]
    assert list(selectors.projects_for_council_view(manager)) == [project]
    assert list(selectors.projects_for_council_view(council_user())) == []
    assert list(selectors.projects_for_council_view(UserFactory(role=StaffRole.CONSULTANT))) == []
    member.is_active = False
    assert list(selectors.projects_for_council_view(member)) == []


# --- The project page (staff) -------------------------------------------------------------------


def test_project_page_shows_both_questions_and_the_action_plan_with_overdue_actions(
    client, consultant
):
    project = make_project(
        consultant=consultant,
        key_question="How can we reach young people who are not in school?",
        refined_key_question="How can schools and youth services share what they know?",
    )
    item(project, "Visit Birmingham.", due_on=datetime.date(2018, 3, 16), status=DONE)
    item(project, "Ask young people.", owner="Chilypep’s worker", due_on=datetime.date(2018, 3, 9))
    item(project, "Report to the board.", due_on=datetime.date(2018, 4, 20), status=IN_PROGRESS)
    item(project, "Keep talking.", status=IN_PROGRESS)
    client.force_login(consultant)
    with time_machine.travel(london(2018, 3, 20, 12), tick=False):
        page = client.get(reverse("cohort:project", args=[project.pk])).content.decode()

    assert "Key question, as the council asked it" in page
    assert "How can we reach young people who are not in school?" in page
    assert "How can schools and youth services share what they know?" in page
    assert reverse("cohort:refine_key_question", args=[project.pk]) in page
    assert "1 of 4 actions done, 1 overdue" in page
    assert "Friday 16 March 2018" in page
    assert html.escape("Chilypep’s worker") in page
    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in page
    assert page.count('<strong class="govuk-tag govuk-tag--blue">In progress</strong>') == 2
    assert page.count('<strong class="govuk-tag govuk-tag--grey">Not started</strong>') == 1
    # Only "Ask young people." (due 9 March, not started) is overdue on 20 March.
    assert page.count(">Overdue</strong>") == 1
    overdue_row = re.search(r"Ask young people\.(.*?)</tr>", page, re.S).group(1)
    assert 'Friday 9 March 2018<br><strong class="govuk-tag govuk-tag--red">Overdue' in (
        overdue_row
    )
    assert "None set" in page  # "Keep talking." has no due date
    for action in project.action_plan.all():
        assert reverse("cohort:change_action", args=[project.pk, action.pk]) in page
        assert reverse("cohort:remove_action", args=[project.pk, action.pk]) in page
    assert reverse("cohort:add_action", args=[project.pk]) in page
    assert reverse("cohort:review_action_plan", args=[project.pk]) in page
    assert reverse("cohort:our_project", args=[project.pk]) in page
    assert "{# learning-day attendance #}" not in page  # a template comment


def test_project_page_without_a_plan_or_refined_question(client, consultant):
    project = make_project(consultant=consultant)
    client.force_login(consultant)
    page = client.get(reverse("cohort:project", args=[project.pk])).content.decode()
    assert "Not refined yet" in page
    assert "There are no actions in the plan yet." in page
    assert reverse("cohort:add_action", args=[project.pk]) in page
    assert reverse("cohort:review_action_plan", args=[project.pk]) not in page


# --- Changing the refined key question ----------------------------------------------------------


def test_consultant_changes_the_refined_key_question(client, consultant):
    project = make_project(consultant=consultant, key_question="Original? With O'Brien's words")
    client.force_login(consultant)
    url = reverse("cohort:refine_key_question", args=[project.pk])
    page = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Change the refined key question</h1>' in page
    assert html.escape("Original? With O'Brien's words") in page  # shown for reference

    response = client.post(url, {"refined_key_question": "  "})
    page = response.content.decode()
    assert "<title>Error: Change the refined key question" in page
    assert 'href="#id_refined_key_question">Enter the refined key question' in page

    response = client.post(url, {"refined_key_question": "Sharper question?"}, follow=True)
    assert response.redirect_chain == [(reverse("cohort:project", args=[project.pk]), 302)]
    project.refresh_from_db()
    assert project.refined_key_question == "Sharper question?"
    page = response.content.decode()
    assert html.escape(f"The refined key question for {project.organisation.name} is saved.") in (
        page
    )
    page = client.get(url).content.decode()
    assert ">\nSharper question?</textarea>" in page  # the current one, to change


# --- Adding, changing and removing actions ------------------------------------------------------


def test_consultant_adds_an_action_and_nothing_typed_is_lost(client, consultant):
    project = make_project(consultant=consultant)
    client.force_login(consultant)
    url = reverse("cohort:add_action", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Add an action" in page
    assert re.search(r'value="not_started"\s+checked', page)  # the usual answer, chosen

    typed = {
        "action": "Visit Surrey.",
        "owner": "",
        "due_on_0": "16",
        "due_on_1": "",
        "due_on_2": "2018",
    }
    response = client.post(url, {**typed, "status": "in_progress"})
    page = response.content.decode()
    assert 'href="#id_owner">Enter who will do it' in page
    assert 'href="#id_due_on_0">Enter the due date in full, or leave it empty' in page
    assert ">\nVisit Surrey.</textarea>" in page
    assert 'name="due_on_0" value="16"' in page and 'name="due_on_2" value="2018"' in page
    assert re.search(r'value="in_progress"\s+checked', page)
    assert not ActionPlanItem.objects.exists()

    response = client.post(
        url,
        {
            "action": "Visit Surrey.",
            "owner": "Lead",
            "due_on_0": "31",
            "due_on_1": "2",
            "due_on_2": "2018",
            "status": "in_progress",
        },
    )
    assert "The due date must be a real date, like 16 3 2018" in response.content.decode()
    assert not ActionPlanItem.objects.exists()

    response = client.post(
        url,
        {
            "action": "Visit Surrey.",
            "owner": "CAMHS transformation lead",
            "due_on_0": "23",
            "due_on_1": "5",
            "due_on_2": "2018",
            "status": "in_progress",
        },
        follow=True,
    )
    assert response.redirect_chain == [
        (reverse("cohort:project", args=[project.pk]) + "#action-plan", 302)
    ]
    action = project.action_plan.get()
    assert (action.action, action.owner, action.due_on, action.status) == (
        "Visit Surrey.",
        "CAMHS transformation lead",
        datetime.date(2018, 5, 23),
        IN_PROGRESS,
    )
    assert "The action has been added to the plan." in response.content.decode()

    client.post(url, {"action": "Undated.", "owner": "Lead", "status": "not_started"})
    assert project.action_plan.get(action="Undated.").due_on is None


def test_consultant_changes_an_action(client, consultant):
    project = make_project(consultant=consultant)
    action = item(project, "Visit Surrey.", due_on=datetime.date(2018, 5, 23))
    client.force_login(consultant)
    url = reverse("cohort:change_action", args=[project.pk, action.pk])
    page = client.get(url).content.decode()
    assert "Change an action" in page
    assert ">\nVisit Surrey.</textarea>" in page
    assert 'name="due_on_0" value="23"' in page and 'name="due_on_1" value="5"' in page
    response = client.post(
        url,
        {"action": "Visit Surrey’s Hope service.", "owner": "Lead", "status": "done"},
        follow=True,
    )
    assert "The action has been changed." in response.content.decode()
    action.refresh_from_db()
    assert (action.action, action.due_on, action.status) == (
        "Visit Surrey’s Hope service.",
        None,
        DONE,
    )


def test_an_action_of_another_project_is_not_found_through_this_one(client, consultant):
    project = make_project(consultant=consultant)
    own_other = item(make_project(consultant=consultant), "Mine, elsewhere.")
    client.force_login(consultant)
    for name in ("change_action", "remove_action"):
        url = reverse(f"cohort:{name}", args=[project.pk, own_other.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "x", "owner": "y", "status": "done"}).status_code == 404
    own_other.refresh_from_db()
    assert own_other.action == "Mine, elsewhere."


def test_consultant_removes_an_action_after_confirming(client, consultant):
    project = make_project(consultant=consultant)
    kept = item(project, "Kept.")
    removed = item(project, "Ask O'Brien's team.", due_on=datetime.date(2018, 4, 6))
    client.force_login(consultant)
    url = reverse("cohort:remove_action", args=[project.pk, removed.pk])
    page = client.get(url).content.decode()
    assert "Remove this action?" in page
    assert html.escape("Ask O'Brien's team.") in page
    assert "Friday 6 April 2018" in page
    assert ActionPlanItem.objects.count() == 2  # looking is not removing
    response = client.post(url, follow=True)
    assert response.redirect_chain == [
        (reverse("cohort:project", args=[project.pk]) + "#action-plan", 302)
    ]
    assert "The action has been removed from the plan." in response.content.decode()
    assert list(ActionPlanItem.objects.all()) == [kept]


# --- Reviewing the action plan (learning day 2) -------------------------------------------------


def test_consultant_reviews_the_whole_plan_at_once(client, consultant):
    project = make_project(consultant=consultant)
    a = item(project, "Visit Birmingham.", status=IN_PROGRESS)
    b = item(project, "Ask young people.")
    c = item(project, "Report to the board.", status=DONE)
    elsewhere = item(make_project(), "Another council’s.")
    client.force_login(consultant)
    url = reverse("cohort:review_action_plan", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Review the action plan" in page
    assert "Action 1: Visit Birmingham." in page and "Action 3: Report to the board." in page
    assert re.search(rf'name="status_{a.pk}"[^>]*value="in_progress"\s+checked', page)
    assert re.search(rf'name="status_{c.pk}"[^>]*value="done"\s+checked', page)
    assert f"status_{elsewhere.pk}" not in page

    response = client.post(url, {f"status_{a.pk}": "done", f"status_{b.pk}": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_status_{b.pk}_1">Select whether the action is not started' in page
    assert f'id="id_status_{b.pk}_1"' in page  # where the error summary's link goes
    assert project.action_plan.get(pk=a.pk).status == IN_PROGRESS  # nothing written

    response = client.post(
        url,
        {
            f"status_{a.pk}": "done",
            f"status_{b.pk}": "in_progress",
            f"status_{c.pk}": "done",
            f"status_{elsewhere.pk}": "done",
        },
        follow=True,
    )
    assert response.redirect_chain == [
        (reverse("cohort:project", args=[project.pk]) + "#action-plan", 302)
    ]
    assert "The action plan has been reviewed: 2 statuses changed." in response.content.decode()
    assert dict(ActionPlanItem.objects.values_list("pk", "status")) == {
        a.pk: DONE,
        b.pk: IN_PROGRESS,
        c.pk: DONE,
        elsewhere.pk: NOT_STARTED,
    }


def test_review_page_with_no_actions_offers_to_add_one(client, consultant):
    project = make_project(consultant=consultant)
    client.force_login(consultant)
    page = client.get(reverse("cohort:review_action_plan", args=[project.pk])).content.decode()
    assert "There are no actions in the plan yet." in page
    assert reverse("cohort:add_action", args=[project.pk]) in page


def test_progress_update_form_shows_the_plan_with_each_status(client, consultant):
    project = make_project(consultant=consultant)
    item(project, "Visit Birmingham.", status=DONE)
    item(project, "Ask young people.", status=IN_PROGRESS)
    client.force_login(consultant)
    page = client.get(reverse("cohort:add_progress_update", args=[project.pk])).content.decode()
    assert "1 of 2 actions done" in page
    assert "Visit Birmingham." in page and "Ask young people." in page
    assert reverse("cohort:review_action_plan", args=[project.pk]) in page
    assert reverse("cohort:change_action", args=[project.pk, 1]) not in page  # read-only


# --- The council's view -------------------------------------------------------------------------


def test_council_sees_its_questions_and_plan_but_not_the_progress_updates(client, consultant):
    project = make_project(
        consultant=consultant,
        key_question="How can we help sooner?",
        refined_key_question="How can schools help sooner?",
    )
    action = item(
        project,
        "Visit Birmingham.",
        owner="Director of Children’s Services",
        due_on=datetime.date(2018, 5, 11),
        status=DONE,
    )
    write_update(project, summary="Staff note: the team is struggling.")
    member = council_user(organisation=project.organisation)
    client.force_login(member)
    page = client.get(reverse("cohort:our_project", args=[project.pk])).content.decode()
    assert "How can we help sooner?" in page
    assert "How can schools help sooner?" in page
    assert "Visit Birmingham." in page
    assert html.escape("Director of Children’s Services") in page
    assert "Friday 11 May 2018" in page
    assert "1 of 1 action done" in page
    assert html.escape(consultant.name) in page
    assert "Staff note" not in page
    assert reverse("cohort:change_action", args=[project.pk, action.pk]) not in page
    assert reverse("cohort:remove_action", args=[project.pk, action.pk]) not in page
    assert reverse("cohort:add_action", args=[project.pk]) not in page
    assert reverse("applications:mine") in page  # back to "Your applications"


@pytest.mark.parametrize(
    ("fields", "linked"),
    [
        ({}, True),
        ({"decision_released_at": None}, False),  # decided, not yet told
        ({"status": ApplicationStatus.WITHDRAWN}, False),
    ],
)
def test_your_applications_links_to_the_project_once_selected(client, fields, linked):
    project = make_project()
    selected_application(project, **fields)
    client.force_login(council_user(organisation=project.organisation))
    page = client.get(reverse("applications:mine")).content.decode()
    url = reverse("cohort:our_project", args=[project.pk])
    assert (url in page) is linked
    if linked:
        assert "Your project: key question and action plan" in page


# --- Who may do what ----------------------------------------------------------------------------

ROLES = [
    "anonymous",
    "council",
    "other_council",
    "reviewer",
    "consultant",
    "other_consultant",
    "manager",
]


@pytest.fixture
def world(consultant, manager):
    project = make_project(consultant=consultant, refined_key_question="Secret refinement?")
    action = item(project, "A confidential action.")
    return {
        "project": project,
        "item": action,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=project.organisation),
            "other_council": council_user(),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def view_urls(project, action):
    return {
        "refine_key_question": reverse("cohort:refine_key_question", args=[project.pk]),
        "add_action": reverse("cohort:add_action", args=[project.pk]),
        "change_action": reverse("cohort:change_action", args=[project.pk, action.pk]),
        "remove_action": reverse("cohort:remove_action", args=[project.pk, action.pk]),
        "review_action_plan": reverse("cohort:review_action_plan", args=[project.pk]),
        "our_project": reverse("cohort:our_project", args=[project.pk]),
        "project": reverse("cohort:project", args=[project.pk]),
    }


EDIT = {
    "council": 403,
    "other_council": 403,
    "reviewer": 403,
    "consultant": 200,
    "other_consultant": 404,
    "manager": 200,
}
EXPECTED = {
    "refine_key_question": EDIT,
    "add_action": EDIT,
    "change_action": EDIT,
    "remove_action": EDIT,
    "review_action_plan": EDIT,
    "our_project": {
        "council": 200,
        "other_council": 404,
        "reviewer": 403,
        "consultant": 200,
        "other_consultant": 404,
        "manager": 200,
    },
    "project": {**EDIT},  # the staff page stays closed to the council
}


@pytest.mark.parametrize("view", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role(client, world, view, role):
    url = view_urls(world["project"], world["item"])[view]
    user = world["users"][role]
    if user:
        client.force_login(user)
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        return
    expected = EXPECTED[view][role]
    assert response.status_code == expected
    page = response.content.decode()
    if expected != 200:
        assert world["project"].organisation.name not in page
        assert "Secret refinement?" not in page
        assert "A confidential action." not in page


@pytest.mark.parametrize(
    "role", ["anonymous", "council", "other_council", "reviewer", "other_consultant"]
)
def test_nobody_else_can_change_the_outputs(client, world, role):
    project, action = world["project"], world["item"]
    user = world["users"][role]
    if user:
        client.force_login(user)
    urls = view_urls(project, action)
    fields = {"action": "Hijacked.", "owner": "Someone", "status": "done"}
    client.post(urls["refine_key_question"], {"refined_key_question": "Hijacked?"})
    client.post(urls["add_action"], fields)
    client.post(urls["change_action"], fields)
    client.post(urls["review_action_plan"], {f"status_{action.pk}": "done"})
    client.post(urls["remove_action"])
    project.refresh_from_db()
    assert project.refined_key_question == "Secret refinement?"
    assert list(project.action_plan.values_list("action", "status")) == [
        ("A confidential action.", NOT_STARTED)
    ]


@pytest.mark.parametrize("role", ["consultant", "manager"])
def test_the_projects_consultant_and_programme_managers_can_change_the_outputs(client, world, role):
    project, action = world["project"], world["item"]
    client.force_login(world["users"][role])
    urls = view_urls(project, action)
    client.post(urls["refine_key_question"], {"refined_key_question": f"By the {role}?"})
    client.post(urls["review_action_plan"], {f"status_{action.pk}": "done"})
    project.refresh_from_db()
    assert project.refined_key_question == f"By the {role}?"
    assert project.action_plan.get().status == DONE


# --- Query counts -------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_run_the_same_queries_with_one_action_or_several(client, consultant):
    project = make_project(consultant=consultant)
    member = council_user(organisation=project.organisation)

    def add(n):
        for _ in range(n):
            item(project, due_on=datetime.date(2018, 3, 9))
            write_update(project, by=consultant)

    urls = [
        reverse("cohort:project", args=[project.pk]),
        reverse("cohort:review_action_plan", args=[project.pk]),
        reverse("cohort:add_progress_update", args=[project.pk]),
    ]
    add(1)
    client.force_login(consultant)
    one = [count_queries(client, url) for url in urls]
    client.force_login(member)
    one_council = count_queries(client, reverse("cohort:our_project", args=[project.pk]))
    add(4)
    client.force_login(consultant)
    several = [count_queries(client, url) for url in urls]
    client.force_login(member)
    several_council = count_queries(client, reverse("cohort:our_project", args=[project.pk]))
    # Session, user and groups (3); then the project with its team, THRIVE categories, themes,
    # updates and action plan (6), and on the project page its learning days' attendance (1) and
    # the programme's helpful questions (1); or the project and its action plan (2), and on the
    # progress update form the programme's helpful questions (1). (Themes and helpful questions
    # came with tests/programmes/test_themes.py.)
    assert one == several == [11, 5, 6]
    # Session, user and groups (is this a reviewer?) (3); the project and its action plan (2);
    # its peer engagements (1, tests/cohort/test_peer_engagements.py).
    assert one_council == several_council == 6


def test_a_finished_programme_counts_overdue_actions_on_its_last_day():
    """An action due after the programme ended was never overdue within it; one due before its
    end and not done still is."""
    programme = ProgrammeFactory(
        runs_from=datetime.date(2018, 3, 1), runs_until=datetime.date(2018, 7, 31)
    )
    project = Project.objects.create(
        programme=programme, organisation=OrganisationFactory(), key_question="How?"
    )
    ActionPlanItem.objects.create(
        project=project, action="Map the pathways", owner="Ann", due_on=datetime.date(2018, 6, 1)
    )
    ActionPlanItem.objects.create(
        project=project,
        action="Review in the autumn",
        owner="Raj",
        due_on=datetime.date(2018, 10, 1),
    )
    project = Project.objects.prefetch_related("action_plan").get(pk=project.pk)
    selectors.with_action_plan(project, today=datetime.date(2026, 12, 4))
    assert [item.is_overdue for item in project.actions] == [True, False]
    assert project.actions_overdue == 1
