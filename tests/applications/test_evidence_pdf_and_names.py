"""Hostile PDFs are refused; uploaded names say what the file really is.

Every PDF here is a small, well-formed file built byte by byte (tests/evidence_samples.py), with
the active part written the way PDF writers write it: in a plain dictionary, behind #xx escapes,
or inside a Flate-compressed object stream.
"""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.evidence_files import (
    EvidenceFileRejected,
    check_evidence_file,
    name_with_real_extension,
)
from tests import evidence_samples as samples
from tests.factories import ApplicationFactory, council_user

TEN_MEBIBYTES = 10 * 1024 * 1024
ACTIVE = (
    "The selected file is a PDF with active content (scripts, attached files, media or an "
    "interactive form). Save it again as a plain PDF, for example with Print to PDF, and upload "
    "the new copy"
)
HTML = (
    "The selected file is both a web page and a PDF. Save it again as a plain PDF, for example "
    "with Print to PDF, and upload the new copy"
)
UNSAFE = (
    "The selected file could not be checked safely. "
    "Save it again as a PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG and upload the new copy"
)
PROTECTED = (
    "The selected file is a protected PDF that cannot be checked. Remove the password or "
    "restrictions, or save it again with Print to PDF, and upload the new copy"
)

JAVASCRIPT_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"


def check(content: bytes, *, name: str = "evidence.pdf"):
    return check_evidence_file(
        name=name, stream=io.BytesIO(content), size=len(content), max_file_bytes=TEN_MEBIBYTES
    )


def rejection(content: bytes, *, name: str = "evidence.pdf") -> EvidenceFileRejected:
    with pytest.raises(EvidenceFileRejected) as raised:
        check(content, name=name)
    return raised.value


def pdf_with_catalog(extra: bytes, *more_objects: bytes) -> bytes:
    return samples.make_pdf_with([*samples.pdf_page_objects(catalog_extra=extra), *more_objects])


# Plain PDFs still pass


def test_check_evidence_file_plain_pdfs_are_accepted() -> None:
    """A one-page PDF, one whose opening action only goes to the first page, and one whose
    catalog is in a compressed object stream are all plain PDFs."""
    go_to_first_page = pdf_with_catalog(b" /OpenAction [3 0 R /Fit]")
    in_object_stream = samples.make_pdf_with_object_stream(
        b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>"
    )

    pdfs = (samples.make_pdf(), go_to_first_page, in_object_stream)

    assert [check(pdf).kind for pdf in pdfs] == ["PDF", "PDF", "PDF"]


def test_check_evidence_file_pdf_resource_named_js_in_page_drawing_is_accepted() -> None:
    """Names inside a page's drawing instructions are resource names, not actions."""
    drawing = b"q /JS gs BT /F1 12 Tf (JavaScript) Tj ET Q"
    objects = samples.pdf_page_objects()
    objects[3] = samples.pdf_stream(zlib.compress(drawing), dictionary=b"/Filter /FlateDecode ")

    assert check(samples.make_pdf_with(objects)).kind == "PDF"


# Active content is refused


@pytest.mark.parametrize(
    ("catalog_extra", "more_objects"),
    [
        pytest.param(b" /OpenAction 6 0 R", (JAVASCRIPT_ACTION,), id="open-action-javascript"),
        pytest.param(
            b" /Names << /JavaScript << /Names [(init) 6 0 R] >> >>",
            (JAVASCRIPT_ACTION,),
            id="document-javascript",
        ),
        pytest.param(
            b" /AA << /WC << /S /JS >> >>",
            (),
            id="additional-action-js",
        ),
        pytest.param(
            b" /OpenAction << /S /Launch /F (cmd.exe) >>",
            (),
            id="launch",
        ),
        pytest.param(
            b" /Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >>",
            (b"<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>",),
            id="embedded-files",
        ),
        pytest.param(
            b"",
            (samples.pdf_stream(b"MZ", dictionary=b"/Type /EmbeddedFile "),),
            id="embedded-file-stream",
        ),
        pytest.param(
            b"",
            (b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>",),
            id="rich-media",
        ),
        pytest.param(
            b" /AcroForm << /Fields [] /XFA 6 0 R >>",
            (samples.pdf_stream(b"<xdp:xdp/>"),),
            id="xfa-form",
        ),
        pytest.param(b" /OpenAction << /S /J#61va#53cript /JS 6 0 R >>", (), id="hex-escaped"),
    ],
)
def test_check_evidence_file_pdf_with_active_content_is_refused(
    catalog_extra: bytes, more_objects: tuple[bytes, ...]
) -> None:
    """Scripts, programs, attached files, media and XFA forms are refused like macros."""
    error = rejection(pdf_with_catalog(catalog_extra, *more_objects))

    assert (error.code, error.message) == ("active_content", ACTIVE)


@pytest.mark.parametrize(
    "hidden",
    [
        pytest.param(JAVASCRIPT_ACTION, id="javascript"),
        pytest.param(b"<< /S /Launch /F (cmd.exe) >>", id="launch"),
        pytest.param(b"<< /Fields [] /XFA [(template) 8 0 R] >>", id="xfa"),
    ],
)
def test_check_evidence_file_active_content_in_compressed_object_stream_is_refused(
    hidden: bytes,
) -> None:
    """An action hidden in a Flate-compressed object stream is found once decompressed."""
    pdf = samples.make_pdf_with_object_stream(hidden)
    assert hidden not in pdf

    error = rejection(pdf)

    assert (error.code, error.message) == ("active_content", ACTIVE)


def test_check_evidence_file_active_content_in_uncompressed_object_stream_is_refused() -> None:
    error = rejection(samples.make_pdf_with_object_stream(JAVASCRIPT_ACTION, compress=False))

    assert error.code == "active_content"


def test_check_evidence_file_object_stream_with_unreadable_filter_is_refused() -> None:
    """An object stream this check cannot decode is refused rather than waved through."""
    objects = samples.pdf_page_objects()
    objects.append(
        samples.pdf_stream(
            b"7 0 << /S /GoTo >>".hex().encode() + b">",
            dictionary=b"/Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode ",
        )
    )

    assert rejection(samples.make_pdf_with(objects)).message == UNSAFE


def test_check_evidence_file_object_stream_expanding_too_far_is_refused() -> None:
    """An object stream that would decompress past 16 MB is refused without expanding it."""
    bomb = zlib.compress(b"7 0 " + b" " * (17 * 1024 * 1024), 9)
    objects = samples.pdf_page_objects()
    objects.append(
        samples.pdf_stream(bomb, dictionary=b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode ")
    )

    assert rejection(samples.make_pdf_with(objects)).message == UNSAFE


def test_check_evidence_file_encrypted_pdf_with_object_streams_is_refused() -> None:
    """Encrypted object streams cannot be read, so such a PDF cannot be checked."""
    objects = samples.pdf_page_objects()
    objects.append(
        samples.pdf_stream(
            b"\x8a\x11\x93encrypted",
            dictionary=b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode ",
        )
    )
    objects.append(b"<< /Filter /Standard /V 4 /R 4 /O <00> /U <00> /P -4 >>")
    pdf = samples.make_pdf_with(objects, trailer_extra=b" /Encrypt 7 0 R")

    error = rejection(pdf)

    assert (error.code, error.message) == ("encrypted", PROTECTED)


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(b"<!DOCTYPE html><html><body>", id="before-header"),
        pytest.param(b"<script>alert(1)</script>\n", id="script-before-header"),
    ],
)
def test_check_evidence_file_html_before_pdf_header_is_refused(html: bytes) -> None:
    """A file that is both a web page and a PDF is refused."""
    error = rejection(samples.make_pdf_with(samples.pdf_page_objects(), prefix=html))

    assert (error.code, error.message) == ("html", HTML)


def test_check_evidence_file_html_after_end_of_pdf_is_refused() -> None:
    """Readers stop at %%EOF but a browser renders a script wherever it is."""
    pdf = samples.make_pdf() + b"<ScRiPt src=//evil.example/x.js></script>"

    assert rejection(pdf).code == "html"


def test_check_evidence_file_html_inside_a_stream_is_refused() -> None:
    objects = samples.pdf_page_objects()
    objects[3] = samples.pdf_stream(b"<iframe src=https://evil.example>")

    assert rejection(samples.make_pdf_with(objects)).code == "html"


# Names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("evidence\u202efdp.exe", "evidencefdp.pdf", id="right-to-left-override"),
        pytest.param("budget\u2066.pdf\u2069.exe", "budget.pdf.pdf", id="isolates"),
        pytest.param("minutes\r\n.pdf", "minutes.pdf", id="cr-lf"),
        pytest.param("minutes.pdf\r\n", "minutes.pdf", id="cr-lf-after"),
        pytest.param("minutes%0D%0A.pdf", "minutes.pdf", id="browser-escaped-cr-lf"),
        pytest.param("Board minutes", "Board minutes.pdf", id="no-extension"),
        pytest.param("plan v1.2", "plan v1.2.pdf", id="version-number-kept"),
        pytest.param("page.html", "page.pdf", id="web-page-extension"),
        pytest.param("report.PDF", "report.PDF", id="right-extension-kept"),
    ],
)
def test_check_evidence_file_display_name_ends_in_real_extension(name: str, expected: str) -> None:
    """Controls are removed and the name ends in what the file really is."""
    assert check(samples.make_pdf(), name=name).display_name == expected


def test_check_evidence_file_jpeg_keeps_either_extension() -> None:
    assert [
        check(samples.make_jpeg(), name=name).display_name for name in ("a.jpeg", "b.jpg", "c")
    ] == ["a.jpeg", "b.jpg", "c.jpg"]


def test_name_with_real_extension_long_name_stays_within_limit() -> None:
    name = name_with_real_extension("a" * 120, kind="PDF")

    assert (len(name), name[-4:]) == (120, ".pdf")


def test_name_with_real_extension_unknown_kind_leaves_name() -> None:
    assert name_with_real_extension("notes.txt", kind="TXT") == "notes.txt"


# Through the pages


@pytest.fixture
def council(client):
    application = ApplicationFactory()
    client.force_login(council_user(organisation=application.organisation))
    return client, application


def upload(client, application, name: str, content: bytes):
    return client.post(
        reverse("applications:upload_evidence", args=[application.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def download_disposition(client, application, document) -> str:
    response = client.get(reverse("applications:download", args=[application.pk, document.pk]))
    response.close()
    return response["Content-Disposition"]


@pytest.mark.django_db
def test_upload_of_pdf_with_javascript_shows_the_reason_and_stores_nothing(council):
    client, application = council
    pdf = pdf_with_catalog(b" /OpenAction 6 0 R", JAVASCRIPT_ACTION)

    page = upload(client, application, "plan.pdf", pdf).content.decode()

    assert 'href="#id_file"' in page
    assert "The selected file is a PDF with active content" in page
    assert not application.documents.exists()


@pytest.mark.django_db
def test_download_name_has_no_controls_and_the_real_extension(council):
    """`evidence\u202efdp.exe` used to download as `evidencefdp.exe`."""
    client, application = council
    upload(client, application, "evidence\u202efdp.exe", samples.make_pdf())
    document = application.documents.get()

    disposition = download_disposition(client, application, document)

    assert document.display_name == "evidencefdp.pdf"
    assert disposition == 'attachment; filename="evidencefdp.pdf"'


@pytest.mark.django_db
def test_download_of_a_file_stored_under_a_misleading_name_gets_the_real_extension(council):
    """Files uploaded before names were given their real extension are named right on the way
    out."""
    client, application = council
    upload(client, application, "evidence.pdf", samples.make_pdf())
    document = application.documents.get()
    type(document).objects.filter(pk=document.pk).update(display_name="evidencefdp.exe")

    assert download_disposition(client, application, document) == (
        'attachment; filename="evidencefdp.pdf"'
    )
