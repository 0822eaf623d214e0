"""Step 3 of 3 (see cohort 0002): `application.project` now reaches the project from the
application, as the old field did. No change to the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_remove_application_project"),
        ("cohort", "0002_project_application"),
    ]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="application",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="project",
                to="applications.application",
            ),
        ),
    ]
