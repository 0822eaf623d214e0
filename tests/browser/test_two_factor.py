"""Two-factor sign-in in a real browser, with axe-core on every page: a new programme manager is
made to set up an authenticator app before any staff page, keeps the recovery codes, and then
signs in with a code."""

from playwright.sync_api import expect

from accounts.enums import StaffRole
from tests.browser.conftest import assert_accessible, current_totp_code, path_of
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def test_new_programme_manager_sets_up_two_factor_then_signs_in_with_it(page, live_server):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, two_factor=False, name="Nat New")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    # Every staff page sends them to set it up; allauth asks for the password once more first.
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(
        page.get_by_text("you must set this up before you can use Peer Learning")
    ).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/manage/")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()

    # A wrong code is refused next to the field; the right one turns it on.
    page.get_by_label("Code from the app").fill("12345")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator-secret").inner_text().strip()
    page.get_by_label("Code from the app").fill(current_totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".app-recovery-codes li")).to_have_count(10)
    recovery_code = page.locator(".app-recovery-codes li").first.inner_text().strip()
    assert_accessible(page)
    page.get_by_role("link", name="Continue to Peer Learning").click()
    expect(page.get_by_role("heading", name="Manage programmes")).to_be_visible()

    # Next time, the code is asked for after the password.
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_label("Enter the code from your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enter the code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    # The app's code was just used to turn it on (a code works once): a recovery code instead.
    page.get_by_label("Enter the code from your authenticator app").fill(recovery_code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: path_of(url) == "/manage/")
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_text("cannot be turned off")).to_be_visible()
    assert_accessible(page)
