"""A programme manager opens the 2018 demo's end-of-programme report from the dashboard, in a real
browser checked by axe, and downloads it as a Word document."""

import io

import docx
from django.urls import reverse
from playwright.sync_api import expect

from cohort.report_document import SECTIONS
from demo.loader import load_demo
from tests.browser.conftest import assert_accessible, sign_in


def test_manager_opens_and_downloads_the_2018_report(page, live_server):
    load_demo()
    sign_in(page, live_server, "manager@example.org", "manager-demo-2026")
    page.goto(f"{live_server.url}{reverse('cohort:dashboard', args=['cyp-mental-health-2018'])}")
    page.get_by_role("link", name="End-of-programme report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End-of-programme report")
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text(SECTIONS)
    expect(page.get_by_role("button", name="Print this report")).to_be_visible()
    expect(
        page.locator("table[data-cohort]").get_by_role("row", name="Kirklees Council")
    ).to_be_visible()
    expect(page.locator("ul[data-helpful-questions] li")).to_have_count(6)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == "cyp-mental-health-2018-report.docx"
    document = docx.Document(io.BytesIO(download.path().read_bytes()))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SECTIONS

    # Printed, the navigation, tabs and buttons are hidden; the report is not.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".app-sub-navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this report")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
