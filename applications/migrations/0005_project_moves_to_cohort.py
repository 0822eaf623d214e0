"""Application.project now points at the Project model in its new app, `cohort`."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_information_request_status_before"),
        ("cohort", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (Meta.db_table): only Django's idea of which app
            # holds the models changes.
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="project",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="application",
                        to="cohort.project",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
