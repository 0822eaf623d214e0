"""The programme's pool of peer approaches (issue 15, item 1). Programme managers add, change,
archive and restore approaches (archiving one a project is matched to is refused, naming the
council), turn a peer partner offer into an approach once, and import approaches from a CSV or
XLSX file that is imported only when every row is clean, with every problem reported as (row,
column, problem). Nobody else may open any of the pages; another programme's approach is a 404;
the list runs the same queries with one approach or several."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from cohort.errors import PeerApproachError
from cohort.models import PeerApproach, PeerMatch
from cohort.services.peer_approaches import (
    COLUMNS,
    ImportProblem,
    approach_from_offer,
    archive_peer_approach,
    import_peer_approaches,
    restore_peer_approach,
    save_peer_approach,
)
from programmes.models import PeerPartnerOffer, ThriveCategory
from tests.cohort.test_progress import make_project
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")


@pytest.fixture
def programme():
    return ProgrammeFactory()


def fields(**overrides) -> dict:
    return {
        "organisation_name": "Kirklees Council",
        "title": "Mental health first aid in schools",
        "description": "Every school has a trained first aider.",
        "thrive_categories": ["thriving", "Getting advice"],
        "themes": "Schools;  early help, schools",
        "challenge_areas": "Whole school approach",
        "contact_name": "Sam Peer",
        "contact_job_title": "Head of early help",
        "contact_email": "Sam.Peer@Example.org",
        "hosts_visits": True,
        "hosts_calls": False,
        "capacity": "2",
        **overrides,
    }


def approach(programme, by, **overrides) -> PeerApproach:
    return save_peer_approach(programme_id=programme.pk, by=by, **fields(**overrides))


# --- Services ----------------------------------------------------------------------------------


def test_an_approach_is_saved_tidied_and_placed_at_its_organisation(programme, manager):
    kirklees = OrganisationFactory(name="Kirklees Council", latitude=53.6, longitude=-1.78)
    saved = approach(programme, manager, organisation_name="  kirklees   COUNCIL ")

    assert saved.organisation == kirklees
    assert (float(saved.latitude), float(saved.longitude)) == (53.6, -1.78)
    assert saved.themes == "Schools, early help"
    assert saved.contact_email == "sam.peer@example.org"
    assert saved.capacity == 2
    assert sorted(saved.thrive_categories.values_list("slug", flat=True)) == [
        "getting_advice",
        "thriving",
    ]


def test_an_organisation_off_the_list_has_no_location(programme, manager):
    saved = approach(programme, manager, organisation_name="Stockport Youth Charity")
    assert saved.organisation is None and saved.latitude is None


def test_every_problem_is_named_by_field(programme, manager):
    with pytest.raises(PeerApproachError) as caught:
        approach(
            programme,
            manager,
            organisation_name="",
            title=" ",
            description="",
            contact_name="",
            contact_email="not an address",
            hosts_visits=False,
            hosts_calls=False,
            capacity="51",
            thrive_categories=["Flourishing"],
        )
    errors = caught.value.errors
    assert set(errors) == {
        "organisation_name",
        "title",
        "description",
        "contact_name",
        "contact_email",
        "hosts",
        "capacity",
        "thrive_categories",
    }
    assert errors["capacity"] == "How many projects it can take must be from 0 to 50"
    assert "‘Flourishing’ is not a THRIVE category" in errors["thrive_categories"]
    assert not PeerApproach.objects.exists()


def test_a_duplicate_active_approach_is_refused_ignoring_case(programme, manager):
    approach(programme, manager)
    with pytest.raises(PeerApproachError) as caught:
        approach(
            programme,
            manager,
            organisation_name="KIRKLEES council",
            title="mental health first aid in schools",
        )
    assert "already has an approach" in caught.value.errors["title"]
    # Another programme may have the same one.
    approach(ProgrammeFactory(), manager)


def test_changing_keeps_the_approach_and_its_title_may_stay(programme, manager):
    saved = approach(programme, manager)
    changed = save_peer_approach(
        programme_id=programme.pk,
        approach_id=saved.pk,
        by=manager,
        **fields(capacity=0, hosts_calls=True),
    )
    assert changed.pk == saved.pk and changed.capacity == 0 and changed.hosts_calls


def test_only_a_programme_manager_may_change_the_pool(programme):
    with pytest.raises(PermissionDenied):
        approach(programme, UserFactory(role=StaffRole.CONSULTANT))


def test_archiving_is_refused_while_a_project_is_matched(programme, manager):
    saved = approach(programme, manager)
    project = make_project(programme, organisation=OrganisationFactory(name="Essex"))
    match = PeerMatch.objects.create(project=project, approach=saved)
    with pytest.raises(PeerApproachError) as caught:
        archive_peer_approach(approach_id=saved.pk, by=manager)
    assert "Essex is matched to it" in caught.value.message
    saved.refresh_from_db()
    assert saved.archived_at is None

    match.delete()
    archived = archive_peer_approach(approach_id=saved.pk, by=manager)
    assert archived.archived_at is not None
    # An archived approach frees its name; restoring is then refused until that one goes.
    again = approach(programme, manager)
    with pytest.raises(PeerApproachError):
        restore_peer_approach(approach_id=saved.pk, by=manager)
    archive_peer_approach(approach_id=again.pk, by=manager)
    assert restore_peer_approach(approach_id=saved.pk, by=manager).archived_at is None


def offer(programme, **overrides) -> PeerPartnerOffer:
    made = PeerPartnerOffer.objects.create(
        programme=programme,
        **{
            "organisation_name": "Leeds City Council",
            "approach_title": "Future in Mind hubs",
            "summary": "Hubs in every locality.",
            "themes": "Early help",
            "contact_name": "Lee Contact",
            "contact_job_title": "Manager",
            "contact_email": "lee@example.org",
            "can_host_visit": True,
            "can_take_call": True,
            "visit_capacity": 3,
            **overrides,
        },
    )
    made.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_help"))
    return made


def test_an_offer_becomes_an_approach_once(programme, manager):
    leeds = OrganisationFactory(name="Leeds City Council", latitude=53.8, longitude=-1.55)
    source = offer(programme)
    made = approach_from_offer(offer_id=source.pk, by=manager)

    assert made.source_offer == source and made.programme == programme
    assert (made.title, made.description, made.organisation) == (
        "Future in Mind hubs",
        "Hubs in every locality.",
        leeds,
    )
    assert (made.hosts_visits, made.hosts_calls, made.capacity) == (True, True, 3)
    assert list(made.thrive_categories.values_list("slug", flat=True)) == ["getting_help"]
    assert made.contact_email == "lee@example.org"

    with pytest.raises(PeerApproachError) as caught:
        approach_from_offer(offer_id=source.pk, by=manager)
    assert caught.value.approach == made
    assert PeerApproach.objects.count() == 1


def test_an_offer_of_neither_a_visit_nor_a_call_is_refused(programme, manager):
    source = offer(programme, can_host_visit=False, can_take_call=False)
    with pytest.raises(PeerApproachError) as caught:
        approach_from_offer(offer_id=source.pk, by=manager)
    assert "neither a visit nor a call" in caught.value.message
    assert not PeerApproach.objects.exists()


# --- Import ------------------------------------------------------------------------------------

HEADER = [column for column, _ in COLUMNS]
GOOD_ROW = [
    "Kirklees Council",
    "Mental health first aid",
    "Trained first aiders",
    "Thriving; getting_advice",
    "Schools, Early help",
    "Whole school approach",
    "Sam Peer",
    "Lead",
    "sam@example.org",
    "yes",
    "no",
    "2",
]


def csv_upload(rows, *, bom=False, name="approaches.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    content = out.getvalue().encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + content, "text/csv")


def xlsx_upload(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(
        "approaches.xlsx",
        out.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def row(**changes) -> list:
    values = dict(zip(HEADER, GOOD_ROW, strict=True))
    values.update({key.replace("_", " "): value for key, value in changes.items()})
    return [values[column] for column in HEADER]


def test_a_clean_csv_with_a_bom_is_imported(programme, manager):
    kirklees = OrganisationFactory(name="Kirklees Council", latitude=53.6, longitude=-1.78)
    upload = csv_upload(
        [HEADER, row(), [], row(title="Formulas stay text", description="=1+1")], bom=True
    )
    report = import_peer_approaches(programme_id=programme.pk, upload=upload, by=manager)

    assert report.is_clean and len(report.created) == 2
    first = programme.peer_approaches.get(title="Mental health first aid")
    assert first.organisation == kirklees and first.latitude is not None
    assert (first.hosts_visits, first.hosts_calls, first.capacity) == (True, False, 2)
    assert sorted(first.thrive_categories.values_list("slug", flat=True)) == [
        "getting_advice",
        "thriving",
    ]
    assert programme.peer_approaches.get(title="Formulas stay text").description == "=1+1"


def test_a_clean_xlsx_is_imported_and_formulas_are_never_evaluated(programme, manager):
    upload = xlsx_upload(
        [
            [h.title() for h in HEADER],  # headers in another case
            row(capacity=3),
            row(title="Sums", description="=SUM(1,2)", hosts_calls=True, hosts_visits=False),
        ]
    )
    report = import_peer_approaches(programme_id=programme.pk, upload=upload, by=manager)

    assert report.is_clean, report.problems
    sums = programme.peer_approaches.get(title="Sums")
    assert sums.description == "=SUM(1,2)"
    assert (sums.hosts_visits, sums.hosts_calls) == (False, True)
    assert programme.peer_approaches.get(title="Mental health first aid").capacity == 3


def test_a_file_with_problems_reports_each_and_imports_nothing(programme, manager):
    approach(programme, manager, organisation_name="Kirklees Council", title="Already here")
    upload = csv_upload(
        [
            HEADER,
            row(),  # row 2: clean
            row(title="Three", contact_email="nobody", capacity="lots"),  # row 3
            row(title="", hosts_visits="maybe"),  # row 4
            row(thrive_categories="Thriving; Flourishing", title="Another"),  # row 5
            row(title="Already here"),  # row 6: already in the programme
            row(title="MENTAL HEALTH FIRST AID"),  # row 7: same as row 2
            row(title="Neither", hosts_visits="no", hosts_calls="no"),  # row 8
        ]
    )
    report = import_peer_approaches(programme_id=programme.pk, upload=upload, by=manager)

    assert not report.is_clean and report.created == []
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "contact email"),
        (3, "capacity"),
        (4, "hosts visits"),
        (4, "title"),
        (5, "thrive categories"),
        (6, "title"),
        (7, "title"),
        (8, "hosts visits, hosts calls"),
    ]
    problems = {(p.row, p.column): p.problem for p in report.problems}
    assert problems[(4, "hosts visits")] == "Enter yes or no"
    assert problems[(4, "title")] == "Enter the name of the approach"
    assert problems[(7, "title")] == "Row 2 has the same organisation and title"
    assert "already has an approach" in problems[(6, "title")]
    assert programme.peer_approaches.count() == 1


def test_missing_and_unknown_columns_are_problems_of_row_1(programme, manager):
    header = [*(h for h in HEADER if h != "capacity"), "favourite colour"]
    upload = csv_upload([header, [*GOOD_ROW[:-1], "blue"]])
    report = import_peer_approaches(programme_id=programme.pk, upload=upload, by=manager)
    assert report.problems == [
        ImportProblem(1, "favourite colour", "This is not a column of the template"),
        ImportProblem(1, "capacity", "This column is missing"),
    ]
    assert not PeerApproach.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 a PDF",
        b"%PDF-1.4 a PDF that happens to be all text",
        b"PK\x03\x04 not really a zip",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"\xff\xd8\xff\xe0 a JPEG",
    ],
)
def test_anything_but_a_csv_or_xlsx_is_refused_by_its_content(programme, manager, content):
    with pytest.raises(PeerApproachError) as caught:
        import_peer_approaches(
            programme_id=programme.pk,
            upload=SimpleUploadedFile("approaches.csv", content, "text/csv"),
            by=manager,
        )
    assert caught.value.field == "file"
    assert caught.value.message == "The selected file must be a CSV or an Excel workbook (.xlsx)"
    assert not PeerApproach.objects.exists()


def test_an_old_xls_or_a_csv_not_in_utf8_is_refused_saying_what_to_do(programme, manager):
    for content, expected in [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "save it as .xlsx"),
        (",".join(HEADER).encode() + b"\nKirklees Caf\xe9\n", "must be saved as UTF-8"),
    ]:
        with pytest.raises(PeerApproachError) as caught:
            import_peer_approaches(
                programme_id=programme.pk,
                upload=SimpleUploadedFile("approaches.xls", content),
                by=manager,
            )
        assert expected in caught.value.message


def test_an_xlsx_named_csv_is_read_as_what_it_is(programme, manager):
    upload = xlsx_upload([HEADER, row()])
    upload.name = "approaches.csv"
    assert import_peer_approaches(programme_id=programme.pk, upload=upload, by=manager).is_clean


def test_blank_rows_keep_the_numbering_and_do_not_count(programme, manager):
    rows = [HEADER, *([[""] * len(HEADER)] * 600), row(capacity="x")]
    report = import_peer_approaches(programme_id=programme.pk, upload=csv_upload(rows), by=manager)
    assert [(p.row, p.column) for p in report.problems] == [(602, "capacity")]


def test_too_many_rows_is_a_problem(programme, manager):
    rows = [HEADER] + [row(title=f"Approach {n}") for n in range(501)]
    report = import_peer_approaches(programme_id=programme.pk, upload=csv_upload(rows), by=manager)
    assert [p.problem for p in report.problems] == [
        "The file has more than 500 rows: split it into smaller files"
    ]
    assert not PeerApproach.objects.exists()


# --- Views -------------------------------------------------------------------------------------


def test_a_manager_adds_an_approach_fixing_an_error(client, programme, manager):
    client.force_login(manager)
    url = reverse("cohort:add_peer_approach", args=[programme.slug])
    data = {
        "organisation_name": "Kirklees Council",
        "title": "First aid",
        "description": "Trained first aiders",
        "thrive_categories": ["thriving"],
        "contact_name": "Sam",
        "contact_email": "sam@example.org",
        "capacity": "2",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say whether it can host a visit, take part in a call, or both" in page
    assert 'href="#id_hosts_1"' in page  # in the error summary, linking to the checkboxes
    assert 'value="Trained first aiders"' in page or "Trained first aiders</textarea>" in page

    response = client.post(url, {**data, "hosts": ["visits"]})
    assert response.status_code == 302
    assert programme.peer_approaches.get().hosts_visits


def test_the_import_page_shows_the_report_and_then_imports(client, programme, manager):
    client.force_login(manager)
    url = reverse("cohort:import_peer_approaches", args=[programme.slug])
    response = client.post(url, {"file": csv_upload([HEADER, row(capacity="-1")])})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been imported" in page
    assert "Row 2, capacity: How many projects it can take must be from 0 to 50" in page
    assert not PeerApproach.objects.exists()

    response = client.post(url, {"file": xlsx_upload([HEADER, row()])})
    assert response.status_code == 302
    assert programme.peer_approaches.count() == 1

    not_a_spreadsheet = SimpleUploadedFile("x.csv", b"\x89PNG\r\n\x1a\n\x00", "text/csv")
    response = client.post(url, {"file": not_a_spreadsheet})
    assert "must be a CSV or an Excel workbook" in response.content.decode()


def test_the_template_lists_the_columns(client, programme, manager):
    client.force_login(manager)
    response = client.get(reverse("cohort:peer_approaches_template", args=[programme.slug]))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


def test_turning_an_offer_into_an_approach_from_its_page(client, programme, manager):
    source = offer(programme)
    client.force_login(manager)
    url = reverse("cohort:peer_approaches_from_offers", args=[programme.slug])
    assert "Turn into an approach" in client.get(url).content.decode()
    assert client.post(url, {"offer": source.pk}).status_code == 302
    page = client.get(url).content.decode()
    assert "Turn into an approach" not in page and "Future in Mind hubs" in page
    # Twice: a message, no second approach.
    response = client.post(url, {"offer": source.pk}, follow=True)
    assert "This offer is already the approach ‘Future in Mind hubs’" in response.content.decode()
    assert PeerApproach.objects.count() == 1
    # Another programme's offer is a 404.
    other = offer(ProgrammeFactory())
    assert client.post(url, {"offer": other.pk}).status_code == 404


def test_list_filters_and_searches(client, programme, manager):
    approach(programme, manager, title="Hubs in schools")
    archived = approach(programme, manager, title="Old approach")
    archive_peer_approach(approach_id=archived.pk, by=manager)
    client.force_login(manager)
    url = reverse("cohort:peer_approaches", args=[programme.slug])
    page = client.get(url).content.decode()
    assert "Hubs in schools" in page and "Old approach" not in page
    page = client.get(url, {"status": "archived"}).content.decode()
    assert "Old approach" in page and "Hubs in schools" not in page
    page = client.get(url, {"q": "nothing-like-this"}).content.decode()
    assert "Hubs in schools" not in page and "No active approach matches" in page


def test_archive_and_restore_through_the_confirmation_page(client, programme, manager):
    saved = approach(programme, manager)
    client.force_login(manager)
    url = reverse("cohort:archive_peer_approach", args=[programme.slug, saved.pk])
    assert "Archive the approach" in client.get(url).content.decode()
    client.post(url)
    saved.refresh_from_db()
    assert saved.archived_at is not None
    assert "Restore the approach" in client.get(url).content.decode()
    client.post(url)
    saved.refresh_from_db()
    assert saved.archived_at is None
    # Matched: the page says why not and offers no button; a post anyway is refused with it.
    essex = make_project(programme, organisation=OrganisationFactory(name="Essex County Council"))
    PeerMatch.objects.create(project=essex, approach=saved)
    page = client.get(url).content.decode()
    assert "Essex County Council" in page and "Archive approach</button>" not in page
    page = client.post(url, follow=True).content.decode()
    assert "Essex County Council is matched to it" in page
    saved.refresh_from_db()
    assert saved.archived_at is None


# --- Permissions -------------------------------------------------------------------------------

ROLES = ["anonymous", "council", "reviewer", "consultant", "other_consultant", "manager"]


@pytest.fixture
def world(manager):
    programme = ProgrammeFactory()
    consultant = UserFactory(role=StaffRole.CONSULTANT)
    project = make_project(programme, consultant=consultant)
    secret = approach(programme, manager, title="A secret approach")
    source = offer(programme)
    return {
        "programme": programme,
        "approach": secret,
        "offer": source,
        "users": {
            "anonymous": None,
            "council": council_user(organisation=project.organisation),
            "reviewer": UserFactory(role=StaffRole.REVIEWER),
            "consultant": consultant,
            "other_consultant": UserFactory(role=StaffRole.CONSULTANT),
            "manager": manager,
        },
    }


def urls(w) -> list[str]:
    slug, pk = w["programme"].slug, w["approach"].pk
    return [
        reverse("cohort:peer_approaches", args=[slug]),
        reverse("cohort:add_peer_approach", args=[slug]),
        reverse("cohort:change_peer_approach", args=[slug, pk]),
        reverse("cohort:archive_peer_approach", args=[slug, pk]),
        reverse("cohort:import_peer_approaches", args=[slug]),
        reverse("cohort:peer_approaches_template", args=[slug]),
        reverse("cohort:peer_approaches_from_offers", args=[slug]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url in urls(world):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == (200 if role == "manager" else 403), url


@pytest.mark.parametrize("role", ["anonymous", "council", "reviewer", "consultant"])
def test_nobody_else_changes_the_pool(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    slug, pk = world["programme"].slug, world["approach"].pk
    posts = [
        (reverse("cohort:add_peer_approach", args=[slug]), fields(title="Hijack")),
        (reverse("cohort:change_peer_approach", args=[slug, pk]), fields(title="Hijacked")),
        (reverse("cohort:archive_peer_approach", args=[slug, pk]), {}),
        (
            reverse("cohort:import_peer_approaches", args=[slug]),
            {"file": csv_upload([HEADER, row(title="Hijack")])},
        ),
        (
            reverse("cohort:peer_approaches_from_offers", args=[slug]),
            {"offer": world["offer"].pk},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403)
    assert list(PeerApproach.objects.values_list("title", "archived_at")) == [
        ("A secret approach", None)
    ]


def test_another_programmes_approach_is_a_404(client, world, manager):
    client.force_login(manager)
    other = ProgrammeFactory()
    pk = world["approach"].pk
    for name in ("change_peer_approach", "archive_peer_approach"):
        assert client.get(reverse(f"cohort:{name}", args=[other.slug, pk])).status_code == 404
    archive = reverse("cohort:archive_peer_approach", args=[other.slug, pk])
    assert client.post(archive).status_code == 404


# --- Query counts ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_list_and_offers_pages_run_the_same_queries_with_one_or_several(
    client, programme, manager
):
    def add(n):
        for _ in range(n):
            number = programme.peer_approaches.count()
            made = approach(programme, manager, title=f"Approach {number}")
            PeerMatch.objects.create(project=make_project(programme), approach=made)
            approach_from_offer(
                offer_id=offer(programme, approach_title=f"Offer {number}").pk, by=manager
            )
            offer(programme, approach_title=f"Not yet {number}")

    client.force_login(manager)
    pages = [
        reverse("cohort:peer_approaches", args=[programme.slug]),
        reverse("cohort:peer_approaches_from_offers", args=[programme.slug]),
    ]
    add(1)
    one = [count_queries(client, url) for url in pages]
    add(4)
    several = [count_queries(client, url) for url in pages]
    assert one == several
