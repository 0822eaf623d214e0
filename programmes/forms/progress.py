"""Forms for cohort projects: choosing a project's consultant, and a progress update."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from programmes.enums import ProgressStatus
from programmes.forms import gds_helper
from programmes.services.progress import SUMMARY_CHARACTERS

STATUS_HINTS = {
    ProgressStatus.GREEN: "The project is going to plan.",
    ProgressStatus.AMBER: "Some things are behind or uncertain, but the team can put them right.",
    ProgressStatus.RED: "The project will not reach its aims without a change or more support.",
}


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.name or user.email


class AssignConsultantForm(forms.Form):
    consultant = ConsultantChoiceField(
        label="Who is the consultant for this project?",
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the project’s consultant",
            "invalid_choice": "Select a consultant from the list",
        },
    )

    def __init__(self, *args, queryset, legend: str, **kw):
        super().__init__(*args, **kw)
        self.fields["consultant"].queryset = queryset
        self.fields["consultant"].label = legend
        self.helper = gds_helper(
            Field.radios("consultant", legend_size=Size.LARGE, legend_tag="h1"),
        )


class ProgressUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="How is the project going?",
        choices=[
            Choice(status.value, label, hint=STATUS_HINTS[status])
            for status, label in zip(ProgressStatus, ProgressStatus.labels, strict=True)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the project is green, amber or red"},
    )
    summary = forms.CharField(
        label="What has happened since the last update",
        help_text="For example what the team has done, who it has met, what it has learned.",
        max_length=SUMMARY_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what has happened since the last update",
            "max_length": f"This must be {SUMMARY_CHARACTERS:,} characters or fewer",
        },
    )
    next_steps = forms.CharField(
        label="What happens next (optional)",
        required=False,
        max_length=SUMMARY_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"This must be {SUMMARY_CHARACTERS:,} characters or fewer"},
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            Field.radios("status", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("summary"),
            Field.textarea("next_steps"),
            label_size=Size.MEDIUM,
        )
