"""A line break in a value used in an email header (a name, a subject) is refused by the form,
with a message next to the field. The board contact name `Chair\\r\\nBcc: x@y` used to be accepted;
the email then failed and the council's page still said the request was waiting."""

import pytest
from django.urls import reverse

from accounts.models import User
from applications.enums import Section
from applications.models import BoardConfirmation
from cohort.forms.learning_days import SubstituteForm, WalkInForm
from notifications import editable
from notifications.forms import ComposeForm, EmailTemplateForm
from notifications.models import OutboundEmail
from programmes.forms import CommunitySignupForm, PeerPartnerOfferForm
from programmes.forms.workshops import DelegateForm
from tests.factories import ApplicationFactory, council_user

pytestmark = pytest.mark.django_db

INJECTED = "Chair\r\nBcc: x@y.example"


@pytest.mark.parametrize(
    "name",
    [INJECTED, "Chair\nBcc: x@y.example", "Chair\rBcc", "Chair\u2028Bcc", "Chair\x0bBcc"],
)
def test_board_contact_name_with_a_line_break_is_refused_next_to_the_field(client, name):
    application = ApplicationFactory(board_support="likely")
    client.force_login(council_user(organisation=application.organisation))

    response = client.post(
        reverse("applications:board_request", args=[application.pk]),
        {"contact_name": name, "contact_role": "chair", "contact_email": "chair@example.org"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_contact_name">Enter the full name on one line</a>' in page
    assert (
        '<span id="id_contact_name_1_error" class="govuk-error-message"> '
        '<span class="govuk-visually-hidden">Error:</span> Enter the full name on one line'
    ) in page
    assert 'value="chair@example.org"' in page  # nothing typed is lost
    assert not BoardConfirmation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_team_member_name_with_a_line_break_is_refused_next_to_the_field(client):
    application = ApplicationFactory()
    client.force_login(council_user(organisation=application.organisation))

    response = client.post(
        reverse("applications:section", args=[application.pk, Section.TEAM.value]),
        {"seen_version": 0, "member-1-name": INJECTED, "member-1-email": "a@example.org"},
    )

    page = response.content.decode()
    assert '<a href="#id_member-1-name">Enter the full name on one line</a>' in page
    assert (
        '<span id="id_member-1-name_1_error" class="govuk-error-message"> '
        '<span class="govuk-visually-hidden">Error:</span> Enter the full name on one line'
    ) in page
    assert not application.team.exists()


def test_sign_up_name_with_a_line_break_is_refused(client):
    response = client.post(
        reverse("account_signup"),
        {
            "name": INJECTED,
            "email": "jo@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert "Enter your full name on one line" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("form_class", "field", "message"),
    [
        (CommunitySignupForm, "name", "Enter your full name on one line"),
        (PeerPartnerOfferForm, "contact_name", "Enter the contact’s name on one line"),
        (DelegateForm, "name", "Enter the full name on one line"),
        (SubstituteForm, "name", "Enter the full name on one line"),
    ],
)
def test_other_names_used_on_emails_refuse_line_breaks(form_class, field, message):
    form = form_class(data={field: INJECTED})

    assert form.errors[field] == [message]


def test_walk_in_name_refuses_line_breaks():
    form = WalkInForm(data={"walk-in-name": INJECTED}, projects=[])

    assert form.errors["name"] == ["Enter the full name on one line"]


def test_subjects_refuse_line_breaks():
    kind = editable.editable_kinds()[0]
    compose = ComposeForm(data={"subject": "Hello\r\nBcc: x@y.example"})
    template = EmailTemplateForm(
        data={"subject": "Hello\nBcc: x@y.example", "body": "Hi"}, editable_kind=kind
    )

    assert compose.errors["subject"] == ["Enter the subject on one line"]
    assert template.errors["subject"] == ["Enter the subject on one line"]


def test_names_without_line_breaks_are_accepted():
    form = SubstituteForm(data={"name": "Seán O’Brien-Ångström", "email": "sean@example.org"})

    assert form.is_valid(), form.errors
