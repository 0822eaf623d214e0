import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from notifications.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2_outside_tests():
    from peerlearning import settings as production_settings

    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_up_sends_a_verification_email_through_the_outbox(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "name": "José Álvarez",
                "email": "Jose@Example.org",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            },
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.name) == ("jose@example.org", "José Álvarez")
    email = OutboundEmail.objects.get()
    assert email.hide_body_from_staff is True
    assert email.status == "sent"
    [message] = smtp_sink.to("jose@example.org")
    link = re.search(
        r"http://\S+/accounts/confirm-email/\S+/", message.get_body(("plain",)).get_content()
    )
    assert link


def test_sign_up_errors_are_shown_with_the_input_kept(client):
    response = client.post(
        reverse("account_signup"),
        {"name": "Kept Name", "email": "not-an-email", "password1": "short", "password2": "short"},
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Kept Name" in page
    assert not User.objects.exists()


def test_sign_in_with_email_in_any_case(client):
    UserFactory(email="officer@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "OFFICER@example.org", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response.url == reverse("after_sign_in")


def test_sign_out_needs_a_post(client):
    client.force_login(UserFactory())
    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_email_is_unique_regardless_of_case():
    UserFactory(email="a@example.org")
    with pytest.raises(Exception):  # noqa: B017 (IntegrityError from the database constraint)
        User.objects.create(email="A@EXAMPLE.ORG")


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12


def test_password_reset_end_to_end(client, smtp_sink, django_capture_on_commit_callbacks):
    UserFactory(email="forgetful@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})
    [message] = smtp_sink.to("forgetful@example.org")
    link = re.search(
        r"http://\S+(/accounts/password/reset/key/\S+/)", message.get_body(("plain",)).get_content()
    )
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "a-brand-new-phrase", "password2": "a-brand-new-phrase"},
    )
    assert response.status_code == 302
    client.logout()
    signed_in = client.post(
        reverse("account_login"),
        {"login": "forgetful@example.org", "password": "a-brand-new-phrase"},
    )
    assert signed_in.url == reverse("after_sign_in")


def test_reviewers_land_on_their_reviews_and_see_them_in_the_menu(client):
    from accounts.enums import StaffRole

    client.force_login(UserFactory(role=StaffRole.REVIEWER))
    response = client.get(reverse("after_sign_in"))
    assert response.url == reverse("applications:reviews")
    page = client.get(response.url).content.decode()
    assert "Your reviews" in page and "Your applications" not in page
