"""The programme team's question to a council about one section of its application."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from applications.enums import Section

QUESTION_CHARACTERS = 5_000


class InformationRequestForm(forms.Form):
    section = forms.ChoiceField(
        label="Which section is your question about?",
        help_text="The council will be able to change this section, and only this one.",
        choices=Section.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the section your question is about",
            "invalid_choice": "Select the section your question is about",
        },
    )
    question = forms.CharField(
        label="Your question",
        help_text="Say what you need to know. The council sees exactly what you write here.",
        max_length=QUESTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter your question",
            "max_length": f"Your question must be {QUESTION_CHARACTERS:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("section", legend_size=Size.SMALL, small=True),
            Field.textarea("question", label_size=Size.SMALL, rows=5),
        )
