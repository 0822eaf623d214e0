"""Tests for the checks on evidence files uploaded with council applications."""

from __future__ import annotations

import io
import random
import time
import zipfile
from collections.abc import Callable

import pytest

from applications.evidence_files import (
    ACCEPT_ATTRIBUTE,
    ACCEPTED_KINDS_TEXT,
    CheckedEvidenceFile,
    EvidenceFileRejected,
    check_evidence_file,
    clean_display_name,
)
from tests import evidence_samples as samples

TEN_MEBIBYTES = 10 * 1024 * 1024

UNSUPPORTED = "The selected file must be a PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG"
EMPTY = "The selected file is empty"
TOO_LARGE_10_MB = "The selected file must be smaller than 10 MB"
OFFICE_MACROS = (
    "The selected file contains macros. "
    "Save it without macros (as .docx, .xlsx or .pptx) and upload it again"
)
ODF_MACROS = (
    "The selected file contains macros. Save it without macros (as .odt) and upload it again"
)
UNSAFE = (
    "The selected file could not be checked safely. "
    "Save it again as a PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG and upload the new copy"
)
DAMAGED = (
    "The selected file could not be opened. It may be damaged. "
    "Save it again and upload the new copy"
)
ENCRYPTED = "The selected file is password protected. Remove the password and upload it again"


def check(
    content: bytes, *, name: str = "evidence", max_file_bytes: int = TEN_MEBIBYTES
) -> CheckedEvidenceFile:
    return check_evidence_file(
        name=name, stream=io.BytesIO(content), size=len(content), max_file_bytes=max_file_bytes
    )


def rejection(content: bytes, *, name: str = "evidence") -> EvidenceFileRejected:
    with pytest.raises(EvidenceFileRejected) as raised:
        check(content, name=name)
    return raised.value


class ReadCountingStream(io.BytesIO):
    """A real in-memory file that also records how many bytes were read from it."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.bytes_read = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


# Accepted kinds


@pytest.mark.parametrize(
    ("build", "name", "kind", "extension", "content_type"),
    [
        (samples.make_pdf, "budget.pdf", "PDF", ".pdf", "application/pdf"),
        (samples.make_png, "site-photo.png", "PNG", ".png", "image/png"),
        (samples.make_jpeg, "site-photo.jpg", "JPEG", ".jpg", "image/jpeg"),
        (samples.make_jpeg, "site-photo.jpeg", "JPEG", ".jpg", "image/jpeg"),
        (
            samples.make_docx,
            "letter.docx",
            "DOCX",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            samples.make_xlsx,
            "costs.xlsx",
            "XLSX",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            samples.make_pptx,
            "pitch.pptx",
            "PPTX",
            ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (
            samples.make_odt,
            "plan.odt",
            "ODT",
            ".odt",
            "application/vnd.oasis.opendocument.text",
        ),
    ],
)
def test_check_evidence_file_accepted_kind_is_identified(
    build: Callable[[], bytes], name: str, kind: str, extension: str, content_type: str
) -> None:
    """Each accepted kind passes and is reported with its canonical extension and type."""
    assert check(build(), name=name) == CheckedEvidenceFile(
        kind=kind, extension=extension, content_type=content_type, display_name=name
    )


def test_check_evidence_file_name_without_extension_is_identified_by_content() -> None:
    """A name with no extension is fine: the kind comes from the content."""
    checked = check(samples.make_docx(), name="Scanned letter")

    assert (checked.kind, checked.extension, checked.display_name) == (
        "DOCX",
        ".docx",
        "Scanned letter.docx",
    )


def test_check_evidence_file_unaccepted_extension_is_not_compared() -> None:
    """An extension outside the accepted list is not refused; the real one replaces it."""
    checked = check(samples.make_docx(), name="budget.doc")

    assert (checked.kind, checked.display_name) == ("DOCX", "budget.docx")


def test_check_evidence_file_display_name_is_cleaned() -> None:
    """The result carries the cleaned version of the uploaded name."""
    checked = check(samples.make_pdf(), name="../../etc/\u202ebudget.pdf")

    assert checked.display_name == "budget.pdf"


def test_check_evidence_file_pdf_header_after_leading_bytes_is_accepted() -> None:
    """A PDF header within the first 1024 bytes counts, as PDF readers allow."""
    content = b"\x00" * 1019 + samples.make_pdf()

    assert check(content, name="scan.pdf").kind == "PDF"


def test_check_evidence_file_pdf_header_beyond_first_kilobyte_is_refused() -> None:
    """A PDF header that starts after the first 1024 bytes does not count."""
    content = b"\x00" * 1020 + samples.make_pdf()

    assert rejection(content, name="scan.pdf").message == UNSUPPORTED


def test_check_evidence_file_highly_compressible_part_up_to_1_mb_is_accepted() -> None:
    """A part of exactly 1 MiB is not subject to the compression ratio limit."""
    parts = samples.docx_parts()
    parts["word/media/blank.bin"] = bytes(1024 * 1024)

    assert check(samples.make_zip_archive(parts), name="letter.docx").kind == "DOCX"


def test_check_evidence_file_1000_entries_are_accepted() -> None:
    """An archive with exactly 1,000 entries is within the limit."""
    parts = samples.docx_parts()
    parts.update({f"word/media/image{number}.png": b"x" for number in range(1000 - len(parts))})

    assert check(samples.make_zip_archive(parts), name="letter.docx").kind == "DOCX"


# Size


def test_check_evidence_file_exactly_at_limit_is_accepted() -> None:
    """A file of exactly max_file_bytes is allowed."""
    content = samples.make_sized(samples.make_pdf(), TEN_MEBIBYTES)

    assert check(content, name="budget.pdf", max_file_bytes=TEN_MEBIBYTES).kind == "PDF"


def test_check_evidence_file_one_byte_over_limit_is_refused() -> None:
    """A file one byte over max_file_bytes is refused, with the limit in MB."""
    content = samples.make_sized(samples.make_pdf(), TEN_MEBIBYTES + 1)

    with pytest.raises(EvidenceFileRejected) as raised:
        check(content, name="budget.pdf", max_file_bytes=TEN_MEBIBYTES)

    assert (raised.value.message, raised.value.code) == (TOO_LARGE_10_MB, "too_large")


@pytest.mark.parametrize(
    ("max_file_bytes", "expected_limit"),
    [
        (10 * 1024 * 1024, "10 MB"),
        (10_000_000, "10 MB"),
        (2_621_440, "2.5 MB"),
        (1_500_000, "1.5 MB"),
        (12_345_678, "11.7 MB"),
        (512_000, "500 KB"),
        (500_000, "500 KB"),
        (999, "999 bytes"),
    ],
)
def test_check_evidence_file_over_limit_message_formats_limit(
    max_file_bytes: int, expected_limit: str
) -> None:
    """The limit is written in MB, KB or bytes, rounded down to one decimal place."""
    with pytest.raises(EvidenceFileRejected) as raised:
        check_evidence_file(
            name="budget.pdf",
            stream=io.BytesIO(samples.make_pdf()),
            size=max_file_bytes + 1,
            max_file_bytes=max_file_bytes,
        )

    assert raised.value.message == f"The selected file must be smaller than {expected_limit}"


def test_check_evidence_file_stream_longer_than_declared_size_is_refused() -> None:
    """The measured length counts even when the declared size is within the limit."""
    content = samples.make_sized(samples.make_pdf(), 2_000)

    with pytest.raises(EvidenceFileRejected) as raised:
        check_evidence_file(
            name="budget.pdf", stream=io.BytesIO(content), size=1_000, max_file_bytes=1_000
        )

    assert raised.value.message == "The selected file must be smaller than 1 KB"


def test_check_evidence_file_empty_file_is_refused() -> None:
    """A file with no content is refused as empty."""
    error = rejection(b"", name="budget.pdf")

    assert (error.message, error.code) == (EMPTY, "empty")


def test_check_evidence_file_non_positive_limit_is_a_programming_error() -> None:
    """A limit below one byte is a caller bug, not an officer's mistake."""
    with pytest.raises(ValueError, match="max_file_bytes must be at least 1"):
        check(samples.make_pdf(), max_file_bytes=0)


# Kinds that are not accepted


def test_check_evidence_file_executable_renamed_pdf_is_refused() -> None:
    """An executable called .pdf is refused because its content is not a PDF."""
    error = rejection(samples.make_exe(), name="invoice.pdf")

    assert (error.message, error.code) == (UNSUPPORTED, "unsupported")


def test_check_evidence_file_executable_with_pdf_header_is_refused() -> None:
    """An executable stays refused even with a PDF header inside its first kilobyte."""
    exe = samples.make_exe()
    content = exe[:512] + b"%PDF-1.7\n" + exe[512:]

    assert rejection(content, name="invoice.pdf").message == UNSUPPORTED


def test_check_evidence_file_plain_zip_is_refused() -> None:
    """A ZIP archive that is not an Office or OpenDocument file is refused."""
    assert rejection(samples.make_zip(), name="evidence.zip").message == UNSUPPORTED


def test_check_evidence_file_opendocument_spreadsheet_is_refused() -> None:
    """OpenDocument kinds other than text are not accepted."""
    assert rejection(samples.make_ods(), name="costs.ods").message == UNSUPPORTED


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"Notes from the site visit.\n", "notes.txt"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "page.html"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "chart.svg",
        ),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "photo.gif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old-letter.doc"),
        (b"\x7fELF\x02\x01\x01" + bytes(57), "tool"),
    ],
)
def test_check_evidence_file_other_content_is_refused(content: bytes, name: str) -> None:
    """Text, HTML, SVG, GIF, legacy Office and other programs are refused."""
    assert rejection(content, name=name).message == UNSUPPORTED


def test_check_evidence_file_docx_without_its_main_part_is_refused() -> None:
    """Content types naming a main part that is not in the archive do not make a DOCX."""
    parts = samples.docx_parts()
    del parts["word/document.xml"]

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSUPPORTED


def test_check_evidence_file_package_without_main_content_type_is_refused() -> None:
    """An Office package whose content types name no accepted main part is refused."""
    parts = samples.docx_parts()
    parts["[Content_Types].xml"] = samples.content_types_xml(
        overrides={"/word/document.xml": "application/xml"}
    )

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSUPPORTED


def test_check_evidence_file_package_claiming_two_kinds_is_refused() -> None:
    """A package that declares both a Word and an Excel main part is ambiguous."""
    parts = samples.docx_parts()
    parts["xl/workbook.xml"] = b"<workbook/>"
    parts["[Content_Types].xml"] = samples.content_types_xml(
        overrides={
            "/word/document.xml": samples.DOCX_MAIN_CONTENT_TYPE,
            "/xl/workbook.xml": samples.XLSX_MAIN_CONTENT_TYPE,
        }
    )

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSUPPORTED


# Macros


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (samples.make_docm, "letter.docx"),
        (samples.make_xlsm, "costs.xlsx"),
        (samples.make_pptm, "pitch.pptx"),
    ],
)
def test_check_evidence_file_macro_enabled_office_file_renamed_is_refused(
    build: Callable[[], bytes], name: str
) -> None:
    """Macro-enabled Office files are refused even when renamed to the macro-free extension."""
    error = rejection(build(), name=name)

    assert (error.message, error.code) == (OFFICE_MACROS, "macros")


def test_check_evidence_file_docx_with_vba_project_part_is_refused() -> None:
    """A vbaProject.bin part means macros even when the content types claim plain DOCX."""
    assert rejection(samples.make_docx_with_vba(), name="letter.docx").message == OFFICE_MACROS


def test_check_evidence_file_vba_content_type_under_another_name_is_refused() -> None:
    """A part declared as a VBA project means macros whatever the part is called."""
    parts = samples.docx_parts()
    parts["word/extra.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    parts["[Content_Types].xml"] = samples.content_types_xml(
        overrides={
            "/word/document.xml": samples.DOCX_MAIN_CONTENT_TYPE,
            "/word/extra.bin": samples.VBA_PROJECT_CONTENT_TYPE,
        }
    )

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == OFFICE_MACROS


@pytest.mark.parametrize("folder", ["Basic", "Scripts"])
def test_check_evidence_file_odt_with_macros_is_refused(folder: str) -> None:
    """An ODT with LibreOffice Basic or script macros is refused."""
    error = rejection(samples.make_odt_with_macros(folder=folder), name="plan.odt")

    assert (error.message, error.code) == (ODF_MACROS, "macros")


# Archives that could harm the checker or the officer's computer


def test_check_evidence_file_docx_zip_bomb_is_refused_without_expanding_it() -> None:
    """A DOCX with a part that expands to 1 GiB is refused from its declared sizes alone."""
    content = samples.make_zip_bomb_docx()
    stream = ReadCountingStream(content)

    started = time.perf_counter()
    with pytest.raises(EvidenceFileRejected) as raised:
        check_evidence_file(
            name="letter.docx", stream=stream, size=len(content), max_file_bytes=TEN_MEBIBYTES
        )
    elapsed = time.perf_counter() - started

    assert (raised.value.message, raised.value.code) == (UNSAFE, "unsafe")
    assert elapsed < 1.0
    # The deflated zeros make up almost all of the ~1 MB file and are never read.
    assert stream.bytes_read < 64 * 1024


def test_check_evidence_file_part_over_compression_ratio_is_refused() -> None:
    """A 50 MiB part squeezed more than 200:1 is refused though the total is under 100 MB."""
    content = samples.make_zip_bomb_docx(uncompressed_bytes=50 * 1024 * 1024)

    assert rejection(content, name="letter.docx").message == UNSAFE


def test_check_evidence_file_total_uncompressed_size_over_100_mb_is_refused() -> None:
    """Parts that each compress modestly but add up to over 100 MiB are refused."""
    # About 100:1, under the ratio limit, so only the total can refuse it.
    noisy_part = random.Random(0).randbytes(20_000) + bytes(2 * 1024 * 1024 - 20_000)
    parts = samples.docx_parts()
    parts.update({f"word/media/image{number}.bin": noisy_part for number in range(51)})

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSAFE


def test_check_evidence_file_more_than_1000_entries_is_refused() -> None:
    """An archive with 1,001 entries is refused."""
    parts = samples.docx_parts()
    parts.update({f"word/media/image{number}.png": b"x" for number in range(1001 - len(parts))})

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSAFE


@pytest.mark.parametrize(
    "entry_name",
    [
        "../evil.txt",
        "word/../../evil.txt",
        "/etc/cron.d/evil",
        "\\Windows\\evil.dll",
        "C:/evil.txt",
    ],
)
def test_check_evidence_file_unsafe_entry_name_is_refused(entry_name: str) -> None:
    """Entries with absolute paths or '..' are refused."""
    parts = samples.docx_parts()
    parts[entry_name] = b"evil"

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSAFE


def test_check_evidence_file_entries_differing_only_in_case_are_refused() -> None:
    """Two parts whose names differ only in case are ambiguous, so refused."""
    parts = samples.docx_parts()
    parts["WORD/Document.xml"] = b"<other/>"

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSAFE


def test_check_evidence_file_content_types_with_doctype_is_refused() -> None:
    """A DOCTYPE in [Content_Types].xml (as in an entity-expansion attack) is refused."""
    parts = samples.docx_parts()
    parts["[Content_Types].xml"] = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="&b;"/></Types>'
    )

    assert rejection(samples.make_zip_archive(parts), name="letter.docx").message == UNSAFE


def test_check_evidence_file_content_types_over_1_mb_is_refused() -> None:
    """A [Content_Types].xml over 1 MiB is refused rather than parsed."""
    parts = samples.docx_parts()
    parts["[Content_Types].xml"] += b" " * (1024 * 1024)
    archive = samples.make_zip_archive(parts, compression=zipfile.ZIP_STORED)

    assert rejection(archive, name="letter.docx").message == UNSAFE


def test_check_evidence_file_malformed_content_types_is_refused_as_damaged() -> None:
    """A [Content_Types].xml that is not well-formed XML means a damaged file."""
    parts = samples.docx_parts()
    parts["[Content_Types].xml"] = b"<Types><Override"
    error = rejection(samples.make_zip_archive(parts), name="letter.docx")

    assert (error.message, error.code) == (DAMAGED, "damaged")


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"\x00" * 200,
        samples.make_docx()[:-40],
    ],
    ids=["zip signature then garbage", "truncated docx"],
)
def test_check_evidence_file_invalid_zip_is_refused_as_damaged(content: bytes) -> None:
    """Content that starts like a ZIP archive but cannot be read as one is refused."""
    assert rejection(content, name="letter.docx").message == DAMAGED


def test_check_evidence_file_encrypted_entries_are_refused() -> None:
    """A package with password-protected entries cannot be checked, so is refused."""
    parts = samples.docx_parts()
    archive = samples.make_zip_archive(parts, compression=zipfile.ZIP_STORED)
    error = rejection(samples.set_encrypted_flag(archive), name="letter.docx")

    assert (error.message, error.code) == (ENCRYPTED, "encrypted")


# Names that disagree with the content


def test_check_evidence_file_png_named_pdf_is_refused() -> None:
    """A real PNG called .pdf is refused, saying what the name claims and what the file is."""
    error = rejection(samples.make_png(), name="budget.pdf")

    assert (error.message, error.code) == (
        "The selected file's name says .pdf but the file is a PNG. Check you chose the right file",
        "name_mismatch",
    )


def test_check_evidence_file_xlsx_named_docx_is_refused_with_an() -> None:
    """The message uses "an" before kinds that start with a vowel sound."""
    error = rejection(samples.make_xlsx(), name="letter.docx")

    assert error.message == (
        "The selected file's name says .docx but the file is an XLSX. "
        "Check you chose the right file"
    )


def test_check_evidence_file_upper_case_extension_is_compared() -> None:
    """Extensions are compared without regard to case."""
    error = rejection(samples.make_png(), name="BUDGET.PDF")

    assert error.message == (
        "The selected file's name says .pdf but the file is a PNG. Check you chose the right file"
    )


# Stream position


def test_check_evidence_file_accepted_stream_is_left_at_start() -> None:
    """After an accepted file the stream is at position 0, ready to store."""
    stream = io.BytesIO(samples.make_docx())
    stream.seek(17)

    check_evidence_file(
        name="letter.docx",
        stream=stream,
        size=len(stream.getvalue()),
        max_file_bytes=TEN_MEBIBYTES,
    )

    assert stream.tell() == 0


@pytest.mark.parametrize(
    "content",
    [samples.make_exe(), samples.make_docm(), samples.make_png()],
    ids=["unsupported", "macros", "name mismatch"],
)
def test_check_evidence_file_refused_stream_is_left_at_start(content: bytes) -> None:
    """After a refusal the stream is still rewound to position 0."""
    stream = io.BytesIO(content)

    with pytest.raises(EvidenceFileRejected):
        check_evidence_file(
            name="letter.pdf", stream=stream, size=len(content), max_file_bytes=TEN_MEBIBYTES
        )

    assert stream.tell() == 0


# Public constants and the exception


def test_accepted_kinds_text_lists_every_kind() -> None:
    """The kinds text is the fixed wording used in error messages and hints."""
    assert ACCEPTED_KINDS_TEXT == "PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG"


def test_accept_attribute_lists_every_extension() -> None:
    """The accept attribute offers every accepted extension, including both JPEG ones."""
    assert ACCEPT_ATTRIBUTE == ".pdf,.docx,.xlsx,.odt,.pptx,.png,.jpg,.jpeg"


def test_evidence_file_rejected_is_a_value_error_with_its_message() -> None:
    """The exception is a ValueError whose str and message are the officer-facing text."""
    error = rejection(b"", name="budget.pdf")

    assert isinstance(error, ValueError)
    assert (str(error), error.message) == (EMPTY, EMPTY)


# clean_display_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\amira\\Documents\\budget.xlsx", "budget.xlsx"),
        ("..\\..\\windows\\win.ini.docx", "win.ini.docx"),
    ],
)
def test_clean_display_name_path_keeps_last_segment(name: str, expected: str) -> None:
    """Only the part after the last forward or back slash is kept."""
    assert clean_display_name(name) == expected


def test_clean_display_name_long_name_is_truncated_keeping_extension() -> None:
    """A 300-character stem is cut so the whole name is 120 characters with its extension."""
    cleaned = clean_display_name("a" * 300 + ".pdf")

    assert cleaned == "a" * 116 + ".pdf"
    assert len(cleaned) == 120


def test_clean_display_name_custom_max_length_is_respected() -> None:
    """max_length limits the whole name, extension included."""
    assert clean_display_name("annual report.pdf", max_length=10) == "annual.pdf"


def test_clean_display_name_control_characters_are_removed() -> None:
    """NUL, CR, LF, tab and other control characters are removed."""
    assert clean_display_name("bud\x00get\r\n\tre\x1bport\x7f.pdf") == "budgetreport.pdf"


def test_clean_display_name_windows_invalid_characters_are_removed() -> None:
    """Characters Windows forbids in file names are removed."""
    assert clean_display_name('what<>:"|?*now.pdf') == "whatnow.pdf"


def test_clean_display_name_whitespace_is_collapsed() -> None:
    """Runs of spaces, including non-breaking ones, become one space and ends are trimmed."""
    assert clean_display_name("  annual \u00a0  report  .pdf  ") == "annual report.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("...hidden.pdf", "hidden.pdf"),
        (". . report.docx", "report.docx"),
        ("report.pdf.", "report.pdf"),
    ],
)
def test_clean_display_name_leading_dots_and_spaces_are_stripped(name: str, expected: str) -> None:
    """Leading dots and spaces go, as do trailing ones that Windows would drop."""
    assert clean_display_name(name) == expected


def test_clean_display_name_accents_are_kept_and_composed() -> None:
    """Accented letters are kept, with decomposed accents combined into one character."""
    assert (
        clean_display_name("Cafe\u0301 re\u0301sume\u0301.pdf") == "Caf\u00e9 r\u00e9sum\u00e9.pdf"
    )


def test_clean_display_name_emoji_are_kept() -> None:
    """Emoji, including joined sequences, are kept."""
    name = "\U0001f3e0 Housing plan \U0001f469\u200d\U0001f469\u200d\U0001f467.docx"

    assert clean_display_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "\u062a\u0642\u0631\u064a\u0631 \u0627\u0644\u0645\u062c\u0644\u0633.pdf",
        "\u05d3\u05d5\u05d7 \u05e9\u05e0\u05ea\u05d9.pdf",
    ],
    ids=["Arabic", "Hebrew"],
)
def test_clean_display_name_right_to_left_text_is_kept(name: str) -> None:
    """Arabic and Hebrew letters are kept as they are."""
    assert clean_display_name(name) == name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("\u2067report\u2069\u200e\u200f\u202a\u202b\u202c\u202d.pdf", "report.pdf"),
    ],
)
def test_clean_display_name_bidi_controls_are_removed(name: str, expected: str) -> None:
    """Bidi control characters, which can disguise an extension, are removed."""
    assert clean_display_name(name) == expected


def test_clean_display_name_emoji_stem_is_truncated_by_character() -> None:
    """Truncation counts characters, not bytes, so emoji are never split."""
    cleaned = clean_display_name("\U0001f600" * 300 + ".png")

    assert cleaned == "\U0001f600" * 116 + ".png"


def test_clean_display_name_truncation_drops_dangling_joiner() -> None:
    """A cut through an emoji sequence does not leave a zero-width joiner at the end."""
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"

    assert clean_display_name(family + ".png", max_length=6) == "\U0001f469.png"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "evidence"),
        ("../", "evidence"),
        ("<>?*", "evidence"),
        (".pdf", "evidence.pdf"),
        ('"".docx', "evidence.docx"),
        ("\x00\x00.png", "evidence.png"),
    ],
)
def test_clean_display_name_nothing_left_falls_back_to_evidence(name: str, expected: str) -> None:
    """A name with no usable stem becomes "evidence" plus any extension."""
    assert clean_display_name(name) == expected


def test_clean_display_name_zero_max_length_is_a_programming_error() -> None:
    """A max_length below one cannot hold any name."""
    with pytest.raises(ValueError, match="max_length must be at least 1"):
        clean_display_name("budget.pdf", max_length=0)
