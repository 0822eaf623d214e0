"""Builders for small but realistic evidence files, for any test that uploads one.

Every builder returns the file's bytes. Nothing is read from disk, so tests stay
self-contained, and the builders are deterministic so two calls give equal bytes.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

# Fixed so archives are byte-for-byte reproducible; 1980 is the ZIP epoch.
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)

_CONTENT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELATIONSHIPS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORDPROCESSING_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SPREADSHEET_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PRESENTATION_NAMESPACE = "http://schemas.openxmlformats.org/presentationml/2006/main"
_DRAWING_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/main"

DOCX_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
XLSX_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)
PPTX_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
DOCM_MAIN_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSM_MAIN_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PPTM_MAIN_CONTENT_TYPE = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
VBA_PROJECT_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

STANDARD_DEFAULTS: Mapping[str, str] = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}

_ONE_MEBIBYTE = 1024 * 1024
_ONE_GIBIBYTE = 1024 * _ONE_MEBIBYTE


def make_pdf() -> bytes:
    """A one-page PDF saying "Evidence", with a correct cross-reference table."""
    page_text = b"BT /F1 24 Tf 72 760 Td (Evidence) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(page_text) + page_text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    # The binary comment line tells transfer tools the file is not plain text.
    document = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    cross_reference_at = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        document += b"%010d 00000 n \n" % offset
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    document += b"startxref\n%d\n" % cross_reference_at + b"%%EOF\n"
    return bytes(document)


def make_sized(content: bytes, size: int) -> bytes:
    """Pad ``content`` (normally a PDF) with trailing newlines to exactly ``size`` bytes.

    PDF readers ignore bytes after the final ``%%EOF``, so the result is still a PDF.
    """
    if size < len(content):
        raise ValueError(f"content is already {len(content)} bytes, more than {size}")
    return content + b"\n" * (size - len(content))


def make_png() -> bytes:
    """A valid 1x1 PNG holding one GOV.UK-blue pixel."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    scanline = b"\x00" + b"\x1d\x70\xb8"  # filter type 0, then the pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(scanline))
        + _png_chunk(b"IEND", b"")
    )


def make_jpeg() -> bytes:
    """A valid 1x1 greyscale baseline JFIF image, written marker by marker."""
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    quantisation = b"\x00" + b"\x01" * 64
    frame = b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"  # 8-bit, 1x1, one component
    # One Huffman code of length 1 per table: DC difference 0, and end-of-block.
    single_code_counts = b"\x01" + b"\x00" * 15
    dc_table = b"\x00" + single_code_counts + b"\x00"
    ac_table = b"\x10" + single_code_counts + b"\x00"
    scan = b"\x01\x01\x00\x00\x3f\x00"
    # Bits "0" (DC) and "0" (EOB), padded with ones to a whole byte.
    entropy_coded_data = b"\x3f"
    return (
        b"\xff\xd8"
        + _jpeg_segment(0xE0, jfif)
        + _jpeg_segment(0xDB, quantisation)
        + _jpeg_segment(0xC0, frame)
        + _jpeg_segment(0xC4, dc_table)
        + _jpeg_segment(0xC4, ac_table)
        + _jpeg_segment(0xDA, scan)
        + entropy_coded_data
        + b"\xff\xd9"
    )


def make_exe() -> bytes:
    """The start of a 32-bit Windows executable: DOS header, stub and PE headers."""
    dos_header = bytearray(64)
    dos_header[0:2] = b"MZ"
    struct.pack_into("<I", dos_header, 0x3C, 0x80)  # e_lfanew: where the PE header starts
    stub = (
        b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"
        b"This program cannot be run in DOS mode.\r\r\n$"
    )
    stub = stub.ljust(0x80 - len(dos_header), b"\x00")
    coff_header = struct.pack("<HHIIIHH", 0x014C, 1, 0, 0, 0, 0xE0, 0x0102)
    optional_header = bytearray(0xE0)
    struct.pack_into("<H", optional_header, 0, 0x010B)  # PE32
    struct.pack_into("<H", optional_header, 0x44, 2)  # Windows GUI subsystem
    return (bytes(dos_header) + stub + b"PE\x00\x00" + coff_header + bytes(optional_header)).ljust(
        1024, b"\x00"
    )


def make_zip() -> bytes:
    """A plain ZIP archive holding one text file: not an accepted document."""
    return make_zip_archive({"notes.txt": b"Notes from the site visit.\n"})


def make_zip_archive(
    parts: Mapping[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """Write ``parts`` (entry name to content) into a ZIP archive, in order.

    Entry names are written exactly as given, including unsafe ones such as
    ``../evil.txt``, so tests can build hostile archives.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry_name, content in parts.items():
            entry = zipfile.ZipInfo(entry_name, date_time=_ZIP_TIMESTAMP)
            # The mimetype entry of an OpenDocument file must never be compressed.
            entry.compress_type = zipfile.ZIP_STORED if entry_name == "mimetype" else compression
            archive.writestr(entry, content)
    return buffer.getvalue()


def content_types_xml(
    *, overrides: Mapping[str, str], defaults: Mapping[str, str] = STANDARD_DEFAULTS
) -> bytes:
    """A ``[Content_Types].xml`` with the given Default and Override entries."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<Types xmlns="{_CONTENT_TYPES_NAMESPACE}">',
    ]
    lines += [
        f'<Default Extension="{extension}" ContentType="{content_type}"/>'
        for extension, content_type in defaults.items()
    ]
    lines += [
        f'<Override PartName="{part_name}" ContentType="{content_type}"/>'
        for part_name, content_type in overrides.items()
    ]
    lines.append("</Types>")
    return "\n".join(lines).encode()


def docx_parts(*, main_content_type: str = DOCX_MAIN_CONTENT_TYPE) -> dict[str, bytes]:
    """The parts of a minimal one-paragraph Word document, for tests that alter one."""
    return {
        "[Content_Types].xml": content_types_xml(
            overrides={"/word/document.xml": main_content_type}
        ),
        "_rels/.rels": _package_relationships("word/document.xml"),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{_WORDPROCESSING_NAMESPACE}">'
            "<w:body><w:p><w:r><w:t>Evidence for our application.</w:t></w:r></w:p>"
            "</w:body></w:document>"
        ).encode(),
    }


def make_docx() -> bytes:
    """A minimal Word document (.docx)."""
    return make_zip_archive(docx_parts())


def make_docm() -> bytes:
    """A macro-enabled Word document (.docm) with its VBA project."""
    parts = docx_parts(main_content_type=DOCM_MAIN_CONTENT_TYPE)
    parts["[Content_Types].xml"] = content_types_xml(
        defaults={**STANDARD_DEFAULTS, "bin": VBA_PROJECT_CONTENT_TYPE},
        overrides={"/word/document.xml": DOCM_MAIN_CONTENT_TYPE},
    )
    parts["word/_rels/document.xml.rels"] = _relationships(
        [
            (
                "rId1",
                "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                "vbaProject.bin",
            )
        ]
    )
    parts["word/vbaProject.bin"] = _fake_vba_project()
    return make_zip_archive(parts)


def make_docx_with_vba() -> bytes:
    """A document whose content types claim plain .docx but which carries a VBA project."""
    parts = docx_parts()
    parts["word/vbaProject.bin"] = _fake_vba_project()
    return make_zip_archive(parts)


@functools.lru_cache(maxsize=4)
def make_zip_bomb_docx(*, uncompressed_bytes: int = _ONE_GIBIBYTE) -> bytes:
    """A valid-looking .docx with one extra part that expands to ``uncompressed_bytes`` zeros.

    Zeros are streamed in 1 MiB chunks so building never holds the expanded part
    in memory; at the default 1 GiB the archive is about 1 MB. Deflating a
    gibibyte still takes a few seconds, so the result is cached.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        parts = docx_parts()
        parts["[Content_Types].xml"] = content_types_xml(
            defaults={**STANDARD_DEFAULTS, "png": "image/png"},
            overrides={"/word/document.xml": DOCX_MAIN_CONTENT_TYPE},
        )
        for entry_name, content in parts.items():
            entry = zipfile.ZipInfo(entry_name, date_time=_ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content)
        bomb = zipfile.ZipInfo("word/media/image1.png", date_time=_ZIP_TIMESTAMP)
        bomb.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(_ONE_MEBIBYTE)
        # Zip64 records are needed once a part passes 2 GiB.
        with archive.open(bomb, "w", force_zip64=uncompressed_bytes >= 2**31) as part:
            remaining = uncompressed_bytes
            while remaining > 0:
                written = part.write(chunk[: min(remaining, len(chunk))])
                remaining -= written
    return buffer.getvalue()


def make_xlsx() -> bytes:
    """A minimal Excel workbook (.xlsx) with one sheet and one cell."""
    return make_zip_archive(_xlsx_parts(main_content_type=XLSX_MAIN_CONTENT_TYPE))


def make_xlsm() -> bytes:
    """A macro-enabled Excel workbook (.xlsm): the content types say macroEnabled."""
    return make_zip_archive(_xlsx_parts(main_content_type=XLSM_MAIN_CONTENT_TYPE))


def make_pptx() -> bytes:
    """A minimal PowerPoint presentation (.pptx) with one slide, layout, master and theme."""
    return make_zip_archive(_pptx_parts(main_content_type=PPTX_MAIN_CONTENT_TYPE))


def make_pptm() -> bytes:
    """A macro-enabled PowerPoint presentation (.pptm): the content types say macroEnabled."""
    return make_zip_archive(_pptx_parts(main_content_type=PPTM_MAIN_CONTENT_TYPE))


def make_odt() -> bytes:
    """A minimal OpenDocument text file (.odt), with ``mimetype`` stored first."""
    return make_zip_archive(_odf_parts(mimetype=ODT_MIMETYPE))


def make_odt_with_macros(*, folder: str = "Basic") -> bytes:
    """An .odt carrying macros in ``Basic/`` (LibreOffice Basic) or ``Scripts/`` (Python)."""
    parts = _odf_parts(mimetype=ODT_MIMETYPE)
    if folder == "Basic":
        parts["Basic/script-lc.xml"] = b'<?xml version="1.0" encoding="UTF-8"?><library:libraries/>'
        parts["Basic/Standard/Module1.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b"<script:module>Sub Main\nShell(&quot;calc.exe&quot;)\nEnd Sub</script:module>"
        )
    elif folder == "Scripts":
        parts["Scripts/python/auto.py"] = b"import os\nos.system('calc.exe')\n"
    else:
        raise ValueError(f"unknown macro folder {folder!r}")
    return make_zip_archive(parts)


def make_ods() -> bytes:
    """A minimal OpenDocument spreadsheet (.ods): valid ODF, but not an accepted kind."""
    return make_zip_archive(_odf_parts(mimetype=ODS_MIMETYPE))


def set_encrypted_flag(archive: bytes) -> bytes:
    """Mark every entry of a stored (uncompressed) archive as encrypted.

    zipfile cannot write encrypted entries, so the general-purpose flag is set in
    each local and central header instead. Only safe for archives whose content
    cannot contain a header signature, such as stored XML.
    """
    patched = bytearray(archive)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = patched.find(signature)
        while position != -1:
            patched[position + flag_offset] |= 0x01
            position = patched.find(signature, position + 4)
    return bytes(patched)


def _png_chunk(chunk_type: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", checksum)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    # The length field counts itself but not the marker.
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _fake_vba_project() -> bytes:
    # A real vbaProject.bin is an OLE compound file; its signature is enough here.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _relationships(relationships: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f'<Relationship Id="{identifier}" Type="{relationship_type}" Target="{target}"/>'
        for identifier, relationship_type, target in relationships
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_RELATIONSHIPS_NAMESPACE}">{entries}</Relationships>'
    ).encode()


def _package_relationships(main_part: str) -> bytes:
    return _relationships([("rId1", _OFFICE_DOCUMENT_RELATIONSHIP, main_part)])


def _xlsx_parts(*, main_content_type: str) -> dict[str, bytes]:
    worksheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    return {
        "[Content_Types].xml": content_types_xml(
            overrides={
                "/xl/workbook.xml": main_content_type,
                "/xl/worksheets/sheet1.xml": worksheet_type,
            }
        ),
        "_rels/.rels": _package_relationships("xl/workbook.xml"),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_SPREADSHEET_NAMESPACE}" xmlns:r="{_DOCUMENT_RELATIONSHIPS}">'
            '<sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("rId1", f"{_DOCUMENT_RELATIONSHIPS}/worksheet", "worksheets/sheet1.xml")]
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_SPREADSHEET_NAMESPACE}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c>'
            '<c r="B1"><v>1250</v></c></row></sheetData></worksheet>'
        ).encode(),
    }


def _pptx_parts(*, main_content_type: str) -> dict[str, bytes]:
    presentationml = "application/vnd.openxmlformats-officedocument.presentationml"
    namespaces = (
        f'xmlns:a="{_DRAWING_NAMESPACE}" xmlns:r="{_DOCUMENT_RELATIONSHIPS}" '
        f'xmlns:p="{_PRESENTATION_NAMESPACE}"'
    )
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    empty_tree = (
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        "</p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>"
    )
    colour_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    )
    colours = "".join(
        f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>'
        for name, value in (
            ("dk1", "0B0C0C"),
            ("lt1", "FFFFFF"),
            ("dk2", "1D70B8"),
            ("lt2", "F3F2F1"),
            ("accent1", "1D70B8"),
            ("accent2", "00703C"),
            ("accent3", "D4351C"),
            ("accent4", "FFDD00"),
            ("accent5", "4C2C92"),
            ("accent6", "F47738"),
            ("hlink", "1D70B8"),
            ("folHlink", "4C2C92"),
        )
    )
    solid_fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    plain_line = f'<a:ln w="9525">{solid_fill}</a:ln>'
    theme = (
        f'{declaration}<a:theme xmlns:a="{_DRAWING_NAMESPACE}" name="Evidence">'
        f'<a:themeElements><a:clrScheme name="Evidence">{colours}</a:clrScheme>'
        '<a:fontScheme name="Evidence">'
        '<a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>'
        '</a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/>'
        '<a:cs typeface=""/></a:minorFont></a:fontScheme>'
        '<a:fmtScheme name="Evidence">'
        f"<a:fillStyleLst>{solid_fill * 3}</a:fillStyleLst>"
        f"<a:lnStyleLst>{plain_line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}"
        "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid_fill * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements></a:theme>"
    )
    relationship = f"{_DOCUMENT_RELATIONSHIPS}/"
    return {
        "[Content_Types].xml": content_types_xml(
            overrides={
                "/ppt/presentation.xml": main_content_type,
                "/ppt/slides/slide1.xml": f"{presentationml}.slide+xml",
                "/ppt/slideLayouts/slideLayout1.xml": f"{presentationml}.slideLayout+xml",
                "/ppt/slideMasters/slideMaster1.xml": f"{presentationml}.slideMaster+xml",
                "/ppt/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
            }
        ),
        "_rels/.rels": _package_relationships("ppt/presentation.xml"),
        "ppt/presentation.xml": (
            f"{declaration}<p:presentation {namespaces}>"
            '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            '<p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>'
            '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>'
            "</p:presentation>"
        ).encode(),
        "ppt/_rels/presentation.xml.rels": _relationships(
            [
                ("rId1", f"{relationship}slideMaster", "slideMasters/slideMaster1.xml"),
                ("rId2", f"{relationship}slide", "slides/slide1.xml"),
                ("rId3", f"{relationship}theme", "theme/theme1.xml"),
            ]
        ),
        "ppt/slides/slide1.xml": f"{declaration}<p:sld {namespaces}>{empty_tree}</p:sld>".encode(),
        "ppt/slides/_rels/slide1.xml.rels": _relationships(
            [("rId1", f"{relationship}slideLayout", "../slideLayouts/slideLayout1.xml")]
        ),
        "ppt/slideLayouts/slideLayout1.xml": (
            f"{declaration}<p:sldLayout {namespaces}>{empty_tree}</p:sldLayout>"
        ).encode(),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": _relationships(
            [("rId1", f"{relationship}slideMaster", "../slideMasters/slideMaster1.xml")]
        ),
        "ppt/slideMasters/slideMaster1.xml": (
            f"{declaration}<p:sldMaster {namespaces}>{empty_tree}{colour_map}"
            '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>'
            "</p:sldMaster>"
        ).encode(),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": _relationships(
            [
                ("rId1", f"{relationship}slideLayout", "../slideLayouts/slideLayout1.xml"),
                ("rId2", f"{relationship}theme", "../theme/theme1.xml"),
            ]
        ),
        "ppt/theme/theme1.xml": theme.encode(),
    }


def _odf_parts(*, mimetype: str) -> dict[str, bytes]:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    return {
        "mimetype": mimetype.encode(),
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<manifest:manifest xmlns:manifest="{manifest}" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>'
        ).encode(),
        "content.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-content xmlns:office="{office}" xmlns:text="{text}" '
            'office:version="1.3"><office:body><office:text>'
            "<text:p>Evidence for our application.</text:p>"
            "</office:text></office:body></office:document-content>"
        ).encode(),
    }


def make_pdf_with(
    objects: list[bytes], *, trailer_extra: bytes = b"", prefix: bytes = b""
) -> bytes:
    """A PDF whose numbered objects are ``objects`` (object 1 must be the catalog).

    Objects are written as given, so a test can put any dictionary or stream in a real,
    well-formed file with a correct cross-reference table.
    """
    document = bytearray(prefix + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    cross_reference_at = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        document += b"%010d 00000 n \n" % offset
    document += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_extra)
    document += b"startxref\n%d\n" % cross_reference_at + b"%%EOF\n"
    return bytes(document)


def pdf_stream(data: bytes, *, dictionary: bytes = b"") -> bytes:
    """A stream object's body: its dictionary (with the right /Length) and its data."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), dictionary) + data + b"\nendstream"


def pdf_page_objects(*, catalog_extra: bytes = b"", page_extra: bytes = b"") -> list[bytes]:
    """The objects of a one-page PDF (catalog, pages, page, contents, font), to extend."""
    page_text = b"BT /F1 24 Tf 72 760 Td (Evidence) Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R" + page_extra + b" >>",
        pdf_stream(page_text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def make_pdf_with_object_stream(
    hidden: bytes, *, catalog_extra: bytes = b" /OpenAction 7 0 R", compress: bool = True
) -> bytes:
    """A PDF 1.5 file with ``hidden`` as object 7, stored in an object stream (object 6).

    With ``compress`` the object stream is Flate-compressed, as Acrobat and every modern writer
    produce them, so ``hidden`` is only visible once it is decompressed. The catalog refers to
    object 7 through ``catalog_extra`` (by default, as the action to run on opening).
    """
    header = b"7 0 "  # pairs of "object-number offset", then the objects
    data = header + hidden
    dictionary = b"/Type /ObjStm /N 1 /First %d " % len(header)
    if compress:
        data = zlib.compress(data)
        dictionary += b"/Filter /FlateDecode "
    objects = pdf_page_objects(catalog_extra=catalog_extra)
    objects.append(pdf_stream(data, dictionary=dictionary))
    return make_pdf_with(objects)
