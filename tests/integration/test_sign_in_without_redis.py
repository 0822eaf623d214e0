"""Sign-in survives a Redis outage: the rate limiter's cache treats a stopped Redis as a miss.

Redis is both the broker and the cache, and allauth's sign-in rate limiter reads the cache: with
Redis down, `POST /accounts/login/` used to be a 500, so nobody could sign in, sign up or reset a
password until it was back. This test starts a throwaway redis-server on a port of its own,
points the cache at it, checks the rate limiter really uses it, stops it, and signs in.
"""

import contextlib
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from peerlearning import settings as production_settings
from tests.factories import UserFactory
from tests.integration.conftest import wait_until
from tests.notifications.scripted_smtp import free_port

pytestmark = pytest.mark.integration

PASSWORD = "correct-horse-battery"


class ThrowawayRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what=f"redis-server on port {self.port}")

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=0.5)

    def answers(self) -> bool:
        with contextlib.suppress(redis.exceptions.ConnectionError), self.client() as client:
            return client.ping()
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def throwaway_redis():
    server = ThrowawayRedis()
    yield server
    server.stop()


@pytest.fixture
def cache_on(settings, throwaway_redis):
    """The production cache settings, pointed at the throwaway server."""
    settings.CACHES = {
        "default": {**production_settings.CACHES["default"], "LOCATION": throwaway_redis.url}
    }
    settings.ACCOUNT_RATE_LIMITS = production_settings.ACCOUNT_RATE_LIMITS
    yield throwaway_redis
    cache.close()


def sign_in(client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_sign_in_with_redis_stopped_succeeds(client, cache_on):
    assert production_settings.CACHES["default"]["BACKEND"] == (
        "peerlearning.cache.ForgivingRedisCache"
    )
    UserFactory(email="before@example.org")
    UserFactory(email="during@example.org")
    # The rate limiter really writes to this Redis while it is up.
    assert sign_in(client, "before@example.org").status_code == 302
    with cache_on.client() as redis_client:
        assert redis_client.keys("*allauth*rl*login*")
    client.post(reverse("account_logout"))

    cache_on.stop()
    assert not cache_on.answers()
    started = time.monotonic()
    response = sign_in(client, "during@example.org")
    took = time.monotonic() - started

    assert (response.status_code, response.url) == (302, reverse("after_sign_in"))
    assert client.session["_auth_user_id"]
    assert took < 2, f"sign-in took {took:.2f} s with Redis stopped"
