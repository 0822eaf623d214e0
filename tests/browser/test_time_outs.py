"""Time-outs in a real browser, with axe-core: the warning before the session ends and staying
signed in; and what was typed is put back after a save meets an ended session or a stale form."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import ApplicationFactory, council_user

PASSWORD = "correct-horse-battery"
TYPED = "How can we reach young carers before they reach crisis?"


def open_section(page, live_server):
    application = ApplicationFactory()
    person = council_user(organisation=application.organisation)
    sign_in(page, live_server, person.email, PASSWORD)
    url = f"{live_server.url}/applications/{application.pk}/about-your-issue/"
    page.goto(url)
    return application, person, url


def test_save_after_the_session_ended_puts_the_text_back_after_signing_in(page, live_server):
    application, person, _url = open_section(page, live_server)
    page.get_by_label("Your key question").fill(TYPED)
    page.context.clear_cookies(name="sessionid")  # the session ended while the page was open
    page.get_by_role("button", name="Save and come back later").click()

    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page.get_by_text("We have put back what you typed")).to_be_visible()
    expect(page.get_by_label("Your key question")).to_have_value(TYPED)
    assert_accessible(page)
    application.refresh_from_db()
    assert application.key_question != TYPED
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("We have put back what you typed")).to_have_count(0)
    application.refresh_from_db()
    assert application.key_question == TYPED


def test_stale_form_explains_and_puts_the_text_back(page, live_server):
    open_section(page, live_server)
    page.get_by_label("Your key question").fill(TYPED)
    # The form's token went stale (signed out and in again in another tab, say).
    page.evaluate(
        "document.querySelectorAll('input[name=csrfmiddlewaretoken]')"
        ".forEach(function (i) { i.value = 'x'.repeat(64) })"
    )
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your changes were not saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Go back to the page").click()
    expect(page.get_by_label("Your key question")).to_have_value(TYPED)
    expect(page.get_by_text("We have put back what you typed")).to_be_visible()


def test_warning_before_the_session_ends_and_staying_signed_in(page, live_server, settings):
    # A session of 5 minutes and 3 seconds: the warning (5 minutes before the end) comes at once.
    settings.SESSION_COOKIE_AGE = 303
    open_section(page, live_server)
    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text("you will be signed out in 5 minutes")
    assert_accessible(page)

    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.reload()
    seconds_left = int(page.locator("body").get_attribute("data-session-seconds-left"))
    assert seconds_left > 8 * 60 * 60 - 60
