"""/readyz with Redis stopped: a throwaway redis-server is the broker and the cache, then stops."""

import pytest
from django.core.cache import cache

from notifications import services
from peerlearning import settings as production_settings
from tests.integration.test_sign_in_without_redis import ThrowawayRedis

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_for_everything(settings):
    server = ThrowawayRedis()
    settings.CELERY_BROKER_URL = server.url
    settings.CACHES = {"default": {**production_settings.CACHES["default"], "LOCATION": server.url}}
    yield server
    cache.close()
    server.stop()


def test_readyz_fails_when_redis_stops(client, redis_for_everything):
    services.record_scheduler_heartbeat(beat="web-1:4242")
    answering = client.get("/readyz")
    assert answering.status_code == 200, answering.json()

    redis_for_everything.stop()
    stopped = client.get("/readyz")
    assert stopped.status_code == 503
    checks = stopped.json()["checks"]
    assert checks["broker"]["status"] == "failing"
    assert checks["cache"]["status"] == "failing"
    assert checks["database"]["status"] == "ok"
    assert checks["scheduler"]["status"] == "ok"
