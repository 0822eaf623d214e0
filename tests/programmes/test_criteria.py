"""Scoring criteria: a programme manager lists, adds, changes and deletes them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from programmes.models import ScoringCriterion
from tests.factories import ProgrammeFactory, UserFactory
from tests.review_factories import CriterionScoreFactory, ScoringCriterionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def criterion_data(**overrides) -> dict:
    data = {
        "title": "Clarity of the key question",
        "description": "Is the question specific and local?",
        "weight": "2",
        "strong": "Specific, local and answerable in the programme.",
        "satisfactory": "Clear but general.",
        "poor": "No real question.",
        "position": "",
    }
    data.update(overrides)
    return data


def test_criteria_page_lists_the_programmes_criteria_in_order(manager_client):
    programme = ProgrammeFactory()
    ScoringCriterionFactory(programme=programme, title="Second", position=2, weight=1)
    ScoringCriterionFactory(programme=programme, title="First", position=1, weight=3)
    ScoringCriterionFactory(title="Another programme's")

    response = manager_client.get(reverse("programmes:criteria", args=[programme.slug]))

    assert [c.title for c in response.context["criteria"]] == ["First", "Second"]
    page = response.content.decode()
    assert "2 criteria, total weight 4" in page
    assert "Another programme" not in page
    assert reverse("programmes:criteria", args=[programme.slug]) in page  # the Assessment tab


def test_add_a_criterion_goes_last(manager_client):
    programme = ProgrammeFactory()
    ScoringCriterionFactory(programme=programme, position=4)

    response = manager_client.post(
        reverse("programmes:criterion_create", args=[programme.slug]), criterion_data()
    )

    assert response.url == reverse("programmes:criteria", args=[programme.slug])
    criterion = programme.scoring_criteria.get(title="Clarity of the key question")
    assert (criterion.weight, criterion.position) == (2, 5)
    assert criterion.strong == "Specific, local and answerable in the programme."
    page = manager_client.get(response.url).content.decode()
    assert "‘Clarity of the key question’ has been saved." in page


def test_change_a_criterion(manager_client):
    criterion = ScoringCriterionFactory(title="Old", weight=1, position=0)
    url = reverse("programmes:criterion_edit", args=[criterion.programme.slug, criterion.pk])

    assert "Old" in manager_client.get(url).content.decode()
    manager_client.post(url, criterion_data(title="New", weight="5", position="3"))

    criterion.refresh_from_db()
    assert (criterion.title, criterion.weight, criterion.position) == ("New", 5, 3)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the criterion"),
        ({"weight": ""}, "Enter the weight"),
        ({"weight": "0"}, "The weight must be 1 or more"),
        ({"weight": "1.5"}, "Enter the weight as a whole number, like 2"),
        ({"weight": "two"}, "Enter the weight as a whole number, like 2"),
        ({"position": "-1"}, "The order must be 0 or more"),
        ({"title": "already here"}, "This programme already has a criterion with this name"),
    ],
)
def test_criterion_form_errors(manager_client, overrides, message):
    programme = ProgrammeFactory()
    ScoringCriterionFactory(programme=programme, title="Already here")

    response = manager_client.post(
        reverse("programmes:criterion_create", args=[programme.slug]), criterion_data(**overrides)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert programme.scoring_criteria.count() == 1


def test_the_same_title_is_fine_in_another_programme(manager_client):
    ScoringCriterionFactory(title="Clarity of the key question")
    programme = ProgrammeFactory()
    manager_client.post(
        reverse("programmes:criterion_create", args=[programme.slug]), criterion_data()
    )
    assert programme.scoring_criteria.count() == 1


def test_delete_a_criterion_nobody_has_used(manager_client):
    criterion = ScoringCriterionFactory(title="Unused")
    url = reverse("programmes:criterion_delete", args=[criterion.programme.slug, criterion.pk])

    assert "Delete ‘Unused’?" in manager_client.get(url).content.decode()
    response = manager_client.post(url)

    assert response.url == reverse("programmes:criteria", args=[criterion.programme.slug])
    assert not ScoringCriterion.objects.filter(pk=criterion.pk).exists()


def test_deleting_a_criterion_with_scores_is_refused(manager_client):
    score = CriterionScoreFactory()
    criterion = score.criterion
    url = reverse("programmes:criterion_delete", args=[criterion.programme.slug, criterion.pk])

    response = manager_client.post(url, follow=True)

    assert ScoringCriterion.objects.filter(pk=criterion.pk).exists()
    assert "cannot be deleted: reviewers have already scored" in response.content.decode()


def test_a_criterion_of_another_programme_is_not_found(manager_client):
    criterion = ScoringCriterionFactory()
    other = ProgrammeFactory()
    for name in ["criterion_edit", "criterion_delete"]:
        url = reverse(f"programmes:{name}", args=[other.slug, criterion.pk])
        assert manager_client.get(url).status_code == 404
        assert manager_client.post(url, criterion_data()).status_code == 404
    assert ScoringCriterion.objects.filter(pk=criterion.pk).exists()


def test_criterion_text_is_escaped(manager_client):
    criterion = ScoringCriterionFactory(
        title="<script>alert(1)</script>", description="<b>bold</b>"
    )
    page = manager_client.get(
        reverse("programmes:criteria", args=[criterion.programme.slug])
    ).content.decode()
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("role", [StaffRole.REVIEWER, StaffRole.CONSULTANT, None])
def test_only_programme_managers_change_criteria(client, role):
    criterion = ScoringCriterionFactory()
    client.force_login(UserFactory(role=role))
    slug = criterion.programme.slug
    posts = [
        reverse("programmes:criterion_create", args=[slug]),
        reverse("programmes:criterion_edit", args=[slug, criterion.pk]),
        reverse("programmes:criterion_delete", args=[slug, criterion.pk]),
    ]
    for url in posts:
        assert client.post(url, criterion_data(title="Hijack")).status_code == 403
    criterion.refresh_from_db()
    assert criterion.title != "Hijack"


def test_criteria_page_queries(manager_client):
    programme = ProgrammeFactory()
    url = reverse("programmes:criteria", args=[programme.slug])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(url).status_code == 200
        return len(queries)

    ScoringCriterionFactory(programme=programme)
    one = count()
    ScoringCriterionFactory.create_batch(4, programme=programme)
    assert (one, count()) == (6, 6)
