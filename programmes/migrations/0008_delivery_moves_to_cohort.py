"""The cohort's delivery has moved to the `cohort` app (cohort 0001); its tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cohort", "0001_initial"),
        ("applications", "0005_project_moves_to_cohort"),
        ("programmes", "0007_themes_and_helpful_questions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (Meta.db_table): only Django's idea of which app
            # holds the models changes.
            state_operations=[
                migrations.RemoveField(
                    model_name="candidatevenue",
                    name="learning_day",
                ),
                migrations.RemoveField(
                    model_name="helpfulquestion",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="learningday",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="learningdayinvitation",
                    name="learning_day",
                ),
                migrations.RemoveField(
                    model_name="learningdayinvitation",
                    name="project",
                ),
                migrations.RemoveField(
                    model_name="learningdayinvitation",
                    name="substitute_for",
                ),
                migrations.RemoveField(
                    model_name="programmetheme",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="themes",
                ),
                migrations.RemoveField(
                    model_name="progressupdate",
                    name="project",
                ),
                migrations.RemoveField(
                    model_name="progressupdate",
                    name="written_by",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="consultant",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="thrive_categories",
                ),
                migrations.RemoveField(
                    model_name="projectmember",
                    name="project",
                ),
                migrations.DeleteModel(
                    name="ActionPlanItem",
                ),
                migrations.DeleteModel(
                    name="CandidateVenue",
                ),
                migrations.DeleteModel(
                    name="HelpfulQuestion",
                ),
                migrations.DeleteModel(
                    name="LearningDay",
                ),
                migrations.DeleteModel(
                    name="LearningDayInvitation",
                ),
                migrations.DeleteModel(
                    name="ProgrammeTheme",
                ),
                migrations.DeleteModel(
                    name="ProgressUpdate",
                ),
                migrations.DeleteModel(
                    name="Project",
                ),
                migrations.DeleteModel(
                    name="ProjectMember",
                ),
            ],
            database_operations=[],
        ),
    ]
