"""Forms for cohort projects: choosing a project's consultant, a progress update, the refined
key question and the action plan."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from cohort.enums import ActionStatus, ProgressStatus
from cohort.services.progress import (
    ACTION_CHARACTERS,
    KEY_QUESTION_CHARACTERS,
    OWNER_CHARACTERS,
    SUMMARY_CHARACTERS,
)
from programmes.forms import gds_date, gds_helper

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


class RefineKeyQuestionForm(forms.Form):
    refined_key_question = forms.CharField(
        label="Refined key question",
        help_text="The question the team will work on, as they refined it on the first learning "
        "day.",
        max_length=KEY_QUESTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the refined key question",
            "max_length": "The refined key question must be "
            f"{KEY_QUESTION_CHARACTERS:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(Field.textarea("refined_key_question"), label_size=Size.MEDIUM)


ACTION_STATUS_ERROR = "Select whether the action is not started, in progress or done"
DUE_DATE_INVALID = "The due date must be a real date, like 16 3 2018"


def action_status_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": ACTION_STATUS_ERROR, "invalid_choice": ACTION_STATUS_ERROR},
    )


class ActionForm(forms.Form):
    """One action in a project's action plan: what, who, by when, and where it has got to."""

    action = forms.CharField(
        label="Action",
        help_text="What the team will do, for example ‘Visit Forward Thinking Birmingham’.",
        max_length=ACTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the action",
            "max_length": f"The action must be {ACTION_CHARACTERS:,} characters or fewer",
        },
    )
    owner = forms.CharField(
        label="Owner",
        help_text="Who will do it: a name or a role, for example ‘CAMHS transformation lead’.",
        max_length=OWNER_CHARACTERS,
        error_messages={
            "required": "Enter who will do it",
            "max_length": f"The owner must be {OWNER_CHARACTERS:,} characters or fewer",
        },
    )
    due_on = gds_date("Due date", help_text="For example 16 3 2018. Leave it empty if none.")
    status = action_status_field("Where has it got to?")

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        due_on = self.fields["due_on"]
        due_on.required = False
        due_on.label = "Due date (optional)"
        due_on.error_messages["incomplete"] = "Enter the due date in full, or leave it empty"
        self.initial.setdefault("status", ActionStatus.NOT_STARTED)
        self.helper = gds_helper(
            Field.textarea("action", rows=4),
            Field.text("owner"),
            "due_on",
            Field.radios("status", legend_size=Size.MEDIUM, legend_tag="h2"),
            label_size=Size.MEDIUM,
        )

    def clean(self):
        cleaned = super().clean()
        if "due_on" in self.errors:
            # crispy-forms-gds passes on Python's own words for an impossible date ("day is out
            # of range for month"); a partly filled date is kept as typed with a clear message.
            messages = self.errors["due_on"]
            known = {self.fields["due_on"].error_messages["incomplete"]}
            if any(message not in known for message in messages):
                self.errors["due_on"] = self.error_class([DUE_DATE_INVALID])
        elif cleaned.get("due_on") is None and self._due_on_partly_filled():
            # Left to itself, a date with a missing part would be quietly dropped.
            self.add_error("due_on", "Enter the due date in full, or leave it empty")
        return cleaned

    def _due_on_partly_filled(self) -> bool:
        name = self.add_prefix("due_on")
        parts = [(self.data.get(f"{name}_{i}") or "").strip() for i in range(3)]
        return any(parts) and not all(parts)

    @classmethod
    def initial_for(cls, item) -> dict:
        return {
            "action": item.action,
            "owner": item.owner,
            "due_on": item.due_on,
            "status": item.status,
        }


class ReviewActionPlanForm(forms.Form):
    """Every action of a project with its status, to review together on learning day 2."""

    def __init__(self, *args, items, **kw):
        super().__init__(*args, **kw)
        self.items = list(items)
        for number, item in enumerate(self.items, 1):
            name = self.field_name(item)
            self.fields[name] = action_status_field(f"Action {number}: {item.action}")
            self.fields[name].help_text = f"Owner: {item.owner}"
            self.initial.setdefault(name, item.status)
        self.helper = gds_helper(
            *(
                Field.radios(self.field_name(item), legend_size=Size.SMALL, inline=True)
                for item in self.items
            )
        )

    @staticmethod
    def field_name(item) -> str:
        return f"status_{item.pk}"

    def statuses(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[self.field_name(item)] for item in self.items}
