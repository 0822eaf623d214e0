"""A programme manager chooses the cohort with the suggestion, adjusts it, and sends decisions."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ReviewStatus
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

PASSWORD = "correct-horse-battery"


def scored(programme, name: str, region: str, score: int):
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(name=name, region=region)
    )
    review = Review.objects.create(
        application=application,
        reviewer=UserFactory(role=StaffRole.REVIEWER),
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for criterion in programme.scoring_criteria.all():
        CriterionScore.objects.create(
            review=review, criterion=criterion, score=score, justification="Judged."
        )
    return application


def test_manager_suggests_adjusts_and_sends_decisions(page, live_server, smtp_sink):
    programme = ProgrammeFactory(cohort_min=2, cohort_max=3, max_per_region=2)
    ScoringCriterion.objects.create(programme=programme, title="Clarity", weight=1)
    camden = scored(programme, "Camden Council", Region.LONDON, 5)
    scored(programme, "Hackney Council", Region.LONDON, 4)
    scored(programme, "Islington Council", Region.LONDON, 4)
    scored(programme, "Wigan Council", Region.NORTH_WEST, 2)
    applicant = council_user(organisation=camden.organisation, password=PASSWORD)
    camden.submitted_by = applicant
    camden.save()
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, password=PASSWORD)

    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/staff/programme/{programme.slug}/cohort/")
    expect(page.get_by_role("heading", name="Choose the cohort")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Suggest a cohort").click()
    expect(
        page.get_by_role("heading", name=re.compile("Suggested cohort: 3 councils"))
    ).to_be_visible()
    expect(
        page.get_by_text("a third council from London would exceed the regional limit of 2")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept this suggestion").click()
    expect(page.get_by_text("The suggested cohort of 3 has been chosen")).to_be_visible()

    # Adjust by hand: swap Wigan out.
    page.get_by_role("button", name="Remove from cohort for Wigan Council").click()
    expect(page.get_by_text("Wigan Council: done.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Decisions", exact=True).first.click()
    expect(page.get_by_role("heading", name="Decisions", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("Wigan Council")).check()
    page.get_by_role("button", name="Prepare decision emails").click()
    expect(
        page.get_by_text(re.compile(r"\d+ decision emails are held for you to check"))
    ).to_be_visible()
    assert_accessible(page)
    assert smtp_sink.messages == []
    page.get_by_role("button", name=re.compile(r"Send \d+ decision emails")).click()
    expect(page.get_by_text(re.compile(r"\d+ decision emails are being sent"))).to_be_visible()
    expect(page.get_by_role("heading", name="Decisions sent")).to_be_visible()
    assert_accessible(page)
    assert len(smtp_sink.to(applicant.email)) == 1

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, applicant.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/{camden.pk}/")
    expect(page.get_by_text("Selected", exact=True)).to_be_visible()
    expect(page.get_by_text("We are delighted to offer your council a place")).to_be_visible()
    assert_accessible(page)
