"""Two-factor sign-in: programme staff cannot reach any page of theirs until they have set up an
authenticator app, and then sign in with its code; councils may choose to use one."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from accounts.enums import StaffRole
from tests.factories import STAFF_TOTP_SECRET, UserFactory, council_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
STAFF_PAGES = {
    StaffRole.PROGRAMME_MANAGER: "programmes:manage",
    StaffRole.REVIEWER: "applications:reviews",
    StaffRole.CONSULTANT: "cohort:my_projects",
}


def code_for(secret: str, *, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def sign_in_with_password(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize("role", list(STAFF_PAGES))
def test_staff_without_an_app_are_sent_to_set_one_up_from_every_page(client, role):
    staff = UserFactory(role=role, two_factor=False)
    client.force_login(staff)
    for url in [reverse(STAFF_PAGES[role]), reverse("home"), reverse("after_sign_in")]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("mfa_activate_totp")), url
    # The set-up pages themselves, and signing out, stay open.
    assert client.get(reverse("mfa_index")).status_code == 200


def test_staff_with_an_app_reach_their_pages(client):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(manager)
    assert client.get(reverse("programmes:manage")).status_code == 200


def test_council_people_are_not_made_to_set_one_up(client):
    client.force_login(council_user())
    assert client.get(reverse("applications:mine")).status_code == 200


def test_staff_set_up_the_app_then_reach_their_pages(client):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, two_factor=False)
    response = sign_in_with_password(client, manager)
    assert client.get(response.url).url == reverse("mfa_activate_totp")
    # allauth asks for the password again before anyone changes how they sign in.
    reauthenticate = client.get(reverse("mfa_activate_totp")).url
    assert reauthenticate.startswith(reverse("account_reauthenticate"))
    confirmed = client.post(reauthenticate, {"password": PASSWORD})
    assert confirmed.url == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "you must set this up before you can use Peer Learning" in page
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', page).group(1)
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert "govuk-error-summary" in wrong.content.decode()
    done = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})

    assert done.url == reverse("mfa_view_recovery_codes")
    codes_page = client.get(done.url).content.decode()
    assert codes_page.count("<li><code>") == 10
    assert client.get(reverse("programmes:manage")).status_code == 200
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()


def test_staff_sign_in_asks_for_the_code(client):
    reviewer = UserFactory(role=StaffRole.REVIEWER)
    response = sign_in_with_password(client, reviewer)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("applications:reviews")).status_code == 302  # not signed in yet

    wrong = client.post(
        reverse("mfa_authenticate"), {"code": code_for(STAFF_TOTP_SECRET, offset=5)}
    )
    assert "govuk-error-summary" in wrong.content.decode()
    signed_in = client.post(reverse("mfa_authenticate"), {"code": code_for(STAFF_TOTP_SECRET)})

    assert signed_in.url == reverse("after_sign_in")
    assert client.get(reverse("applications:reviews")).status_code == 200


def test_a_code_cannot_be_used_twice(client):
    reviewer = UserFactory(role=StaffRole.REVIEWER)
    code = code_for(STAFF_TOTP_SECRET)
    sign_in_with_password(client, reviewer)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()
    sign_in_with_password(client, reviewer)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200 and "govuk-error-summary" in again.content.decode()


def test_staff_cannot_turn_it_off(client):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    sign_in_with_password(client, manager)
    client.post(reverse("mfa_authenticate"), {"code": code_for(STAFF_TOTP_SECRET)})
    assert "cannot be turned off" in client.get(reverse("mfa_index")).content.decode()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()


def test_council_people_may_turn_it_on_and_off(client):
    person = council_user()
    TOTP.activate(person, STAFF_TOTP_SECRET)
    sign_in_with_password(client, person)
    client.post(reverse("mfa_authenticate"), {"code": code_for(STAFF_TOTP_SECRET)})
    assert "Turn off two-factor authentication" in client.get(reverse("mfa_index")).content.decode()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("applications:mine")).status_code in (200, 302)
