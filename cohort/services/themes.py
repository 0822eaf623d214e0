"""A programme's cross-cutting themes and helpful questions (set up by its managers), and the
themes each cohort project is tagged with (by its consultant or a programme manager).

Every change to a programme's themes or helpful questions first locks the programme's row, so two
managers adding a theme at the same moment cannot take the same title or the same position, and a
move never interleaves with another change. Titles are unique per programme (a database
constraint); here they are compared ignoring case and extra spaces, so "Councillors as champions"
and "councillors  as champions" are the same theme.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from cohort.errors import ProjectError
from cohort.models import HelpfulQuestion, ProgrammeTheme, Project
from cohort.services.progress import _check_may_edit
from programmes.models import Programme

TITLE_CHARACTERS = 200
DESCRIPTION_CHARACTERS = 2_000
QUESTION_CHARACTERS = 1_000
UP, DOWN = "up", "down"


def _check_manager(by) -> None:
    if by is None or not by.is_programme_manager:
        raise PermissionDenied("Only a programme manager can change a programme's themes")


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


def _next_position(items: QuerySet) -> int:
    last = items.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _move(items: QuerySet, *, pk: int, direction: str) -> bool:
    """Swap the item with its neighbour in `items` (locked, in order) and number them all again
    from 0; return whether it moved (the first cannot move up, nor the last down)."""
    if direction not in (UP, DOWN):
        raise ProjectError(errors={"direction": "Choose whether to move it up or down"})
    ordered = list(items.select_for_update().order_by("position", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            changed.append(item)
    type(ordered[0]).objects.bulk_update(changed, ["position"])
    return True


# --- Themes ------------------------------------------------------------------------------------


def _clean_theme(
    programme: Programme, *, title: str, description: str, theme_id: int | None = None
) -> dict[str, str]:
    """The theme's fields, tidied, or a ProjectError naming every problem."""
    title, description = _one_line(title), (description or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter the theme’s title"
    elif len(title) > TITLE_CHARACTERS:
        errors["title"] = f"The title must be {TITLE_CHARACTERS:,} characters or fewer"
    elif any(  # in Python: SQLite's case-insensitive matching is ASCII-only
        _one_line(other).casefold() == title.casefold()
        for other in programme.themes.exclude(pk=theme_id).values_list("title", flat=True)
    ):
        errors["title"] = f"This programme already has a theme called ‘{title}’"
    if len(description) > DESCRIPTION_CHARACTERS:
        errors["description"] = (
            f"The description must be {DESCRIPTION_CHARACTERS:,} characters or fewer"
        )
    if errors:
        raise ProjectError(errors=errors)
    return {"title": title, "description": description}


def _duplicate_title(title: str) -> ProjectError:
    return ProjectError(errors={"title": f"This programme already has a theme called ‘{title}’"})


@transaction.atomic
def add_theme(*, programme_id: int, title: str, description: str = "", by) -> ProgrammeTheme:
    """Add a cross-cutting theme at the end of the programme's themes.

    Side effects: the programme row is locked and one ProgrammeTheme written. No email.
    """
    _check_manager(by)
    programme = _lock_programme(programme_id)
    fields = _clean_theme(programme, title=title, description=description)
    try:
        with transaction.atomic():
            return ProgrammeTheme.objects.create(
                programme=programme, position=_next_position(programme.themes.all()), **fields
            )
    except IntegrityError as error:  # the unique constraint, should the check above be beaten
        raise _duplicate_title(fields["title"]) from error


@transaction.atomic
def change_theme(*, theme_id: int, title: str, description: str = "", by) -> ProgrammeTheme:
    """Change a theme's title and description (its position and its projects stay).

    Side effects: the programme row is locked and the theme updated. No email.
    """
    _check_manager(by)
    programme_id = ProgrammeTheme.objects.values_list("programme_id", flat=True).get(pk=theme_id)
    programme = _lock_programme(programme_id)
    theme = ProgrammeTheme.objects.select_for_update().get(pk=theme_id)
    fields = _clean_theme(programme, title=title, description=description, theme_id=theme.pk)
    for name, value in fields.items():
        setattr(theme, name, value)
    try:
        with transaction.atomic():
            theme.save(update_fields=list(fields))
    except IntegrityError as error:
        raise _duplicate_title(fields["title"]) from error
    return theme


@transaction.atomic
def remove_theme(*, theme_id: int, by) -> int:
    """Remove a theme from the programme; return how many projects were tagged with it.

    Nothing is refused: the projects tagged with the theme simply lose the tag.
    Side effects: the programme row is locked; the theme and its tags on projects are deleted;
    the other themes keep their order. No email.
    """
    _check_manager(by)
    programme_id = ProgrammeTheme.objects.values_list("programme_id", flat=True).get(pk=theme_id)
    _lock_programme(programme_id)
    theme = ProgrammeTheme.objects.select_for_update().get(pk=theme_id)
    untagged = theme.projects.count()
    theme.projects.clear()
    theme.delete()
    return untagged


@transaction.atomic
def move_theme(*, theme_id: int, direction: str, by) -> bool:
    """Move a theme one place up or down the programme's list; return whether it moved.

    Side effects: the programme row and its themes are locked, and the themes numbered again
    from 0 in their new order. No email.
    """
    _check_manager(by)
    programme_id = ProgrammeTheme.objects.values_list("programme_id", flat=True).get(pk=theme_id)
    programme = _lock_programme(programme_id)
    return _move(programme.themes.all(), pk=theme_id, direction=direction)


# --- Helpful questions -------------------------------------------------------------------------


def _clean_question(
    programme: Programme, *, text: str, question_id: int | None = None
) -> dict[str, str]:
    text = (text or "").strip()
    if not text:
        raise ProjectError(errors={"text": "Enter the question"})
    if len(text) > QUESTION_CHARACTERS:
        raise ProjectError(
            errors={"text": f"The question must be {QUESTION_CHARACTERS:,} characters or fewer"}
        )
    others = programme.helpful_questions.exclude(pk=question_id).values_list("text", flat=True)
    if any(_one_line(other).casefold() == _one_line(text).casefold() for other in others):
        raise ProjectError(errors={"text": "This programme already has this question"})
    return {"text": text}


@transaction.atomic
def add_helpful_question(*, programme_id: int, text: str, by) -> HelpfulQuestion:
    """Add a helpful question at the end of the programme's bank of questions.

    Side effects: the programme row is locked and one HelpfulQuestion written. No email.
    """
    _check_manager(by)
    programme = _lock_programme(programme_id)
    fields = _clean_question(programme, text=text)
    return HelpfulQuestion.objects.create(
        programme=programme, position=_next_position(programme.helpful_questions.all()), **fields
    )


@transaction.atomic
def change_helpful_question(*, question_id: int, text: str, by) -> HelpfulQuestion:
    """Change a helpful question's wording (its position stays).

    Side effects: the programme row is locked and the question updated. No email.
    """
    _check_manager(by)
    programme_id = HelpfulQuestion.objects.values_list("programme_id", flat=True).get(
        pk=question_id
    )
    programme = _lock_programme(programme_id)
    question = HelpfulQuestion.objects.select_for_update().get(pk=question_id)
    fields = _clean_question(programme, text=text, question_id=question.pk)
    question.text = fields["text"]
    question.save(update_fields=["text"])
    return question


@transaction.atomic
def remove_helpful_question(*, question_id: int, by) -> None:
    """Remove a helpful question from the programme's bank.

    Side effects: the programme row is locked and the question deleted; the others keep their
    order. No email.
    """
    _check_manager(by)
    programme_id = HelpfulQuestion.objects.values_list("programme_id", flat=True).get(
        pk=question_id
    )
    _lock_programme(programme_id)
    HelpfulQuestion.objects.filter(pk=question_id).delete()


@transaction.atomic
def move_helpful_question(*, question_id: int, direction: str, by) -> bool:
    """Move a helpful question one place up or down; return whether it moved.

    Side effects: the programme row and its questions are locked, and the questions numbered
    again from 0 in their new order. No email.
    """
    _check_manager(by)
    programme_id = HelpfulQuestion.objects.values_list("programme_id", flat=True).get(
        pk=question_id
    )
    programme = _lock_programme(programme_id)
    return _move(programme.helpful_questions.all(), pk=question_id, direction=direction)


# --- A project's themes ------------------------------------------------------------------------


@transaction.atomic
def set_project_themes(*, project_id: int, theme_ids, by) -> list[ProgrammeTheme]:
    """Tag a project with exactly these themes of its programme (none untags it entirely);
    return the project's themes in the programme's order.

    Ids of another programme's themes, or of themes that no longer exist, are ignored. Only the
    project's consultant or a programme manager may do it, checked again under the lock.
    Side effects: the project row is locked and its theme tags replaced. No email.
    """
    project = Project.objects.select_for_update().get(pk=project_id)
    _check_may_edit(project, by)
    ids = {int(pk) for pk in theme_ids}
    themes = list(
        ProgrammeTheme.objects.filter(programme_id=project.programme_id, pk__in=ids).order_by(
            "position", "pk"
        )
    )
    project.themes.set(themes)
    return themes
