"""Exports of the filtered list of applications, with scores and reviewers' comments, as CSV and
XLSX: read back, safe to open in a spreadsheet, and in a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.enums import StaffRole
from applications.enums import BoardSupport, ReviewStatus
from programmes.enums import Region
from programmes.models import ThriveCategory
from tests.applications.test_staff_list import criteria, make, review
from tests.factories import ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="mental-health-2018")


@pytest.fixture
def scored(programme):
    """Two applications: Alpha scored by two reviewers, Beta unscored and in London."""
    first, second = criteria(programme, 1, 3)
    alpha = make(
        programme,
        "Alpha County Council",
        key_question="How can we <script>alert(1)</script> help?",
        board_support=BoardSupport.LIKELY,
        thrive=["thriving", "getting_help"],
        challenge_areas=list(programme.challenge_areas.all()),
        # 1 July 2026, 11:30 UTC: 12:30 in London (British Summer Time).
        submitted_at=datetime.datetime(2026, 7, 1, 11, 30, tzinfo=datetime.UTC),
    )
    review(
        alpha,
        {first: 5, second: 3},
        comments='=HYPERLINK("http://evil.example")',
        reviewer=UserFactory(name="Robin Reviewer", role=StaffRole.REVIEWER),
    )
    review(
        alpha,
        {first: 1, second: 2},
        comments="Needs a partner.",
        reviewer=UserFactory(name="Sam Scorer", role=StaffRole.REVIEWER),
    )
    review(alpha, {first: 1, second: 1}, status=ReviewStatus.IN_PROGRESS, comments="Unfinished")
    beta = make(programme, "Beta Borough Council", region=Region.LONDON, key_question="+1+1")
    return alpha, beta


def export(client, programme, file_format: str, query: str = ""):
    url = reverse(f"applications:staff_export_{file_format}", args=[programme.slug])
    return client.get(f"{url}?{query}" if query else url)


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_csv_has_every_column_with_scores_and_each_reviewers_comments(manager, programme, scored):
    response = export(manager, programme, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="applications-mental-health-2018.csv"'
    )
    header, alpha, beta = read_csv(response)
    assert header == [
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
        "Reviewer 1",
        "Reviewer 1 weighted score",
        "Reviewer 1 comments",
        "Reviewer 2",
        "Reviewer 2 weighted score",
        "Reviewer 2 comments",
    ]
    assert alpha == [
        scored[0].reference,
        "Alpha County Council",
        "North West",
        "Submitted",
        "2026-07-01T12:30:00+01:00",
        "How can we <script>alert(1)</script> help?",  # literal text: a CSV is not HTML
        "Thriving; Getting help",
        "Finding advice and information; Timely access to help",
        "Likely",
        "2.63",  # Σ(score × weight) / Σ weight = (14 + 7) / 8 = 2.625, rounded half up
        "Robin Reviewer",
        "3.50",  # (5 × 1 + 3 × 3) / 4
        '\'=HYPERLINK("http://evil.example")',
        "Sam Scorer",
        "1.75",  # (1 × 1 + 2 × 3) / 4
        "Needs a partner.",
    ]
    assert "Unfinished" not in response.content.decode()
    # Beta has no reviews: its reviewer cells are empty, and its formula-like answer is neutralised.
    assert beta[1] == "Beta Borough Council"
    assert beta[5] == "'+1+1"
    assert beta[9:] == [""] * 7


def test_csv_follows_the_lists_filters_and_sort(manager, programme, scored):
    rows = read_csv(export(manager, programme, "csv", "region=london"))
    assert [row[1] for row in rows[1:]] == ["Beta Borough Council"]
    rows = read_csv(export(manager, programme, "csv", "sort=-organisation"))
    assert [row[1] for row in rows[1:]] == ["Beta Borough Council", "Alpha County Council"]
    rows = read_csv(export(manager, programme, "csv", "sort=-score"))
    assert [row[1] for row in rows[1:]] == ["Alpha County Council", "Beta Borough Council"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_text_cell_that_could_be_a_formula_is_neutralised(manager, programme, formula):
    application = make(programme, "Alpha", key_question=formula)
    [criterion] = criteria(programme, 1)
    review(application, {criterion: 3}, comments=formula)
    application.organisation.name = formula + " Council"
    application.organisation.save()
    [_, row] = read_csv(export(manager, programme, "csv"))
    assert row[1] == "'" + formula + " Council"
    assert row[5] == "'" + formula
    assert row[12] == "'" + formula
    sheet = read_xlsx(export(manager, programme, "xlsx"))
    for cell in (sheet["B2"], sheet["F2"], sheet["M2"]):
        assert cell.data_type == "s"
        assert cell.value.startswith("'")


def test_xlsx_reads_back_with_text_cells_as_strings_and_scores_as_numbers(
    manager, programme, scored
):
    response = export(manager, programme, "xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="applications-mental-health-2018.xlsx"'
    )
    sheet = read_xlsx(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Organisation", "Region")
    assert len(rows) == 3
    alpha = rows[1]
    assert alpha[1] == "Alpha County Council"
    assert alpha[4] == "2026-07-01T12:30:00+01:00"
    assert alpha[5] == "How can we <script>alert(1)</script> help?"
    assert alpha[9] == pytest.approx(2.63)
    assert alpha[10:13] == (
        "Robin Reviewer",
        pytest.approx(3.5),
        '\'=HYPERLINK("http://evil.example")',
    )
    assert rows[2][5] == "'+1+1"
    assert rows[2][9] is None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert cell.data_type == "s", cell.coordinate


def test_xlsx_survives_control_characters_in_answers(manager, programme):
    make(programme, "Alpha", key_question="Bell\x07 and vertical\x0btab")
    sheet = read_xlsx(export(manager, programme, "xlsx"))
    assert sheet["F2"].value == "Bell and verticaltab"


def test_export_with_no_applications_has_just_the_header(manager, programme):
    assert read_csv(export(manager, programme, "csv")) == [read_csv_header()]
    assert list(read_xlsx(export(manager, programme, "xlsx")).iter_rows(values_only=True)) == [
        tuple(read_csv_header())
    ]


def read_csv_header() -> list[str]:
    from applications.exports import COLUMNS

    return list(COLUMNS)


def count_queries(client, programme, file_format) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = export(client, programme, file_format, "sort=-score&thrive=getting_help")
    assert response.status_code == 200
    return len(queries)


EXPORT_QUERIES = 11


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_queries_are_constant(manager, programme, file_format):
    [criterion] = criteria(programme, 2)

    def add(n):
        for _ in range(n):
            number = programme.applications.count()
            application = make(programme, f"Council {number:03d}", thrive=["getting_help"])
            review(application, {criterion: 4}, comments="Good.")
            review(application, {criterion: 3}, comments="Fine.")

    add(1)
    one = count_queries(manager, programme, file_format)
    add(49)
    fifty = count_queries(manager, programme, file_format)
    assert (one, fifty) == (EXPORT_QUERIES, EXPORT_QUERIES)
    assert ThriveCategory.objects.count() == 5


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("reviewer", 403),
        ("consultant", 403),
        ("manager", 200),
    ],
)
def test_export_permissions(client, programme, scored, file_format, role, expected):
    users = {
        "council": lambda: council_user(organisation=scored[0].organisation),
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    if role != "anonymous":
        client.force_login(users[role]())
    response = export(client, programme, file_format)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    if expected != 200:
        assert b"Alpha County Council" not in response.content
