"""Starting a council's project when it takes its place in the cohort."""

from applications import places
from applications.models import Application
from cohort.models import Project, ProjectMember


@places.register
def start_project(*, application: Application) -> Project:
    """Turn a selected application into a cohort project carrying its question and team.

    Called through `applications.places.place_taken`, inside the selection service's transaction
    and under its locks (programme, then application). Side effects: the Project, its THRIVE
    categories and its team (ProjectMember rows), linked to the application. Calling it again
    for the same application changes nothing.
    """
    project = Project.objects.filter(application=application).first()
    if project is not None:
        return project
    project, _ = Project.objects.get_or_create(
        programme=application.programme,
        organisation=application.organisation,
        defaults={"key_question": application.key_question, "application": application},
    )
    project.thrive_categories.set(application.thrive_categories.all())
    for member in application.team.all():
        ProjectMember.objects.update_or_create(
            project=project,
            position=member.position,
            defaults={
                "role": member.role,
                "name": member.name,
                "job_title": member.job_title,
                "organisation_name": member.organisation_name,
                "email": member.email,
            },
        )
    if project.application_id != application.pk:
        project.application = application
        project.save(update_fields=["application"])
    return project
