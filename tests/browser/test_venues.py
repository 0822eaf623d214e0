"""A programme manager compares venues for a learning day by the cohort's travel: adds two (the
first time with a mistake), sees which is suggested and why, and uses it. Every page is checked
with axe-core."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import LearningDay, Project
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "a-long-and-unusual-passphrase-42"


def test_manager_compares_venues_and_uses_the_suggestion(page, live_server):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    manager.set_password(PASSWORD)
    manager.save()
    programme = ProgrammeFactory(title="Children and young people’s mental health")
    for name, latitude, longitude in [
        ("Barnsley Metropolitan Borough Council", "53.553", "-1.480"),
        ("Durham County Council", "54.776", "-1.576"),
        ("London Borough of Lewisham", "51.445", "-0.020"),
        ("Nowhere Council", None, None),
    ]:
        Project.objects.create(
            programme=programme,
            organisation=OrganisationFactory(name=name, latitude=latitude, longitude=longitude),
            key_question="How can we help sooner?",
        )
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts += datetime.timedelta(days=30)
    day = LearningDay.objects.create(
        programme=programme,
        sequence=1,
        title="Learning day 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        online_link="https://meet.example.org/day-1",
    )

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/manage/{programme.slug}/learning-days/")
    assert_accessible(page)
    page.get_by_role("link", name="Choose a venue for Learning day 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a venue for ‘Learning day 1’")
    expect(page.locator("#now")).to_contain_text(
        "No venue chosen yet (the day is online at https://meet.example.org/day-1)."
    )
    expect(page.get_by_text("No candidate venues yet.")).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "1 organisation has no known location, so it is left out of the distances: Nowhere Council."
    )
    assert_accessible(page)

    # The first venue, with the longitude forgotten.
    page.get_by_label("Venue name").fill("Local Government House")
    page.get_by_label("Address (optional)").fill("18 Smith Square\nLondon SW1P 3HZ")
    page.get_by_label("Latitude").fill("51.4961")
    page.get_by_role("button", name="Add venue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the venue’s longitude, like -0.12823")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Venue name")).to_have_value("Local Government House")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter the venue’s longitude, like -0.12823").click()
    expect(page.get_by_label("Longitude")).to_be_focused()
    page.get_by_label("Longitude").fill("-0.1270")
    page.get_by_role("button", name="Add venue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "‘Local Government House’ has been added."
    )
    assert_accessible(page)

    # The second, pasted from a map as "latitude, longitude".
    page.get_by_label("Venue name").fill("Leeds Civic Hall")
    page.get_by_label("Latitude").fill("53.80076, -1.54897")
    page.get_by_role("button", name="Add venue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "‘Leeds Civic Hall’ has been added."
    )
    rows = page.locator("#venues tbody tr")
    expect(rows).to_have_count(2)
    # From Barnsley, Durham and Lewisham, Leeds is the shorter trip in all.
    expect(rows.nth(0)).to_contain_text("Leeds Civic Hall")
    expect(rows.nth(0).locator(".govuk-tag")).to_have_text("Suggested")
    expect(rows.nth(1)).to_contain_text("Local Government House")
    expect(page.locator("#suggestion")).to_have_text(
        "Suggested: the least total travel for the cohort (260 miles in all; "
        "furthest: London Borough of Lewisham, 175 miles)"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Use this venue (Leeds Civic Hall)").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "‘Learning day 1’ will be held at ‘Leeds Civic Hall’."
    )
    expect(rows.nth(0).get_by_text("In use")).to_be_visible()
    expect(page.locator("#now")).to_contain_text(
        "Venue now: Leeds Civic Hall (or online: https://meet.example.org/day-1)."
    )
    expect(page.get_by_role("button", name="Use this venue (Leeds Civic Hall)")).to_have_count(0)
    assert_accessible(page)
    day.refresh_from_db()
    assert (day.venue_name, str(day.venue_latitude), str(day.venue_longitude)) == (
        "Leeds Civic Hall",
        "53.80076",
        "-1.54897",
    )
    assert day.online_link == "https://meet.example.org/day-1"

    # The learning day's own page links here too.
    page.goto(f"{live_server.url}/manage/{programme.slug}/learning-days/{day.pk}/")
    expect(page.get_by_label("Venue (optional if the day is online)")).to_have_value(
        "Leeds Civic Hall"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Compare venues by the cohort’s travel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a venue for ‘Learning day 1’")
