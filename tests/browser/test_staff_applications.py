"""A programme manager filters and sorts the applications, opens one and asks the council for more
information; the council answers. Every page is checked with axe-core."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus, ReviewStatus
from applications.models import CriterionScore, Review
from programmes.enums import Region
from programmes.models import ScoringCriterion
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
    submitted_application,
)

PASSWORD = "a-long-and-unusual-passphrase-42"
QUESTION = "Which services have the longest waits, and for whom?"


def user_with_password(**kwargs):
    user = kwargs.pop("user", None) or UserFactory(**kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


def scored(programme, name: str, region: str, score: int | None):
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(name=name, region=region)
    )
    if score is not None:
        criterion = programme.scoring_criteria.get()
        review = Review.objects.create(
            application=application,
            reviewer=UserFactory(role=StaffRole.REVIEWER),
            status=ReviewStatus.SUBMITTED,
            submitted_at=timezone.now(),
            comments="Clear and well evidenced.",
        )
        CriterionScore.objects.create(
            review=review, criterion=criterion, score=score, justification="Because."
        )
    return application


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def organisations_listed(page) -> list[str]:
    return page.locator("table.govuk-table tbody tr td:first-child a").all_inner_texts()


def test_manager_filters_sorts_and_asks_for_more_information(page, live_server):
    manager = user_with_password(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    programme = ProgrammeFactory()
    ScoringCriterion.objects.create(programme=programme, title="Clarity", weight=2)
    scored(programme, "Camden London Borough Council", Region.LONDON, 3)
    hackney = scored(programme, "Hackney London Borough Council", Region.LONDON, 5)
    scored(programme, "Islington London Borough Council", Region.LONDON, None)
    scored(programme, "Cornwall Council", Region.SOUTH_WEST, 4)
    applicant = user_with_password(
        user=council_user(organisation=hackney.organisation, name="Jo Applicant")
    )
    hackney.submitted_by = applicant
    hackney.save()

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/staff/programme/{programme.slug}/")
    expect_heading(page, "Applications")
    assert_accessible(page)

    # Filter to London.
    page.get_by_role("checkbox", name="London", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"region=london"))
    expect(
        page.get_by_role("heading", name="3 of 4 applications match your filters")
    ).to_be_visible()
    assert organisations_listed(page) == [
        "Camden London Borough Council",
        "Hackney London Borough Council",
        "Islington London Borough Council",
    ]
    expect(page.get_by_role("checkbox", name="London", exact=True)).to_be_checked()
    assert_accessible(page)

    # Sort by weighted score: highest first, unscored last, and the filter is kept.
    page.get_by_role("link", name=re.compile(r"^Weighted score")).click()
    page.wait_for_url(lambda url: "sort=-score" in url and "region=london" in url)
    assert organisations_listed(page) == [
        "Hackney London Borough Council",
        "Camden London Borough Council",
        "Islington London Borough Council",
    ]
    score_header = page.locator("th[aria-sort='descending']")
    expect(score_header).to_contain_text("Weighted score")
    expect(page.get_by_text("Sorted by weighted score, highest first")).to_be_visible()
    assert_accessible(page)

    # Open the best-scored application.
    page.get_by_role("link", name="Hackney London Borough Council").click()
    expect_heading(page, "Hackney London Borough Council")
    expect(page.get_by_role("cell", name="Clear and well evidenced.")).to_be_visible()
    assert_accessible(page)

    # Asking without choosing a section or writing a question is explained.
    page.get_by_role("button", name="Send question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your question")
    assert_accessible(page)

    page.get_by_role("radio", name="About your issue").check()
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send question").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your question has been sent to Hackney London Borough Council"
    )
    expect(page.get_by_role("cell", name=re.compile("Waiting for an answer"))).to_be_visible()
    assert_accessible(page)
    hackney.refresh_from_db()
    assert hackney.status == ApplicationStatus.MORE_INFORMATION

    # The council answers: the banner, the reopened section, the check page.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, applicant.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/{hackney.pk}/")
    banner = page.locator(".govuk-notification-banner").first
    expect(banner).to_contain_text(QUESTION)
    assert_accessible(page)
    banner.get_by_role("link", name="Change your answer to ‘About your issue’").click()
    expect_heading(page, "About your issue")
    page.get_by_label("Your key question").fill("How can we cut the longest waits?")
    page.get_by_role("button", name="Save and continue").click()
    expect_heading(page, "Check your updated answer")
    assert_accessible(page)
    page.get_by_role("button", name="Send your updated answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your updated answer has been sent to the programme team."
    )
    assert_accessible(page)
    hackney.refresh_from_db()
    assert hackney.status == ApplicationStatus.SUBMITTED
    assert hackney.key_question == "How can we cut the longest waits?"
