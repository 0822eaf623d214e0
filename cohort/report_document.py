"""The end-of-programme report as a Word (.docx) document that staff can edit (SPEC §4.7).

Built from the `Report` dataclass alone (no database queries here), with python-docx. Sections are
Word's own "Heading 1"/"Heading 2" styles, so staff can restyle the document and insert a contents
list; the cohort and THRIVE counts are tables; helpful questions are a bulleted list. Text people
wrote goes in as text: python-docx escapes it, nothing in it is interpreted.
"""

import io
import re

from docx import Document

from cohort.selectors.report import Report

SECTIONS = [
    "Introduction",
    "The cohort and their key questions",
    "Projects by THRIVE category",
    "Peer visits and what was learned",
    "Themes",
    "What happened: action plans and progress",
    "Helpful questions",
    "Conclusions",
]

CONCLUSIONS_PROMPT = (
    "Write the programme's conclusions here: what the councils achieved, what they learned from "
    "each other, and what others can take from it."
)


# Characters XML 1.0 cannot hold (control characters other than tab and line breaks): dropped, as
# python-docx would refuse the whole document otherwise.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)


def _para(document, text: str, style: str | None = None):
    return document.add_paragraph(_clean(text), style=style)


def _heading(document, text: str, level: int):
    return document.add_heading(_clean(text), level=level)


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = _clean(text)
    return table


def report_document(report: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    document.core_properties.title = _clean(f"{report.title}: end-of-programme report")[:255]
    _heading(document, report.title, level=0)
    _para(document, "End-of-programme report")

    _heading(document, SECTIONS[0], level=1)
    for paragraph in report.introduction:
        _para(document, paragraph)
    if report.learning_days:
        _table(
            document,
            ["Learning day", "Date", "Councils attended"],
            [
                [
                    day.title,
                    day.date,
                    "Cancelled" if day.is_cancelled else str(day.councils_attended),
                ]
                for day in report.learning_days
            ],
        )

    _heading(document, SECTIONS[1], level=1)
    if report.cohort:
        _table(
            document,
            ["Council", "Key question", "Refined key question"],
            [
                [m.council, m.key_question, m.refined_key_question or "Not refined"]
                for m in report.cohort
            ],
        )
        for member in report.cohort:
            _heading(document, member.council, level=2)
            _para(document, member.refined_key_question or member.key_question)
            _para(document, "THRIVE categories: " + (", ".join(member.thrive_categories) or "None"))
            _para(document, "Themes: " + (", ".join(member.themes) or "None"))
    else:
        _para(document, "There were no projects.")

    _heading(document, SECTIONS[2], level=1)
    _table(
        document,
        ["Category", "Projects", "Which"],
        [[row.label, str(row.count), ", ".join(row.projects) or "None"] for row in report.thrive],
    )

    _heading(document, SECTIONS[3], level=1)
    _para(document, report.peer_summary)
    for engagement in report.peer_engagements:
        _heading(document, f"{engagement.council} and {engagement.peer}", level=2)
        _para(document, f"{engagement.kind}{', ' + engagement.date if engagement.date else ''}")
        if engagement.what_happened:
            _para(document, "What they saw or discussed: " + engagement.what_happened)
        if engagement.key_learning:
            _para(document, "Key learning: " + engagement.key_learning)

    _heading(document, SECTIONS[4], level=1)
    if report.themes:
        for theme in report.themes:
            _heading(document, theme.title, level=2)
            if theme.description:
                _para(document, theme.description)
            _para(document, "Projects that illustrate it: " + (", ".join(theme.projects) or "None"))
    else:
        _para(document, "The programme had no cross-cutting themes.")

    _heading(document, SECTIONS[5], level=1)
    if report.cohort:
        for member in report.cohort:
            _heading(document, member.council, level=2)
            if member.actions_total:
                _para(
                    document,
                    f"Action plan: {member.actions_done} of {member.actions_total} "
                    f"action{'' if member.actions_total == 1 else 's'} done.",
                )
            else:
                _para(document, "Action plan: no actions recorded.")
            if member.what_happened:
                _para(document, f"Latest progress ({member.latest_status}):")
                _para(document, member.what_happened)
            else:
                _para(document, "No progress update was recorded.")
    else:
        _para(document, "There were no projects.")

    _heading(document, SECTIONS[6], level=1)
    if report.helpful_questions:
        for question in report.helpful_questions:
            _para(document, question, style="List Bullet")
    else:
        _para(document, "No helpful questions were recorded.")

    _heading(document, SECTIONS[7], level=1)
    _para(document, CONCLUSIONS_PROMPT)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
