"""Checks on evidence files that councils upload with their applications.

Council officers open these files on managed desktops, so a file is identified by
its content and never by its name: a renamed executable, a macro-enabled Office
document or a zip bomb must not get through just because it is called
``report.pdf``. The checks read as little of the file as possible and never
decompress more than a small, fixed amount.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO
from xml.parsers import expat

ACCEPTED_KINDS_TEXT = "PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG"
ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.odt,.pptx,.png,.jpg,.jpeg"

# Adobe readers accept a PDF header anywhere in the first 1024 bytes, and so do
# the PDF viewers officers use, so a stricter check would refuse real files.
_PDF_HEADER_WINDOW = 1024
_PDF_HEADER = b"%PDF-"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
_ZIP_SIGNATURE = b"PK\x03\x04"

# A file that starts like a program is refused even if a PDF header follows it
# within the window, because such polyglots run when opened with the wrong app.
_EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE and DOS
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, both byte orders and word sizes
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary and Java class
    b"#!",
)

# Limits for ZIP-based documents. Real Office and OpenDocument files sit far
# below these; anything beyond them is refused rather than inspected further.
_MAX_ZIP_ENTRIES = 1_000
_MAX_TOTAL_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 200
# Small parts (styles, relationships) compress extremely well and are harmless.
_RATIO_CHECK_ABOVE_BYTES = 1024 * 1024
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_ZIP_ENCRYPTED_FLAG = 0x1
# Office and OpenDocument writers only ever store or deflate; refusing other
# methods keeps the set of decompressors reachable from an upload small.
_ALLOWED_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})

_CONTENT_TYPES_PART = "[Content_Types].xml"
_CONTENT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types"
_VBA_PROJECT_CONTENT_TYPE = "application/vnd.ms-office.vbaproject"
_VBA_PROJECT_PART = "vbaproject.bin"
# Excel 4.0 macro sheets run code without any VBA project being present.
_MACRO_CONTENT_TYPE_MARKERS = ("macroenabled", "macrosheet")

_ODF_MIMETYPE_PART = "mimetype"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_ODF_MACRO_FOLDERS = ("basic/", "scripts/")

# PDF names that make a reader run or open something: scripts (an /OpenAction or /AA that runs
# script names /JavaScript or /JS), programs (/Launch), attached files, Flash or video, and XFA
# forms (which carry their own scripts). A plain /OpenAction that only goes to a page is harmless
# and common, so it is not refused by itself. Names are compared after #xx escapes are decoded,
# since "/J#61vaScript" is "/JavaScript" to a reader.
_PDF_ACTIVE_NAMES = frozenset(
    {
        b"JavaScript",
        b"JS",
        b"Launch",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"GoToE",
        b"RichMedia",
        b"XFA",
    }
)
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)(.*?)endstream", re.DOTALL)
_PDF_OBJECT_START = re.compile(rb"\d+\s+\d+\s+obj\b")
# Objects inside an object stream (/ObjStm) are only visible once it is decompressed. Real
# object streams are a few hundred kilobytes at most; these bound the work an upload can cause.
_PDF_MAX_OBJECT_STREAMS = 10_000
_PDF_MAX_OBJECT_STREAM_BYTES = 16 * 1024 * 1024
_PDF_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
# A browser treats a file as a web page if these tags appear anywhere, whatever else is around
# them; none of them can occur in PDF syntax (in a hex string "<" is followed by hex digits), and
# each is long enough that compressed data practically never contains one by chance.
_HTML_TAG = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|object|embed|meta|form|img|svg|base|link|style)"
    rb"[\s/>]",
    re.IGNORECASE,
)

_FALLBACK_STEM = "evidence"
_MAX_EXTENSION_CHARACTERS = 10
# A wrong extension up to this long is replaced by the real one (".exe", ".html", ".xhtml");
# a longer suffix is more likely part of the name, and the real extension is added after it.
_MAX_REPLACED_EXTENSION_CHARACTERS = 5
# Browsers send a file name's CR, LF and double quote as %0D, %0A and %22 (the HTML standard's
# multipart encoding), which Django leaves as they are.
_BROWSER_ESCAPES = re.compile(r"%(?:0D|0A|22)", re.IGNORECASE)
# Bidi controls let a name like "invoice\u202efdp.exe" display as "invoiceexe.pdf".
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_WINDOWS_INVALID = frozenset('<>:"|?*')
_BYTE_ORDER_MARK = "\ufeff"
_ZERO_WIDTH_JOINER = "\u200d"
# Lone surrogates cannot be encoded as UTF-8, so they would break storage later.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cs"})

_UNSUPPORTED_MESSAGE = f"The selected file must be a {ACCEPTED_KINDS_TEXT}"
_EMPTY_MESSAGE = "The selected file is empty"
_UNSAFE_MESSAGE = (
    "The selected file could not be checked safely. "
    f"Save it again as a {ACCEPTED_KINDS_TEXT} and upload the new copy"
)
_DAMAGED_MESSAGE = (
    "The selected file could not be opened. It may be damaged. "
    "Save it again and upload the new copy"
)
_ENCRYPTED_MESSAGE = (
    "The selected file is password protected. Remove the password and upload it again"
)
_OFFICE_MACROS_MESSAGE = (
    "The selected file contains macros. "
    "Save it without macros (as .docx, .xlsx or .pptx) and upload it again"
)
_PDF_ACTIVE_CONTENT_MESSAGE = (
    "The selected file is a PDF with active content (scripts, attached files, media or an "
    "interactive form). Save it again as a plain PDF, for example with Print to PDF, and upload "
    "the new copy"
)
_PDF_ENCRYPTED_MESSAGE = (
    "The selected file is a protected PDF that cannot be checked. Remove the password or "
    "restrictions, or save it again with Print to PDF, and upload the new copy"
)
_HTML_POLYGLOT_MESSAGE = (
    "The selected file is both a web page and a PDF. Save it again as a plain PDF, for example "
    "with Print to PDF, and upload the new copy"
)
_ODF_MACROS_MESSAGE = (
    "The selected file contains macros. Save it without macros (as .odt) and upload it again"
)


class EvidenceFileRejected(ValueError):
    """An uploaded evidence file was refused.

    ``message`` is written for the council officer and can be shown as a form
    error as it is. ``code`` is a stable identifier for the reason, for callers
    that need to tell reasons apart without matching on wording.
    """

    message: str
    code: str

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class CheckedEvidenceFile:
    """What an evidence file turned out to be, once it has passed every check."""

    kind: str
    extension: str
    content_type: str
    display_name: str


@dataclass(frozen=True)
class _Kind:
    name: str
    extension: str
    content_type: str
    article: str


_PDF = _Kind("PDF", ".pdf", "application/pdf", "a")
_DOCX = _Kind(
    "DOCX",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "a",
)
_XLSX = _Kind(
    "XLSX",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "an",
)
_ODT = _Kind("ODT", ".odt", "application/vnd.oasis.opendocument.text", "an")
_PPTX = _Kind(
    "PPTX",
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "a",
)
_PNG = _Kind("PNG", ".png", "image/png", "a")
_JPEG = _Kind("JPEG", ".jpg", "image/jpeg", "a")

_KINDS_BY_EXTENSION = {
    ".pdf": _PDF,
    ".docx": _DOCX,
    ".xlsx": _XLSX,
    ".odt": _ODT,
    ".pptx": _PPTX,
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
}

_KINDS_BY_NAME = {kind.name: kind for kind in _KINDS_BY_EXTENSION.values()}

# Keyed in lower case because MIME types are case-insensitive.
_OFFICE_KINDS_BY_MAIN_CONTENT_TYPE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": _DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": _XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": _PPTX,
}


def clean_display_name(name: str, *, max_length: int = 120) -> str:
    """Return a version of an uploaded file's name that is safe to show and store.

    Only the last path segment is kept, whichever separator the browser used.
    Characters that are invisible, reorder text or are invalid on Windows are
    removed; letters from any script and emoji are kept. The extension is kept
    whole and the stem is shortened so the result is at most ``max_length``
    characters. A name with nothing usable left becomes ``evidence`` plus its
    extension.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")

    basename = re.split(r"[/\\]", _BROWSER_ESCAPES.sub("", name))[-1]
    # Composed form so an accented letter counts, and is truncated, as one character.
    basename = unicodedata.normalize("NFC", basename)
    kept = "".join(character for character in basename if _is_kept(character))
    collapsed = " ".join(kept.split())
    # Windows drops trailing dots and spaces, so "report.pdf." would be saved as "report.pdf".
    collapsed = collapsed.rstrip(" .")

    stem, extension = _split_extension(collapsed)
    stem = stem.lstrip(". ").rstrip(" ")
    if len(extension) >= max_length:
        extension = ""
    room = max_length - len(extension)
    if len(stem) > room:
        # A cut can leave a joiner that belonged to an emoji sequence dangling.
        stem = stem[:room].rstrip(" ." + _ZERO_WIDTH_JOINER)
    if not stem:
        stem = _FALLBACK_STEM[:room]
    return stem + extension


def name_with_real_extension(display_name: str, *, kind: str) -> str:
    """``display_name`` ending in the extension of what the file really is (``kind``: "PDF").

    The name someone gave a file decides which program opens it once downloaded, so it must
    say what the content is: a PDF called "evidence.exe" becomes "evidence.pdf", and one called
    "minutes" becomes "minutes.pdf". A short suffix with a letter in it is taken to be a
    (wrong) extension and replaced; anything else, such as "v1.2", is kept and the real
    extension added after it. Names of kinds that are not accepted are returned as they are.
    """
    real = _KINDS_BY_NAME.get(kind)
    if real is None:
        return display_name
    stem, extension = _split_extension(display_name)
    if _KINDS_BY_EXTENSION.get(extension.lower()) == real:
        return display_name
    looks_like_an_extension = len(extension) <= _MAX_REPLACED_EXTENSION_CHARACTERS + 1 and any(
        character.isalpha() for character in extension
    )
    if not looks_like_an_extension:
        stem = display_name
    return clean_display_name(stem + real.extension)


def check_evidence_file(
    *, name: str, stream: BinaryIO, size: int, max_file_bytes: int
) -> CheckedEvidenceFile:
    """Check an uploaded evidence file and say what it is.

    ``stream`` must be seekable. It is left at position 0 whether the file is
    accepted or not, so the caller can store it straight afterwards. Raises
    :class:`EvidenceFileRejected` with a message for the council officer when the
    file is empty, too large, not an accepted kind, contains macros, could be a
    zip bomb, or has a name that claims a different accepted kind.
    """
    if max_file_bytes < 1:
        raise ValueError("max_file_bytes must be at least 1")

    display_name = clean_display_name(name)
    try:
        kind = _identify(stream=stream, size=size, max_file_bytes=max_file_bytes)
        _check_name_agrees(display_name=display_name, kind=kind)
    finally:
        stream.seek(0)
    return CheckedEvidenceFile(
        kind=kind.name,
        extension=kind.extension,
        content_type=kind.content_type,
        display_name=name_with_real_extension(display_name, kind=kind.name),
    )


def _is_kept(character: str) -> bool:
    if character in _BIDI_CONTROLS or character in _WINDOWS_INVALID:
        return False
    if character == _BYTE_ORDER_MARK:
        return False
    return unicodedata.category(character) not in _REMOVED_CATEGORIES


def _split_extension(name: str) -> tuple[str, str]:
    """Split ``name`` into stem and extension (with its dot, or empty).

    Only a short alphanumeric suffix counts as an extension, so a sentence that
    happens to contain a full stop is not kept whole at the expense of its start.
    """
    stem, dot, suffix = name.rpartition(".")
    if dot and 0 < len(suffix) <= _MAX_EXTENSION_CHARACTERS and suffix.isalnum():
        return stem, dot + suffix
    return name, ""


def _identify(*, stream: BinaryIO, size: int, max_file_bytes: int) -> _Kind:
    # The declared size comes from the upload handler; the measured one is what
    # would actually be stored. Both have to be within the limit.
    stream.seek(0, io.SEEK_END)
    measured_size = stream.tell()
    effective_size = max(size, measured_size)
    if effective_size <= 0:
        raise EvidenceFileRejected(_EMPTY_MESSAGE, code="empty")
    if effective_size > max_file_bytes:
        raise EvidenceFileRejected(
            f"The selected file must be smaller than {_format_limit(max_file_bytes)}",
            code="too_large",
        )

    stream.seek(0)
    head = stream.read(_PDF_HEADER_WINDOW)
    if head.startswith(_PNG_SIGNATURE):
        return _PNG
    if head.startswith(_JPEG_SIGNATURE):
        return _JPEG
    if head.startswith(_ZIP_SIGNATURE):
        return _identify_zip_package(stream)
    if head.startswith(_EXECUTABLE_SIGNATURES):
        raise _unsupported()
    if _PDF_HEADER in head:
        stream.seek(0)
        _check_pdf_is_passive(stream.read(max_file_bytes + 1))
        return _PDF
    raise _unsupported()


def _check_pdf_is_passive(document: bytes) -> None:
    """Refuse a PDF that is also a web page, or that can run or open anything.

    A small, careful scan rather than a full parser: names are read from everything outside
    streams (where dictionaries live) and from every object stream, decompressed with zlib within
    fixed limits. Content streams (page drawing) are not read: names there are only resource
    names such as /F1. An object stream that cannot be read (an unknown filter, a predictor, or
    encryption) means the file cannot be checked, and it is refused.
    """
    if _HTML_TAG.search(document):
        raise EvidenceFileRejected(_HTML_POLYGLOT_MESSAGE, code="html")
    outside_streams = bytearray()
    object_streams: list[tuple[bytes, bytes]] = []
    position = 0
    for match in _PDF_STREAM.finditer(document):
        before = document[position : match.start()]
        outside_streams += before
        # The stream's dictionary is what lies between "n 0 obj" and "stream".
        starts = list(_PDF_OBJECT_START.finditer(before))
        dictionary = before[starts[-1].end() :] if starts else before[-4096:]
        if b"ObjStm" in _pdf_names(dictionary):
            object_streams.append((dictionary, match[1]))
        position = match.end()
    outside_streams += document[position:]

    names = _pdf_names(bytes(outside_streams))
    if names & _PDF_ACTIVE_NAMES:
        raise EvidenceFileRejected(_PDF_ACTIVE_CONTENT_MESSAGE, code="active_content")
    if not object_streams:
        return
    if b"Encrypt" in names:
        raise EvidenceFileRejected(_PDF_ENCRYPTED_MESSAGE, code="encrypted")
    if len(object_streams) > _PDF_MAX_OBJECT_STREAMS:
        raise _unsafe()
    budget = _PDF_MAX_DECOMPRESSED_BYTES
    for dictionary, data in object_streams:
        objects = _decode_object_stream(dictionary, data, budget=budget)
        budget -= len(objects)
        if _pdf_names(objects) & _PDF_ACTIVE_NAMES:
            raise EvidenceFileRejected(_PDF_ACTIVE_CONTENT_MESSAGE, code="active_content")


def _pdf_names(text: bytes) -> set[bytes]:
    return {
        _PDF_NAME_ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), name)
        for name in _PDF_NAME.findall(text)
    }


def _decode_object_stream(dictionary: bytes, data: bytes, *, budget: int) -> bytes:
    names = _pdf_names(dictionary)
    if b"DecodeParms" in names or b"DP" in names:
        raise _unsafe()  # a predictor would have to be undone first; real files rarely use one
    if b"Filter" not in names:
        return data[:budget]
    # Only Flate (which every writer uses for object streams) is decoded; any other filter, or
    # Flate chained after another, means the objects cannot be read here.
    other_filters = {
        b"LZWDecode",
        b"ASCIIHexDecode",
        b"ASCII85Decode",
        b"RunLengthDecode",
        b"Crypt",
        b"DCTDecode",
        b"JPXDecode",
        b"JBIG2Decode",
        b"CCITTFaxDecode",
    }
    if b"FlateDecode" not in names or names & other_filters:
        raise _unsafe()
    limit = min(_PDF_MAX_OBJECT_STREAM_BYTES, budget)
    decompressor = zlib.decompressobj()
    try:
        objects = decompressor.decompress(data, limit + 1)
    except zlib.error as error:
        raise EvidenceFileRejected(_DAMAGED_MESSAGE, code="damaged") from error
    if len(objects) > limit or decompressor.unconsumed_tail:
        raise _unsafe()
    return objects


def _identify_zip_package(stream: BinaryIO) -> _Kind:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = _checked_entries(archive)
            entries_by_folded_name = {entry.filename.casefold(): entry for entry in entries}
            content_types = entries_by_folded_name.get(_CONTENT_TYPES_PART.casefold())
            if content_types is not None:
                return _identify_office_document(
                    archive, content_types=content_types, entries=entries_by_folded_name
                )
            mimetype = entries_by_folded_name.get(_ODF_MIMETYPE_PART)
            if mimetype is not None:
                return _identify_open_document(
                    archive, mimetype=mimetype, entries=entries_by_folded_name
                )
            raise _unsupported()
    except EvidenceFileRejected:
        raise
    # zipfile and zlib report malformed archives through many exception types;
    # all of them mean the file cannot be read as the document it claims to be.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        OverflowError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise EvidenceFileRejected(_DAMAGED_MESSAGE, code="damaged") from error


def _checked_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Return the archive's entries once their declared shape is known to be safe.

    Everything here uses sizes from the central directory, so nothing has been
    decompressed yet when a zip bomb is refused.
    """
    entries = archive.infolist()
    if len(entries) > _MAX_ZIP_ENTRIES:
        raise _unsafe()

    seen_names: set[str] = set()
    total_uncompressed = 0
    for entry in entries:
        if _is_unsafe_entry_name(entry.filename):
            raise _unsafe()
        # Readers disagree on which of two same-named parts wins, so a checked
        # part could differ from the one an officer's software opens.
        folded_name = entry.filename.casefold()
        if folded_name in seen_names:
            raise _unsafe()
        seen_names.add(folded_name)

        if entry.flag_bits & _ZIP_ENCRYPTED_FLAG:
            raise EvidenceFileRejected(_ENCRYPTED_MESSAGE, code="encrypted")
        if entry.compress_type not in _ALLOWED_ZIP_METHODS:
            raise _unsafe()

        total_uncompressed += entry.file_size
        if total_uncompressed > _MAX_TOTAL_UNCOMPRESSED_BYTES:
            raise _unsafe()
        if (
            entry.file_size > _RATIO_CHECK_ABOVE_BYTES
            and entry.file_size > _MAX_COMPRESSION_RATIO * entry.compress_size
        ):
            raise _unsafe()
    return entries


def _is_unsafe_entry_name(entry_name: str) -> bool:
    if entry_name.startswith(("/", "\\")):
        return True
    if re.match(r"[A-Za-z]:", entry_name):
        return True
    return ".." in entry_name or "\x00" in entry_name


def _identify_office_document(
    archive: zipfile.ZipFile,
    *,
    content_types: zipfile.ZipInfo,
    entries: dict[str, zipfile.ZipInfo],
) -> _Kind:
    defaults, overrides = _parse_content_types(
        _read_bounded(archive, content_types, limit=_MAX_CONTENT_TYPES_BYTES)
    )
    declared_types = [content_type for _, content_type in (*defaults, *overrides)]
    # A VBA project is found by its part name as well as its content type, since
    # Office runs it even when [Content_Types].xml does not mention it.
    has_vba_part = any(
        folded_name.rsplit("/", 1)[-1] == _VBA_PROJECT_PART for folded_name in entries
    )
    has_macro_type = any(
        content_type == _VBA_PROJECT_CONTENT_TYPE
        or any(marker in content_type for marker in _MACRO_CONTENT_TYPE_MARKERS)
        for content_type in declared_types
    )
    if has_vba_part or has_macro_type:
        raise EvidenceFileRejected(_OFFICE_MACROS_MESSAGE, code="macros")

    main_parts = [
        (_OFFICE_KINDS_BY_MAIN_CONTENT_TYPE[content_type], part_name)
        for part_name, content_type in overrides
        if content_type in _OFFICE_KINDS_BY_MAIN_CONTENT_TYPE
    ]
    kinds = {kind for kind, _ in main_parts}
    if len(kinds) != 1:
        raise _unsupported()
    # A content type for a part that is not there is how a plain zip would
    # dress itself up as a document.
    if not any(part_name.lstrip("/").casefold() in entries for _, part_name in main_parts):
        raise _unsupported()
    return kinds.pop()


def _identify_open_document(
    archive: zipfile.ZipFile,
    *,
    mimetype: zipfile.ZipInfo,
    entries: dict[str, zipfile.ZipInfo],
) -> _Kind:
    declared = _read_bounded_or_none(archive, mimetype, limit=len(_ODT_MIMETYPE))
    if declared != _ODT_MIMETYPE or "content.xml" not in entries:
        raise _unsupported()
    if any(folded_name.startswith(_ODF_MACRO_FOLDERS) for folded_name in entries):
        raise EvidenceFileRejected(_ODF_MACROS_MESSAGE, code="macros")
    return _ODT


def _read_bounded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, limit: int) -> bytes:
    data = _read_bounded_or_none(archive, entry, limit=limit)
    if data is None:
        raise _unsafe()
    return data


def _read_bounded_or_none(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, limit: int
) -> bytes | None:
    """Read a part, or return None if it is longer than ``limit`` bytes.

    The declared size is not trusted: reading one byte past the limit bounds the
    decompression however large the part really is.
    """
    if entry.file_size > limit:
        return None
    with archive.open(entry) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        return None
    return data


class _ContentTypesDeclarationFound(Exception):
    pass


def _parse_content_types(
    document: bytes,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return the Default (extension, type) and Override (part name, type) pairs.

    pyexpat is used directly rather than through ElementTree because only it
    lets a DOCTYPE be refused as soon as it starts, before any entity is
    declared or expanded, whatever encoding the document uses. Content types
    are returned in lower case.
    """
    defaults: list[tuple[str, str]] = []
    overrides: list[tuple[str, str]] = []

    def refuse_declaration(*_: object) -> None:
        raise _ContentTypesDeclarationFound

    def start_element(tag: str, attributes: dict[str, str]) -> None:
        namespace, _, local_name = tag.rpartition(" ")
        if namespace != _CONTENT_TYPES_NAMESPACE:
            return
        content_type = attributes.get("ContentType", "").strip().lower()
        if local_name == "Default":
            defaults.append((attributes.get("Extension", ""), content_type))
        elif local_name == "Override":
            overrides.append((attributes.get("PartName", ""), content_type))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.StartElementHandler = start_element
    try:
        parser.Parse(document, True)
    except _ContentTypesDeclarationFound as error:
        raise _unsafe() from error
    except expat.ExpatError as error:
        raise EvidenceFileRejected(_DAMAGED_MESSAGE, code="damaged") from error
    return defaults, overrides


def _check_name_agrees(*, display_name: str, kind: _Kind) -> None:
    """Refuse a file whose name claims a different accepted kind.

    Other extensions, or none, are fine: the stored copy gets the canonical
    extension. But a PNG called "budget.pdf" usually means the wrong file was
    picked, which is worth catching before the officer submits.
    """
    _, extension = _split_extension(display_name)
    claimed = _KINDS_BY_EXTENSION.get(extension.lower())
    if claimed is None or claimed == kind:
        return
    raise EvidenceFileRejected(
        f"The selected file's name says {extension.lower()} but the file is "
        f"{kind.article} {kind.name}. Check you chose the right file",
        code="name_mismatch",
    )


def _format_limit(limit_bytes: int) -> str:
    """Describe a byte limit in MB or KB, to at most one decimal place.

    Limits are set both as multiples of 1024 and of 1000, so whichever base
    gives a round figure is used. Otherwise the figure is rounded down, which
    keeps "smaller than" true.
    """
    for unit, binary, decimal in (("MB", 1024 * 1024, 1000 * 1000), ("KB", 1024, 1000)):
        if limit_bytes < decimal:
            continue
        for base in (binary, decimal):
            if limit_bytes * 10 % base == 0:
                return f"{_tenths_text(limit_bytes * 10 // base)} {unit}"
        return f"{_tenths_text(limit_bytes * 10 // binary)} {unit}"
    return f"{limit_bytes} byte" if limit_bytes == 1 else f"{limit_bytes} bytes"


def _tenths_text(tenths: int) -> str:
    whole, fraction = divmod(tenths, 10)
    return str(whole) if fraction == 0 else f"{whole}.{fraction}"


def _unsupported() -> EvidenceFileRejected:
    return EvidenceFileRejected(_UNSUPPORTED_MESSAGE, code="unsupported")


def _unsafe() -> EvidenceFileRejected:
    return EvidenceFileRejected(_UNSAFE_MESSAGE, code="unsafe")
