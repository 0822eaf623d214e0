"""The 2018 programme's five cross-cutting themes and six helpful questions, for the demo, and the
themes each of the eight projects illustrates.

Which project illustrates which theme is taken from the final report (seeds/002): its summary
of the five themes, and the case studies and examples it gives under each theme in "What we
learnt" (sections 1 to 5). Theme 4, councillors as champions, has no project: the report says
only that "two of the eight councils" had councillors in their project group, without naming
them, so the demo does not guess.

Written through the services a programme manager's pages use (cohort.services.themes), which
send no email. Safe to run again: a theme or question the programme already has (by title, or
by text) is not added twice, and a project that already has themes keeps them as they are.
"""

from django.db import transaction

from cohort.services.themes import add_helpful_question, add_theme, set_project_themes
from demo.data import HELPFUL_QUESTIONS_2018, THEMES_2018
from programmes.models import Programme

HOLISTIC, VOICES, WORKFORCE, COUNCILLORS, CHANGE = (theme["title"] for theme in THEMES_2018)

# By organisation name: the themes the report says the project illustrates, and where.
THEMES_BY_PROJECT_2018: dict[str, list[str]] = {
    # Section 5's case study: the visit to Forward Thinking Birmingham, a radically different
    # service born of long-standing service failure (also in the summary).
    "Barnsley Metropolitan Borough Council": [CHANGE],
    # Section 3's case study: the conversation with Cheshire East about emotionally healthy
    # schools (also in the summary).
    "Durham County Council": [WORKFORCE],
    # Section 5, systemic challenges: "the complexity of the commissioning environment", with
    # Essex's transitions project as the example.
    "Essex County Council": [CHANGE],
    # Section 2's case study on waiting times and the visit to MH:2K's citizen researchers (also
    # in the summary); section 3's case study of the same visit, on young people supporting
    # their peers.
    "Kirklees Council": [VOICES, WORKFORCE],
    # Section 1's case study on school exclusions (also in the summary).
    "London Borough of Lewisham": [HOLISTIC],
    # Section 1's case study on young people with complex needs (also in the summary).
    "Lincolnshire County Council": [HOLISTIC],
    # Section 1's case study on engaging schools through NewStart; section 2's on embedding
    # children's views (Saltley Academy); section 3's on Saltley's young mental health
    # champions; section 5's "summit" when a provider was overwhelmed.
    "Surrey County Council": [HOLISTIC, VOICES, WORKFORCE, CHANGE],
    # Section 3's case study: the visit to Surrey's Hope and Extended Hope services (also in the
    # summary).
    "Warwickshire County Council": [WORKFORCE],
}


@transaction.atomic
def load_themes_2018(programme: Programme, *, by) -> None:
    """The programme's themes and helpful questions from the report, and each project's themes,
    written as the programme manager `by`.

    Side effects: the five ProgrammeThemes and six HelpfulQuestions the programme lacks are
    added at the end, in the report's order; each project in THEMES_BY_PROJECT_2018 with no
    themes is tagged with its themes. No email.
    """
    titles = set(programme.themes.values_list("title", flat=True))
    for fields in THEMES_2018:
        if fields["title"] not in titles:
            add_theme(
                programme_id=programme.pk,
                title=fields["title"],
                description=fields["description"],
                by=by,
            )
    texts = set(programme.helpful_questions.values_list("text", flat=True))
    for text in HELPFUL_QUESTIONS_2018:
        if text not in texts:
            add_helpful_question(programme_id=programme.pk, text=text, by=by)
    themes = {theme.title: theme.pk for theme in programme.themes.all()}
    projects = programme.projects.select_related("organisation").prefetch_related("themes")
    for project in projects.order_by("pk"):
        wanted = THEMES_BY_PROJECT_2018.get(project.organisation.name, [])
        if wanted and not project.themes.all():
            set_project_themes(
                project_id=project.pk, theme_ids=[themes[title] for title in wanted], by=by
            )
