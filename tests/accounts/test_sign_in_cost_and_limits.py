"""Sign-in: Argon2 at OWASP's cost, older hashes upgraded at sign-in, and rate limits per account.

tests/conftest.py makes every other test hash with MD5 and turns rate limits off, for speed; these
tests put back what a server runs with, from peerlearning/settings.py.
"""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher as DjangosDefaultArgon2
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from peerlearning import settings as production_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
TOO_MANY = "Too many failed login attempts. Try again later."


@pytest.fixture
def production_hashing(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    return settings


@pytest.fixture
def production_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = production_settings.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield settings
    cache.clear()


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("after_sign_in")


def test_new_passwords_are_hashed_with_argon2id_at_owasp_cost(production_hashing):
    """19 MiB of memory, 2 passes, 1 lane: OWASP's Password Storage Cheat Sheet."""
    user = UserFactory()

    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_sign_in_upgrades_a_hash_made_with_djangos_default_cost(client, production_hashing):
    """Hashes made before (100 MiB, 8 lanes) still work, and are rehashed at the next sign-in."""
    user = UserFactory(email="officer@example.org")
    old_hash = DjangosDefaultArgon2().encode(PASSWORD, DjangosDefaultArgon2().salt())
    User.objects.filter(pk=user.pk).update(password=old_hash)
    assert "$m=102400,t=2,p=8$" in old_hash

    response = sign_in(client, "officer@example.org")

    user.refresh_from_db()
    assert signed_in(response)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_failed_sign_ins_lock_only_that_account(client, production_rate_limits):
    """Five wrong passwords for one officer stop that account for a while (even with the right
    password), while a colleague at the same network address signs in as usual."""
    UserFactory(email="mistyped@council.example.org")
    UserFactory(email="colleague@council.example.org")
    for _ in range(5):
        assert not signed_in(sign_in(client, "mistyped@council.example.org", "wrong"))

    locked = sign_in(client, "mistyped@council.example.org")
    colleague = sign_in(client, "colleague@council.example.org")

    assert not signed_in(locked)
    assert TOO_MANY in locked.content.decode()
    assert signed_in(colleague)


def test_many_officers_behind_one_address_are_not_locked_out_together(
    client, production_rate_limits
):
    """Twelve officers each mistyping once from one address (more than the old limit of ten
    failures a minute per address) do not stop a thirteenth from signing in."""
    for number in range(12):
        UserFactory(email=f"officer{number}@council.example.org")
        assert not signed_in(sign_in(client, f"officer{number}@council.example.org", "wrong"))
    UserFactory(email="officer12@council.example.org")

    assert signed_in(sign_in(client, "officer12@council.example.org"))


def test_rate_limits_are_per_account_and_per_address():
    """The address limit is there too: it still caps guessing across many accounts."""
    limits = production_settings.ACCOUNT_RATE_LIMITS

    assert limits["login_failed"] == "60/m/ip,5/5m/key"
    assert limits["login"] == "120/m/ip"
