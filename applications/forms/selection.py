from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms

from applications.emails import DEFAULT_MESSAGES
from applications.enums import ApplicationStatus

CHOICES = [
    ("", "Let the suggestion decide"),
    ("include", "Must include"),
    ("exclude", "Must exclude"),
]


class SuggestionForm(forms.Form):
    """The rules for a suggested cohort; one "must include / must exclude" choice per candidate."""

    max_per_region = forms.IntegerField(
        label="Most councils from one region",
        min_value=1,
        max_value=50,
        required=False,
        help_text="Leave empty for no regional limit.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )
    cover_thrive = forms.BooleanField(
        label="Cover every THRIVE category where possible", required=False, initial=True
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            self.fields[f"choice_{candidate.application.pk}"] = forms.ChoiceField(
                label=f"Choice for {candidate.application.organisation.name}",
                choices=CHOICES,
                required=False,
            )

    def choice_field(self, application_id: int):
        return self[f"choice_{application_id}"]

    def chosen(self, value: str) -> frozenset[int]:
        return frozenset(
            c.application.pk
            for c in self.candidates
            if self.cleaned_data.get(f"choice_{c.application.pk}") == value
        )


class DecisionsForm(forms.Form):
    waitlist = forms.TypedMultipleChoiceField(
        label="Put on the waiting list",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="In order of score. Everyone not in the cohort or on the waiting list is not "
        "selected.",
    )
    message_selected = forms.CharField(
        label="Message to councils selected",
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=DEFAULT_MESSAGES[ApplicationStatus.SELECTED],
        max_length=5000,
    )
    message_waitlisted = forms.CharField(
        label="Message to councils on the waiting list",
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=DEFAULT_MESSAGES[ApplicationStatus.WAITLISTED],
        max_length=5000,
    )
    message_not_selected = forms.CharField(
        label="Message to councils not selected",
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=DEFAULT_MESSAGES[ApplicationStatus.NOT_SELECTED],
        max_length=5000,
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waitlist"].choices = [
            (c.application.pk, f"{c.application.organisation.name} ({c.score or 'not scored'})")
            for c in others
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL

    def messages(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            ApplicationStatus.SELECTED.value: data["message_selected"],
            ApplicationStatus.WAITLISTED.value: data["message_waitlisted"],
            ApplicationStatus.NOT_SELECTED.value: data["message_not_selected"],
        }
