"""How evidence leaves private storage, for every view that lets someone download it."""

from django.http import FileResponse

from applications.evidence_files import name_with_real_extension
from applications.models import EvidenceDocument


def evidence_download(document: EvidenceDocument) -> FileResponse:
    """The file as an attachment under its cleaned name: never shown inline, never sniffed as
    HTML, never cached by a shared cache. The caller has already checked permission. The name
    ends in the real extension even for files uploaded before names were given one."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=name_with_real_extension(document.display_name, kind=document.kind),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
