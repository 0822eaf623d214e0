"""A consultant proposes a visit to the project's matched peer; the peer's contact accepts from
the link in the email, suggesting dates, without an account; the consultant records the completed
visit on a phone-sized screen; the council sees it on its project page. Axe on every page."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import PeerApproach, PeerMatch, Project
from tests.browser.conftest import assert_accessible, enter_totp_code, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

PASSWORD = "a-long-and-unusual-passphrase-42"
LINK = re.compile(r"https?://\S+?(/peer-engagements/\S+?/)\s")


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_a_peer_accepts_from_the_email_and_the_consultant_records_on_a_phone(
    page, live_server, smtp_sink
):
    consultant = UserFactory(role=StaffRole.CONSULTANT, name="Connie Consultant")
    consultant.set_password(PASSWORD)
    consultant.save()
    programme = ProgrammeFactory(title="Children and young people’s mental health")
    organisation = OrganisationFactory(name="Barnsley Council")
    project = Project.objects.create(
        programme=programme,
        organisation=organisation,
        key_question="How can we help sooner?",
        refined_key_question="How do we build a single front door for 0–25s?",
        consultant=consultant,
    )
    approach = PeerApproach.objects.create(
        programme=programme,
        organisation_name="Forward Thinking Birmingham",
        title="A single front door",
        description="One front door for 0–25s.",
        contact_name="Pat Peer",
        contact_email="pat.peer@birmingham.example.org",
    )
    PeerMatch.objects.create(project=project, approach=approach, mode="visit")
    member = council_user(organisation=organisation)
    member.set_password(PASSWORD)
    member.save()

    # The consultant proposes a visit from the project page.
    sign_in(page, live_server, consultant.email, PASSWORD)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("link", name=re.compile("See, propose and record peer visits")).click()
    expect_heading(page, "Peer visits and calls")
    assert_accessible(page)
    page.get_by_role("link", name="Propose a visit or call to the peer").click()
    expect_heading(page, "Propose a visit or call to a peer")
    assert_accessible(page)
    expect(page.get_by_label("Forward Thinking Birmingham: A single front door")).to_be_checked()
    expect(page.get_by_label("Visit", exact=True)).to_be_checked()
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a message to the peer")
    assert_accessible(page)
    page.get_by_label("Your message to the peer").fill("We would love to see your front door.")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your proposal has been emailed to Pat Peer"
    )
    assert_accessible(page)

    # The peer's contact opens the link in their email, without an account.
    [message] = smtp_sink.to("pat.peer@birmingham.example.org")
    path = LINK.search(message.get_body(("plain",)).get_content()).group(1)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    expect_heading(page, "Can you help Barnsley Council?")
    expect(page.get_by_role("main")).to_contain_text("single front door for 0–25s")
    expect(page.get_by_role("main")).to_contain_text("We would love to see your front door.")
    assert_accessible(page)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether you can help")
    assert_accessible(page)
    page.get_by_label("Yes, and we would like to suggest dates").check()
    page.get_by_label("If you suggest dates, which dates suit you?").fill("Any Tuesday in March")
    assert_accessible(page)
    page.get_by_role("button", name="Send your answer").click()
    expect_heading(page, "Your answer has been sent")
    assert_accessible(page)
    [told] = smtp_sink.to(consultant.email)
    assert "Any Tuesday in March" in told.get_body(("plain",)).get_content()

    # The consultant records the visit on a phone.
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(consultant.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    enter_totp_code(page, consultant)
    page.goto(f"{live_server.url}/projects/{project.pk}/peer-engagements/")
    expect(page.get_by_role("main")).to_contain_text("Agreed by the peer")
    page.get_by_role("link", name=re.compile("Record what happened")).click()
    expect_heading(page, "Record what happened")
    assert_accessible(page)
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.get_by_label("Completed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the key learning")
    assert_accessible(page)
    today = timezone.localdate()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_label("Year", exact=True).fill(str(today.year))
    page.get_by_label("Who took part (optional)").fill("Ben Officer, Cara Partner")
    page.get_by_label("What they saw or discussed (optional)").fill("The front door team.")
    page.get_by_label("Key learning").fill("Start with one phone number.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The engagement with Forward Thinking Birmingham is saved."
    )
    assert_accessible(page)

    # The council sees it on its project page, without the peer's contact details.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, member.email, PASSWORD)
    page.goto(f"{live_server.url}/our-projects/{project.pk}/")
    table = page.locator("[data-council-engagements]").first
    expect(table).to_contain_text("Forward Thinking Birmingham")
    expect(table).to_contain_text("Start with one phone number.")
    expect(page.get_by_role("main")).not_to_contain_text("pat.peer@birmingham.example.org")
    assert_accessible(page)
