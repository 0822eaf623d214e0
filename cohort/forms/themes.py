"""Forms for a programme's cross-cutting themes and helpful questions, and for tagging a project
with its programme's themes."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from cohort.services.themes import (
    DESCRIPTION_CHARACTERS,
    QUESTION_CHARACTERS,
    TITLE_CHARACTERS,
)
from programmes.forms import gds_helper


class ThemeForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="For example ‘Councillors as champions’.",
        max_length=TITLE_CHARACTERS,
        error_messages={
            "required": "Enter the theme’s title",
            "max_length": f"The title must be {TITLE_CHARACTERS:,} characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        help_text="What the theme is about, in a sentence or two. Consultants see it when they "
        "tag projects.",
        required=False,
        max_length=DESCRIPTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"The description must be {DESCRIPTION_CHARACTERS:,} characters or fewer"
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            Field.text("title"), Field.textarea("description"), label_size=Size.MEDIUM
        )


class HelpfulQuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        help_text="For example ‘Who are the champions for our work?’",
        max_length=QUESTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the question",
            "max_length": f"The question must be {QUESTION_CHARACTERS:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(Field.textarea("text"), label_size=Size.MEDIUM)


class ProjectThemesForm(forms.Form):
    """Checkboxes of the programme's themes; none checked is allowed (the project has none)."""

    themes = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "A theme you selected has been removed from the programme. "
            "Select from the themes listed"
        },
    )

    def __init__(self, *args, themes, legend: str, **kw):
        super().__init__(*args, **kw)
        field = self.fields["themes"]
        field.label = legend
        field.help_text = "Select all that apply."
        field.choices = [
            Choice(
                str(theme.pk),
                theme.title,
                **({"hint": theme.description} if theme.description else {}),
            )
            for theme in themes
        ]
        self.helper = gds_helper(
            Field.checkboxes("themes", legend_size=Size.LARGE, legend_tag="h1")
        )

    def theme_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["themes"]]
