"""A council member books two delegates onto a workshop and is refused a third (a colleague's
stale tab) with a clear message; they offer to host a field visit; a programme manager adds a
workshop and sees the bookings and offers. Every page is checked with axe-core."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from programmes.dates import LONDON
from programmes.models import Workshop, WorkshopBooking
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

PASSWORD = "a-long-and-unusual-passphrase-42"
CAP_MESSAGE = (
    "Your organisation has already nominated 2 delegates, the most each organisation can send"
)


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def nominate(page, name, job_title, email):
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Job title").fill(job_title)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Book a place").click()


def test_council_books_two_delegates_is_refused_a_third_and_manager_sees_bookings(
    page, live_server, smtp_sink
):
    programme = ProgrammeFactory(title="Children and young people’s mental health research")
    day = timezone.localdate() + datetime.timedelta(days=30)
    starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
    workshop = Workshop.objects.create(
        programme=programme,
        title="London research workshop",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        venue_name="Local Government Association",
        venue_address="18 Smith Square\nWestminster\nSW1P 3HZ",
        booking_closes_at=starts - datetime.timedelta(days=8, hours=17),
        capacity=40,
        delegates_per_organisation=2,
        is_published=True,
    )
    member = council_user(
        organisation=OrganisationFactory(name="Stockport Council"), name="Robin Council"
    )
    member.set_password(PASSWORD)
    member.save()

    sign_in(page, live_server, member.email, PASSWORD)
    page.goto(f"{live_server.url}/programmes/{programme.slug}/workshops/")
    expect_heading(page, "Workshops")
    expect(page.get_by_text("Book by ", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Book places at London research workshop").click()
    expect_heading(page, "London research workshop")
    assert_accessible(page)

    # An empty form first: the error summary, then the first delegate.
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the delegate’s full name")).to_be_visible()
    assert_accessible(page)
    nominate(page, "Siobhan O'Neill", "Director of Public Health", "siobhan@stockport.example.org")
    expect(
        page.get_by_text("Siobhan O'Neill has a place at ‘London research workshop’")
    ).to_be_visible()

    # A colleague opens the same page in another tab while there is still room.
    colleague = page.context.new_page()
    colleague.goto(page.url)
    expect(colleague.get_by_role("button", name="Book a place")).to_be_visible()

    nominate(page, "Aisha Rahman", "CAMHS Partnership Manager", "aisha@stockport.example.org")
    expect(page.get_by_text("Aisha Rahman has a place")).to_be_visible()
    expect(page.locator("#our-delegates")).to_contain_text("Siobhan O'Neill")
    expect(page.locator("#our-delegates")).to_contain_text("Aisha Rahman")
    expect(
        page.get_by_text("Your organisation has nominated 2 delegates, the most each")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Book a place")).to_have_count(0)
    assert_accessible(page)

    # The colleague's third delegate is refused, and what they typed is kept.
    nominate(colleague, "Tom Third", "Officer", "tom@stockport.example.org")
    expect(colleague.get_by_role("alert").filter(has_text=CAP_MESSAGE)).to_be_visible()
    expect(colleague.get_by_label("Full name")).to_have_value("Tom Third")
    assert_accessible(colleague)
    colleague.close()
    assert WorkshopBooking.objects.filter(workshop=workshop).count() == 2
    assert len(smtp_sink.to("siobhan@stockport.example.org")) == 1

    # The cancel page, kept.
    page.get_by_role("link", name="Cancel Aisha Rahman’s place").click()
    expect_heading(page, "Cancel Aisha Rahman’s place?")
    assert_accessible(page)
    page.get_by_role("link", name="Keep it").click()
    expect_heading(page, "London research workshop")

    # An offer to host a field visit.
    page.goto(f"{live_server.url}/programmes/{programme.slug}/workshops/")
    page.get_by_role("link", name="Offer to host a field visit").click()
    expect_heading(page, "Offer to host a field visit")
    assert_accessible(page)
    page.get_by_label("What would visitors see?").fill("Our joint early help and CAMHS front door.")
    page.get_by_role("button", name="Send your offer").click()
    expect(page.get_by_text("offer to host a field visit has been saved")).to_be_visible()
    assert_accessible(page)

    # The programme manager sees the bookings, by organisation.
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    manager.set_password(PASSWORD)
    manager.save()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/manage/{programme.slug}/workshops/")
    expect_heading(page, "Workshops")
    assert_accessible(page)
    page.get_by_role("link", name="Bookings for London research workshop").click()
    expect(page.locator("#booked-count")).to_have_text("2 of 40 places")
    table = page.get_by_role("table", name="Stockport Council")
    expect(table).to_contain_text("Siobhan O'Neill")
    expect(table).to_contain_text("Director of Public Health")
    expect(table).to_contain_text("aisha@stockport.example.org")
    assert_accessible(page)

    page.goto(f"{live_server.url}/manage/{programme.slug}/field-visits/")
    expect(page.get_by_text("Our joint early help and CAMHS front door.")).to_be_visible()
    assert_accessible(page)

    # Adding a workshop: an error first, with what was typed kept.
    page.goto(f"{live_server.url}/manage/{programme.slug}/workshops/new/")
    expect_heading(page, "Add a workshop")
    assert_accessible(page)
    page.get_by_label("Title").fill("Manchester research workshop")
    page.get_by_role("button", name="Save workshop").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Manchester research workshop")
    assert_accessible(page)
