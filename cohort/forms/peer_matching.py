"""Forms of the cohort's peer matching page: the weights, a manager's own choice for one project,
and the reason a pair is ruled out."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from programmes.forms import gds_helper

MODE_CHOICES = [
    Choice("visit", "A visit", hint="Distance counts: nearer approaches rank higher."),
    Choice("call", "A telephone or video call", hint="Distance does not count."),
]

WEIGHT_HELP = {
    "text": (
        "Similar words",
        "How alike the project’s key question and description are to the approach’s title and "
        "description. Words every project uses count for little; rarer shared words count for a "
        "lot.",
    ),
    "thrive": (
        "Shared THRIVE categories",
        "The share of the project’s THRIVE categories that the approach also covers.",
    ),
    "themes": (
        "Shared themes",
        "The share of the project’s cross-cutting themes that the approach also speaks to.",
    ),
    "challenge_areas": (
        "Shared challenge areas",
        "The share of the challenge areas in the council’s application that the approach also "
        "covers.",
    ),
    "distance": (
        "Nearness, for a visit",
        "How close the two organisations are: the closeness halves every 150 km. It counts only "
        "for a visit, never for a call.",
    ),
}


def _weight_field(name: str) -> forms.CharField:
    label, help_text = WEIGHT_HELP[name]
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"required": f"Enter a weight for {label[0].lower()}{label[1:]}, or 0"},
    )


class WeightsForm(forms.Form):
    text = _weight_field("text")
    thrive = _weight_field("thrive")
    themes = _weight_field("themes")
    challenge_areas = _weight_field("challenge_areas")
    distance = _weight_field("distance")

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            *(Field.text(name, field_width=4) for name in WEIGHT_HELP), label_size=Size.SMALL
        )


class ChooseMatchForm(forms.Form):
    approach = forms.ChoiceField(
        label="Which approach should this project learn from?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an approach",
            "invalid_choice": "Choose one of the approaches listed",
        },
    )
    mode = forms.ChoiceField(
        label="How will they meet?",
        choices=MODE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a visit or a call"},
    )

    def __init__(self, *args, approach_choices=(), **kw):
        super().__init__(*args, **kw)
        self.fields["approach"].choices = list(approach_choices)
        self.helper = gds_helper(
            Field.radios("approach", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.radios("mode", legend_size=Size.MEDIUM, legend_tag="h2", inline=False),
        )


class RuleOutForm(forms.Form):
    reason = forms.CharField(
        label="Why should they never be matched? (optional)",
        help_text="For example, a known conflict of interest. Programme managers see it.",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 300 characters or fewer"},
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(Field.textarea("reason"), label_size=Size.MEDIUM)
