from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.validators import RegexValidator


class SignupForm(AllauthSignupForm):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your full name"},
        # It is the name on every email to them: a line break there could add an email header.
        # (The same rule as notifications.forms.single_line; accounts does not import
        # notifications.)
        validators=[
            RegexValidator(
                r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]",
                inverse_match=True,
                message="Enter your full name on one line",
                code="line_break",
            )
        ],
    )

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        return user
