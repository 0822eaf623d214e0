"""allauth's account forms, with error messages that name the field (GOV.UK: "Enter your email
address", not "This field is required")."""

from allauth.account import forms as allauth_forms
from django import forms
from django.core.validators import RegexValidator

INVALID_EMAIL = "Enter an email address in the correct format, like name@example.org"


class NamedErrorsMixin:
    """Sets each field's "required" message from `required_messages` (allauth builds some of its
    fields in `__init__`, so they are set there rather than declared)."""

    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        for name in ("email", "login"):
            if isinstance(self.fields.get(name), forms.EmailField):
                self.fields[name].error_messages["invalid"] = INVALID_EMAIL


class LoginForm(NamedErrorsMixin, allauth_forms.LoginForm):
    required_messages = {"login": "Enter your email address", "password": "Enter your password"}


class SignupForm(NamedErrorsMixin, allauth_forms.SignupForm):
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
    required_messages = {
        "email": "Enter your email address",
        "password1": "Create a password",
        "password2": "Enter the password again to confirm it",
    }

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        return user


class ChangePasswordForm(NamedErrorsMixin, allauth_forms.ChangePasswordForm):
    required_messages = {
        "oldpassword": "Enter your current password",
        "password1": "Enter a new password",
        "password2": "Enter the new password again to confirm it",
    }


class SetPasswordForm(NamedErrorsMixin, allauth_forms.SetPasswordForm):
    required_messages = {
        "password1": "Enter a new password",
        "password2": "Enter the new password again to confirm it",
    }


class ResetPasswordForm(NamedErrorsMixin, allauth_forms.ResetPasswordForm):
    required_messages = {"email": "Enter your email address"}


class ResetPasswordKeyForm(NamedErrorsMixin, allauth_forms.ResetPasswordKeyForm):
    required_messages = {
        "password1": "Enter a new password",
        "password2": "Enter the new password again to confirm it",
    }


class AddEmailForm(NamedErrorsMixin, allauth_forms.AddEmailForm):
    required_messages = {"email": "Enter the email address to add"}
