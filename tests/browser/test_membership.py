"""Who acts for an organisation, in a real browser with axe-core on every page: a colleague at
another address asks to join and a member approves; a member removes someone they do not know;
a programme manager decides for an organisation nobody acts for yet and sets its domains."""

import re

from playwright.sync_api import expect

from accounts.enums import StaffRole
from programmes.models import Membership, OrganisationDomain
from tests.browser.conftest import assert_accessible, path_of, sign_in
from tests.factories import OrganisationFactory, UserFactory, council_user

PASSWORD = "correct-horse-battery"


def choose(page, name: str):
    combobox = page.locator("input#id_organisation[role='combobox']")
    if combobox.count():
        combobox.fill(name[:12])
        page.get_by_role("option", name=name, exact=True).click()
    else:
        page.locator("select#id_organisation").select_option(label=name)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()


def test_colleague_asks_and_a_member_approves_then_removes_someone(page, live_server, smtp_sink):
    barnsley = OrganisationFactory(name="Barnsley Metropolitan Borough Council")
    OrganisationDomain.objects.create(organisation=barnsley, domain="barnsley.gov.uk")
    member = council_user(organisation=barnsley, email="lead@barnsley.gov.uk", name="Lee Lead")
    stranger = council_user(organisation=barnsley, email="who@barnsley.gov.uk", name="Who Knows")
    partner = UserFactory(email="pat.partner@nhs.net", name="Pat Partner")

    # The partner's address is not Barnsley's: they ask, and are told who decides.
    sign_in(page, live_server, partner.email, PASSWORD)
    page.wait_for_url(re.compile(r".*/organisation/$"))
    assert_accessible(page)
    choose(page, barnsley.name)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"Ask to join {barnsley.name}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("We will email the 2 people who already act")
    assert_accessible(page)
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your job title and team")
    assert_accessible(page)
    page.get_by_label("What is your job title and team?").fill("CAMHS lead, NHS Barnsley")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name=re.compile("Your request to join"))).to_be_visible()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    assert_accessible(page)
    assert len(smtp_sink.to(member.email)) == 1
    sign_out(page)

    # A member approves it from their organisation's page.
    sign_in(page, live_server, member.email, PASSWORD)
    page.get_by_role("link", name="Your organisation").click()
    expect(page.get_by_role("heading", name=barnsley.name)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("CAMHS lead, NHS Barnsley")
    assert_accessible(page)
    page.get_by_role("button", name="Approve Pat Partner").click()
    expect(page.get_by_text(f"Pat Partner now acts for {barnsley.name}.")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.filter(user=partner, organisation=barnsley).exists()
    assert len(smtp_sink.to(partner.email)) == 1

    # ... and removes someone they do not know, after confirming.
    page.get_by_role("link", name="Remove Who Knows").click()
    expect(page.get_by_role("heading", name="Are you sure you want to remove Who Knows?"))
    assert_accessible(page)
    page.get_by_role("button", name="Remove Who Knows").click()
    expect(page.get_by_text(f"Who Knows no longer acts for {barnsley.name}.")).to_be_visible()
    expect(page.locator("table").last).to_contain_text("Lee Lead (lead@barnsley.gov.uk) removed")
    assert not Membership.objects.filter(user=stranger).exists()


def test_programme_manager_decides_for_an_organisation_with_no_members(
    page, live_server, smtp_sink
):
    rutland = OrganisationFactory(name="Rutland County Council")
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    officer = UserFactory(email="officer@hotmail.com", name="Olu Officer")

    sign_in(page, live_server, officer.email, PASSWORD)
    choose(page, rutland.name)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("main")).to_contain_text("a programme manager at the Local Government")
    page.get_by_label("What is your job title and team?").fill("Early help officer")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, manager.email, PASSWORD)
    assert path_of(page.url) == "/manage/"  # staff never see the organisation picker
    page.get_by_role("link", name="1 request to join an organisation").click()
    expect(page.get_by_role("cell", name="Only you")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=rutland.name).click()
    expect(page.get_by_role("heading", name=rutland.name)).to_be_visible()
    assert_accessible(page)

    # Domains: a shared one is refused next to the field, with what was typed kept.
    page.get_by_role("link", name="Change email domains").click()
    page.get_by_label("Email domains").fill("rutland.gov.uk\ngmail.com")
    page.get_by_role("button", name="Save domains").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("gmail.com is shared")
    expect(page.get_by_label("Email domains")).to_have_value("rutland.gov.uk\ngmail.com")
    assert_accessible(page)
    page.get_by_label("Email domains").fill("rutland.gov.uk")
    page.get_by_role("button", name="Save domains").click()
    expect(
        page.get_by_text("The email domains of Rutland County Council were saved.")
    ).to_be_visible()

    page.get_by_role("button", name="Approve Olu Officer").click()
    expect(page.get_by_text(f"Olu Officer now acts for {rutland.name}.")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.filter(user=officer, organisation=rutland).exists()

    page.get_by_role("link", name="Back").click()
    page.get_by_label("Search by name or domain").fill("rutland.gov")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=rutland.name)).to_be_visible()
    assert_accessible(page)
