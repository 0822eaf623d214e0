"""The cache never fails a page: with Redis unreachable, a read is a miss and sign-in goes on.

No Redis is needed here: the cache points at a port nothing listens on, which is what a stopped
Redis looks like to a client. tests/integration/test_sign_in_without_redis.py stops a real one.
"""

import logging
import socket

import pytest
from django.core.cache import cache
from django.urls import reverse

from peerlearning import settings as production_settings
from tests.factories import UserFactory


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "peerlearning.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.ACCOUNT_RATE_LIMITS = production_settings.ACCOUNT_RATE_LIMITS
    return settings


def test_unreachable_cache_reads_as_empty_and_logs(unreachable_redis_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="peerlearning.cache"):
        results = (
            cache.get("key", "default"),
            cache.add("key", 1),
            cache.set("key", 1),
            cache.get_many(["key"]),
            cache.delete("key"),
        )

    assert results == ("default", True, None, {}, False)
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [
        "Cache unavailable, get treated as a miss",
        "Cache unavailable, add treated as a miss",
        "Cache unavailable, set treated as a miss",
        "Cache unavailable, get_many treated as a miss",
        "Cache unavailable, delete treated as a miss",
    ]


def test_unreachable_cache_incr_is_a_missing_key(unreachable_redis_cache):
    with pytest.raises(ValueError, match="not found"):
        cache.incr("key")


@pytest.mark.django_db
def test_sign_in_with_the_cache_unreachable_succeeds(client, unreachable_redis_cache):
    """The rate limiter reads the cache; an unreachable one used to make sign-in a 500."""
    UserFactory(email="officer@example.org")

    response = client.post(
        reverse("account_login"),
        {"login": "officer@example.org", "password": "correct-horse-battery"},
    )

    assert (response.status_code, response.url) == (302, reverse("after_sign_in"))
    assert "_auth_user_id" in client.session
