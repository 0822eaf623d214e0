"""A programme manager opens the programme dashboard: the funnel, the THRIVE chart with its table
beside it, and the outbox links. In a real browser, checked by axe."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from cohort.models import ProgrammeTheme, Project
from demo.loader import load_demo
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.enums import Region
from programmes.models import ThriveCategory
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import ApplicationFactory, OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def test_manager_opens_the_programme_dashboard(page, live_server):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    theme = ProgrammeTheme.objects.create(programme=programme, title="Councillors as champions")
    for number, (name, region, slugs) in enumerate(
        [
            ("Kirklees Council", Region.YORKSHIRE_HUMBER, ["getting_advice", "getting_help"]),
            ("Surrey County Council", Region.SOUTH_EAST, ["getting_more_help"]),
        ]
    ):
        organisation = OrganisationFactory(name=name, region=region)
        project = Project.objects.create(
            programme=programme, organisation=organisation, key_question="How?"
        )
        project.thrive_categories.set(ThriveCategory.objects.filter(slug__in=slugs))
        project.themes.add(theme)
        project.application = ApplicationFactory(
            programme=programme,
            organisation=organisation,
            status=ApplicationStatus.SELECTED,
            submitted_at=timezone.now(),
            reference=f"EOI-B-{number}",
        )
        project.save(update_fields=["application"])
    OutboundEmail.objects.create(
        kind="t",
        to_email="a@example.org",
        subject="s",
        body_text="b",
        reason="r",
        scope=programme,
        status=EmailStatus.HELD,
    )
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:dashboard', args=[programme.slug])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("tr[data-stage='Selected'] td").first).to_have_text("2")
    expect(page.locator("tr[data-stage='Had a peer visit or call'] td").first).to_have_text("0")
    chart = page.get_by_role("img", name="Projects by THRIVE category")
    expect(chart).to_be_visible()
    table = page.locator("table[data-thrive-table]")
    expect(table.get_by_role("row", name="Getting help 1 Kirklees Council")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="1 held for review email: see them in the outbox").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Outbox")
    assert "status=held" in page.url


def test_the_2018_demo_dashboard_is_accessible(page, live_server):
    """With the demo's real figures: seventeen applied, seven at learning day 2 (not Essex)."""
    load_demo()
    sign_in(page, live_server, "manager@example.org", "manager-demo-2026")
    page.goto(f"{live_server.url}{reverse('cohort:dashboard', args=['cyp-mental-health-2018'])}")
    expect(page.locator("tr[data-stage='Applied'] td").first).to_have_text("17")
    expect(page.locator("tr[data-stage='Attended learning day 2'] td").first).to_have_text("7")
    expect(page.get_by_role("img", name="Projects by THRIVE category")).to_be_visible()
    assert_accessible(page)
