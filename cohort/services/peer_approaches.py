"""The programme's pool of peer approaches (issue 15, item 1): adding and changing them by hand,
archiving and restoring them, turning a peer partner offer into one, and importing many from a
CSV or XLSX file.

Every write locks the programme's row first (the one lock order: programme, then the rest), so
two managers adding the same approach at once cannot both succeed, and an import checks for
duplicates against exactly what is in the database when it writes.

An approach's organisation is matched to the organisation list by name, ignoring case; when it
is there, the approach takes the organisation's location (for the distance of a visit) and is
never matched to that organisation's own project.

Archiving an approach that a project is matched to is refused, naming the councils: change their
match first. Nothing is cleared silently.

The import validates every row and reports every problem as (row as numbered in the
spreadsheet, column, problem); it writes nothing unless the whole file is clean, and then writes
every row in one transaction. Cells are only ever read as text: a cell such as "=SUM(A1)" is
stored as those characters and never evaluated (openpyxl reads formulas as their text, and the
file is opened read-only).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohort.errors import PeerApproachError
from cohort.models import PeerApproach, PeerMatch
from programmes.models import Organisation, PeerPartnerOffer, Programme, ThriveCategory

ORGANISATION_CHARACTERS = 200
TITLE_CHARACTERS = 200
DESCRIPTION_CHARACTERS = 5_000
LIST_CHARACTERS = 500
NAME_CHARACTERS = 200
MAX_CAPACITY = 50
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500

# The import's columns, in the template's order, with the approach's field each one fills.
COLUMNS = [
    ("organisation", "organisation_name"),
    ("title", "title"),
    ("description", "description"),
    ("thrive categories", "thrive_categories"),
    ("themes", "themes"),
    ("challenge areas", "challenge_areas"),
    ("contact name", "contact_name"),
    ("contact job title", "contact_job_title"),
    ("contact email", "contact_email"),
    ("hosts visits", "hosts_visits"),
    ("hosts calls", "hosts_calls"),
    ("capacity", "capacity"),
]
COLUMN_FOR_FIELD = {name: column for column, name in COLUMNS}
FIELD_FOR_COLUMN = dict(COLUMNS)
# Whose errors the form shows elsewhere than on a field of the same name.
HOSTS = "hosts"


def _check_manager(by) -> None:
    if by is None or not by.is_programme_manager:
        raise PermissionDenied("Only a programme manager can change the pool of peer approaches")


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _one_line(value) -> str:
    return " ".join(str(value or "").split())


def normalise_list(value) -> str:
    """Items separated by commas or semicolons, tidied and without repeats (ignoring case),
    joined by ", "."""
    if isinstance(value, str):
        value = re.split(r"[,;]", value)
    seen, items = set(), []
    for item in value or []:
        item = _one_line(item)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return ", ".join(items)


def _key(organisation_name: str, title: str) -> tuple[str, str]:
    return (_one_line(organisation_name).casefold(), _one_line(title).casefold())


def _thrive_lookup() -> dict[str, str]:
    """Each THRIVE category's slug and name (case-folded) → its slug."""
    lookup = {}
    for slug, name in ThriveCategory.objects.values_list("slug", "name"):
        lookup[slug.casefold()] = slug
        lookup[name.casefold()] = slug
        lookup[slug.replace("_", " ").casefold()] = slug
    return lookup


def clean_approach(data: dict, *, thrive: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """The approach's fields tidied, and every problem by field (empty when clean).

    `data` has the keys of the approach's fields; `thrive_categories` is a list of slugs or
    names, or text separated by commas or semicolons; `capacity` an int or text.
    """
    errors: dict[str, str] = {}
    fields: dict = {}

    def text(name, label, limit, *, required=True, one_line=True):
        value = data.get(name) or ""
        value = _one_line(value) if one_line else str(value).strip()
        if required and not value:
            errors[name] = f"Enter the {label}"
        elif len(value) > limit:
            errors[name] = f"The {label} must be {limit:,} characters or fewer"
        fields[name] = value

    text("organisation_name", "organisation’s name", ORGANISATION_CHARACTERS)
    text("title", "name of the approach", TITLE_CHARACTERS)
    text("description", "description of the approach", DESCRIPTION_CHARACTERS, one_line=False)
    text("contact_name", "contact’s name", NAME_CHARACTERS)
    text("contact_job_title", "contact’s job title", NAME_CHARACTERS, required=False)
    email = _one_line(data.get("contact_email")).lower()
    if not email:
        errors["contact_email"] = "Enter the contact’s email address"
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = (
                "Enter the contact’s email address in the right format, like name@example.org"
            )
    fields["contact_email"] = email

    for name, label in (("themes", "themes"), ("challenge_areas", "challenge areas")):
        value = normalise_list(data.get(name) or "")
        if len(value) > LIST_CHARACTERS:
            errors[name] = f"The {label} must be {LIST_CHARACTERS:,} characters or fewer in all"
        fields[name] = value

    categories = data.get("thrive_categories") or []
    if isinstance(categories, str):
        categories = re.split(r"[,;]", categories)
    slugs, unknown = [], []
    for item in categories:
        item = _one_line(item)
        if not item:
            continue
        slug = thrive.get(item.casefold())
        if slug is None:
            unknown.append(item)
        elif slug not in slugs:
            slugs.append(slug)
    if unknown:
        names = ", ".join(ThriveCategory.objects.values_list("name", flat=True))
        errors["thrive_categories"] = (
            f"‘{unknown[0]}’ is not a THRIVE category: use {names}"
            if len(unknown) == 1
            else f"{', '.join(f'‘{u}’' for u in unknown)} are not THRIVE categories: use {names}"
        )
    fields["thrive_categories"] = slugs

    fields["hosts_visits"] = bool(data.get("hosts_visits"))
    fields["hosts_calls"] = bool(data.get("hosts_calls"))
    if not (fields["hosts_visits"] or fields["hosts_calls"]):
        errors[HOSTS] = "Say whether it can host a visit, take part in a call, or both"

    capacity = data.get("capacity")
    if capacity in (None, ""):
        errors["capacity"] = (
            f"Enter how many projects it can take, a whole number from 0 to {MAX_CAPACITY}"
        )
    else:
        try:
            capacity = int(str(capacity).strip())
        except ValueError:
            errors["capacity"] = (
                f"How many projects it can take must be a whole number from 0 to {MAX_CAPACITY}"
            )
        else:
            if not 0 <= capacity <= MAX_CAPACITY:
                errors["capacity"] = (
                    f"How many projects it can take must be from 0 to {MAX_CAPACITY}"
                )
        fields["capacity"] = capacity
    return fields, errors


def _organisations_by_name(names: Iterable[str]) -> dict[str, Organisation]:
    """The listed organisations with these names, by case-folded name (compared in Python:
    SQLite's case-insensitive matching is ASCII-only)."""
    wanted = {_one_line(name).casefold() for name in names if name}
    if not wanted:
        return {}
    return {
        organisation.name.casefold(): organisation
        for organisation in Organisation.objects.only("id", "name", "latitude", "longitude")
        if organisation.name.casefold() in wanted
    }


def _active_keys(programme: Programme, *, exclude_id: int | None = None) -> set[tuple[str, str]]:
    rows = programme.peer_approaches.filter(archived_at__isnull=True).exclude(pk=exclude_id)
    return {_key(org, title) for org, title in rows.values_list("organisation_name", "title")}


def _duplicate_message(fields: dict) -> str:
    return (
        f"The programme already has an approach called ‘{fields['title']}’ from "
        f"{fields['organisation_name']}"
    )


def _apply(approach: PeerApproach, fields: dict, organisation: Organisation | None) -> None:
    for name, value in fields.items():
        if name != "thrive_categories":
            setattr(approach, name, value)
    approach.organisation = organisation
    approach.latitude = organisation.latitude if organisation else None
    approach.longitude = organisation.longitude if organisation else None


def _save(approach: PeerApproach, fields: dict) -> PeerApproach:
    try:
        with transaction.atomic():
            approach.save()
    except IntegrityError as error:  # the unique constraint, should the check be beaten
        raise PeerApproachError(errors={"title": _duplicate_message(fields)}) from error
    approach.thrive_categories.set(fields["thrive_categories"])
    return approach


@transaction.atomic
def save_peer_approach(
    *,
    programme_id: int,
    approach_id: int | None = None,
    organisation_name: str,
    title: str,
    description: str,
    thrive_categories: Iterable[str] = (),
    themes: str = "",
    challenge_areas: str = "",
    contact_name: str,
    contact_job_title: str = "",
    contact_email: str,
    hosts_visits: bool,
    hosts_calls: bool,
    capacity,
    by,
) -> PeerApproach:
    """Add an approach to the programme's pool (no `approach_id`) or change one.

    Raises PeerApproachError naming every field with a problem. Side effects: the programme row
    is locked, the approach written with its THRIVE categories, and its organisation (and so its
    location) matched to the organisation list by name. No email.
    """
    _check_manager(by)
    programme = _lock_programme(programme_id)
    approach = (
        PeerApproach(programme=programme)
        if approach_id is None
        else PeerApproach.objects.select_for_update().get(pk=approach_id, programme=programme)
    )
    fields, errors = clean_approach(
        {
            "organisation_name": organisation_name,
            "title": title,
            "description": description,
            "thrive_categories": list(thrive_categories or []),
            "themes": themes,
            "challenge_areas": challenge_areas,
            "contact_name": contact_name,
            "contact_job_title": contact_job_title,
            "contact_email": contact_email,
            "hosts_visits": hosts_visits,
            "hosts_calls": hosts_calls,
            "capacity": capacity,
        },
        thrive=_thrive_lookup(),
    )
    if (
        "title" not in errors
        and "organisation_name" not in errors
        and approach.archived_at is None
        and _key(fields["organisation_name"], fields["title"])
        in _active_keys(programme, exclude_id=approach.pk)
    ):
        errors["title"] = _duplicate_message(fields)
    if errors:
        raise PeerApproachError(errors=errors)
    organisation = _organisations_by_name([fields["organisation_name"]]).get(
        fields["organisation_name"].casefold()
    )
    _apply(approach, fields, organisation)
    return _save(approach, fields)


@transaction.atomic
def archive_peer_approach(*, approach_id: int, by) -> PeerApproach:
    """Take an approach out of the pool (it is kept, with its engagements, and can be restored).

    Refused while a project is matched to it, naming the councils, so no match is cleared
    silently. Side effects: the programme and the approach are locked and `archived_at` set.
    """
    _check_manager(by)
    programme_id = PeerApproach.objects.values_list("programme_id", flat=True).get(pk=approach_id)
    _lock_programme(programme_id)
    approach = PeerApproach.objects.select_for_update().get(pk=approach_id)
    if approach.archived_at is not None:
        return approach
    matched = list(
        PeerMatch.objects.filter(approach=approach)
        .order_by("project__organisation__name")
        .values_list("project__organisation__name", flat=True)
    )
    if matched:
        raise PeerApproachError(
            f"‘{approach.title}’ cannot be archived because {_and(matched)} "
            f"{'is' if len(matched) == 1 else 'are'} matched to it. Change "
            f"{'that match' if len(matched) == 1 else 'those matches'} first."
        )
    approach.archived_at = timezone.now()
    approach.save(update_fields=["archived_at"])
    return approach


@transaction.atomic
def restore_peer_approach(*, approach_id: int, by) -> PeerApproach:
    """Put an archived approach back in the pool; refused when an active approach now has the
    same organisation and name. Side effects: the programme and the approach are locked."""
    _check_manager(by)
    programme_id = PeerApproach.objects.values_list("programme_id", flat=True).get(pk=approach_id)
    programme = _lock_programme(programme_id)
    approach = PeerApproach.objects.select_for_update().get(pk=approach_id)
    if approach.archived_at is None:
        return approach
    if _key(approach.organisation_name, approach.title) in _active_keys(programme):
        raise PeerApproachError(
            _duplicate_message(
                {"title": approach.title, "organisation_name": approach.organisation_name}
            )
            + ". Archive or rename that one first."
        )
    approach.archived_at = None
    approach.save(update_fields=["archived_at"])
    return approach


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@transaction.atomic
def approach_from_offer(*, offer_id: int, by) -> PeerApproach:
    """Turn a peer partner offer into an approach in the programme's pool, in one step: its
    organisation, title, summary, THRIVE categories, themes, contact, visits and calls and
    capacity are copied and the approach remembers the offer.

    Refused a second time (the error carries the existing approach), when an active approach
    has the same organisation and name, or when the offer can neither host a visit nor take a
    call. Side effects: the programme row is locked and one approach written. No email.
    """
    _check_manager(by)
    programme_id = PeerPartnerOffer.objects.values_list("programme_id", flat=True).get(pk=offer_id)
    programme = _lock_programme(programme_id)
    offer = PeerPartnerOffer.objects.get(pk=offer_id)
    existing = PeerApproach.objects.filter(source_offer=offer).first()
    if existing is not None:
        raise PeerApproachError(
            f"This offer is already the approach ‘{existing.title}’", approach=existing
        )
    fields, errors = clean_approach(
        {
            "organisation_name": offer.organisation_name,
            "title": offer.approach_title,
            "description": offer.summary,
            "thrive_categories": list(offer.thrive_categories.values_list("slug", flat=True)),
            "themes": offer.themes,
            "challenge_areas": "",
            "contact_name": offer.contact_name,
            "contact_job_title": offer.contact_job_title,
            "contact_email": offer.contact_email,
            "hosts_visits": offer.can_host_visit,
            "hosts_calls": offer.can_take_call,
            "capacity": offer.visit_capacity,
        },
        thrive=_thrive_lookup(),
    )
    if HOSTS in errors:
        raise PeerApproachError(
            f"‘{offer.approach_title}’ offers neither a visit nor a call, so it cannot be matched. "
            "Add it as an approach by hand if they can do either."
        )
    if errors:
        raise PeerApproachError(
            f"The offer cannot be turned into an approach as it is: {next(iter(errors.values()))}"
        )
    if _key(fields["organisation_name"], fields["title"]) in _active_keys(programme):
        raise PeerApproachError(_duplicate_message(fields))
    approach = PeerApproach(programme=programme, source_offer=offer)
    _apply(
        approach,
        fields,
        offer.organisation
        or _organisations_by_name([fields["organisation_name"]]).get(
            fields["organisation_name"].casefold()
        ),
    )
    return _save(approach, fields)


# --- Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    problem: str


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    created: list[PeerApproach] = field(default_factory=list)
    rows: int = 0

    @property
    def is_clean(self) -> bool:
        return not self.problems


def _header(value) -> str:
    text = _one_line(value).casefold()
    text = re.sub(r"\(.*?\)", "", text)  # "hosts visits (yes/no)"
    text = text.replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# The beginnings of common files that are not spreadsheets: PDF, PNG, JPEG, GIF, gzip, RTF.
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"{\\rtf")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def _read_rows(upload) -> list[list[str]]:
    """The file's rows as text, or a PeerApproachError when it is not a readable CSV or XLSX."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PeerApproachError(
            f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", field="file"
        )
    upload.seek(0)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise PeerApproachError(
            f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", field="file"
        )
    if not content.strip():
        raise PeerApproachError("The selected file is empty", field="file")
    not_a_spreadsheet = PeerApproachError(
        "The selected file must be a CSV or an Excel workbook (.xlsx)", field="file"
    )
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise not_a_spreadsheet
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
            try:
                return _take_rows(
                    [_cell(value) for value in row]
                    for row in workbook.worksheets[0].iter_rows(values_only=True)
                )
            finally:
                workbook.close()
        except PeerApproachError:
            raise
        except Exception as error:  # a damaged or unusual workbook
            raise not_a_spreadsheet from error
    if content.startswith(b"\xd0\xcf\x11\xe0"):  # an old Excel workbook (.xls)
        raise PeerApproachError(
            "The selected file is an old Excel workbook (.xls): save it as .xlsx or as a CSV "
            "file (UTF-8) and upload it again",
            field="file",
        )
    if b"\x00" in content or content.startswith(BINARY_SIGNATURES):
        raise not_a_spreadsheet
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PeerApproachError(
            "The CSV file must be saved as UTF-8 (in Excel: ‘CSV UTF-8’)", field="file"
        ) from error
    try:
        return _take_rows(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise not_a_spreadsheet from error


def _take_rows(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows up to one beyond the limit of rows with something in them (blank rows are kept,
    as [], so rows keep the spreadsheet's numbers), reading at most ten times the limit in all
    (a sheet formatted far down can yield many blank rows)."""
    taken, filled = [], 0
    for row in rows:
        if any(_one_line(value) for value in row):
            taken.append(row)
            filled += 1
        else:
            taken.append([])
        if filled > MAX_ROWS + 1 or len(taken) > 10 * MAX_ROWS:
            break
    return taken


def _parse(rows: list[list[str]], report: ImportReport) -> list[tuple[int, dict]]:
    """Each data row's approach fields, by spreadsheet row number; problems with the header and
    with yes/no cells go straight into `report`."""
    if not rows:
        report.problems.append(ImportProblem(1, "", "The file has no header row"))
        return []
    headers = [_header(value) for value in rows[0]]
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        if header not in FIELD_FOR_COLUMN:
            report.problems.append(
                ImportProblem(1, _one_line(rows[0][index]), "This is not a column of the template")
            )
        elif header in positions:
            report.problems.append(ImportProblem(1, header, "This column appears twice"))
        else:
            positions[header] = index
    for column, _ in COLUMNS:
        if column not in positions:
            report.problems.append(ImportProblem(1, column, "This column is missing"))
    if report.problems:
        return []
    data_rows = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(_one_line(value) for value in row)
    ]
    if len(data_rows) > MAX_ROWS or len(rows) > 10 * MAX_ROWS:
        report.problems.append(
            ImportProblem(
                MAX_ROWS + 2,
                "",
                f"The file has more than {MAX_ROWS} rows: split it into smaller files",
            )
        )
        return []
    parsed = []
    for number, row in data_rows:
        values = {
            FIELD_FOR_COLUMN[column]: (row[index] if index < len(row) else "")
            for column, index in positions.items()
        }
        for name in ("hosts_visits", "hosts_calls"):
            answer = _one_line(values[name]).casefold()
            if answer in YES:
                values[name] = True
            elif answer in NO:
                values[name] = False
            else:
                report.problems.append(
                    ImportProblem(number, COLUMN_FOR_FIELD[name], "Enter yes or no")
                )
                values[name] = None
        parsed.append((number, values))
    report.rows = len(parsed)
    return parsed


def import_peer_approaches(*, programme_id: int, upload, by) -> ImportReport:
    """Validate every row of a CSV or XLSX file of approaches and, only when the whole file is
    clean, add them all to the programme's pool in one transaction.

    Raises PeerApproachError (field "file") when the file is too big or not a CSV or XLSX by its
    content. Otherwise returns an ImportReport: its problems (row, column, problem) and, when
    there are none, the approaches created. Side effects when clean: the programme row is locked
    and one approach written per row. No email.
    """
    _check_manager(by)
    rows = _read_rows(upload)
    report = ImportReport()
    parsed = _parse(rows, report)
    if not parsed and not report.problems:
        report.problems.append(ImportProblem(2, "", "The file has no approaches in it"))
    if report.problems and not parsed:
        return report
    with transaction.atomic():
        programme = _lock_programme(programme_id)
        thrive = _thrive_lookup()
        active = _active_keys(programme)
        seen: dict[tuple[str, str], int] = {}
        cleaned = []
        for number, values in parsed:
            answered = values["hosts_visits"] is not None and values["hosts_calls"] is not None
            fields, errors = clean_approach(values, thrive=thrive)
            if not answered:
                errors.pop(HOSTS, None)
            for name, message in errors.items():
                column = "hosts visits, hosts calls" if name == HOSTS else COLUMN_FOR_FIELD[name]
                report.problems.append(ImportProblem(number, column, message))
            if "title" in errors or "organisation_name" in errors:
                continue
            key = _key(fields["organisation_name"], fields["title"])
            if key in active:
                report.problems.append(ImportProblem(number, "title", _duplicate_message(fields)))
            elif key in seen:
                report.problems.append(
                    ImportProblem(
                        number,
                        "title",
                        f"Row {seen[key]} has the same organisation and title",
                    )
                )
            else:
                seen[key] = number
            cleaned.append(fields)
        if report.problems:
            report.problems.sort(key=lambda problem: problem.row)
            return report
        organisations = _organisations_by_name(f["organisation_name"] for f in cleaned)
        for fields in cleaned:
            approach = PeerApproach(programme=programme)
            _apply(approach, fields, organisations.get(fields["organisation_name"].casefold()))
            report.created.append(_save(approach, fields))
    return report


def template_csv() -> str:
    """The import's columns, as a CSV file with one example row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column for column, _ in COLUMNS])
    writer.writerow(
        [
            "Example Borough Council",
            "Mental health first aid in every school",
            "What the approach is, what it changed and what others can learn from it.",
            "Thriving; Getting advice",
            "Schools, Early help",
            "Whole school approach",
            "Sam Example",
            "Head of early help",
            "sam.example@example.org",
            "yes",
            "yes",
            "2",
        ]
    )
    return out.getvalue()
