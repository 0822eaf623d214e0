"""Account emails (allauth's) name the service: they used to read "Hello from !"."""

import pytest
from django.urls import reverse

from notifications.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_email_names_the_service(client, settings):
    settings.SITE_URL = "https://peerlearning.example.org"
    client.post(
        reverse("account_signup"),
        {
            "name": "Jo Officer",
            "email": "jo@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    email = OutboundEmail.objects.get(to_email="jo@example.org")

    assert email.subject == "Peer Learning: Please Confirm Your Email Address"
    assert email.body_text.startswith(
        "Hello,\n\nSomeone, we hope you, used this email address to create an account on Peer "
        "Learning (peerlearning.example.org).\n\nTo confirm it is yours, open this link:\n"
        "http://testserver/accounts/confirm-email/"
    )
    assert email.body_text.endswith(
        "Peer Learning team\nPeer Learning: https://peerlearning.example.org"
    )
    assert "from !" not in email.body_text and " on ." not in email.body_text


def test_password_reset_email_names_the_service(client):
    UserFactory(email="officer@example.org")

    client.post(reverse("account_reset_password"), {"email": "officer@example.org"})

    email = OutboundEmail.objects.get(to_email="officer@example.org")
    assert email.subject == "Peer Learning: Password Reset Email"
    assert email.body_text.startswith(
        "Hello,\n\nSomeone asked to reset the password of your Peer Learning account "
        "(127.0.0.1:8000).\n\nTo choose a new password, open this link:\n"
        "http://testserver/accounts/password/reset/key/"
    )
    assert "Peer Learning team" in email.body_text
