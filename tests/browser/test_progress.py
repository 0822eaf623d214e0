"""A programme manager assigns a project's consultant; the consultant finds the project under
"Your projects" and adds a progress update. In a real browser, every page checked by axe."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import Project, ProjectMember
from programmes.models import ThriveCategory
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_manager_assigns_a_consultant_who_adds_a_progress_update(page, live_server, smtp_sink):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    project = Project.objects.create(
        programme=programme,
        organisation=OrganisationFactory(name="Kirklees Council"),
        key_question="How can schools and services work together on early help?",
    )
    for position, name in enumerate(["Cllr Viv Kendrick", "Mel Meggs", "Dr Sam O'Neill"], 1):
        ProjectMember.objects.create(
            project=project, position=position, name=name, email=f"m{position}@example.org"
        )
    project.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_advice"))
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    consultant = UserFactory(role=StaffRole.CONSULTANT, name="Janet Consultant")

    # The programme manager assigns the consultant.
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:projects', args=[programme.slug])}")
    expect_heading(page, "Projects")
    expect(page.get_by_text("Not assigned")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Assign a consultant for Kirklees Council").click()
    expect_heading(page, "Who is the consultant for Kirklees Council?")
    assert_accessible(page)
    page.get_by_role("button", name="Save consultant").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the project’s consultant")
    assert_accessible(page)
    page.get_by_label("Janet Consultant").check()
    page.get_by_role("button", name="Save consultant").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Janet Consultant is the consultant for Kirklees Council."
    )
    expect(page.get_by_role("cell", name=re.compile("Janet Consultant"))).to_be_visible()
    assert_accessible(page)
    [message] = smtp_sink.to(consultant.email)
    assert f"/projects/{project.pk}/" in message.get_body(("plain",)).get_content()

    # The consultant signs in and finds the project under "Your projects".
    page.context.clear_cookies()
    sign_in(page, live_server, consultant.email, PASSWORD)
    page.get_by_role("link", name="Your projects").click()
    expect_heading(page, "Your projects")
    expect(page.get_by_text("No update yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Kirklees Council").click()
    expect_heading(page, "Kirklees Council")
    expect(page.get_by_text(project.key_question)).to_be_visible()
    expect(page.get_by_text("Dr Sam O'Neill")).to_be_visible()
    expect(page.get_by_text("There are no progress updates yet.")).to_be_visible()
    assert_accessible(page)

    # …and adds a progress update, making a mistake first.
    page.get_by_role("link", name="Add a progress update").click()
    expect_heading(page, "Add a progress update")
    assert_accessible(page)
    page.get_by_label("What happens next (optional)").fill("A visit to North Tyneside.")
    page.get_by_role("button", name="Save progress update").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select whether the project is green, amber or red")
    expect(summary).to_contain_text("Enter what has happened since the last update")
    expect(page.get_by_label("What happens next (optional)")).to_have_value(
        "A visit to North Tyneside."
    )
    assert_accessible(page)
    page.get_by_label("Amber: some concerns").check()
    page.get_by_label("What has happened since the last update").fill(
        "The team met the school nurses' network."
    )
    page.get_by_role("button", name="Save progress update").click()

    expect_heading(page, "Kirklees Council")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your progress update on Kirklees Council has been saved."
    )
    card = page.locator(".govuk-summary-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Amber: some concerns")
    expect(card).to_contain_text("The team met the school nurses' network.")
    expect(card).to_contain_text("A visit to North Tyneside.")
    expect(card).to_contain_text("Janet Consultant")
    assert_accessible(page)

    page.get_by_role("link", name="Back to projects").click()
    expect(page.get_by_text("Amber: some concerns")).to_be_visible()
    assert_accessible(page)
