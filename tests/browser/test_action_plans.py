"""Learning-day outputs in a real browser: the consultant refines the key question, adds two
actions and reviews the plan on learning day 2; the council then sees its refined question and
the plan, read-only, from "Your applications". Every page checked by axe."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from cohort.models import Project, ProjectMember
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
)

PASSWORD = "correct-horse-battery"  # UserFactory's


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_consultant_records_the_outputs_and_the_council_sees_them(page, live_server):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    consultant = UserFactory(role=StaffRole.CONSULTANT, name="Janet Consultant")
    project = Project.objects.create(
        programme=programme,
        organisation=OrganisationFactory(name="Kirklees Council"),
        key_question="How can we reduce waiting times for CAMHS?",
        consultant=consultant,
    )
    ProjectMember.objects.create(
        project=project, position=1, name="Mel Meggs", email="mel@example.org"
    )
    now = timezone.now()
    project.application = ApplicationFactory(
        programme=programme,
        organisation=project.organisation,
        status=ApplicationStatus.SELECTED,
        reference="CYP-0001",
        submitted_at=now,
        decision_released_at=now,
    )
    project.save(update_fields=["application"])
    member = council_user(organisation=project.organisation, name="Dr Sam O'Neill")

    # The consultant opens the project and refines its key question, making a mistake first.
    sign_in(page, live_server, consultant.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:project', args=[project.pk])}")
    expect_heading(page, "Kirklees Council")
    expect(page.get_by_text("Not refined yet")).to_be_visible()
    expect(page.get_by_text("There are no actions in the plan yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add the refined key question").click()
    expect_heading(page, "Change the refined key question")
    expect(page.locator(".govuk-inset-text")).to_have_text(project.key_question)
    assert_accessible(page)
    page.get_by_role("button", name="Save refined key question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the refined key question")
    assert_accessible(page)
    refined = "How can we co-design with young people the support offered while they wait?"
    page.get_by_label("Refined key question").fill(refined)
    page.get_by_role("button", name="Save refined key question").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The refined key question for Kirklees Council is saved."
    )
    expect(page.get_by_text(refined)).to_be_visible()
    expect(page.get_by_text(project.key_question)).to_be_visible()  # the original stays

    # …adds two actions, the first with a half-typed date first…
    page.get_by_role("link", name="Add an action").click()
    expect_heading(page, "Add an action")
    assert_accessible(page)
    page.get_by_label("Action", exact=True).fill("Visit North Tyneside to meet MH:2K.")
    page.get_by_label("Owner").fill("Head of early help")
    page.get_by_label("Day").fill("4")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the due date in full, or leave it empty"
    )
    expect(page.get_by_label("Owner")).to_have_value("Head of early help")
    assert_accessible(page)
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2018")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The action has been added to the plan."
    )
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action", exact=True).fill("Hear from families how it feels to wait.")
    page.get_by_label("Owner").fill("Single point of access manager")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("0 of 2 actions done")).to_be_visible()
    expect(page.get_by_role("cell", name="Friday 4 May 2018")).to_be_visible()
    assert_accessible(page)

    # …looks at removing the second, and thinks better of it…
    page.get_by_role("link", name="Remove action 2").click()
    expect_heading(page, "Remove this action?")
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    expect_heading(page, "Kirklees Council")

    # …and on learning day 2 reviews the plan, marking the visit done.
    page.get_by_role("link", name="Review the action plan").click()
    expect_heading(page, "Review the action plan")
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("Action 1: Visit North Tyneside")).get_by_label(
        "Done"
    ).check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The action plan has been reviewed: 1 status changed."
    )
    expect(page.get_by_text("1 of 2 actions done")).to_be_visible()
    assert_accessible(page)

    # The progress update form shows the plan with each status.
    page.get_by_role("link", name="Add a progress update").click()
    expect(page.get_by_text("1 of 2 actions done")).to_be_visible()
    assert_accessible(page)

    # The council member finds the project from "Your applications" and sees it read-only.
    page.context.clear_cookies()
    sign_in(page, live_server, member.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('applications:mine')}")
    expect_heading(page, "Your applications")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Your project: key question and action plan")).click()
    expect_heading(page, "Your project in Improving children’s mental health")
    expect(page.get_by_text(project.key_question)).to_be_visible()
    expect(page.get_by_text(refined)).to_be_visible()
    expect(page.get_by_text("1 of 2 actions done")).to_be_visible()
    expect(page.get_by_role("cell", name="Visit North Tyneside to meet MH:2K.")).to_be_visible()
    expect(page.get_by_role("cell", name="Single point of access manager")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    expect(page.get_by_role("link", name="Add an action")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Back").click()
    expect_heading(page, "Your applications")
