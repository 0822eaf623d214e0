"""Cross-cutting themes and helpful questions: programme managers keep a programme's list of each
(one page, with add, change, remove after a confirmation, and move up or down); a project's
consultant, or a programme manager, tags the project with the programme's themes.

Which projects a person may tag is decided in the query (cohort.selectors.progress
`projects_visible_to`): another consultant's project is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.errors import ProjectError
from cohort.forms.themes import HelpfulQuestionForm, ProjectThemesForm, ThemeForm
from cohort.selectors import themes as selectors
from cohort.services import themes as services
from programmes.errors import add_to_form
from programmes.models import Programme


def themes_url(programme, anchor: str = "") -> str:
    url = reverse("cohort:themes", kwargs={"slug": programme.slug})
    return f"{url}#{anchor}" if anchor else url


class ManageThemesView(PermissionRequiredMixin, View):
    permission_required = "cohort.manage_themes"

    def get_programme(self, slug) -> Programme:
        return get_object_or_404(Programme, slug=slug)


class ThemesView(ManageThemesView):
    """The programme's themes and helpful questions, on one page."""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        return render(
            request,
            "cohort/themes/list.html",
            {
                "programme": programme,
                "themes": selectors.programme_themes(programme),
                "questions": selectors.helpful_questions_for(programme),
            },
        )


class ThemeFormView(ManageThemesView):
    """Add a theme (no pk) or change one: its title and description."""

    def get_theme(self, programme, pk):
        return None if pk is None else get_object_or_404(programme.themes, pk=pk)

    def get(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        theme = self.get_theme(programme, pk)
        initial = {"title": theme.title, "description": theme.description} if theme else {}
        return self.render_page(programme, theme, ThemeForm(initial=initial))

    def post(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        theme = self.get_theme(programme, pk)
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                if theme is None:
                    theme = services.add_theme(
                        programme_id=programme.pk, by=request.user, **form.cleaned_data
                    )
                else:
                    theme = services.change_theme(
                        theme_id=theme.pk, by=request.user, **form.cleaned_data
                    )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"The theme ‘{theme.title}’ has been {'changed' if pk else 'added'}.",
                )
                return redirect(themes_url(programme, f"theme-{theme.pk}"))
        return self.render_page(programme, theme, form)

    def render_page(self, programme, theme, form):
        return render(
            self.request,
            "cohort/themes/theme_form.html",
            {
                "programme": programme,
                "theme": theme,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": themes_url(programme, "themes"),
            },
        )


class RemoveThemeView(ManageThemesView):
    """Remove a theme, after a page saying which projects will lose it."""

    def get(self, request, slug, pk):
        programme = self.get_programme(slug)
        theme = selectors.theme_for_removal(programme, pk)
        if theme is None:
            raise Http404("No such theme")
        return render(
            request,
            "cohort/themes/remove_theme.html",
            {
                "programme": programme,
                "theme": theme,
                "projects": list(theme.projects.all()),
                "back_url": themes_url(programme, "themes"),
            },
        )

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        theme = get_object_or_404(programme.themes, pk=pk)
        untagged = services.remove_theme(theme_id=theme.pk, by=request.user)
        detail = (
            f" {untagged} project{'s' if untagged != 1 else ''} no longer "
            f"{'has' if untagged == 1 else 'have'} it."
            if untagged
            else ""
        )
        messages.success(request, f"The theme ‘{theme.title}’ has been removed.{detail}")
        return redirect(themes_url(programme, "themes"))


class MoveThemeView(ManageThemesView):
    """Move a theme one place up or down (a button on the themes page)."""

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        theme = get_object_or_404(programme.themes, pk=pk)
        try:
            services.move_theme(
                theme_id=theme.pk, direction=request.POST.get("direction", ""), by=request.user
            )
        except ProjectError:
            messages.error(request, "Choose whether to move the theme up or down.")
        return redirect(themes_url(programme, f"theme-{theme.pk}"))


class HelpfulQuestionFormView(ManageThemesView):
    """Add a helpful question (no pk) or change its wording."""

    def get_question(self, programme, pk):
        return None if pk is None else get_object_or_404(programme.helpful_questions, pk=pk)

    def get(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        question = self.get_question(programme, pk)
        initial = {"text": question.text} if question else {}
        return self.render_page(programme, question, HelpfulQuestionForm(initial=initial))

    def post(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        question = self.get_question(programme, pk)
        form = HelpfulQuestionForm(request.POST)
        if form.is_valid():
            try:
                if question is None:
                    question = services.add_helpful_question(
                        programme_id=programme.pk, by=request.user, **form.cleaned_data
                    )
                else:
                    question = services.change_helpful_question(
                        question_id=question.pk, by=request.user, **form.cleaned_data
                    )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"The helpful question has been {'changed' if pk else 'added'}.",
                )
                return redirect(themes_url(programme, f"question-{question.pk}"))
        return self.render_page(programme, question, form)

    def render_page(self, programme, question, form):
        return render(
            self.request,
            "cohort/themes/question_form.html",
            {
                "programme": programme,
                "question": question,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": themes_url(programme, "helpful-questions"),
            },
        )


class RemoveHelpfulQuestionView(ManageThemesView):
    """Remove a helpful question, after a confirmation page."""

    def get(self, request, slug, pk):
        programme = self.get_programme(slug)
        question = get_object_or_404(programme.helpful_questions, pk=pk)
        return render(
            request,
            "cohort/themes/remove_question.html",
            {
                "programme": programme,
                "question": question,
                "back_url": themes_url(programme, "helpful-questions"),
            },
        )

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        question = get_object_or_404(programme.helpful_questions, pk=pk)
        services.remove_helpful_question(question_id=question.pk, by=request.user)
        messages.success(request, "The helpful question has been removed.")
        return redirect(themes_url(programme, "helpful-questions"))


class MoveHelpfulQuestionView(ManageThemesView):
    """Move a helpful question one place up or down (a button on the themes page)."""

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        question = get_object_or_404(programme.helpful_questions, pk=pk)
        try:
            services.move_helpful_question(
                question_id=question.pk,
                direction=request.POST.get("direction", ""),
                by=request.user,
            )
        except ProjectError:
            messages.error(request, "Choose whether to move the question up or down.")
        return redirect(themes_url(programme, f"question-{question.pk}"))


class ProjectThemesView(PermissionRequiredMixin, View):
    """'Change themes': one question page with a checkbox for each of the programme's themes."""

    permission_required = "cohort.tag_project_themes"

    def get_project(self, pk):
        project = selectors.project_for_tagging(self.request.user, pk)
        if project is None:
            raise Http404("No such project")
        return project

    def form(self, project, themes, data=None):
        return ProjectThemesForm(
            data,
            themes=themes,
            legend=f"Which themes does {project.organisation.name}’s project speak to?",
            initial={"themes": [str(theme.pk) for theme in project.themes.all()]},
        )

    def get(self, request, pk):
        project = self.get_project(pk)
        themes = selectors.programme_themes(project.programme)
        return self.render_page(project, themes, self.form(project, themes))

    def post(self, request, pk):
        project = self.get_project(pk)
        themes = selectors.programme_themes(project.programme)
        form = self.form(project, themes, request.POST)
        if form.is_valid():
            services.set_project_themes(
                project_id=project.pk, theme_ids=form.theme_ids(), by=request.user
            )
            messages.success(
                request, f"The themes of {project.organisation.name}’s project are saved."
            )
            return redirect(reverse("cohort:project", kwargs={"pk": project.pk}) + "#themes")
        return self.render_page(project, themes, form)

    def render_page(self, project, themes, form):
        return render(
            self.request,
            "cohort/themes/project_themes.html",
            {
                "project": project,
                "themes": themes,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": reverse("cohort:project", kwargs={"pk": project.pk}) + "#themes",
            },
        )
