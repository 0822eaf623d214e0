"""The link between an application and the project it started is held by the project
(`Project.application`) instead of the application (`Application.project`): the cohort builds on
applications, so applications' tables should not point at the cohort's. Step 1 of 3: add the new
column and copy every link into it (applications 0006 drops the old column; cohort 0003 gives the
new one its reverse name, `application.project`, once the old field no longer holds it)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Project = apps.get_model("cohort", "Project")
    db = schema_editor.connection.alias
    links = Application.objects.using(db).exclude(project_id=None).values_list("pk", "project_id")
    for application_id, project_id in links:
        Project.objects.using(db).filter(pk=project_id).update(application_id=application_id)


def copy_links_back(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Project = apps.get_model("cohort", "Project")
    db = schema_editor.connection.alias
    links = (
        Project.objects.using(db).exclude(application_id=None).values_list("pk", "application_id")
    )
    for project_id, application_id in links:
        Application.objects.using(db).filter(pk=application_id).update(project_id=project_id)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_project_moves_to_cohort"),
        ("cohort", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="application",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="applications.application",
            ),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
