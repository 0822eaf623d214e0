"""Emails whose wording a programme manager can change, per programme.

An app makes one of its kinds of email editable by registering an `EditableKind`: the named
placeholders it fills in, the model that scopes the wording (a programme), and how to find real
values for a preview. The default wording ships as a file, `templates/emails/editable/<kind>.txt`:
the first line is "Subject: …", then a blank line, then the body. Placeholders are written
((name)), as in GOV.UK Notify, and are replaced by plain text; the wording is never run through
Django's template engine, so nothing a manager types can reach the objects behind the values.

Escaping: the plain-text body gets the values as they are (no HTML entities); the HTML body is
the whole filled-in text escaped once, then split into paragraphs, with web addresses as links.
"""

import dataclasses
import re
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import linebreaks_filter, urlize
from django.template.loader import get_template, render_to_string

from notifications.models import EmailTemplate

PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")


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


def render(wording: Wording, values: dict[str, str]) -> RenderedEmail:
    subject = " ".join(fill(wording.subject, values).split())
    body_text = fill(wording.body, values)
    # Stripped first: a trailing newline would otherwise end the last paragraph with a <br>.
    paragraphs = linebreaks_filter(urlize(body_text.strip(), autoescape=True), autoescape=True)
    body_html = render_to_string(
        "emails/editable.html", {"subject": subject, "paragraphs": paragraphs}
    )
    return RenderedEmail(
        subject=subject, body_text=body_text, body_html=body_html, paragraphs=paragraphs
    )
