"""`{% change_history record %}`: who changed what on a record, and when, with each field's value
before and after (django-simple-history's rows), for programme managers only.

A template tag, not a selector, so that any app's pages can show it without importing another
app; it reads only the record's own `history` manager, in one query per record.
"""

from django import template

register = template.Library()

LIMIT = 30
SHOWN_CHARACTERS = 160


def _shown(field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def entries_for(record, *, limit: int = LIMIT) -> list[dict]:
    """The record's changes, newest first: when, who, what happened, and each changed field's
    label with its value before and after."""
    rows = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model = record._meta.model
    entries = []
    for newer, older in zip(rows[:limit], [*rows[1:], None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "label": str(field.verbose_name).capitalize(),
                        "before": _shown(field, change.old),
                        "after": _shown(field, change.new),
                    }
                )
            if not changes:
                continue
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "what": {"+": "Created", "~": "Changed", "-": "Deleted"}[newer.history_type],
                "changes": changes,
            }
        )
    return entries


@register.inclusion_tag("includes/change_history.html", takes_context=True)
def change_history(context, record, heading="Change history"):
    user = context["request"].user
    if record is None or not getattr(user, "is_programme_manager", False):
        return {"shown": False}
    return {"shown": True, "entries": entries_for(record), "heading": heading}
