"""The pool of peer approaches in a real browser: a programme manager adds an approach (after an
error, with nothing typed lost), imports a file with a problem and then a clean one, and turns a
peer partner offer into an approach. Every page checked by axe."""

import csv
import io

from django.urls import reverse
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import PeerApproach
from cohort.services.peer_approaches import COLUMNS
from programmes.models import PeerPartnerOffer
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import ProgrammeFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def csv_file(*rows) -> dict:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column for column, _ in COLUMNS])
    writer.writerows(rows)
    return {"name": "approaches.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}


ROW = [
    "Leeds City Council",
    "Future in Mind hubs",
    "A hub in every locality.",
    "Getting help",
    "Early help",
    "Access",
    "Lee Peer",
    "Manager",
    "lee@example.org",
    "yes",
    "yes",
]


def test_manager_builds_the_pool_of_peer_approaches(page, live_server):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    PeerPartnerOffer.objects.create(
        programme=programme,
        organisation_name="Essex County Council",
        approach_title="Emotional wellbeing in schools",
        summary="Mental health leads in every school.",
        contact_name="Esme Peer",
        contact_email="esme@example.org",
        can_host_visit=True,
        visit_capacity=2,
    )
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:peer_approaches', args=[programme.slug])}")
    expect_heading(page, "Peer approaches")
    expect(page.get_by_text("There are no active approaches.")).to_be_visible()
    assert_accessible(page)

    # Add one, forgetting to say whether it hosts visits or calls.
    page.get_by_role("link", name="Add an approach").click()
    expect_heading(page, "Add an approach")
    assert_accessible(page)
    page.get_by_label("Organisation").fill("Kirklees Council")
    page.get_by_label("Name of the approach").fill("Mental health first aid")
    page.get_by_label("Description").fill("Trained first aiders in every school.")
    page.get_by_label("Thriving").check()
    page.get_by_label("Contact’s name").fill("Sam Peer")
    page.get_by_label("Contact’s email address").fill("sam@example.org")
    page.get_by_label("How many projects can it take during the programme?").fill("2")
    page.get_by_role("button", name="Add approach").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether it can host a visit, take part in a call, or both")
    expect(page.get_by_label("Description")).to_have_value("Trained first aiders in every school.")
    expect(page.get_by_label("Thriving")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("A visit").check()
    page.get_by_role("button", name="Add approach").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The approach ‘Mental health first aid’ has been added."
    )
    expect(page.locator("[data-approach]")).to_contain_text("Mental health first aid")
    assert_accessible(page)

    # Import a file with a problem: nothing is imported, the problem is named by row and column.
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect_heading(page, "Import peer approaches")
    assert_accessible(page)
    page.get_by_label("Upload a file").set_input_files(csv_file([*ROW, "lots"]))
    page.get_by_role("button", name="Check and import").click()
    expect(summary).to_contain_text("Row 2, capacity:")
    expect(page.locator("[data-problem]")).to_have_count(1)
    expect(page.locator("[data-problem]")).to_contain_text("capacity")
    assert_accessible(page)
    assert not PeerApproach.objects.filter(title="Future in Mind hubs").exists()

    # …then a clean one.
    page.get_by_label("Upload a file").set_input_files(csv_file([*ROW, "3"]))
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "1 approach has been imported."
    )
    expect(page.locator("[data-approach]")).to_have_count(2)

    # Turn the peer partner offer into an approach.
    page.get_by_role("link", name="Turn peer partner offers into approaches").click()
    expect_heading(page, "Turn peer partner offers into approaches")
    assert_accessible(page)
    page.get_by_role("button", name="Turn into an approach").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "is now the approach ‘Emotional wellbeing in schools’"
    )
    expect(page.locator("[data-approach]")).to_have_count(3)
    assert_accessible(page)
    assert PeerApproach.objects.get(title="Emotional wellbeing in schools").source_offer_id

    # The archive confirmation page.
    page.get_by_role("link", name="Archive ‘Mental health first aid’").click()
    expect_heading(page, "Archive the approach ‘Mental health first aid’?")
    assert_accessible(page)
    page.get_by_role("button", name="Archive approach").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been archived")
    expect(page.locator("[data-approach]")).to_contain_text("Mental health first aid")
    assert_accessible(page)
