"""Forms for peer engagements: proposing one to a peer, the peer's answer through their link,
and recording what happened."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from cohort.enums import EngagementKind, EngagementStatus
from cohort.services.peer_engagements import MESSAGE_CHARACTERS, TEXT_CHARACTERS, PeerAnswer
from programmes.forms import gds_date, gds_helper


def _text(label: str, *, required_message: str = "", limit: int = TEXT_CHARACTERS, **kw):
    return forms.CharField(
        label=label,
        required=bool(required_message),
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": kw.pop("rows", 5)}),
        error_messages={
            "required": required_message,
            "max_length": f"This must be {limit:,} characters or fewer",
        },
        **kw,
    )


class ApproachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, approach):
        return f"{approach.organisation_name}: {approach.title}"


class ProposeForm(forms.Form):
    approach = ApproachChoiceField(
        label="Which peer?",
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the peer to propose it to",
            "invalid_choice": "Select a peer from the list",
        },
    )
    kind = forms.ChoiceField(
        label="What would you like to propose?",
        choices=EngagementKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a visit, a call or a review of written material",
            "invalid_choice": "Select a visit, a call or a review of written material",
        },
    )
    message = _text(
        "Your message to the peer",
        required_message="Enter a message to the peer",
        limit=MESSAGE_CHARACTERS,
        help_text="Say what the council would like to learn and when would suit. The peer sees "
        "it with the council’s key question.",
        rows=6,
    )

    def __init__(self, *args, approaches, **kw):
        super().__init__(*args, **kw)
        self.fields["approach"].queryset = approaches
        self.helper = gds_helper(
            Field.radios("approach", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.radios("kind", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("message"),
            label_size=Size.MEDIUM,
        )


class PeerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Can you help?",
        choices=[
            (PeerAnswer.AGREE, "Yes, we can help"),
            (PeerAnswer.SUGGEST_DATES, "Yes, and we would like to suggest dates"),
            (PeerAnswer.DECLINE, "No, we cannot help this time"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you can help",
            "invalid_choice": "Select whether you can help",
        },
    )
    dates = _text(
        "If you suggest dates, which dates suit you?",
        limit=MESSAGE_CHARACTERS,
        help_text="For example ‘any Tuesday in March’.",
    )
    message = _text(
        "Anything else you would like to tell the consultant (optional)", limit=MESSAGE_CHARACTERS
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        # The answer's radios and the dates are written out in
        # cohort/peer_engagements/peer_answer.html: crispy-forms-gds's conditional radios give
        # every radio aria-controls, even those that reveal nothing, which axe rightly refuses.
        self.helper = gds_helper(Field.textarea("message"), label_size=Size.MEDIUM)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == PeerAnswer.SUGGEST_DATES and not cleaned.get("dates"):
            self.add_error("dates", "Enter the dates that suit you")
        return cleaned

    def answer_message(self) -> str:
        data = self.cleaned_data
        parts = []
        if data["answer"] == PeerAnswer.SUGGEST_DATES:
            parts.append(f"Dates that suit us: {data['dates']}")
        if data.get("message"):
            parts.append(data["message"])
        return "\n\n".join(parts)


class RecordForm(forms.Form):
    status = forms.ChoiceField(
        label="Where has it got to?",
        choices=EngagementStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the engagement has got to",
            "invalid_choice": "Select where the engagement has got to",
        },
    )
    date = gds_date(
        "Date",
        help_text="The day it took place, or is arranged for. For example 16 2 2018.",
    )
    participants = _text("Who took part (optional)", rows=3)
    what_happened = _text("What they saw or discussed (optional)", rows=5)
    key_learning = _text(
        "Key learning",
        help_text="Needed once it is completed: what the council will take back and use.",
        rows=5,
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        date = self.fields["date"]
        date.required = False
        date.error_messages["incomplete"] = "Enter the date in full"
        date.error_messages["invalid"] = "The date must be a real date, like 16 2 2018"
        self.helper = gds_helper(
            Field.radios("status", legend_size=Size.MEDIUM, legend_tag="h2"),
            "date",
            Field.textarea("participants", rows=3),
            Field.textarea("what_happened", rows=5),
            Field.textarea("key_learning", rows=5),
            label_size=Size.MEDIUM,
        )

    def clean(self):
        cleaned = super().clean()
        if "date" in self.errors:
            known = {self.fields["date"].error_messages["incomplete"]}
            if any(message not in known for message in self.errors["date"]):
                self.errors["date"] = self.error_class(
                    ["The date must be a real date, like 16 2 2018"]
                )
        return cleaned

    @classmethod
    def initial_for(cls, engagement) -> dict:
        return {
            "status": engagement.status,
            "date": engagement.date,
            "participants": engagement.participants,
            "what_happened": engagement.what_happened,
            "key_learning": engagement.key_learning,
        }
