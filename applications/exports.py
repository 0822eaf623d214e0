"""The programme team's list of applications as a spreadsheet (CSV and XLSX).

Every text cell goes through `programmes.exports.spreadsheet_safe`, so text a council or a
reviewer typed can never run as a formula when the file is opened in Excel or LibreOffice; in
the XLSX file text cells are also typed as strings. Times are Europe/London, in ISO 8601.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

from applications.enums import ApplicationStatus, BoardSupport
from applications.models import Application
from applications.selectors.assessment import review_summary, submitted_reviews, weighted_mean
from programmes.dates import LONDON
from programmes.enums import Region
from programmes.exports import spreadsheet_safe

COLUMNS = [
    "Reference",
    "Organisation",
    "Region",
    "Status",
    "Submitted at",
    "Key question",
    "THRIVE categories",
    "Challenge areas",
    "Health and Wellbeing Board support",
    "Weighted score",
]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    rows: list[list[str | Decimal | None]]


def for_export(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """What the export reads, in a fixed number of queries however many rows there are."""
    return queryset.select_related("organisation").prefetch_related(
        "thrive_categories",
        "challenge_areas",
        Prefetch("reviews", queryset=submitted_reviews(), to_attr="submitted_reviews"),
    )


def applications_sheet(applications: Iterable[Application]) -> Sheet:
    """One row per application, with each reviewer's weighted score and comments at the end.

    `applications` come from `for_export` over a queryset annotated by `with_weighted_score`.
    Text is made spreadsheet-safe here; numbers stay numbers (None where there is none).
    """
    rows = []
    most_reviews = 0
    for application in applications:
        reviews = [review_summary(review) for review in application.submitted_reviews]
        most_reviews = max(most_reviews, len(reviews))
        submitted = (
            application.submitted_at.astimezone(LONDON).isoformat(timespec="seconds")
            if application.submitted_at
            else ""
        )
        row: list = [
            application.reference or "",
            application.organisation.name,
            Region(application.organisation.region).label,
            ApplicationStatus(application.status).label,
            submitted,
            application.key_question,
            "; ".join(c.name for c in application.thrive_categories.all()),
            "; ".join(c.name for c in application.challenge_areas.all()),
            BoardSupport(application.board_support).label if application.board_support else "",
            weighted_mean(application.score_total, application.score_weights),
        ]
        for review in reviews:
            row += [review.reviewer, review.score, review.comments]
        rows.append(row)
    header = list(COLUMNS)
    for number in range(1, most_reviews + 1):
        header += [
            f"Reviewer {number}",
            f"Reviewer {number} weighted score",
            f"Reviewer {number} comments",
        ]
    width = len(header)
    return Sheet(
        header=header,
        rows=[[_safe(value) for value in row] + [""] * (width - len(row)) for row in rows],
    )


def _safe(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return spreadsheet_safe(value)


def as_csv(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(title) for title in sheet.header])
    for row in sheet.rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def as_xlsx(sheet: Sheet, *, title: str = "Applications") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = title[:31]
    worksheet.append([_text_cell(worksheet, title) for title in sheet.header])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        worksheet.append(
            [
                value
                if value is None or isinstance(value, Decimal)
                else _text_cell(worksheet, value)
                for value in row
            ]
        )
    worksheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(worksheet, text: str):
    # Characters XML cannot hold (most control characters) are dropped rather than failing the
    # export; the data type is set explicitly so nothing is ever read as a formula.
    cell = Cell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_safe(text)))
    cell.data_type = "s"
    return cell
