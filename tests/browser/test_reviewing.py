"""A reviewer scores applications and a programme manager moderates, in a real browser, with every
page checked by axe-core."""

import re

from playwright.sync_api import expect

from accounts.enums import StaffRole
from applications.enums import ReviewStatus
from applications.models import Review
from applications.services import reviews as review_services
from tests.browser.conftest import assert_accessible, path_of, sign_in
from tests.factories import ProgrammeFactory, UserFactory, submitted_application
from tests.review_factories import ScoringCriterionFactory, reviewer, submitted_review

PASSWORD = "a-long-and-unusual-passphrase-42"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def wait_for_path(page, pattern: str):
    regex = re.compile(pattern)
    page.wait_for_url(lambda url: bool(regex.fullmatch(path_of(url).split("?")[0])))


def score(page, criterion: str, label: str, why: str):
    page.get_by_role("group", name=criterion).get_by_role("radio", name=label).check()
    page.get_by_label(f"Why this score? ({criterion})").fill(why)


def test_reviewer_scores_with_save_and_next_and_manager_moderates(page, live_server):
    programme = ProgrammeFactory(title="Children’s mental health 2026")
    ScoringCriterionFactory(
        programme=programme, title="Key question", weight=2, strong="Sharp and local"
    )
    ScoringCriterionFactory(programme=programme, title="Team", weight=1)
    first = submitted_application(programme=programme)
    second = submitted_application(programme=programme)
    manager = with_password(UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager"))
    person = with_password(reviewer(name="Rhiannon Reviewer"))
    for application in sorted([first, second], key=lambda a: a.pk):
        review_services.assign_reviewer(application_id=application.pk, reviewer=person, by=manager)
    first_review, second_review = Review.objects.filter(reviewer=person).order_by("pk")
    first, second = first_review.application, second_review.application
    colleague = reviewer(name="Colleague Cadwaladr")
    key_question, team = programme.scoring_criteria.order_by("position")
    submitted_review(
        application=first,
        reviewer=colleague,
        scores={key_question: (1, "Too broad"), team: (3, "Fine")},
    )

    # The reviewer's list of work.
    sign_in(page, live_server, person.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/reviews/")
    expect_heading(page, "Your reviews")
    assert_accessible(page)

    # The first application: every answer, then the scoring form. Nothing chosen: errors.
    page.get_by_role("link", name=first.organisation.name, exact=True).click()
    expect_heading(page, first.organisation.name)
    expect(page.get_by_text(first.key_question)).to_be_visible()
    expect(page.get_by_text("Too broad")).to_have_count(0)  # blind until submitted
    assert_accessible(page)
    page.get_by_role("button", name="Save and next").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a score for ‘Team’")
    assert_accessible(page)

    score(page, "Key question", "5 – Strong", "A sharp, local question.")
    score(page, "Team", "4 – Good", "Strong partner; no councillor named.")
    page.get_by_label("Overall comments (optional)").fill("Recommend.")
    page.get_by_role("button", name="Save and next").click()

    # "Save and next" submits and goes on to the next application.
    wait_for_path(page, rf"/applications/reviews/{second_review.pk}/")
    expect_heading(page, second.organisation.name)
    expect(page.get_by_role("alert")).to_contain_text(
        f"Your review of {first.organisation.name} has been submitted."
    )
    assert_accessible(page)

    # The conflict of interest page.
    page.get_by_role("link", name="declare a conflict of interest").click()
    expect_heading(page, "Declare a conflict of interest")
    assert_accessible(page)

    # The submitted review is read-only, and now shows the colleague's scores.
    page.goto(f"{live_server.url}/applications/reviews/{first_review.pk}/")
    expect(page.get_by_role("button", name="Save and next")).to_have_count(0)
    expect(page.get_by_text("Too broad")).to_be_visible()
    assert_accessible(page)
    first_review.refresh_from_db()
    assert first_review.status == ReviewStatus.SUBMITTED

    page.get_by_role("button", name="Sign out").click()

    # The programme manager: criteria, reviewers and the moderation view.
    sign_in(page, live_server, manager.email, PASSWORD)
    slug = programme.slug
    page.goto(f"{live_server.url}/manage/{slug}/scoring-criteria/")
    expect_heading(page, "Scoring criteria")
    assert_accessible(page)
    page.get_by_role("link", name="Add a criterion").click()
    expect_heading(page, "Add a scoring criterion")
    assert_accessible(page)
    page.get_by_role("button", name="Save criterion").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the criterion")
    assert_accessible(page)

    page.goto(f"{live_server.url}/applications/staff/programme/{slug}/reviewers/")
    expect_heading(page, "Reviewers")
    assert_accessible(page)
    page.get_by_role("button", name="Assign reviewers automatically").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"\d+ assignments? made"))
    assert_accessible(page)

    page.get_by_role("navigation", name="Assessment").get_by_role("link", name="Moderation").click()
    expect_heading(page, "Moderation")
    card = page.locator(".govuk-summary-card", has_text=first.organisation.name)
    expect(card).to_contain_text("Reviewers disagree")
    expect(card).to_contain_text("Rhiannon Reviewer")
    expect(card).to_contain_text("Colleague Cadwaladr")
    assert_accessible(page)
