"""Cohort projects: programme managers assign consultants; consultants (and programme managers)
follow each project, write its progress updates, and record the learning-day outputs: the refined
key question and the action plan (added to on learning day 1, reviewed on learning day 2). The
council sees its project's key questions and action plan read-only ("our project").

Which projects a person may open is decided in the query (cohort.selectors.progress
`projects_visible_to`, `projects_for_council_view`): another consultant's or another council's
project is a 404, not a 403.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.errors import ProjectError
from cohort.forms.progress import (
    ActionForm,
    AssignConsultantForm,
    ProgressUpdateForm,
    RefineKeyQuestionForm,
    ReviewActionPlanForm,
)
from cohort.models import ActionPlanItem, Project
from cohort.selectors import progress as selectors
from cohort.selectors.learning_days import attendance_by_project
from cohort.selectors.peer_engagements import for_council as peer_engagements_for_council
from cohort.selectors.themes import helpful_questions_for
from cohort.services.progress import (
    add_action,
    assign_consultant,
    change_action,
    record_progress_update,
    refine_key_question,
    remove_action,
    review_action_plan,
)
from programmes.errors import add_to_form
from programmes.models import Programme


class ProjectsView(PermissionRequiredMixin, View):
    """A programme's projects, for its managers: consultant, latest status, next update due."""

    permission_required = "cohort.manage_projects"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "cohort/projects/manage.html",
            {
                "programme": programme,
                "projects": selectors.programme_projects(programme),
                "today": timezone.localdate(),
            },
        )


class AssignConsultantView(PermissionRequiredMixin, View):
    """Assign a project's consultant, or change them: one question page."""

    permission_required = "cohort.manage_projects"

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
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"{consultant.name or consultant.email} is the consultant for "
                    f"{project.organisation.name}.",
                )
                return redirect("cohort:projects", slug=project.programme.slug)
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "cohort/projects/assign_consultant.html",
            {
                "programme": project.programme,
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
            },
        )


class MyProjectsView(PermissionRequiredMixin, View):
    """'Your projects': the projects assigned to the person, across programmes."""

    permission_required = "cohort.view_projects"

    def get(self, request):
        return render(
            request,
            "cohort/projects/mine.html",
            {
                "projects": selectors.consultant_projects(request.user),
                "today": timezone.localdate(),
            },
        )


def back_url(user, project) -> str:
    if user.is_programme_manager:
        return reverse("cohort:projects", kwargs={"slug": project.programme.slug})
    return reverse("cohort:my_projects")


class ProjectView(PermissionRequiredMixin, View):
    permission_required = "cohort.view_projects"

    def get(self, request, pk):
        today = timezone.localdate()
        project = selectors.project_for(request.user, pk, today=today)
        if project is None:
            raise Http404("No such project")
        return render(
            request,
            "cohort/projects/detail.html",
            {
                "project": project,
                "back_url": back_url(request.user, project),
                "today": today,
                "can_edit": request.user.has_perm("cohort.edit_action_plan"),
                "can_tag_themes": request.user.has_perm("cohort.tag_project_themes"),
                "attendance": attendance_by_project(project),
                "helpful_questions": helpful_questions_for(project.programme),
            },
        )


class AddProgressUpdateView(PermissionRequiredMixin, View):
    """The question page for a progress update: status, what has happened, what happens next."""

    permission_required = "cohort.add_progress_update"

    def get_project(self, pk) -> Project:
        project = selectors.action_plan_for_review(self.request.user, pk)
        if project is None:
            raise Http404("No such project")
        return selectors.with_action_plan(project)

    def get(self, request, pk):
        return self.render_page(self.get_project(pk), ProgressUpdateForm())

    def post(self, request, pk):
        project = self.get_project(pk)
        form = ProgressUpdateForm(request.POST)
        if form.is_valid():
            try:
                record_progress_update(project_id=project.pk, by=request.user, **form.cleaned_data)
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request, f"Your progress update on {project.organisation.name} has been saved."
                )
                return redirect("cohort:project", pk=project.pk)
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "cohort/projects/progress_form.html",
            {
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": reverse("cohort:project", kwargs={"pk": project.pk}),
                "helpful_questions": helpful_questions_for(project.programme),
            },
        )


# --- Learning-day outputs: the refined key question and the action plan -------------------------


def project_url(project) -> str:
    return reverse("cohort:project", kwargs={"pk": project.pk})


class ProjectEditView(PermissionRequiredMixin, View):
    """A page that changes a project's learning-day outputs: programme managers, and the
    project's own consultant (another consultant's project is a 404)."""

    permission_required = "cohort.edit_action_plan"

    def get_project(self, pk) -> Project:
        return get_object_or_404(
            selectors.projects_visible_to(self.request.user).select_related(
                "programme", "organisation"
            ),
            pk=pk,
        )

    def get_item(self, pk, item_pk) -> ActionPlanItem:
        item = selectors.action_item_for(self.request.user, project_pk=pk, pk=item_pk)
        if item is None:
            raise Http404("No such action")
        return item


class RefineKeyQuestionView(ProjectEditView):
    """Change the refined key question: one question page, the original shown for reference."""

    def get(self, request, pk):
        project = self.get_project(pk)
        form = RefineKeyQuestionForm(initial={"refined_key_question": project.refined_key_question})
        return self.render_page(project, form)

    def post(self, request, pk):
        project = self.get_project(pk)
        form = RefineKeyQuestionForm(request.POST)
        if form.is_valid():
            try:
                refine_key_question(project_id=project.pk, by=request.user, **form.cleaned_data)
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request, f"The refined key question for {project.organisation.name} is saved."
                )
                return redirect(project_url(project))
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "cohort/projects/refine_key_question.html",
            {
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": project_url(project),
            },
        )


class ActionFormView(ProjectEditView):
    """Add an action to the plan (no item_pk) or change one: what, who, by when, status."""

    def get(self, request, pk, item_pk=None):
        if item_pk is None:
            project, item = self.get_project(pk), None
            form = ActionForm()
        else:
            item = self.get_item(pk, item_pk)
            project = item.project
            form = ActionForm(initial=ActionForm.initial_for(item))
        return self.render_page(project, item, form)

    def post(self, request, pk, item_pk=None):
        if item_pk is None:
            project, item = self.get_project(pk), None
        else:
            item = self.get_item(pk, item_pk)
            project = item.project
        form = ActionForm(request.POST)
        if form.is_valid():
            try:
                if item is None:
                    add_action(project_id=project.pk, by=request.user, **form.cleaned_data)
                else:
                    change_action(item_id=item.pk, by=request.user, **form.cleaned_data)
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    "The action has been added to the plan."
                    if item is None
                    else "The action has been changed.",
                )
                return redirect(f"{project_url(project)}#action-plan")
        return self.render_page(project, item, form)

    def render_page(self, project, item, form):
        return render(
            self.request,
            "cohort/projects/action_form.html",
            {
                "project": project,
                "item": item,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": f"{project_url(project)}#action-plan",
            },
        )


class RemoveActionView(ProjectEditView):
    """Remove an action from the plan, after a confirmation page."""

    def get(self, request, pk, item_pk):
        item = self.get_item(pk, item_pk)
        return render(
            request,
            "cohort/projects/remove_action.html",
            {
                "project": item.project,
                "item": item,
                "back_url": f"{project_url(item.project)}#action-plan",
            },
        )

    def post(self, request, pk, item_pk):
        item = self.get_item(pk, item_pk)
        remove_action(item_id=item.pk, by=request.user)
        messages.success(request, "The action has been removed from the plan.")
        return redirect(f"{project_url(item.project)}#action-plan")


class ReviewActionPlanView(ProjectEditView):
    """Learning day 2's progress review: every action's status on one page, saved together."""

    def get_project(self, pk) -> Project:
        project = selectors.action_plan_for_review(self.request.user, pk)
        if project is None:
            raise Http404("No such project")
        return selectors.with_action_plan(project)

    def get(self, request, pk):
        project = self.get_project(pk)
        return self.render_page(project, ReviewActionPlanForm(items=project.actions))

    def post(self, request, pk):
        project = self.get_project(pk)
        form = ReviewActionPlanForm(request.POST, items=project.actions)
        if form.is_valid():
            try:
                changed = review_action_plan(
                    project_id=project.pk, statuses=form.statuses(), by=request.user
                )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"The action plan has been reviewed: {changed} status"
                    f"{'es' if changed != 1 else ''} changed.",
                )
                return redirect(f"{project_url(project)}#action-plan")
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "cohort/projects/review_action_plan.html",
            {
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": f"{project_url(project)}#action-plan",
            },
        )


class OurProjectView(PermissionRequiredMixin, View):
    """The council's read-only view of its project: its key question as asked and as refined,
    and its action plan. The consultant's progress updates are staff notes and are not shown."""

    permission_required = "cohort.view_our_project"

    def get(self, request, pk):
        today = timezone.localdate()
        project = selectors.council_project_for(request.user, pk, today=today)
        if project is None:
            raise Http404("No such project")
        user = request.user
        if user.is_programme_manager or project.consultant_id == user.pk:
            back = project_url(project)
        else:
            back = reverse("applications:mine")
        return render(
            request,
            "cohort/projects/our_project.html",
            {
                "project": project,
                "today": today,
                "back_url": back,
                "peer_engagements": peer_engagements_for_council(project),
            },
        )
