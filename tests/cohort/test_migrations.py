"""The cohort's models moved from `programmes` (cohort 0001, applications 0005, programmes 0008)
with their tables and content types: a database made before the move migrates forward with every
row kept, and the outbox's generic links still find what they point at. Runs on SQLite here and
on PostgreSQL in CI."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cohort.models import LearningDayInvitation, ProgressUpdate, Project
from notifications.models import OutboundEmail
from tests.factories import restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [
    ("programmes", "0007_themes_and_helpful_questions"),
    ("applications", "0004_information_request_status_before"),
    ("cohort", None),
]
MOVED = [
    "project",
    "projectmember",
    "learningday",
    "learningdayinvitation",
    "progressupdate",
    "actionplanitem",
    "candidatevenue",
    "programmetheme",
    "helpfulquestion",
]


def migrate(targets):
    """Migrate to `targets`; return the historical models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    graph = MigrationExecutor(connection).loader.graph
    wanted = {app for app, name in targets}
    nodes = [node for node in graph.leaf_nodes() if node[0] not in wanted]
    nodes += [(app, name) for app, name in targets if name]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move():
    """The database as it was before the move; put back at the latest migrations afterwards."""
    restore_reference_data()  # an earlier transactional test may have flushed it
    old_apps = migrate(BEFORE_THE_MOVE)
    yield old_apps
    migrate(latest())
    restore_reference_data()


def test_rows_and_content_types_survive_the_move(before_the_move):
    """Rows written before the move, and the outbox's links to them, are all there after it, under
    the same content type ids now labelled `cohort`."""
    old = before_the_move
    ContentTypeThen = old.get_model("contenttypes", "ContentType")
    for model in MOVED:
        ContentTypeThen.objects.get_or_create(app_label="programmes", model=model)
    type_ids = {
        model: ContentTypeThen.objects.get(app_label="programmes", model=model).pk
        for model in MOVED
    }
    assert not ContentTypeThen.objects.filter(app_label="cohort", model__in=MOVED).exists()

    organisation = old.get_model("programmes", "Organisation").objects.create(
        name="Oldshire County Council", kind="county", region="north_west"
    )
    programme = old.get_model("programmes", "Programme").objects.create(
        title="Before the move",
        slug="before-the-move",
        opens_at="2018-01-01T09:00:00Z",
        closes_at="2018-02-16T17:00:00Z",
        decisions_due="2018-02-23",
        runs_from="2018-03-01",
        runs_until="2018-07-31",
    )
    project = old.get_model("programmes", "Project").objects.create(
        programme=programme, organisation=organisation, key_question="How?"
    )
    project.thrive_categories.set(
        old.get_model("programmes", "ThriveCategory").objects.filter(slug="getting_help")
    )
    old.get_model("programmes", "ProjectMember").objects.create(
        project=project, position=1, name="Ann", email="ann@example.org"
    )
    day = old.get_model("programmes", "LearningDay").objects.create(
        programme=programme,
        sequence=1,
        title="Learning day 1",
        starts_at="2018-03-12T10:00:00Z",
        ends_at="2018-03-12T16:00:00Z",
        venue_name="Local Government House",
    )
    invitation = old.get_model("programmes", "LearningDayInvitation").objects.create(
        learning_day=day, project=project, name="Ann", email="ann@example.org"
    )
    update = old.get_model("programmes", "ProgressUpdate").objects.create(
        project=project, status="green", summary="On track."
    )
    theme = old.get_model("programmes", "ProgrammeTheme").objects.create(
        programme=programme, title="Councillors as champions"
    )
    project.themes.set([theme])
    application = old.get_model("applications", "Application").objects.create(
        programme=programme, organisation=organisation, project=project
    )
    Email = old.get_model("notifications", "OutboundEmail")
    for related_model, related_id in [
        ("learningdayinvitation", invitation.pk),
        ("progressupdate", update.pk),
        ("project", project.pk),
    ]:
        Email.objects.create(
            kind="test",
            to_email="ann@example.org",
            subject=related_model,
            body_text="Hello",
            reason="Test",
            related_type_id=type_ids[related_model],
            related_id=related_id,
        )

    migrate(latest())

    for model in MOVED:
        moved = ContentType.objects.get(app_label="cohort", model=model)
        assert moved.pk == type_ids[model]
        assert moved.model_class()._meta.app_label == "cohort"
    assert not ContentType.objects.filter(app_label="programmes", model__in=MOVED).exists()

    project_now = Project.objects.get(pk=project.pk)
    assert project_now.key_question == "How?"
    assert [m.name for m in project_now.team.all()] == ["Ann"]
    assert [c.slug for c in project_now.thrive_categories.all()] == ["getting_help"]
    assert [t.title for t in project_now.themes.all()] == ["Councillors as champions"]
    assert project_now.application.pk == application.pk
    assert LearningDayInvitation.objects.get(pk=invitation.pk).learning_day.title == (
        "Learning day 1"
    )
    emails = {e.subject: e.related for e in OutboundEmail.objects.filter(kind="test")}
    assert emails == {
        "learningdayinvitation": LearningDayInvitation.objects.get(pk=invitation.pk),
        "progressupdate": ProgressUpdate.objects.get(pk=update.pk),
        "project": project_now,
    }
