"""Cross-cutting themes and helpful questions. Programme managers keep a programme's themes (unique
titles, in order) and its helpful questions; a removed theme is untagged from its projects. A
project's consultant, or a programme manager, tags the project with its programme's themes (never
another programme's); the themes show on the project page and the projects list, and the helpful
questions on the project page and the progress update form. Councils, reviewers and other
consultants are refused (403) or find nothing (404); a consultant may tag their project but not
manage the programme's themes."""

import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from accounts.models import User
from cohort.errors import ProjectError
from cohort.models import HelpfulQuestion, ProgrammeTheme, Project
from cohort.services.progress import assign_consultant
from cohort.services.themes import (
    add_helpful_question,
    add_theme,
    change_helpful_question,
    change_theme,
    move_helpful_question,
    move_theme,
    remove_helpful_question,
    remove_theme,
    set_project_themes,
)
from demo import data
from demo.loader import load_demo
from demo.themes import THEMES_BY_PROJECT_2018, load_themes_2018
from programmes.models import Programme
from tests.cohort.test_progress import make_project
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")


@pytest.fixture
def consultant():
    return UserFactory(role=StaffRole.CONSULTANT, name="Janet O'Consultant")


def theme(programme, title, *, position=None, description=""):
    if position is None:
        position = programme.themes.count()
    return ProgrammeTheme.objects.create(
        programme=programme, title=title, description=description, position=position
    )


def question(programme, text, *, position=None):
    if position is None:
        position = programme.helpful_questions.count()
    return HelpfulQuestion.objects.create(programme=programme, text=text, position=position)


def titles(programme) -> list[str]:
    return list(programme.themes.order_by("position", "pk").values_list("title", flat=True))


def texts(programme) -> list[str]:
    return list(
        programme.helpful_questions.order_by("position", "pk").values_list("text", flat=True)
    )


# --- Services: a programme's themes -------------------------------------------------------------


def test_themes_are_added_at_the_end_tidied(manager):
    programme = ProgrammeFactory()
    first = add_theme(programme_id=programme.pk, title="  Holistic   view ", by=manager)
    second = add_theme(
        programme_id=programme.pk,
        title="Councillors as champions",
        description="  Keeping it on the agenda.\n",
        by=manager,
    )
    assert (first.title, first.description, first.position) == ("Holistic view", "", 0)
    assert (second.description, second.position) == ("Keeping it on the agenda.", 1)
    assert titles(programme) == ["Holistic view", "Councillors as champions"]


@pytest.mark.parametrize(
    ("title", "description", "errors"),
    [
        (" \n ", "", {"title": ["Enter the theme’s title"]}),
        ("x" * 201, "", {"title": ["The title must be 200 characters or fewer"]}),
        (
            "",
            "d" * 2001,
            {
                "title": ["Enter the theme’s title"],
                "description": ["The description must be 2,000 characters or fewer"],
            },
        ),
    ],
)
def test_adding_a_theme_validates_before_writing(manager, title, description, errors):
    programme = ProgrammeFactory()
    with pytest.raises(ProjectError) as raised:
        add_theme(programme_id=programme.pk, title=title, description=description, by=manager)
    assert raised.value.message_dict == errors
    assert not ProgrammeTheme.objects.exists()


@pytest.mark.parametrize("title", ["Councillors as champions", "councillors  AS champions "])
def test_theme_titles_are_unique_in_a_programme_ignoring_case_and_spaces(manager, title):
    programme = ProgrammeFactory()
    theme(programme, "Councillors as champions")
    with pytest.raises(ProjectError) as raised:
        add_theme(programme_id=programme.pk, title=title, by=manager)
    assert raised.value.message_dict == {
        "title": [f"This programme already has a theme called ‘{' '.join(title.split())}’"]
    }
    assert titles(programme) == ["Councillors as champions"]
    # Another programme may have a theme of the same title.
    other = ProgrammeFactory()
    add_theme(programme_id=other.pk, title="Councillors as champions", by=manager)
    assert titles(other) == ["Councillors as champions"]


def test_changing_a_theme_keeps_its_place_and_projects_and_checks_the_title(manager):
    programme = ProgrammeFactory()
    first, second = theme(programme, "Holistic view"), theme(programme, "Young people's voices")
    project = make_project(programme)
    project.themes.add(second)
    changed = change_theme(
        theme_id=second.pk,
        title="Hearing young people's voices",
        description="Co-design.",
        by=manager,
    )
    assert (changed.title, changed.description, changed.position) == (
        "Hearing young people's voices",
        "Co-design.",
        1,
    )
    assert list(project.themes.all()) == [second]
    # Its own title, in other letters, is not a clash; another theme's is.
    change_theme(theme_id=first.pk, title="HOLISTIC VIEW", by=manager)
    with pytest.raises(ProjectError) as raised:
        change_theme(theme_id=first.pk, title="hearing young people's voices", by=manager)
    assert raised.value.message_dict == {
        "title": ["This programme already has a theme called ‘hearing young people's voices’"]
    }
    assert titles(programme) == ["HOLISTIC VIEW", "Hearing young people's voices"]


def test_removing_a_theme_untags_its_projects_and_keeps_the_rest(manager):
    programme = ProgrammeFactory()
    kept, removed = theme(programme, "Kept"), theme(programme, "Removed")
    first, second, untouched = (
        make_project(programme),
        make_project(programme),
        make_project(programme),
    )
    first.themes.add(kept, removed)
    second.themes.add(removed)
    assert remove_theme(theme_id=removed.pk, by=manager) == 2
    assert titles(programme) == ["Kept"]
    assert list(first.themes.all()) == [kept]
    assert list(second.themes.all()) == []
    assert list(untouched.themes.all()) == []
    assert Project.objects.count() == 3  # projects stay, only the tag goes
    assert remove_theme(theme_id=kept.pk, by=manager) == 1


def test_themes_move_up_and_down_and_are_numbered_again(manager):
    programme = ProgrammeFactory()
    a, b, c = (theme(programme, t, position=p) for t, p in [("A", 0), ("B", 5), ("C", 9)])
    assert move_theme(theme_id=c.pk, direction="up", by=manager) is True
    assert titles(programme) == ["A", "C", "B"]
    assert list(programme.themes.order_by("position").values_list("position", flat=True)) == [
        0,
        1,
        2,
    ]
    assert move_theme(theme_id=a.pk, direction="down", by=manager) is True
    assert titles(programme) == ["C", "A", "B"]
    # The first cannot go up, nor the last down.
    assert move_theme(theme_id=c.pk, direction="up", by=manager) is False
    assert move_theme(theme_id=b.pk, direction="down", by=manager) is False
    assert titles(programme) == ["C", "A", "B"]
    with pytest.raises(ProjectError):
        move_theme(theme_id=a.pk, direction="sideways", by=manager)


def test_new_themes_go_after_the_last_even_after_removals(manager):
    programme = ProgrammeFactory()
    a = add_theme(programme_id=programme.pk, title="A", by=manager)
    add_theme(programme_id=programme.pk, title="B", by=manager)
    remove_theme(theme_id=a.pk, by=manager)
    add_theme(programme_id=programme.pk, title="C", by=manager)
    assert titles(programme) == ["B", "C"]


@pytest.mark.parametrize("who", ["consultant", "reviewer", "council"])
def test_only_programme_managers_change_a_programmes_themes_and_questions(consultant, who):
    person = {
        "consultant": lambda: consultant,
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "council": council_user,
    }[who]()
    programme = ProgrammeFactory()
    existing, asked = theme(programme, "Existing"), question(programme, "Asked?")
    calls = [
        lambda: add_theme(programme_id=programme.pk, title="New", by=person),
        lambda: change_theme(theme_id=existing.pk, title="Changed", by=person),
        lambda: remove_theme(theme_id=existing.pk, by=person),
        lambda: move_theme(theme_id=existing.pk, direction="up", by=person),
        lambda: add_helpful_question(programme_id=programme.pk, text="New?", by=person),
        lambda: change_helpful_question(question_id=asked.pk, text="Changed?", by=person),
        lambda: remove_helpful_question(question_id=asked.pk, by=person),
        lambda: move_helpful_question(question_id=asked.pk, direction="up", by=person),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert titles(programme) == ["Existing"]
    assert texts(programme) == ["Asked?"]


# --- Services: helpful questions ----------------------------------------------------------------


def test_helpful_questions_are_added_changed_moved_and_removed(manager):
    programme = ProgrammeFactory()
    first = add_helpful_question(
        programme_id=programme.pk, text="  Who are the champions for our work?\n", by=manager
    )
    second = add_helpful_question(
        programme_id=programme.pk, text="How can we share risk?", by=manager
    )
    assert (first.text, first.position, second.position) == (
        "Who are the champions for our work?",
        0,
        1,
    )
    change_helpful_question(
        question_id=second.pk,
        text="How can we share risk appropriately across the partners?",
        by=manager,
    )
    assert move_helpful_question(question_id=second.pk, direction="up", by=manager) is True
    assert texts(programme) == [
        "How can we share risk appropriately across the partners?",
        "Who are the champions for our work?",
    ]
    remove_helpful_question(question_id=second.pk, by=manager)
    assert texts(programme) == ["Who are the champions for our work?"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (" ", "Enter the question"),
        ("q" * 1001, "The question must be 1,000 characters or fewer"),
        ("who are the  champions?", "This programme already has this question"),
    ],
)
def test_helpful_questions_are_validated_before_writing(manager, text, error):
    programme = ProgrammeFactory()
    existing = question(programme, "Who are the champions?")
    with pytest.raises(ProjectError) as raised:
        add_helpful_question(programme_id=programme.pk, text=text, by=manager)
    assert raised.value.message_dict == {"text": [error]}
    assert texts(programme) == ["Who are the champions?"]
    # Changing a question to its own words is not a duplicate.
    change_helpful_question(question_id=existing.pk, text="Who are the CHAMPIONS?", by=manager)


# --- Services: tagging a project ----------------------------------------------------------------


def test_a_project_is_tagged_with_exactly_the_themes_given(consultant):
    programme = ProgrammeFactory()
    a, b, c = theme(programme, "A"), theme(programme, "B"), theme(programme, "C")
    project = make_project(programme, consultant=consultant)
    assert set_project_themes(project_id=project.pk, theme_ids=[c.pk, a.pk], by=consultant) == [
        a,
        c,
    ]
    assert set(project.themes.all()) == {a, c}
    set_project_themes(project_id=project.pk, theme_ids=[str(b.pk)], by=consultant)
    assert list(project.themes.all()) == [b]
    set_project_themes(project_id=project.pk, theme_ids=[], by=consultant)
    assert list(project.themes.all()) == []


def test_another_programmes_themes_are_ignored(manager):
    programme = ProgrammeFactory()
    own = theme(programme, "Own")
    foreign = theme(ProgrammeFactory(), "Foreign")
    project = make_project(programme)
    assert set_project_themes(
        project_id=project.pk, theme_ids=[own.pk, foreign.pk, 999_999], by=manager
    ) == [own]
    assert list(project.themes.all()) == [own]
    assert list(foreign.projects.all()) == []


@pytest.mark.parametrize("who", ["other consultant", "former consultant", "reviewer", "council"])
def test_only_the_projects_consultant_or_a_manager_may_tag_it(consultant, manager, who):
    programme = ProgrammeFactory()
    tag = theme(programme, "Tag")
    project = make_project(programme, consultant=consultant)
    person = {
        "other consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "former consultant": lambda: consultant,
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "council": lambda: council_user(organisation=project.organisation),
    }[who]()
    if who == "former consultant":
        # Taken off the project after opening the page: checked again under the project's lock.
        assign_consultant(
            project_id=project.pk, consultant=UserFactory(role=StaffRole.CONSULTANT), by=manager
        )
    with pytest.raises(PermissionDenied):
        set_project_themes(project_id=project.pk, theme_ids=[tag.pk], by=person)
    assert list(project.themes.all()) == []
    set_project_themes(project_id=project.pk, theme_ids=[tag.pk], by=manager)
    assert list(project.themes.all()) == [tag]


@pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite has no row locks (it locks the whole database when writing)",
)
@pytest.mark.parametrize("service", ["add", "change", "remove", "move", "question", "tag"])
def test_services_lock_the_rows_they_change(manager, service):
    programme = ProgrammeFactory()
    a, b = theme(programme, "A"), theme(programme, "B")
    project = make_project(programme)
    calls = {
        "add": lambda: add_theme(programme_id=programme.pk, title="C", by=manager),
        "change": lambda: change_theme(theme_id=a.pk, title="A2", by=manager),
        "remove": lambda: remove_theme(theme_id=a.pk, by=manager),
        "move": lambda: move_theme(theme_id=b.pk, direction="up", by=manager),
        "question": lambda: add_helpful_question(programme_id=programme.pk, text="Q?", by=manager),
        "tag": lambda: set_project_themes(project_id=project.pk, theme_ids=[a.pk], by=manager),
    }
    with CaptureQueriesContext(connection) as queries:
        calls[service]()
    assert any("FOR UPDATE" in query["sql"] for query in queries)


# --- The themes page (programme managers) -------------------------------------------------------


def test_themes_page_lists_themes_with_their_projects_and_the_questions(client, manager):
    programme = ProgrammeFactory()
    holistic = theme(programme, "Holistic view", description="Seeing the whole child.")
    theme(programme, "Councillors as champions")
    make_project(programme).themes.add(holistic)
    make_project(programme).themes.add(holistic)
    question(programme, "Whose perspective are we taking?")
    question(programme, "Who are the champions for our work?")
    client.force_login(manager)
    page = client.get(reverse("cohort:themes", args=[programme.slug])).content.decode()
    assert "Themes and helpful questions" in page
    assert "2 themes" in page and "2 questions" in page
    assert page.index("Holistic view") < page.index("Councillors as champions")
    assert "Seeing the whole child." in page
    assert page.index("Whose perspective are we taking?") < page.index(
        "Who are the champions for our work?"
    )
    # Move buttons where a move is possible: the first has no "up", the last no "down".
    assert page.count(">Move up<") == 2 and page.count(">Move down<") == 2


def test_themes_page_says_when_there_are_none(client, manager):
    programme = ProgrammeFactory()
    client.force_login(manager)
    page = client.get(reverse("cohort:themes", args=[programme.slug])).content.decode()
    assert "There are no themes yet." in page
    assert "There are no helpful questions yet." in page


def test_manager_adds_a_theme_keeping_what_was_typed_on_an_error(client, manager):
    programme = ProgrammeFactory()
    theme(programme, "Councillors as champions")
    client.force_login(manager)
    url = reverse("cohort:add_theme", args=[programme.slug])
    assert "Add a theme" in client.get(url).content.decode()

    response = client.post(url, {"title": "", "description": "Kept as typed <b>."})
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_title">Enter the theme’s title</a>' in page
    assert "Kept as typed &lt;b&gt;." in page

    response = client.post(
        url, {"title": "councillors as champions", "description": "Kept as typed."}
    )
    page = response.content.decode()
    assert html.escape("This programme already has a theme called ‘councillors as champions’") in (
        page
    )
    assert 'value="councillors as champions"' in page and "Kept as typed." in page

    response = client.post(url, {"title": "Holistic view", "description": ""}, follow=True)
    new = programme.themes.get(title="Holistic view")
    assert response.redirect_chain == [
        (reverse("cohort:themes", args=[programme.slug]) + f"#theme-{new.pk}", 302)
    ]
    assert "The theme ‘Holistic view’ has been added." in response.content.decode()
    assert titles(programme) == ["Councillors as champions", "Holistic view"]


def test_manager_changes_a_theme(client, manager):
    programme = ProgrammeFactory()
    existing = theme(programme, "Holistic", description="Old.")
    client.force_login(manager)
    url = reverse("cohort:change_theme", args=[programme.slug, existing.pk])
    page = client.get(url).content.decode()
    assert "Change a theme" in page and 'value="Holistic"' in page and "Old." in page
    response = client.post(url, {"title": "Holistic view", "description": "New."}, follow=True)
    assert "The theme ‘Holistic view’ has been changed." in response.content.decode()
    existing.refresh_from_db()
    assert (existing.title, existing.description) == ("Holistic view", "New.")


def test_removing_a_theme_says_which_projects_lose_it(client, manager):
    programme = ProgrammeFactory()
    doomed = theme(programme, "Doomed")
    tagged = make_project(programme, organisation=OrganisationFactory(name="Kirklees Council"))
    tagged.themes.add(doomed)
    client.force_login(manager)
    url = reverse("cohort:remove_theme", args=[programme.slug, doomed.pk])
    page = client.get(url).content.decode()
    assert "Remove the theme ‘Doomed’?" in page
    assert "1 project is tagged with this theme. It will no longer have it:" in page
    assert "<li>Kirklees Council</li>" in page
    response = client.post(url, follow=True)
    assert "The theme ‘Doomed’ has been removed. 1 project no longer has it." in (
        response.content.decode()
    )
    assert not programme.themes.exists()
    assert list(tagged.themes.all()) == []


def test_removing_an_untagged_theme_says_so(client, manager):
    programme = ProgrammeFactory()
    lonely = theme(programme, "Lonely")
    client.force_login(manager)
    url = reverse("cohort:remove_theme", args=[programme.slug, lonely.pk])
    assert "No project is tagged with this theme." in client.get(url).content.decode()


def test_manager_moves_themes_and_questions_on_the_page(client, manager):
    programme = ProgrammeFactory()
    a, b = theme(programme, "A"), theme(programme, "B")
    q1 = question(programme, "One?")
    question(programme, "Two?")
    client.force_login(manager)
    response = client.post(
        reverse("cohort:move_theme", args=[programme.slug, b.pk]), {"direction": "up"}
    )
    assert response.url == reverse("cohort:themes", args=[programme.slug]) + f"#theme-{b.pk}"
    client.post(
        reverse("cohort:move_helpful_question", args=[programme.slug, q1.pk]),
        {"direction": "down"},
    )
    assert titles(programme) == ["B", "A"]
    assert texts(programme) == ["Two?", "One?"]
    response = client.post(
        reverse("cohort:move_theme", args=[programme.slug, a.pk]),
        {"direction": "nowhere"},
        follow=True,
    )
    assert "Choose whether to move the theme up or down." in response.content.decode()
    assert client.get(reverse("cohort:move_theme", args=[programme.slug, a.pk])).status_code == (
        405
    )


def test_manager_adds_changes_and_removes_a_helpful_question(client, manager):
    programme = ProgrammeFactory()
    question(programme, "Who are the champions?")
    client.force_login(manager)
    url = reverse("cohort:add_helpful_question", args=[programme.slug])
    page = client.post(url, {"text": ""}).content.decode()
    assert '<a href="#id_text">Enter the question</a>' in page
    page = client.post(url, {"text": "WHO are the champions?"}).content.decode()
    assert "This programme already has this question" in page
    assert "WHO are the champions?" in page
    response = client.post(url, {"text": "How can we share risk?"}, follow=True)
    assert "The helpful question has been added." in response.content.decode()
    added = programme.helpful_questions.get(text="How can we share risk?")

    url = reverse("cohort:change_helpful_question", args=[programme.slug, added.pk])
    assert "How can we share risk?" in client.get(url).content.decode()
    client.post(url, {"text": "How can we share risk across the partners?"})
    added.refresh_from_db()
    assert added.text == "How can we share risk across the partners?"

    url = reverse("cohort:remove_helpful_question", args=[programme.slug, added.pk])
    page = client.get(url).content.decode()
    assert "Remove this helpful question?" in page
    assert "How can we share risk across the partners?" in page
    response = client.post(url, follow=True)
    assert "The helpful question has been removed." in response.content.decode()
    assert texts(programme) == ["Who are the champions?"]


def test_another_programmes_theme_or_question_is_a_404(client, manager):
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    foreign, asked = theme(other, "Foreign"), question(other, "Foreign?")
    client.force_login(manager)
    for name, pk in [
        ("change_theme", foreign.pk),
        ("remove_theme", foreign.pk),
        ("change_helpful_question", asked.pk),
        ("remove_helpful_question", asked.pk),
    ]:
        url = reverse(f"cohort:{name}", args=[programme.slug, pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Stolen", "text": "Stolen?"}).status_code == 404
    for name, pk in [("move_theme", foreign.pk), ("move_helpful_question", asked.pk)]:
        url = reverse(f"cohort:{name}", args=[programme.slug, pk])
        assert client.post(url, {"direction": "up"}).status_code == 404
    assert titles(other) == ["Foreign"] and texts(other) == ["Foreign?"]


# --- Tagging a project on its page --------------------------------------------------------------


def test_consultant_tags_their_project_and_sees_the_themes(client, consultant):
    programme = ProgrammeFactory()
    holistic = theme(programme, "Holistic view", description="Seeing the whole child.")
    voices = theme(programme, "Young people's voices")
    theme(ProgrammeFactory(), "Another programme's theme")
    project = make_project(
        programme, consultant=consultant, organisation=OrganisationFactory(name="Kirklees Council")
    )
    client.force_login(consultant)
    project_url = reverse("cohort:project", args=[project.pk])
    page = client.get(project_url).content.decode()
    assert "Not tagged with any of the programme’s cross-cutting themes yet." in page
    url = reverse("cohort:project_themes", args=[project.pk])
    assert f'href="{url}"' in page

    page = client.get(url).content.decode()
    assert html.escape("Which themes does Kirklees Council’s project speak to?") in page
    assert "Seeing the whole child." in page
    assert html.escape("Young people's voices") in page
    assert html.escape("Another programme's theme") not in page

    response = client.post(url, {"themes": [str(voices.pk), str(holistic.pk)]}, follow=True)
    assert response.redirect_chain == [(project_url + "#themes", 302)]
    page = response.content.decode()
    assert html.escape("The themes of Kirklees Council’s project are saved.") in page
    assert page.index("<li>Holistic view</li>") < page.index(
        f"<li>{html.escape(voices.title)}</li>"
    )
    assert set(project.themes.all()) == {holistic, voices}
    # The checkboxes show what is ticked now; untick everything.
    assert "checked" in client.get(url).content.decode()
    client.post(url, {})
    assert list(project.themes.all()) == []


def test_tagging_with_a_theme_removed_meanwhile_asks_again_keeping_the_ticks(client, consultant):
    programme = ProgrammeFactory()
    kept, gone = theme(programme, "Kept"), theme(programme, "Gone")
    project = make_project(programme, consultant=consultant)
    gone_pk = gone.pk
    gone.delete()
    client.force_login(consultant)
    url = reverse("cohort:project_themes", args=[project.pk])
    page = client.post(url, {"themes": [str(kept.pk), str(gone_pk)]}).content.decode()
    assert "A theme you selected has been removed from the programme." in page
    assert re.search(rf'value="{kept.pk}"\s+checked="checked"', page)
    assert list(project.themes.all()) == []


def test_tagging_page_when_the_programme_has_no_themes(client, consultant, manager):
    project = make_project(consultant=consultant)
    url = reverse("cohort:project_themes", args=[project.pk])
    client.force_login(consultant)
    page = client.get(url).content.decode()
    assert "has no cross-cutting themes yet. A programme manager adds them." in page
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert reverse("cohort:themes", args=[project.programme.slug]) in page


def test_projects_list_shows_each_projects_themes(client, manager):
    programme = ProgrammeFactory()
    a, b = theme(programme, "Holistic view"), theme(programme, "Councillors as champions")
    make_project(programme).themes.add(b, a)
    make_project(programme)
    client.force_login(manager)
    page = client.get(reverse("cohort:projects", args=[programme.slug])).content.decode()
    assert "Themes: Holistic view; Councillors as champions" in page
    assert page.count("Themes: ") == 1


def test_helpful_questions_show_on_the_project_page_and_progress_form(client, consultant):
    programme = ProgrammeFactory()
    question(programme, "Who are the champions for our work?")
    question(programme, "Whose perspective are we taking?")
    question(ProgrammeFactory(), "Another programme's question?")
    project = make_project(programme, consultant=consultant)
    client.force_login(consultant)
    for url in [
        reverse("cohort:project", args=[project.pk]),
        reverse("cohort:add_progress_update", args=[project.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Helpful questions to ask" in page
        assert '<details class="govuk-details" data-helpful-questions>' in page
        assert page.index("Who are the champions for our work?") < page.index(
            "Whose perspective are we taking?"
        )
        assert html.escape("Another programme's question?") not in page
    # A programme without helpful questions shows no empty details component.
    bare = make_project(consultant=consultant)
    for url in [
        reverse("cohort:project", args=[bare.pk]),
        reverse("cohort:add_progress_update", args=[bare.pk]),
    ]:
        assert "Helpful questions to ask" not in client.get(url).content.decode()


# --- Permissions: every new view, every role ----------------------------------------------------

ROLES = ["anonymous", "council", "reviewer", "consultant", "other_consultant", "manager"]


@pytest.fixture
def world(consultant, manager):
    programme = ProgrammeFactory()
    secret = theme(programme, "A secret theme")
    asked = question(programme, "A secret question?")
    project = make_project(programme, consultant=consultant)
    project.themes.add(secret)
    return {
        "programme": programme,
        "theme": secret,
        "question": asked,
        "project": project,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=project.organisation),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def manage_urls(w) -> dict[str, str]:
    slug, t, q = w["programme"].slug, w["theme"].pk, w["question"].pk
    return {
        "themes": reverse("cohort:themes", args=[slug]),
        "add_theme": reverse("cohort:add_theme", args=[slug]),
        "change_theme": reverse("cohort:change_theme", args=[slug, t]),
        "remove_theme": reverse("cohort:remove_theme", args=[slug, t]),
        "add_helpful_question": reverse("cohort:add_helpful_question", args=[slug]),
        "change_helpful_question": reverse("cohort:change_helpful_question", args=[slug, q]),
        "remove_helpful_question": reverse("cohort:remove_helpful_question", args=[slug, q]),
    }


MANAGE = {
    "council": 403,
    "reviewer": 403,
    "consultant": 403,  # the project's consultant tags it, but does not keep the programme's list
    "other_consultant": 403,
    "manager": 200,
}
TAG = {
    "council": 403,
    "reviewer": 403,
    "consultant": 200,
    "other_consultant": 404,
    "manager": 200,
}


def assert_refused(client, url, role, expected, *, post=None):
    response = client.post(url, post) if post is not None else client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        return
    assert response.status_code == expected
    if expected != 200:
        page = response.content.decode()
        assert "A secret theme" not in page and "A secret question?" not in page


MANAGE_VIEWS = [
    "themes",
    "add_theme",
    "change_theme",
    "remove_theme",
    "add_helpful_question",
    "change_helpful_question",
    "remove_helpful_question",
]


@pytest.mark.parametrize("view", MANAGE_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_manage_pages_for_every_role(client, world, view, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    assert_refused(client, manage_urls(world)[view], role, MANAGE.get(role))


@pytest.mark.parametrize("role", ROLES)
def test_tagging_page_for_every_role(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    url = reverse("cohort:project_themes", args=[world["project"].pk])
    assert_refused(client, url, role, TAG.get(role))


@pytest.mark.parametrize(
    "role", ["anonymous", "council", "reviewer", "consultant", "other_consultant"]
)
def test_nobody_but_a_manager_changes_the_programmes_lists(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    urls = manage_urls(world)
    slug, t, q = world["programme"].slug, world["theme"].pk, world["question"].pk
    posts = [
        (urls["add_theme"], {"title": "Hijack"}),
        (urls["change_theme"], {"title": "Hijacked"}),
        (urls["remove_theme"], {}),
        (reverse("cohort:move_theme", args=[slug, t]), {"direction": "down"}),
        (urls["add_helpful_question"], {"text": "Hijack?"}),
        (urls["change_helpful_question"], {"text": "Hijacked?"}),
        (urls["remove_helpful_question"], {}),
        (reverse("cohort:move_helpful_question", args=[slug, q]), {"direction": "down"}),
    ]
    for url, data_ in posts:
        assert_refused(client, url, role, 403, post=data_)
    assert titles(world["programme"]) == ["A secret theme"]
    assert texts(world["programme"]) == ["A secret question?"]


@pytest.mark.parametrize("role", ["anonymous", "council", "reviewer", "other_consultant"])
def test_nobody_else_tags_the_project(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    url = reverse("cohort:project_themes", args=[world["project"].pk])
    assert_refused(client, url, role, TAG[role] if role != "anonymous" else None, post={})
    assert list(world["project"].themes.all()) == [world["theme"]]


@pytest.mark.parametrize("role", ["consultant", "manager"])
def test_the_projects_consultant_and_managers_tag_it(client, world, role):
    client.force_login(world["users"][role])
    url = reverse("cohort:project_themes", args=[world["project"].pk])
    assert client.post(url, {}).status_code == 302
    assert list(world["project"].themes.all()) == []


def test_the_move_buttons_answer_a_manager_with_a_redirect(client, world):
    client.force_login(world["users"]["manager"])
    slug = world["programme"].slug
    for name, pk in [
        ("move_theme", world["theme"].pk),
        ("move_helpful_question", world["question"].pk),
    ]:
        response = client.post(reverse(f"cohort:{name}", args=[slug, pk]), {"direction": "up"})
        assert response.status_code == 302


# --- Query counts -------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_run_the_same_queries_with_one_theme_or_several(client, manager):
    programme = ProgrammeFactory()
    project = make_project(programme, consultant=manager)
    manager.groups.add(*UserFactory(role=StaffRole.CONSULTANT).groups.all())

    def add(n):
        for _ in range(n):
            added = theme(programme, f"Theme {programme.themes.count()}")
            question(programme, f"Question {programme.helpful_questions.count()}?")
            project.themes.add(added)
            make_project(programme).themes.add(added)

    urls = [
        reverse("cohort:themes", args=[programme.slug]),
        reverse("cohort:project", args=[project.pk]),
        reverse("cohort:project_themes", args=[project.pk]),
        reverse("cohort:projects", args=[programme.slug]),
        reverse("cohort:add_progress_update", args=[project.pk]),
    ]
    add(1)
    client.force_login(manager)
    one = [count_queries(client, url) for url in urls]
    add(4)
    several = [count_queries(client, url) for url in urls]
    # Session, user and groups (3); then the programme, its themes with their project counts and
    # its helpful questions (3); or the project page (8, see tests/programmes/test_progress.py);
    # or the project with its themes, and the programme's themes (3); or the projects list (3);
    # or the progress update form (3).
    # The project page also shows programme managers its change history (1).
    assert one == several == [6, 12, 6, 6, 6]


def test_remove_theme_page_runs_the_same_queries_with_one_project_or_several(client, manager):
    programme = ProgrammeFactory()
    doomed = theme(programme, "Doomed")
    make_project(programme).themes.add(doomed)
    client.force_login(manager)
    url = reverse("cohort:remove_theme", args=[programme.slug, doomed.pk])
    one = count_queries(client, url)
    for _ in range(4):
        make_project(programme).themes.add(doomed)
    # Session, user and groups (3); the programme, the theme and its projects with their councils.
    assert one == count_queries(client, url) == 6


# --- The demo -----------------------------------------------------------------------------------


def test_the_demo_loads_the_2018_themes_questions_and_tags_once(manager):
    programme = ProgrammeFactory()
    projects = {
        name: make_project(programme, organisation=OrganisationFactory(name=name))
        for name in THEMES_BY_PROJECT_2018
    }
    load_themes_2018(programme, by=manager)
    load_themes_2018(programme, by=manager)  # twice: nothing doubled

    assert titles(programme) == [t["title"] for t in data.THEMES_2018]
    assert texts(programme) == data.HELPFUL_QUESTIONS_2018
    assert (
        programme.themes.get(title="Councillors as champions").description
        == (data.THEMES_2018[3]["description"])
    )

    def tagged(name):
        return list(projects[name].themes.values_list("title", flat=True))

    holistic, voices, workforce, councillors, change = titles(programme)
    assert tagged("Barnsley Metropolitan Borough Council") == [change]
    assert tagged("Durham County Council") == [workforce]
    assert tagged("Essex County Council") == [change]
    assert tagged("Kirklees Council") == [voices, workforce]
    assert tagged("London Borough of Lewisham") == [holistic]
    assert tagged("Lincolnshire County Council") == [holistic]
    assert tagged("Surrey County Council") == [holistic, voices, workforce, change]
    assert tagged("Warwickshire County Council") == [workforce]
    # The report names no council for the councillors theme.
    assert not programme.themes.get(title=councillors).projects.exists()
    assert Project.themes.through.objects.count() == 12


def test_the_demo_keeps_a_managers_changes_to_a_projects_themes(manager):
    programme = ProgrammeFactory()
    surrey = make_project(programme, organisation=OrganisationFactory(name="Surrey County Council"))
    load_themes_2018(programme, by=manager)
    only = programme.themes.get(title=data.THEMES_2018[0]["title"])
    set_project_themes(project_id=surrey.pk, theme_ids=[only.pk], by=manager)
    load_themes_2018(programme, by=manager)
    assert list(surrey.themes.all()) == [only]
    assert programme.themes.count() == 5 and programme.helpful_questions.count() == 6


def test_the_demo_tags_the_eight_selected_2018_councils_by_their_demo_names():
    selected = {
        application["organisation"]
        for application in data.APPLICATIONS_2018
        if application["outcome_2018"] == "selected"
    }
    assert set(THEMES_BY_PROJECT_2018) == selected


def test_the_demo_themes_load_on_the_real_demo_programme():
    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    manager = User.objects.get(email="manager@example.org")
    load_themes_2018(programme, by=manager)
    load_themes_2018(programme, by=manager)
    assert programme.themes.count() == 5 and programme.helpful_questions.count() == 6
    assert sorted(
        programme.projects.filter(themes__isnull=False)
        .distinct()
        .values_list("organisation__name", flat=True)
    ) == sorted(THEMES_BY_PROJECT_2018)
    assert Project.themes.through.objects.filter(project__programme=programme).count() == 12
