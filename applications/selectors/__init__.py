"""Reads about applications, one module per area of work: `answers` holds who may see which
application and the state of its answers."""

from applications.selectors.answers import (
    TEAM_SIZE,
    WORD_COUNTED_FIELDS,
    SectionStatus,
    applications_editable_by,
    applications_visible_to,
    board_letters,
    count_words,
    evidence_documents,
    missing_answers,
    section_started,
    section_statuses,
    status_counts,
    team_composition_warning,
    team_of,
    with_answers,
    words_used,
)

__all__ = [
    "TEAM_SIZE",
    "WORD_COUNTED_FIELDS",
    "SectionStatus",
    "applications_editable_by",
    "applications_visible_to",
    "board_letters",
    "count_words",
    "evidence_documents",
    "missing_answers",
    "section_started",
    "section_statuses",
    "status_counts",
    "team_composition_warning",
    "team_of",
    "with_answers",
    "words_used",
]
