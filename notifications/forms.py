from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from notifications import editable, recipient_groups, services

# What ends a line in an email header, and in Python's str.splitlines(). A name that goes into a
# To: header ("Chair\r\nBcc: x@y") or a subject with one of these could add a header; Django
# refuses to send such an email, and it used to fail after the form had accepted it.
LINE_BREAK = r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"


def single_line(message: str) -> RegexValidator:
    """A field validator refusing a line break in a value used in an email header (a name, a
    subject), with `message` next to the field."""
    return RegexValidator(LINE_BREAK, inverse_match=True, message=message, code="line_break")


class EmailIdsField(forms.Field):
    """The ticked emails: a list of ids from checkboxes that share one name."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise ValidationError("Select emails from the list", code="invalid") from None


class OutboxAction(forms.Form):
    """A button pressed on the outbox or on one email, with the emails it applies to."""

    ACTIONS = {
        "release": ("released", services.release_held_emails, "held"),
        "hold": ("held for review", services.hold_emails, "queued"),
        "cancel": ("cancelled", services.cancel_emails, "queued or held"),
        "retry": ("queued to be sent again", services.retry_failed_emails, "failed"),
    }

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    # Any ids: the service only touches emails in the state the action applies to.
    emails = EmailIdsField(error_messages={"required": "Select at least one email"})
    next = forms.CharField(required=False)

    def run(self) -> str:
        """Apply the action; return the message for the programme manager."""
        done, function, applies_to = self.ACTIONS[self.cleaned_data["action"]]
        changed = function(email_ids=self.cleaned_data["emails"])
        if not changed:
            return f"No emails were {done}: this only applies to emails that are {applies_to}."
        return f"{changed} email{'s' if changed != 1 else ''} {done}."


class ComposeForm(forms.Form):
    groups = forms.MultipleChoiceField(
        label="Who should it go to?",
        help_text="Choose groups, type addresses below, or both. Each person gets their own "
        "email, and nobody gets two.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.CharField(
        label="Other email addresses (optional)",
        help_text="One on each line.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "autocomplete": "off"}),
    )
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        error_messages={"required": "Enter a subject"},
        validators=[single_line("Enter the subject on one line")],
    )
    body = forms.CharField(
        label="Message",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text. Leave a blank line between paragraphs. The email ends with "
        "“Peer Learning team, Local Government Association”.",
        error_messages={"required": "Enter a message"},
    )
    hold = forms.TypedChoiceField(
        label="When should it be sent?",
        choices=[
            ("yes", "Hold it in the outbox so that I can check it, then release it"),
            ("no", "Send it now"),
        ],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select when it should be sent"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.fields["groups"].choices = [
            (group.key, group.label) for group in recipient_groups.available_groups()
        ]
        self.helper.layout = Layout(
            Field.checkboxes("groups", legend_size=Size.SMALL, small=True),
            "recipients",
            "subject",
            "body",
            Field.radios("hold", legend_size=Size.SMALL),
        )

    def clean_recipients(self) -> list[str]:
        if not self.cleaned_data["recipients"].strip():
            return []
        try:
            return services.parse_recipients(self.cleaned_data["recipients"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        if "recipients" in self.errors:
            return cleaned
        addresses = [p.email for p in recipient_groups.members_of(cleaned.get("groups", []))]
        seen = {address.lower() for address in addresses}
        addresses += [a for a in cleaned.get("recipients", []) if a.lower() not in seen]
        if not addresses:
            message = (
                "The groups you chose have nobody in them yet. Choose other groups or type "
                "email addresses"
                if cleaned.get("groups")
                else "Choose a group or enter at least one email address"
            )
            self.add_error("groups", message)
        cleaned["addresses"] = addresses
        cleaned["scope"] = recipient_groups.common_scope(cleaned.get("groups", []))
        return cleaned


class EmailTemplateForm(forms.Form):
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        error_messages={"required": "Enter a subject"},
        validators=[single_line("Enter the subject on one line")],
    )
    body = forms.CharField(
        label="Message",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Plain text. Leave a blank line between paragraphs. Web addresses become links.",
        error_messages={"required": "Enter a message"},
    )

    def __init__(self, *args, editable_kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.editable_kind = editable_kind
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout("subject", "body")

    def clean(self):
        cleaned = super().clean()
        if "subject" in cleaned and "body" in cleaned:
            try:
                editable.check_placeholders(
                    self.editable_kind, subject=cleaned["subject"], body=cleaned["body"]
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned
