"""The statements in a real browser with axe-core: reached from the footer by anyone, and changed
by a programme manager (an error shown next to the field, then saved)."""

from playwright.sync_api import expect

from accounts.enums import StaffRole
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def test_statements_from_the_footer_and_changed_by_a_programme_manager(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Accessibility statement", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", name="Privacy notice", level=1)).to_be_visible()
    assert_accessible(page)

    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(live_server.url + "/accessibility/")
    page.get_by_role("link", name="Change the accessibility statement").click()
    page.get_by_label("Contact email address").fill("not an address")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    assert_accessible(page)
    page.get_by_label("Contact email address").fill("access@lga.gov.uk")
    page.get_by_label("Contact telephone number (optional)").fill("020 7664 3000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The accessibility statement was saved.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("call 020 7664 3000")
    assert_accessible(page)
