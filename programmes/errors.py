"""The one family of domain errors, and the one way they reach a form.

A service raises a `DomainError` (or an app's subclass of it: `ApplicationError`, `ReviewError`,
`ProjectError`, `LearningDayError`, `WorkshopError`…) when a rule of the programme stops the
change. Its message is written for the person acting. It may name the form field it is about
(`field`), or carry several fields' messages at once (`errors`, field name → message). A view
puts it on its form with `add_to_form`, next to the right field, or shows `error.message`.

It lives in `programmes`, the foundation, so that every app above may raise and catch it.
"""


class DomainError(Exception):
    """A rule stopped the change; `message` says why, in words for the person acting."""

    def __init__(self, message: str = "", *, field: str | None = None, errors: dict | None = None):
        self.errors = dict(errors or {})
        if not message and self.errors:
            message = next(iter(self.errors.values()))
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """The messages about named fields, as Django's ValidationError gives them."""
        return {field: messages for field, messages in self.by_field().items() if field}

    def by_field(self) -> dict[str | None, list[str]]:
        """Every message, by the field it is about (None: the form as a whole)."""
        found: dict[str | None, list[str]] = {}
        for field, message in self.errors.items():
            found.setdefault(field, []).append(str(message))
        if self.field or not self.errors:
            found.setdefault(self.field, []).append(self.message)
        return found


def add_to_form(form, error: DomainError, *, fields: dict[str, str] | None = None) -> None:
    """Put a domain error on `form`: each message next to its field, or above the form when the
    form has no such field. `fields` renames a service's field to the form's
    (`{"closes_at": "closes_on"}`)."""
    renames = fields or {}
    for field, messages in error.by_field().items():
        name = renames.get(field, field)
        if name not in form.fields:
            name = field
        form.add_error(name if name in form.fields else None, messages)
