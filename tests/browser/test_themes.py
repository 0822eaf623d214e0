"""Cross-cutting themes and helpful questions in a real browser: a programme manager adds a theme
(after a clash with an existing title) and a helpful question, reorders and looks at removing a
theme; the project's consultant tags their project with the new theme and sees the helpful
questions on the project and on the progress update form. Every page checked by axe."""

from django.urls import reverse
from playwright.sync_api import expect

from accounts.enums import StaffRole
from cohort.models import HelpfulQuestion, ProgrammeTheme, Project
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's


def expect_heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_manager_sets_up_themes_and_the_consultant_tags_their_project(page, live_server):
    programme = ProgrammeFactory(title="Improving children’s mental health")
    ProgrammeTheme.objects.create(programme=programme, title="Councillors as champions")
    consultant = UserFactory(role=StaffRole.CONSULTANT, name="Janet O'Consultant")
    project = Project.objects.create(
        programme=programme,
        organisation=OrganisationFactory(name="Kirklees Council"),
        key_question="How can we reduce waiting times for CAMHS?",
        consultant=consultant,
    )
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")

    # The programme manager opens the programme's themes and helpful questions.
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:themes', args=[programme.slug])}")
    expect_heading(page, "Themes and helpful questions")
    expect(page.get_by_text("There are no helpful questions yet.")).to_be_visible()
    assert_accessible(page)

    # A theme: first a title the programme already has, then a new one, kept as typed.
    page.get_by_role("link", name="Add a theme").click()
    expect_heading(page, "Add a theme")
    assert_accessible(page)
    page.get_by_label("Title").fill("councillors as champions")
    page.get_by_label("Description (optional)").fill("Listening to children and parents.")
    page.get_by_role("button", name="Add theme").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "This programme already has a theme called ‘councillors as champions’"
    )
    expect(page.get_by_label("Description (optional)")).to_have_value(
        "Listening to children and parents."
    )
    assert_accessible(page)
    page.get_by_label("Title").fill("Hearing young people’s voices")
    page.get_by_role("button", name="Add theme").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The theme ‘Hearing young people’s voices’ has been added."
    )
    assert_accessible(page)

    # …moves it above the existing one…
    page.get_by_role("button", name="Move up the theme ‘Hearing young people’s voices’").click()
    themes = page.locator("[data-theme]")
    expect(themes.first).to_contain_text("Hearing young people’s voices")
    expect(themes.nth(1)).to_contain_text("Councillors as champions")

    # …adds a helpful question…
    page.get_by_role("link", name="Add a helpful question").click()
    expect_heading(page, "Add a helpful question")
    page.get_by_role("button", name="Add question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the question")
    assert_accessible(page)
    page.get_by_label("Question").fill("Who are the champions for our work?")
    page.get_by_role("button", name="Add question").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The helpful question has been added."
    )
    expect(page.locator("[data-helpful-question]")).to_contain_text(
        "Who are the champions for our work?"
    )

    # …and looks at removing the older theme, and thinks better of it.
    page.get_by_role("link", name="Remove the theme ‘Councillors as champions’").click()
    expect_heading(page, "Remove the theme ‘Councillors as champions’?")
    expect(page.get_by_text("No project is tagged with this theme.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    expect_heading(page, "Themes and helpful questions")
    assert ProgrammeTheme.objects.filter(programme=programme).count() == 2
    assert HelpfulQuestion.objects.filter(programme=programme).count() == 1

    # The consultant opens their project and tags it with the new theme.
    page.context.clear_cookies()
    sign_in(page, live_server, consultant.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:project', args=[project.pk])}")
    expect_heading(page, "Kirklees Council")
    expect(
        page.get_by_text("Not tagged with any of the programme’s cross-cutting themes yet.")
    ).to_be_visible()
    page.get_by_text("Helpful questions to ask").click()
    expect(page.get_by_text("Who are the champions for our work?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change themes of Kirklees Council’s project").click()
    expect_heading(page, "Which themes does Kirklees Council’s project speak to?")
    assert_accessible(page)
    page.get_by_label("Hearing young people’s voices").check()
    page.get_by_role("button", name="Save themes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The themes of Kirklees Council’s project are saved."
    )
    expect(page.locator("ul[data-project-themes]")).to_have_text("Hearing young people’s voices")
    assert_accessible(page)
    assert [theme.title for theme in project.themes.all()] == ["Hearing young people’s voices"]

    # The helpful questions are there as they write a progress update.
    page.get_by_role("link", name="Add a progress update").click()
    expect_heading(page, "Add a progress update")
    details = page.locator("[data-helpful-questions]")
    expect(details).to_contain_text("Helpful questions to ask")
    details.get_by_text("Helpful questions to ask").click()
    expect(details.get_by_text("Who are the champions for our work?")).to_be_visible()
    assert_accessible(page)

    # The manager sees the tag on the projects list.
    page.context.clear_cookies()
    sign_in(page, live_server, manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('cohort:projects', args=[programme.slug])}")
    expect(page.locator("[data-project-themes]")).to_have_text(
        "Themes: Hearing young people’s voices"
    )
    assert_accessible(page)
