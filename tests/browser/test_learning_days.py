"""A programme manager schedules a learning day and invites the cohort; an invitee answers from the
emailed link, stating an access need; the manager sees it. On the day, the manager takes the
register on a phone and prints the sign-in sheet. Every page is checked with axe-core."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import LearningDay, LearningDayInvitation, Project, ProjectMember
from tests.browser.conftest import (
    AXE_SCRIPT,
    AXE_URL_PATH,
    PageProblems,
    assert_accessible,
    enter_totp_code,
    sign_in,
)
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


def test_manager_takes_the_register_on_a_phone_and_prints_the_sign_in_sheet(browser, live_server):
    """On a 375 × 812 phone: the register has no sideways scrolling, marks are saved together, a
    walk-in is added; then the sign-in sheet prints without the header and navigation."""
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    manager.set_password(PASSWORD)
    manager.save()
    programme = ProgrammeFactory(title="Children and young people’s mental health")
    now = timezone.now()
    day = LearningDay.objects.create(
        programme=programme,
        sequence=1,
        title="Learning day 1",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        venue_name="Local Government House",
        venue_address="18 Smith Square\nLondon\nSW1P 3HZ",
    )
    long_name = "Royal Borough of Windsor and Maidenhead Council and Partners"
    teams = [
        ("Barnsley Council", [("Siobhan O'Neill", "accepted"), ("Raj Patel", "accepted")]),
        ("Essex County Council", [("Tom Hall", "declined")]),
        (long_name, [("Eve Stone", "accepted"), ("Ann Lee", "awaiting")]),
    ]
    for organisation, people in teams:
        project = Project.objects.create(
            programme=programme,
            organisation=OrganisationFactory(name=organisation),
            key_question="How can we help sooner?",
        )
        for name, answer in people:
            LearningDayInvitation.objects.create(
                learning_day=day,
                project=project,
                name=name,
                email=f"{name.split()[0].lower()}@example.org",
                role="Head of Children’s Services",
                answer=answer,
                answered_at=None if answer == "awaiting" else now - datetime.timedelta(days=7),
            )

    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
    )
    context.route(
        f"**{AXE_URL_PATH}",
        lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"),
    )
    page = context.new_page()
    problems = PageProblems()
    page.on("pageerror", problems.on_page_error)
    page.on("console", problems.on_console)

    def no_sideways_scrolling():
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), page.url

    # Signed in on the phone (its navigation is behind "Menu", so not through `sign_in`).
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    enter_totp_code(page, manager)
    # The learning days list (a wide table, made for a desk) links to the register.
    page.goto(f"{live_server.url}/manage/{programme.slug}/learning-days/")
    register = page.get_by_role("link", name="Register for Learning day 1")
    page.goto(live_server.url + register.get_attribute("href"))
    expect_heading(page, "Register: Learning day 1")
    assert_accessible(page)
    no_sideways_scrolling()
    page.set_viewport_size({"width": 320, "height": 640})
    no_sideways_scrolling()
    page.set_viewport_size({"width": 375, "height": 812})

    # Tom declined: "Sent apologies" is chosen for him already.
    tom = page.get_by_role("group", name="Tom Hall")
    expect(tom.get_by_label("Sent apologies")).to_be_checked()
    # The radios are big enough to tap (GOV.UK's small radios keep a 44px target).
    box = page.get_by_role("group", name="Raj Patel").get_by_label("Present").bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40
    for name in ["Siobhan O'Neill", "Raj Patel", "Eve Stone"]:
        page.get_by_role("group", name=name).get_by_label("Present").check()
    page.get_by_role("group", name="Ann Lee").get_by_label("Absent").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The register for ‘Learning day 1’ has been saved."
    )
    expect(page.locator("#attendance-counts")).to_have_text(
        re.compile(r"\s*Present\s*3\s*Absent\s*1\s*Sent apologies\s*1\s*Not recorded\s*0\s*")
    )
    expect(page.locator("#attendance-by-organisation")).to_contain_text(
        "Essex County Council: 0 of 1 present"
    )
    expect(page.get_by_role("group", name="Ann Lee").get_by_label("Absent")).to_be_checked()
    assert_accessible(page)
    no_sideways_scrolling()

    # Someone came who was not invited.
    page.get_by_role("button", name="Add them as present").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the full name of the person who came"
    )
    # Focus moves to the error summary (far above the walk-in form on a phone), in view.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_be_in_viewport()
    assert_accessible(page)
    no_sideways_scrolling()
    page.get_by_label("Full name").fill("Kim Cho")
    page.get_by_label("Organisation").select_option(label=long_name)
    page.get_by_label("Email address").fill("kim@example.org")
    page.get_by_role("button", name="Add them as present").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Kim Cho has been added to the register as present."
    )
    expect(page.get_by_role("group", name="Kim Cho").get_by_label("Present")).to_be_checked()
    expect(page.locator("#attendance-by-organisation")).to_contain_text(
        f"{long_name}: 2 of 3 present"
    )
    assert_accessible(page)

    # The sign-in sheet: people coming or yet to answer, and a print button.
    page.get_by_role("link", name="Print the sign-in sheet for Learning day 1").click()
    expect_heading(page, "Learning day 1: sign-in sheet")
    expect(page.get_by_role("table", name="Barnsley Council")).to_contain_text("Siobhan O'Neill")
    expect(page.get_by_role("table", name=long_name)).to_contain_text("Ann Lee")
    expect(page.get_by_text("Tom Hall")).to_have_count(0)
    assert_accessible(page)
    page.evaluate("window.print = () => { window.printed = true }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed === true")
    page.emulate_media(media="print")
    expect(page.locator("header.app-header")).to_be_hidden()
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()
    assert not problems.errors, "\n".join(problems.errors)
