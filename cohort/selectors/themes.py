"""Reads about a programme's cross-cutting themes and helpful questions, and the themes each
project is tagged with. Each is one query, whatever the number of themes or projects."""

from django.db.models import Count, Prefetch

from cohort.models import HelpfulQuestion, ProgrammeTheme, Project
from cohort.selectors.progress import projects_visible_to, themes_in_order
from programmes.models import Programme


def programme_themes(programme: Programme) -> list[ProgrammeTheme]:
    """The programme's themes in order, each with `project_count` (how many projects are tagged
    with it)."""
    return list(
        programme.themes.annotate(project_count=Count("projects")).order_by("position", "pk")
    )


def helpful_questions_for(programme: Programme) -> list[HelpfulQuestion]:
    """The programme's helpful questions, in order."""
    return list(programme.helpful_questions.order_by("position", "pk"))


def theme_for_removal(programme: Programme, pk: int) -> ProgrammeTheme | None:
    """One of the programme's themes with the projects tagged with it (by council), for the
    page that asks whether to remove it."""
    return (
        programme.themes.filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .first()
    )


def project_for_tagging(user, pk: int) -> Project | None:
    """One project the person may edit, with its programme, organisation and current themes;
    None if it is not theirs (another consultant's project is a 404)."""
    return (
        projects_visible_to(user)
        .filter(pk=pk)
        .select_related("programme", "organisation")
        .prefetch_related(themes_in_order())
        .first()
    )
