"""Cohort projects: programme managers assign consultants; consultants (and programme managers)
follow each project and write its progress updates.

Which projects a person may open is decided in the query (programmes.selectors.progress
`projects_visible_to`): another consultant's project is a 404, not a 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.forms.progress import AssignConsultantForm, ProgressUpdateForm
from programmes.models import Programme, Project
from programmes.selectors import progress as selectors
from programmes.services.progress import assign_consultant, record_progress_update


def add_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ProjectsView(PermissionRequiredMixin, View):
    """A programme's projects, for its managers: consultant, latest status, next update due."""

    permission_required = "programmes.manage_projects"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "programmes/projects/manage.html",
            {
                "programme": programme,
                "projects": selectors.programme_projects(programme),
                "today": timezone.localdate(),
            },
        )


class AssignConsultantView(PermissionRequiredMixin, View):
    """Assign a project's consultant, or change them: one question page."""

    permission_required = "programmes.manage_projects"

    def get_project(self, slug, pk) -> Project:
        return get_object_or_404(
            Project.objects.select_related("programme", "organisation", "consultant"),
            programme__slug=slug,
            pk=pk,
        )

    def form(self, project, data=None):
        return AssignConsultantForm(
            data,
            queryset=selectors.consultants(),
            legend=f"Who is the consultant for {project.organisation.name}?",
            initial={"consultant": project.consultant_id},
        )

    def get(self, request, slug, pk):
        project = self.get_project(slug, pk)
        return self.render_page(project, self.form(project))

    def post(self, request, slug, pk):
        project = self.get_project(slug, pk)
        form = self.form(project, request.POST)
        if form.is_valid():
            consultant = form.cleaned_data["consultant"]
            try:
                assign_consultant(project_id=project.pk, consultant=consultant, by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{consultant.name or consultant.email} is the consultant for "
                    f"{project.organisation.name}.",
                )
                return redirect("programmes:projects", slug=project.programme.slug)
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "programmes/projects/assign_consultant.html",
            {
                "programme": project.programme,
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
            },
        )


class MyProjectsView(PermissionRequiredMixin, View):
    """'Your projects': the projects assigned to the person, across programmes."""

    permission_required = "programmes.view_projects"

    def get(self, request):
        return render(
            request,
            "programmes/projects/mine.html",
            {
                "projects": selectors.consultant_projects(request.user),
                "today": timezone.localdate(),
            },
        )


def back_url(user, project) -> str:
    if user.is_programme_manager:
        return reverse("programmes:projects", kwargs={"slug": project.programme.slug})
    return reverse("programmes:my_projects")


class ProjectView(PermissionRequiredMixin, View):
    permission_required = "programmes.view_projects"

    def get(self, request, pk):
        project = selectors.project_for(request.user, pk)
        if project is None:
            raise Http404("No such project")
        return render(
            request,
            "programmes/projects/detail.html",
            {
                "project": project,
                "back_url": back_url(request.user, project),
                "today": timezone.localdate(),
            },
        )


class AddProgressUpdateView(PermissionRequiredMixin, View):
    """The question page for a progress update: status, what has happened, what happens next."""

    permission_required = "programmes.add_progress_update"

    def get_project(self, pk) -> Project:
        return get_object_or_404(
            selectors.projects_visible_to(self.request.user).select_related(
                "programme", "organisation"
            ),
            pk=pk,
        )

    def get(self, request, pk):
        return self.render_page(self.get_project(pk), ProgressUpdateForm())

    def post(self, request, pk):
        project = self.get_project(pk)
        form = ProgressUpdateForm(request.POST)
        if form.is_valid():
            try:
                record_progress_update(project_id=project.pk, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, f"Your progress update on {project.organisation.name} has been saved."
                )
                return redirect("programmes:project", pk=project.pk)
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "programmes/projects/progress_form.html",
            {
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": reverse("programmes:project", kwargs={"pk": project.pk}),
            },
        )
