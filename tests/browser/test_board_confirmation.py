"""The board's chair confirms support from the emailed link, in a real browser, checked by axe."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import council_user, submitted_application

PASSWORD = "a-long-and-unusual-passphrase-42"
LINK = re.compile(r"https?://\S+?(/applications/board/confirm/\S+/)")


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_board_chair_confirms_from_the_emailed_link_and_the_council_sees_it(
    page, live_server, smtp_sink
):
    application = submitted_application()
    council = council_user(organisation=application.organisation, name="Jo Applicant")
    council.set_password(PASSWORD)
    council.save()
    application.submitted_by = council
    application.save()

    # The council asks, from its application page.
    sign_in(page, live_server, council.email, PASSWORD)
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Ask your Health and Wellbeing Board to confirm its support"
    ).click()
    expect_heading(page, "Ask your Health and Wellbeing Board to confirm")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter their email address")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Dr Rhiannon Price")
    page.get_by_label("Chair of the Health and Wellbeing Board").check()
    page.get_by_label("Email address").fill("chair@hwb.example.org")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "We have emailed Dr Rhiannon Price a link"
    )
    expect(page.get_by_text("Waiting for the board since")).to_be_visible()
    assert_accessible(page)

    # The chair, with no account, opens the link from the email.
    [message] = smtp_sink.to("chair@hwb.example.org")
    path = LINK.search(message.get_body(("plain",)).get_content()).group(1)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    expect_heading(page, "Confirm your Health and Wellbeing Board’s support")
    expect(page.get_by_text(application.key_question)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select whether the board supports this application"
    )
    assert_accessible(page)
    page.get_by_label("Yes, the board supports this application").check()
    page.get_by_label("Comment (optional)").fill("Agreed at the board meeting on 25 January.")
    page.get_by_role("button", name="Send your answer").click()
    expect_heading(page, "Your answer has been sent")
    assert_accessible(page)
    assert len(smtp_sink.to(council.email)) == 1

    # Opened again by someone else, the link says it has been used, and what the answer was.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    expect_heading(page, "This link has already been used")
    expect(page.get_by_text("Agreed at the board meeting on 25 January.")).to_be_visible()
    assert_accessible(page)
    # A link cut short by an email program gets a clear page too.
    page.goto(f"{live_server.url}{path[:-6]}/")
    expect_heading(page, "This link is not valid")
    assert_accessible(page)

    # The council sees the board's answer.
    sign_in(page, live_server, council.email, PASSWORD)
    page.goto(f"{live_server.url}{application.get_absolute_url()}")
    confirmed = re.compile(
        r"^Confirmed by the board on .+ \(Dr Rhiannon Price, "
        r"Chair of the Health and Wellbeing Board\)$"
    )
    expect(page.get_by_text(confirmed)).to_be_visible()
    expect(page.get_by_text("Comment: Agreed at the board meeting on 25 January.")).to_be_visible()
    assert_accessible(page)
