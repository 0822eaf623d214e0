"""Reviewing: the scoring form, declaring a conflict of interest, and assigning reviewers.

crispy-forms-gds renders labels and legends as given (`|safe`), so every label built from text a
programme manager typed (a criterion's title) is escaped here with format_html.
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils.html import format_html

from applications.enums import Score
from applications.models import Review
from applications.services.reviews import MAX_REVIEWERS_PER_APPLICATION
from programmes.models import ScoringCriterion

JUSTIFICATION_CHARACTERS = 5_000
COMMENTS_CHARACTERS = 10_000


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


def score_choices(criterion: ScoringCriterion) -> list[Choice]:
    """5 (strong) to 1 (poor), the criterion's descriptors as hints on 5, 3 and 1."""
    hints = {
        Score.STRONG: criterion.strong,
        Score.SATISFACTORY: criterion.satisfactory,
        Score.POOR: criterion.poor,
    }
    choices = []
    for score in Score:  # declared strongest first
        hint = hints.get(score, "")
        label = f"{score.value} – {score.label}"
        choices.append(
            Choice(score.value, label, hint=hint) if hint else Choice(score.value, label)
        )
    return choices


class ReviewForm(forms.Form):
    """One radio question (1–5) and one justification for each criterion, then overall comments.

    "Save draft" (`require_complete=False`) accepts gaps; "Save and next" needs everything. A
    justification always needs a score, because a score row cannot be stored without one.
    """

    comments = forms.CharField(
        label="Overall comments (optional)",
        required=False,
        max_length=COMMENTS_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"Overall comments must be {COMMENTS_CHARACTERS:,} characters or fewer"
        },
    )

    def __init__(self, *args, review: Review, criteria: list[ScoringCriterion], **kw):
        self.require_complete = kw.pop("require_complete", False)
        super().__init__(*args, **kw)
        self.criteria = criteria
        existing = {score.criterion_id: score for score in review.scores.all()}
        layout = []
        for criterion in criteria:
            score_name, justification_name = self.names(criterion)
            hint = f"Weight {criterion.weight}."
            if criterion.description:
                hint = f"{criterion.description} {hint}"
            self.fields[score_name] = forms.TypedChoiceField(
                label=format_html("{}", criterion.title),
                help_text=format_html("{}", hint),
                choices=score_choices(criterion),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": f"Choose a score from 1 to 5 for ‘{criterion.title}’"
                },
            )
            self.fields[justification_name] = forms.CharField(
                label=format_html(
                    'Why this score?<span class="govuk-visually-hidden"> ({})</span>',
                    criterion.title,
                ),
                required=False,
                max_length=JUSTIFICATION_CHARACTERS,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": f"Your explanation for ‘{criterion.title}’ must be "
                    f"{JUSTIFICATION_CHARACTERS:,} characters or fewer"
                },
            )
            if criterion.pk in existing:
                self.initial.setdefault(score_name, existing[criterion.pk].score)
                self.initial.setdefault(justification_name, existing[criterion.pk].justification)
            layout += [
                Field.radios(score_name, legend_size=Size.MEDIUM, legend_tag="h2"),
                justification_name,
            ]
        self.initial.setdefault("comments", review.comments)
        self.helper = _helper(*layout, Field.textarea("comments"))

    @staticmethod
    def names(criterion: ScoringCriterion) -> tuple[str, str]:
        return f"score_{criterion.pk}", f"justification_{criterion.pk}"

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score_name, justification_name = self.names(criterion)
            if score_name in self.errors or justification_name in self.errors:
                continue
            score, justification = cleaned.get(score_name), cleaned.get(justification_name)
            if self.require_complete and score is None:
                self.add_error(score_name, f"Choose a score for ‘{criterion.title}’")
            if self.require_complete and not justification:
                self.add_error(justification_name, f"Explain your score for ‘{criterion.title}’")
            if not self.require_complete and justification and score is None:
                self.add_error(
                    score_name, f"Choose a score for ‘{criterion.title}’ to save your explanation"
                )
        return cleaned

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(self.names(criterion)[0]),
                self.cleaned_data.get(self.names(criterion)[1], ""),
            )
            for criterion in self.criteria
        }

    def add_service_errors(self, errors: dict[int, str]) -> None:
        """Show a ReviewError's messages next to the criteria they are about."""
        for criterion in self.criteria:
            if criterion.pk in errors:
                self.add_error(self.names(criterion)[0], errors[criterion.pk])


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why do you have a conflict of interest?",
        help_text="For example, you used to work for the council, or you know someone in its "
        "team. The programme team will see this.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you have a conflict of interest",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = _helper(Field.textarea("reason"))
        self.helper.label_size = Size.MEDIUM


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.email})" if obj.name else obj.email


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisation.name} ({obj.reference})"


class AssignReviewerForm(forms.Form):
    """Assign by hand: one reviewer to one application."""

    application = ApplicationChoiceField(
        label="Application",
        queryset=None,
        empty_label="Choose an application",
        error_messages={
            "required": "Choose an application",
            "invalid_choice": "Choose an application",
        },
    )
    reviewer = ReviewerChoiceField(
        label="Reviewer",
        queryset=None,
        empty_label="Choose a reviewer",
        error_messages={"required": "Choose a reviewer", "invalid_choice": "Choose a reviewer"},
    )

    def __init__(self, *args, applications, reviewers, **kw):
        super().__init__(*args, **kw)
        self.fields["application"].queryset = applications
        self.fields["reviewer"].queryset = reviewers
        self.helper = _helper("application", "reviewer")


class AutomaticAssignmentForm(forms.Form):
    reviewers_per_application = forms.IntegerField(
        label="Reviewers for each application",
        min_value=1,
        max_value=MAX_REVIEWERS_PER_APPLICATION,
        initial=2,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many reviewers each application needs",
            "invalid": "Enter a whole number, like 2",
            "min_value": "Each application needs at least 1 reviewer",
            "max_value": f"Enter {MAX_REVIEWERS_PER_APPLICATION} or fewer",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = _helper(Field.text("reviewers_per_application", field_width=2))
