"""Forms for the programme's pool of peer approaches: one approach, and an import file."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from cohort.services.peer_approaches import (
    DESCRIPTION_CHARACTERS,
    LIST_CHARACTERS,
    MAX_CAPACITY,
    NAME_CHARACTERS,
    ORGANISATION_CHARACTERS,
    TITLE_CHARACTERS,
)
from programmes.forms import gds_helper, numeric
from programmes.models import ThriveCategory


def _limit(label: str, limit: int) -> str:
    return f"The {label} must be {limit:,} characters or fewer"


class PeerApproachForm(forms.Form):
    """The approach's fields. Checks of content (required fields, visit or call, capacity, the
    THRIVE categories, duplicates) are the service's, so that the import says the same."""

    organisation_name = forms.CharField(
        label="Organisation",
        help_text="If it is on the organisation list, its location is used for visits and it is "
        "never matched to its own project.",
        required=False,
        max_length=ORGANISATION_CHARACTERS,
        error_messages={"max_length": _limit("organisation’s name", ORGANISATION_CHARACTERS)},
    )
    title = forms.CharField(
        label="Name of the approach",
        required=False,
        max_length=TITLE_CHARACTERS,
        error_messages={"max_length": _limit("name of the approach", TITLE_CHARACTERS)},
    )
    description = forms.CharField(
        label="Description",
        help_text="What the approach is, what it changed, and what others can learn from it.",
        required=False,
        max_length=DESCRIPTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _limit("description of the approach", DESCRIPTION_CHARACTERS)
        },
    )
    thrive_categories = forms.MultipleChoiceField(
        label="THRIVE categories (optional)",
        help_text="Select all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.CharField(
        label="Themes (optional)",
        help_text="Separate them with commas, for example ‘Schools, Early help’.",
        required=False,
        max_length=LIST_CHARACTERS,
        error_messages={"max_length": _limit("themes", LIST_CHARACTERS)},
    )
    challenge_areas = forms.CharField(
        label="Challenge areas (optional)",
        help_text="Separate them with commas.",
        required=False,
        max_length=LIST_CHARACTERS,
        error_messages={"max_length": _limit("challenge areas", LIST_CHARACTERS)},
    )
    contact_name = forms.CharField(
        label="Contact’s name",
        required=False,
        max_length=NAME_CHARACTERS,
        error_messages={"max_length": _limit("contact’s name", NAME_CHARACTERS)},
    )
    contact_job_title = forms.CharField(
        label="Contact’s job title (optional)",
        required=False,
        max_length=NAME_CHARACTERS,
        error_messages={"max_length": _limit("contact’s job title", NAME_CHARACTERS)},
    )
    contact_email = forms.CharField(
        label="Contact’s email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    hosts = forms.MultipleChoiceField(
        label="What can they offer?",
        help_text="Select all that apply.",
        required=False,
        choices=[("visits", "A visit"), ("calls", "A telephone or video call")],
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.CharField(
        label="How many projects can it take during the programme?",
        help_text=f"A whole number from 0 to {MAX_CAPACITY}.",
        required=False,
        widget=numeric(),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["thrive_categories"].choices = [
            Choice(category.slug, category.name)
            for category in ThriveCategory.objects.order_by("position")
        ]
        self.helper = gds_helper(
            Field.text("organisation_name"),
            Field.text("title"),
            Field.textarea("description"),
            Field.checkboxes("thrive_categories", legend_size=Size.SMALL, small=True),
            Field.text("themes"),
            Field.text("challenge_areas"),
            Fieldset(
                Field.text("contact_name"),
                Field.text("contact_job_title"),
                Field.text("contact_email"),
                legend="Contact",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("hosts", legend_size=Size.SMALL),
            Field.text("capacity", field_width=3),
        )

    @staticmethod
    def initial_for(approach) -> dict:
        return {
            "organisation_name": approach.organisation_name,
            "title": approach.title,
            "description": approach.description,
            "thrive_categories": [c.slug for c in approach.thrive_categories.all()],
            "themes": approach.themes,
            "challenge_areas": approach.challenge_areas,
            "contact_name": approach.contact_name,
            "contact_job_title": approach.contact_job_title,
            "contact_email": approach.contact_email,
            "hosts": [
                name
                for name, on in (("visits", approach.hosts_visits), ("calls", approach.hosts_calls))
                if on
            ],
            "capacity": str(approach.capacity),
        }

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        hosts = data.pop("hosts")
        return {**data, "hosts_visits": "visits" in hosts, "hosts_calls": "calls" in hosts}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file (UTF-8) or an Excel workbook (.xlsx), with the template’s columns.",
        error_messages={
            "required": "Select a CSV or Excel file",
            "empty": "The selected file is empty",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(Field("file"), label_size=Size.MEDIUM)
