from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """A value from a dictionary by a key held in a variable (templates cannot index by one)."""
    return mapping.get(key) if mapping else None


@register.filter
def choice_field(form, application_id: int):
    """The suggestion form's "must include / exclude" field for one application."""
    return form.choice_field(application_id)
