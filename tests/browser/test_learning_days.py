"""A programme manager schedules a learning day and invites the cohort; an invitee answers from the
emailed link, stating an access need; the manager sees it. Every page is checked with axe-core."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from programmes.models import Project, ProjectMember
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "a-long-and-unusual-passphrase-42"
LINK = re.compile(r"https?://\S+?(/learning-days/answer/\S+?/)\s")


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_manager_schedules_and_invites_and_an_invitee_accepts_with_an_access_need(
    page, live_server, smtp_sink
):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    manager.set_password(PASSWORD)
    manager.save()
    programme = ProgrammeFactory(title="Children and young people’s mental health")
    for name, team in [
        ("Barnsley Council", [("Siobhan O'Neill", "siobhan@barnsley.example.org")]),
        ("Durham County Council", [("Tom Hall", "tom@durham.example.org")]),
    ]:
        project = Project.objects.create(
            programme=programme,
            organisation=OrganisationFactory(name=name),
            key_question="How can we help sooner?",
        )
        for position, (person, email) in enumerate(team, start=1):
            ProjectMember.objects.create(
                project=project, position=position, name=person, email=email
            )
    day = timezone.localdate() + datetime.timedelta(days=30)

    # The manager schedules the day, first with an end time before the start.
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/manage/{programme.slug}/learning-days/")
    expect_heading(page, "Learning days")
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a learning day").click()
    expect_heading(page, "Schedule a learning day")
    assert_accessible(page)
    expect(page.get_by_label("Title")).to_have_value("Learning day 1")
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("Start time").fill("10am")
    page.get_by_label("End time").fill("9am")
    page.get_by_label("Venue (optional if the day is online)").fill("Local Government House")
    page.get_by_label("Venue address (optional)").fill("18 Smith Square\nLondon SW1P 3HZ")
    page.get_by_label("Agenda (optional)").fill("Refine each council’s key question.")
    page.get_by_role("button", name="Save learning day").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The end time must be after the start time"
    )
    expect(page.get_by_label("Venue (optional if the day is online)")).to_have_value(
        "Local Government House"
    )
    assert_accessible(page)
    page.get_by_label("End time").fill("4pm")
    page.get_by_role("button", name="Save learning day").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "‘Learning day 1’ has been scheduled."
    )
    expect(page.get_by_text("10am to 4pm")).to_be_visible()
    assert_accessible(page)

    # … and invites the cohort.
    page.get_by_role("link", name="Invitations to Learning day 1").click()
    expect_heading(page, "Learning day 1")
    assert_accessible(page)
    page.get_by_role("button", name="Invite the cohort").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "2 people have been invited to ‘Learning day 1’."
    )
    assert_accessible(page)

    # The invitee opens the link in their email, without an account.
    [message] = smtp_sink.to("siobhan@barnsley.example.org")
    path = LINK.search(message.get_body(("plain",)).get_content()).group(1)
    assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    expect_heading(page, "Can you come to Learning day 1?")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether you can come")
    assert_accessible(page)
    page.get_by_label("Yes, I can come").check()
    page.get_by_role("button", name="Continue").click()
    expect_heading(page, "Do you have any access or dietary needs?")
    assert_accessible(page)
    page.get_by_label("Access needs (optional)").fill("Step-free access, please")
    page.get_by_role("button", name="Save and continue").click()
    expect_heading(page, "Your answer has been recorded")
    expect(page.get_by_text("Step-free access, please")).to_be_visible()
    assert_accessible(page)

    # The manager sees the answer and the need.
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/manage/{programme.slug}/learning-days/")
    page.get_by_role("link", name="Invitations to Learning day 1").click()
    row = page.get_by_role("row").filter(has_text="O'Neill")
    expect(row).to_contain_text("Coming")
    expect(row).to_contain_text("Step-free access, please")
    expect(page.get_by_role("row").filter(has_text="Tom Hall")).to_contain_text("Not answered yet")
    assert_accessible(page)
