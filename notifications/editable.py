"""Emails whose wording a programme manager can change, per programme.

An app makes one of its kinds of email editable by registering an `EditableKind`: the named
placeholders it fills in, the model that scopes the wording (a programme), and how to find real
values for a preview. The default wording ships as a file, `templates/emails/editable/<kind>.txt`:
the first line is "Subject: …", then a blank line, then the body. Placeholders are written
((name)), as in GOV.UK Notify, and are replaced by plain text; the wording is never run through
Django's template engine, so nothing a manager types can reach the objects behind the values.

Escaping: the plain-text body gets the values as they are (no HTML entities). The HTML body is
escaped once and split into paragraphs. Only links the service writes are links: web addresses in
the wording (the default file, or a programme manager's), and the values of the kind's `links`
placeholders (((link)), which the service fills in with one address; in a sentence the service
writes around other values, only this site's addresses). Every other value
is what someone typed (a key question, a name, a comment) and stays text, whatever it contains:
a web address typed into a key question is not a link in the email that goes to the three
addresses the council typed as its team.
"""

import dataclasses
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import linebreaks_filter, urlize
from django.template.loader import get_template, render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from notifications.models import EmailTemplate

PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")
# Placeholders whose values the service writes with its own web addresses in them.
SERVICE_LINKS = frozenset({"link"})
# Punctuation after an address ends the sentence, not the address.
_TRAILING_PUNCTUATION = ".,;:!?)’”"


@dataclasses.dataclass(frozen=True)
class EditableKind:
    kind: str
    name: str  # in the users' words: "Reminder to finish a draft"
    description: str  # when it is sent
    placeholders: dict[str, str]  # ((name)) → what it becomes
    scope_model: type[models.Model]
    scopes: Callable[[], Iterable[models.Model]]  # what it can be edited for, newest first
    sample: Callable[[models.Model], dict[str, str]]  # values from a real object, for a preview
    # Placeholders the body must keep, with why: without ((link)) a board could not answer.
    required: dict[str, str] = dataclasses.field(default_factory=dict)
    group: str = "Other emails"  # where it is listed for programme managers: "Learning days"
    # Placeholders the service fills in with this site's addresses, shown as links in the HTML
    # part; every other value is shown as text.
    links: frozenset[str] = SERVICE_LINKS


@dataclasses.dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    template: EmailTemplate | None  # None: the default


@dataclasses.dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body_text: str
    body_html: str  # the whole HTML email
    paragraphs: str  # its body on its own, safe to show in a page (the preview)


_kinds: dict[str, EditableKind] = {}


def register(editable: EditableKind) -> EditableKind:
    _kinds[editable.kind] = editable
    return editable


def editable_kinds() -> list[EditableKind]:
    return sorted(_kinds.values(), key=lambda k: k.name)


def scopes_of(kinds: Iterable[EditableKind]) -> list[models.Model]:
    """Everything the kinds' wording can be changed for (in practice, programmes, newest first):
    one query per kind of scope."""
    listed: dict[type[models.Model], EditableKind] = {}
    for kind in kinds:
        listed.setdefault(kind.scope_model, kind)
    return [scope for kind in listed.values() for scope in kind.scopes()]


def editable_kind(kind: str) -> EditableKind | None:
    return _kinds.get(kind)


def default_wording(kind: str) -> Wording:
    source = get_template(f"emails/editable/{kind}.txt").template.source
    first, _, body = source.partition("\n")
    return Wording(
        subject=first.removeprefix("Subject:").strip(), body=body.strip("\n") + "\n", template=None
    )


def wording_for(kind: str, scope: models.Model) -> Wording:
    template = EmailTemplate.objects.filter(
        kind=kind, scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
    ).first()
    if template:
        return Wording(subject=template.subject, body=template.body, template=template)
    return default_wording(kind)


def check_placeholders(editable: EditableKind, *, subject: str, body: str) -> None:
    """Raise ValidationError (by field) naming every placeholder the email does not have, and
    every placeholder it must keep that the body has lost."""
    known = ", ".join(f"(({name}))" for name in editable.placeholders)
    errors = {}
    for field, text in [("subject", subject), ("body", body)]:
        unknown = [name for name in PLACEHOLDER.findall(text) if name not in editable.placeholders]
        if unknown:
            names = ", ".join(f"(({name}))" for name in dict.fromkeys(unknown))
            errors[field] = (
                f"{'Unknown placeholders' if len(set(unknown)) > 1 else 'Unknown placeholder'} "
                f"{names}. You can use {known}"
            )
    missing = [name for name in editable.required if name not in PLACEHOLDER.findall(body)]
    if missing and "body" not in errors:
        errors["body"] = " ".join(
            f"Keep (({name})) in the message: {editable.required[name]}." for name in missing
        )
    if errors:
        raise ValidationError(errors)


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


def render(
    wording: Wording, values: dict[str, str], *, links: frozenset[str] = SERVICE_LINKS
) -> RenderedEmail:
    """The email in `wording` with `values` filled in; `links` names the placeholders whose
    values the service writes (their addresses on this site become links in the HTML part)."""
    subject = " ".join(fill(wording.subject, values).split())
    body_text = fill(wording.body, values)
    # Stripped first: a trailing newline would otherwise end the last paragraph with a <br>.
    paragraphs = linebreaks_filter(
        _html_filled(wording.body.strip(), values, links=links), autoescape=True
    )
    body_html = render_to_string(
        "emails/editable.html", {"subject": subject, "paragraphs": paragraphs}
    )
    return RenderedEmail(
        subject=subject, body_text=body_text, body_html=body_html, paragraphs=paragraphs
    )


def _html_filled(text: str, values: dict[str, str], *, links: frozenset[str]) -> str:
    """The wording escaped with its web addresses as links, each value escaped as text (or, for
    `links`, with this site's addresses as links)."""
    parts, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(urlize(text[position : match.start()], autoescape=True))
        name = match[1]
        if name not in values:
            parts.append(escape(match[0]))
        elif name in links:
            parts.append(_service_addresses_as_links(str(values[name])))
        else:
            parts.append(escape(str(values[name])))
        position = match.end()
    parts.append(urlize(text[position:], autoescape=True))
    return mark_safe("".join(parts))  # every part above is escaped or built by format_html


def _service_addresses_as_links(value: str) -> str:
    """A value that is one web address (((link))) is a link; in a sentence the service writes
    around other values ("You can read your application at …"), only this site's addresses are."""
    if re.fullmatch(r"https?://\S+", value):
        return format_html('<a href="{}">{}</a>', value, value)
    site = re.compile(re.escape(settings.SITE_URL) + r"(?:/[^\s<>\"]*)?")
    parts, position = [], 0
    for match in site.finditer(value):
        address = match[0].rstrip(_TRAILING_PUNCTUATION)
        parts.append(escape(value[position : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', address, address))
        position = match.start() + len(address)
    parts.append(escape(value[position:]))
    return "".join(parts)
