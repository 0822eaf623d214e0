"""The service's statements (privacy notice, accessibility statement): wording a programme
manager can change, shipped defaults, and rendering that lets only safe HTML through.

The wording is Markdown (headings, paragraphs, lists, links), turned into HTML by Python-Markdown
and then cleaned by nh3 (a whitelist sanitiser), so nothing typed can add a script, a style or an
attribute; the GOV.UK classes are added to the few elements that remain.
"""

import dataclasses
import re
from pathlib import Path

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from programmes.enums import StatementKind
from programmes.models import ServiceStatement

DEFAULTS_DIR = Path(__file__).resolve().parents[1] / "statements"
PLACEHOLDERS = ("contact email", "contact phone", "response days", "service address")
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em", "br"}
GOVUK_CLASSES = {
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<a ": '<a class="govuk-link" ',
}


def default_wording(kind: str) -> str:
    return (DEFAULTS_DIR / f"{StatementKind(kind).value}.md").read_text(encoding="utf-8")


def default_contact_email() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">").strip()


@dataclasses.dataclass(frozen=True)
class Statement:
    kind: str
    title: str
    text: str
    contact_email: str
    contact_phone: str
    response_days: int
    updated_at: object
    is_default_wording: bool


def statement(kind: str) -> Statement:
    """What the page shows: the programme manager's wording and contacts, or the defaults."""
    saved = ServiceStatement.objects.filter(kind=kind).first()
    text = saved.text if saved and saved.text.strip() else default_wording(kind)
    return Statement(
        kind=kind,
        title=StatementKind(kind).label,
        text=text,
        contact_email=saved.contact_email if saved else default_contact_email(),
        contact_phone=saved.contact_phone if saved else "",
        response_days=saved.response_days if saved else 10,
        updated_at=saved.updated_at if saved else None,
        is_default_wording=not (saved and saved.text.strip()),
    )


def fill_in(text: str, values: dict[str, str]) -> str:
    """Replace ((placeholders)); a line whose placeholder has no value (no telephone, say) goes."""
    lines = []
    for line in text.splitlines():
        names = re.findall(r"\(\(([a-z ]+)\)\)", line)
        if any(not values.get(name) for name in names if name in values):
            continue
        for name in names:
            if name in values:
                line = line.replace(f"(({name}))", values[name])
        lines.append(line)
    return "\n".join(lines)


def render(item: Statement) -> SafeString:
    values = {
        "contact email": item.contact_email,
        "contact phone": item.contact_phone,
        "response days": str(item.response_days),
        "service address": settings.SITE_URL,
    }
    html = markdown.markdown(fill_in(item.text, values), output_format="html")
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )
    for plain, styled in GOVUK_CLASSES.items():
        html = html.replace(plain, styled)
    return mark_safe(html)


@transaction.atomic
def save_statement(
    *, kind: str, text: str, contact_email: str, contact_phone: str, response_days: int, by
) -> ServiceStatement:
    """Save a programme manager's wording and contact details. Wording identical to the default
    is stored empty, so later improvements to the default reach the page.

    Raises ValidationError (on `text`) for an unknown ((placeholder)).
    Side effects: the ServiceStatement row.
    """
    unknown = sorted(set(re.findall(r"\(\(([^)]*)\)\)", text)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {"text": f"(({unknown[0]})) is not a placeholder this statement can fill in"}
        )
    normalised = text.replace("\r\n", "\n").strip()
    if normalised == default_wording(kind).strip():
        normalised = ""
    row, _ = ServiceStatement.objects.select_for_update().get_or_create(
        kind=kind, defaults={"contact_email": contact_email}
    )
    row.text = normalised
    row.contact_email = contact_email
    row.contact_phone = " ".join(contact_phone.split())
    row.response_days = response_days
    row.updated_at = timezone.now()
    row.updated_by = by
    row.full_clean()
    row.save()
    return row
