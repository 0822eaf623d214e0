"""Error messages name the field, as the GOV.UK Design System asks, and personal-detail fields
say what they are for (WCAG 1.3.5), so browsers can fill them in."""

import re

import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def field_errors(response) -> list[str]:
    html = response.content.decode()
    return [
        " ".join(message.split())
        for message in re.findall(
            r'govuk-error-message">\s*<span class="govuk-visually-hidden">Error:</span>([^<]+)',
            html,
        )
    ]


def test_sign_in_names_each_field(client):
    assert field_errors(client.post(reverse("account_login"), {})) == [
        "Enter your email address",
        "Enter your password",
    ]


def test_sign_up_names_each_field(client):
    assert field_errors(client.post(reverse("account_signup"), {})) == [
        "Enter your full name",
        "Enter your email address",
        "Create a password",
        "Enter the password again to confirm it",
    ]


def test_sign_up_explains_a_malformed_address(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-address"})
    assert "Enter an email address in the correct format, like name@example.org" in field_errors(
        response
    )


def test_password_reset_and_change_name_each_field(client):
    assert field_errors(client.post(reverse("account_reset_password"), {})) == [
        "Enter your email address"
    ]
    client.force_login(UserFactory())
    assert field_errors(client.post(reverse("account_change_password"), {})) == [
        "Enter your current password",
        "Enter a new password",
        "Enter the new password again to confirm it",
    ]


def test_adding_an_email_address_names_the_field(client):
    client.force_login(UserFactory())
    response = client.post(reverse("account_email"), {"action_add": "1"})
    assert "Enter the email address to add" in response.content.decode()


def test_peer_partner_capacity_says_what_to_enter(client):
    programme = ProgrammeFactory()
    url = reverse("programmes:peer_partner_offer", args=[programme.slug])
    page = client.post(url, {"visit_capacity": ""}).content.decode()
    assert "Enter how many visits or calls you could take, or 0" in page
    assert "This field is required" not in page


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        (
            "programmes:community_signup",
            {"name": "name", "email": "email", "organisation_name": "organization",
             "job_title": "organization-title"},
        ),
        (
            "programmes:peer_partner_offer",
            {"organisation_name": "organization", "contact_name": "name",
             "contact_job_title": "organization-title", "contact_email": "email"},
        ),
    ],
)  # fmt: skip
def test_personal_detail_fields_say_what_they_are_for(client, url_name, expected):
    programme = ProgrammeFactory()
    page = client.get(reverse(url_name, args=[programme.slug])).content.decode()
    for name, purpose in expected.items():
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert f'autocomplete="{purpose}"' in tag, tag


def test_new_organisation_name_says_what_it_is_for(client):
    client.force_login(UserFactory())
    page = client.get(reverse("programmes:choose_organisation")).content.decode()
    tag = re.search(r'<input[^>]*name="new_name"[^>]*>', page).group(0)
    assert 'autocomplete="organization"' in tag
