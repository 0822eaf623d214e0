"""Test settings live here, in one place: real SMTP to a local sink, eager Celery, private files in
a temporary folder. The integration tier (tests/integration) replaces eager Celery with a real
worker on Redis."""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from peerlearning.celery import app as celery_app


@dataclass
class SmtpSink:
    """A real SMTP server on localhost that keeps what it receives."""

    messages: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def clear(self):
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list:
        with self.lock:
            return [m for rcpts, m in self.messages if address.lower() in map(str.lower, rcpts)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture(autouse=True)
def test_settings(settings, smtp_sink, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = False
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    smtp_sink.clear()
    # On SQLite a rolled-back test's rows give their ids to the next test's, so a cached marker
    # (allauth's "this authenticator code was used" for user 3, say) would leak into a test that
    # never used it. The in-process cache is emptied between tests; Redis (CI's second run,
    # shared with the broker) is not, and PostgreSQL never reuses an id.
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    yield settings
