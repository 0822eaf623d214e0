import pytest

from peerlearning.celery import app as celery_app
from tests.notifications.scripted_smtp import start_scripted_sink


@pytest.fixture(scope="session")
def scripted_sink_server():
    sink, controller = start_scripted_sink()
    yield sink
    controller.stop()


@pytest.fixture
def scripted_sink(scripted_sink_server, settings):
    """Email in this test goes to the scripted sink (421 for busy-…, 550 for reject-…)."""
    settings.EMAIL_PORT = scripted_sink_server.port
    scripted_sink_server.clear()
    return scripted_sink_server


@pytest.fixture
def eager_retries():
    """Eager Celery runs a task's retries at once, but only if it does not re-raise errors
    (tests/conftest.py makes it re-raise; it sets that again before every test)."""
    celery_app.conf.task_eager_propagates = False
