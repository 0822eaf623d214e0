"""The council names its board contact; the board's chair or manager answers through the link."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from applications.enums import BoardContactRole
from notifications.forms import single_line

COMMENT_CHARACTERS = 2_000


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


class BoardContactForm(forms.Form):
    contact_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the full name of the board’s chair or board manager",
            "max_length": "Full name must be 200 characters or fewer",
        },
        # It is the name on the email to them.
        validators=[single_line("Enter the full name on one line")],
    )
    contact_role = forms.ChoiceField(
        label="Their role",
        choices=BoardContactRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they chair the board or manage it"},
    )
    contact_email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will email them a link to confirm the board’s support. They do not need an "
        "account.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = _helper(
            Field.text("contact_name", field_width=20),
            Field.radios("contact_role", legend_size=Size.SMALL),
            Field.text("contact_email", field_width=20),
        )


class BoardAnswerForm(forms.Form):
    SUPPORTED = "yes"
    NOT_SUPPORTED = "no"

    answer = forms.ChoiceField(
        label="Does the Health and Wellbeing Board support this application?",
        choices=[
            (SUPPORTED, "Yes, the board supports this application"),
            (NOT_SUPPORTED, "No, the board does not support it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the board supports this application"},
    )
    comment = forms.CharField(
        label="Comment (optional)",
        help_text="The council and the programme team will see it.",
        required=False,
        max_length=COMMENT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Comment must be {COMMENT_CHARACTERS:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = _helper(
            Field.radios("answer", legend_size=Size.MEDIUM, legend_tag="h2"),
            "comment",
        )

    @property
    def supported(self) -> bool:
        return self.cleaned_data["answer"] == self.SUPPORTED
