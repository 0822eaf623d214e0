"""The cohort's delivery moves here from `programmes` (issue 16): projects, learning days,
venues, invitations, progress updates, action plans, themes and helpful questions. The models
keep their tables, so no row moves; their content types are relabelled in place, so everything
keyed by content type (the outbox's `related`, permissions, the admin's log) keeps pointing at
them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = [
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


def move_content_types(apps, schema_editor):
    """Relabel the moved models' content types in place (same ids), rather than letting
    Django create new ones after migrating: the outbox's generic `related` links, permissions
    and admin log entries refer to these ids."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # A database where the cohort's content types were already created (say, by an earlier run
    # of this branch) keeps the older rows, which are the ones things point at.
    for model in MOVED_MODELS:
        old = ContentType.objects.using(db).filter(app_label="programmes", model=model)
        if old.exists():
            ContentType.objects.using(db).filter(app_label="cohort", model=model).delete()
            old.update(app_label="cohort")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        new = ContentType.objects.using(db).filter(app_label="cohort", model=model)
        if new.exists():
            ContentType.objects.using(db).filter(app_label="programmes", model=model).delete()
            new.update(app_label="programmes")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0007_themes_and_helpful_questions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (Meta.db_table): only Django's idea of which app
            # holds the models changes.
            state_operations=[
                migrations.CreateModel(
                    name="HelpfulQuestion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField(default=0)),
                        ("text", models.TextField()),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="helpful_questions",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_helpfulquestion",
                        "ordering": ["programme", "position", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="LearningDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "sequence",
                            models.PositiveSmallIntegerField(
                                help_text="1 for the first learning day."
                            ),
                        ),
                        (
                            "title",
                            models.CharField(
                                help_text="For example, “Learning day 1”.", max_length=200
                            ),
                        ),
                        ("starts_at", models.DateTimeField()),
                        ("ends_at", models.DateTimeField()),
                        ("venue_name", models.CharField(blank=True, max_length=200)),
                        ("venue_address", models.TextField(blank=True)),
                        (
                            "venue_latitude",
                            models.DecimalField(
                                blank=True, decimal_places=5, max_digits=8, null=True
                            ),
                        ),
                        (
                            "venue_longitude",
                            models.DecimalField(
                                blank=True, decimal_places=5, max_digits=8, null=True
                            ),
                        ),
                        ("online_link", models.URLField(blank=True)),
                        ("agenda", models.TextField(blank=True)),
                        ("is_cancelled", models.BooleanField(default=False)),
                        (
                            "calendar_sequence",
                            models.PositiveIntegerField(
                                default=0,
                                help_text="iCalendar SEQUENCE: raised each time a change is sent to the invitees, so their calendars replace the event rather than add another.",
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="learning_days",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_learningday",
                        "ordering": ["programme", "sequence"],
                    },
                ),
                migrations.CreateModel(
                    name="CandidateVenue",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("address", models.TextField(blank=True)),
                        ("latitude", models.DecimalField(decimal_places=5, max_digits=8)),
                        ("longitude", models.DecimalField(decimal_places=5, max_digits=8)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "learning_day",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="candidate_venues",
                                to="cohort.learningday",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_candidatevenue",
                        "ordering": ["learning_day", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="ProgrammeTheme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField(default=0)),
                        ("title", models.CharField(max_length=200)),
                        ("description", models.TextField(blank=True)),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="themes",
                                to="programmes.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_programmetheme",
                        "ordering": ["programme", "position", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Project",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "key_question",
                            models.TextField(
                                help_text="As the council asked it in its application."
                            ),
                        ),
                        ("refined_key_question", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "consultant",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="consulted_projects",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="projects",
                                to="programmes.organisation",
                            ),
                        ),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="projects",
                                to="programmes.programme",
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                blank=True,
                                help_text="The programme's cross-cutting themes this project speaks to.",
                                related_name="projects",
                                to="cohort.programmetheme",
                            ),
                        ),
                        (
                            "thrive_categories",
                            models.ManyToManyField(
                                blank=True, related_name="+", to="programmes.thrivecategory"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_project",
                        "ordering": ["organisation__name"],
                    },
                ),
                migrations.CreateModel(
                    name="ProgressUpdate",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("green", "Green: on track"),
                                    ("amber", "Amber: some concerns"),
                                    ("red", "Red: at risk"),
                                ],
                                max_length=10,
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(help_text="What has happened since the last update."),
                        ),
                        ("next_steps", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "written_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="progress_updates",
                                to="cohort.project",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_progressupdate",
                        "ordering": ["project", "-created_at"],
                        "get_latest_by": "created_at",
                    },
                ),
                migrations.CreateModel(
                    name="LearningDayInvitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        (
                            "email",
                            models.EmailField(
                                help_text="Stored in lower case: one invitation per address.",
                                max_length=254,
                            ),
                        ),
                        ("role", models.CharField(blank=True, max_length=200)),
                        (
                            "answer",
                            models.CharField(
                                choices=[
                                    ("awaiting", "Not answered yet"),
                                    ("accepted", "Coming"),
                                    ("declined", "Not coming"),
                                    ("sent_someone_else", "Sending someone else"),
                                ],
                                default="awaiting",
                                max_length=20,
                            ),
                        ),
                        ("access_needs", models.TextField(blank=True)),
                        ("dietary_needs", models.TextField(blank=True)),
                        ("answered_at", models.DateTimeField(blank=True, null=True)),
                        ("invited_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "attendance",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Not recorded"),
                                    ("present", "Present"),
                                    ("absent", "Absent"),
                                    ("apologies", "Sent apologies"),
                                ],
                                default="",
                                max_length=20,
                            ),
                        ),
                        ("attendance_recorded_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "learning_day",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="invitations",
                                to="cohort.learningday",
                            ),
                        ),
                        (
                            "substitute_for",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="substitutes",
                                to="cohort.learningdayinvitation",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="learning_day_invitations",
                                to="cohort.project",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_learningdayinvitation",
                        "ordering": ["learning_day", "project__organisation__name", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="ActionPlanItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("action", models.TextField()),
                        (
                            "owner",
                            models.CharField(
                                help_text="Who will do it: a name or a role.", max_length=200
                            ),
                        ),
                        ("due_on", models.DateField(blank=True, null=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("not_started", "Not started"),
                                    ("in_progress", "In progress"),
                                    ("done", "Done"),
                                ],
                                default="not_started",
                                max_length=20,
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField(default=0)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="action_plan",
                                to="cohort.project",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_actionplanitem",
                        "ordering": ["project", "position", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ProjectMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField()),
                        ("role", models.CharField(blank=True, max_length=20)),
                        ("name", models.CharField(max_length=200)),
                        ("job_title", models.CharField(blank=True, max_length=200)),
                        (
                            "organisation_name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="organisation"
                            ),
                        ),
                        ("email", models.EmailField(max_length=254)),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="team",
                                to="cohort.project",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "programmes_projectmember",
                        "ordering": ["position"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="learningday",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "sequence"), name="learning_day_sequence_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="learningday",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="learning_day_ends_after_start",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="learningday",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("venue_name", ""), _negated=True),
                            models.Q(("online_link", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="learning_day_has_venue_or_link",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="candidatevenue",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("latitude__gte", -90),
                            ("latitude__lte", 90),
                            ("longitude__gte", -180),
                            ("longitude__lte", 180),
                        ),
                        name="candidate_venue_location_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="candidatevenue",
                    constraint=models.UniqueConstraint(
                        fields=("learning_day", "name"), name="candidate_venue_name_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="programmetheme",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "title"), name="programme_theme_title_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="project",
                    constraint=models.UniqueConstraint(
                        fields=("programme", "organisation"), name="one_project_per_organisation"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="learningdayinvitation",
                    constraint=models.UniqueConstraint(
                        fields=("learning_day", "email"), name="one_invitation_per_person_per_day"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="learningdayinvitation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("answer", "awaiting"), ("answered_at__isnull", False), _connector="OR"
                        ),
                        name="invitation_answer_has_time",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="projectmember",
                    constraint=models.UniqueConstraint(
                        fields=("project", "position"), name="project_member_position_unique"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
