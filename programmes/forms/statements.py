from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from programmes.forms import gds_helper


class StatementForm(forms.Form):
    contact_email = forms.EmailField(
        label="Contact email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address people should write to",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    contact_phone = forms.CharField(
        label="Contact telephone number (optional)", max_length=40, required=False
    )
    response_days = forms.IntegerField(
        label="Working days to reply",
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Enter how many working days people should wait for a reply",
            "invalid": "Enter the number of working days as a whole number, like 10",
            "min_value": "The number of working days must be at least 1",
            "max_value": "The number of working days must be 60 or fewer",
        },
    )
    text = forms.CharField(
        label="Wording",
        help_text="‘## ’ starts a heading, ‘- ’ a list item, a blank line a new paragraph, "
        "[text](https://address) a link. ((contact email)), ((contact phone)), "
        "((response days)) and ((service address)) are filled in from the details above.",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
        error_messages={"required": "Enter the wording of the statement"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(
            Fieldset(
                Field.text("contact_email", field_width=20),
                Field.text("contact_phone", field_width=20),
                Field.text("response_days", field_width=3),
                legend="Contact details",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("text"),
        )
