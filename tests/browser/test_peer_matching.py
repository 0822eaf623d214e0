"""Peer matching in a real browser: a programme manager runs the suggestion for a visit, accepts
it, locks one match and changes another to a call from the project's ranked candidates. Every
page checked by axe (which also checks reflow at 320 px)."""

from django.urls import reverse
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import PeerMatch
from tests.browser.conftest import assert_accessible, sign_in
from tests.cohort.test_peer_matching_pages import approach
from tests.cohort.test_progress import make_project
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def test_manager_runs_the_suggestion_locks_one_and_changes_another(page, live_server):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    kirklees = make_project(
        programme,
        organisation=OrganisationFactory(name="Kirklees Council"),
        key_question="How can we cut school exclusions?",
    )
    lewisham = make_project(
        programme,
        organisation=OrganisationFactory(name="Lewisham Council"),
        key_question="How can young people get help sooner?",
    )
    hubs = approach(programme, "Inclusion hubs", description="Fewer school exclusions.")
    door = approach(programme, "Single front door", description="Young people get help sooner.")
    approach(programme, "Peer mentors", description="Mentoring by older pupils.")
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:peer_matching', args=[programme.slug])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer matching")
    assert_accessible(page)

    # The suggestion for a visit, beside the current state; nothing is stored yet.
    page.get_by_role("radio", name="A visit").check()
    page.get_by_role("button", name="Suggest matches").click()
    expect(page.get_by_role("heading", name="Suggested matches, for a visit")).to_be_visible()
    kirklees_row = page.locator(f"#project-{kirklees.pk}")
    expect(kirklees_row.locator("[data-suggested]")).to_contain_text("Inclusion hubs")
    expect(kirklees_row.locator("[data-suggested]")).to_contain_text("exclusions")
    assert_accessible(page)
    assert not PeerMatch.objects.exists()

    page.get_by_role("button", name="Accept the suggestion").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Suggestion accepted: 2 projects matched"
    )
    assert_accessible(page)

    # Lock Kirklees's match.
    page.get_by_role("button", name="Lock the match for Kirklees Council").click()
    expect(kirklees_row.locator("[data-locked]")).to_have_text("Locked")
    assert_accessible(page)

    # Change Lewisham's match to another approach, for a call.
    page.get_by_role("link", name="Change the match for Lewisham Council").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Change the match for Lewisham Council"
    )
    assert_accessible(page)
    page.get_by_role("radio", name="Peer mentors (Peer mentors Trust)").check()
    page.get_by_role("radio", name="A telephone or video call").check()
    page.get_by_role("button", name="Save match").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Lewisham Council matched with “Peer mentors”"
    )
    lewisham_row = page.locator(f"#project-{lewisham.pk}")
    expect(lewisham_row.locator("[data-current]")).to_contain_text("Peer mentors")
    assert_accessible(page)

    kept = PeerMatch.objects.get(project=kirklees)
    assert kept.approach == hubs and kept.is_locked
    changed = PeerMatch.objects.get(project=lewisham)
    assert changed.approach != door and changed.mode == "call" and not changed.is_locked
