"""The outbox in a real browser, checked with axe-core: a programme manager holds and releases
emails, sees why one failed, writes an email, and previews a template before saving it."""

import re

from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from accounts.enums import StaffRole
from notifications.enums import EmailStatus
from notifications.models import EmailTemplate, OutboundEmail
from programmes.models import Programme
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory
from tests.notifications.scripted_smtp import REJECTED

PASSWORD = "correct-horse-battery"


def write(to_email, status, **fields) -> OutboundEmail:
    return OutboundEmail.objects.create(
        kind="decision",
        to_email=to_email,
        subject=f"Decision for {to_email}",
        body_text="Hello",
        body_html="<p>Hello</p>",
        reason="Test",
        status=status,
        **fields,
    )


def test_programme_manager_works_the_outbox(page, live_server, smtp_sink):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    held = write("held@example.org", EmailStatus.HELD)
    write("failed@example.org", EmailStatus.FAILED, last_error=REJECTED, attempts=1)
    sign_in(page, live_server, manager.email, PASSWORD)

    page.goto(f"{live_server.url}/outbox/")
    expect(page.get_by_role("heading", name="Outbox", exact=True)).to_be_visible()
    expect(page.get_by_text(REJECTED)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Status").select_option("held")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table")).to_contain_text("held@example.org")
    expect(page.get_by_role("table")).not_to_contain_text("failed@example.org")
    page.get_by_label(re.compile("Select the email “Decision for held@example.org”")).check()
    page.get_by_role("button", name="Release", exact=True).click()
    expect(page.get_by_text("1 email released.")).to_be_visible()
    assert_accessible(page)
    held.refresh_from_db()
    assert held.status == EmailStatus.SENT  # eager Celery in tests: sent on commit
    assert len(smtp_sink.to("held@example.org")) == 1

    page.goto(f"{live_server.url}/outbox/?status=failed")
    page.get_by_role("link", name="Decision for failed@example.org").click()
    expect(page.get_by_text("Why it failed")).to_be_visible()
    expect(page.get_by_role("button", name="Try sending it again")).to_be_visible()
    assert_accessible(page)


def test_programme_manager_writes_an_email_and_holds_it(page, live_server):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/outbox/")
    page.get_by_role("button", name="Write an email").click()
    expect(page.get_by_role("heading", name="Write an email")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email addresses").fill("alex@example.org\nnot-an-address")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Not email addresses: ‘not-an-address’")
    assert_accessible(page)

    page.get_by_label("Email addresses").fill("alex@example.org\nsam@example.org")
    page.get_by_label("Subject").fill("Learning day 2")
    page.get_by_label("Message").fill("See you on Tuesday.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("2 emails held for review.")).to_be_visible()
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.HELD}


def test_programme_manager_previews_then_saves_a_template(page, live_server):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    programme = ProgrammeFactory(title="Mental health and wellbeing")
    ApplicationFactory(programme=programme)
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/outbox/templates/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Change the reminder to finish a draft")).click()
    expect(page.get_by_role("heading", name="Reminder to finish a draft")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Message").fill("Dear ((name)),\n\n((council)) has a draft. ((lnk))")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Unknown placeholder ((lnk))")
    assert_accessible(page)

    page.get_by_label("Message").fill("Dear ((name)),\n\n((council)) has a draft: ((link))")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.locator(".app-email-preview")).to_contain_text("has a draft: http")
    assert_accessible(page)
    assert not EmailTemplate.objects.exists()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("has been saved for Mental health and wellbeing")).to_be_visible()
    template = EmailTemplate.objects.get()
    assert template.scope_type == ContentType.objects.get_for_model(Programme)
    assert template.body == "Dear ((name)),\n\n((council)) has a draft: ((link))"
