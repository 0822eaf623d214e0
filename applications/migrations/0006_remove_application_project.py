"""Step 2 of 3 (see cohort 0002): the project now holds the link, so the application's column
goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_project_moves_to_cohort"),
        ("cohort", "0002_project_application"),
    ]

    operations = [
        migrations.RemoveField(model_name="application", name="project"),
    ]
