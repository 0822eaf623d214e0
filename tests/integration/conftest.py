"""The integration tier: PostgreSQL, Redis and a real Celery worker in its own process.

`.ci/run` runs it with DATABASE_URL pointing at PostgreSQL and REDIS_URL at Redis. Anywhere else
(the embedded SQLite defaults) these tests are skipped.

The tests are transactional: the worker is another process with its own database connection, so
it only sees rows the test has committed. Tasks really travel through Redis, because this folder
turns off the eager Celery that tests/conftest.py switches on for every other test.
"""

import collections
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.db import connection

from peerlearning.celery import app as celery_app
from tests.factories import restore_reference_data

SKIP_REASON = "needs PostgreSQL and Redis: run by .ci/run"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKER_START_TIMEOUT = 60
WORKER_STOP_TIMEOUT = 30
# "[…: INFO/ForkPoolWorker-1] Task notifications.send_outbound_email[<id>] succeeded in 0.01s: True"
TASK_SUCCEEDED = re.compile(
    r"Task (?P<name>[\w.]+)\[[\w-]+\] succeeded in [\d.e-]+s: (?P<result>.*)$"
)


def integration_available() -> bool:
    return "postgresql" in settings.DATABASES["default"]["ENGINE"] and bool(settings.REDIS_URL)


def pytest_collection_modifyitems(config, items):
    if integration_available():
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """Print what the fault tests measured (test_email_faults: duplicates after SIGKILLs)."""
    lines = [
        f"{report.nodeid}: " + ", ".join(f"{k} {v}" for k, v in report.user_properties)
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call" and report.user_properties and "integration" in report.nodeid
    ]
    if lines:
        terminalreporter.write_sep("-", "integration measurements")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def real_celery(test_settings):
    """Send tasks through the broker, not in-process (tests/conftest.py makes them eager)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def lookup_rows(transactional_db):
    restore_reference_data()


def wait_until(condition, *, timeout: float, what: str, interval: float = 0.2, log=None):
    """Poll `condition` until it is true; fail saying `what` was awaited (and the worker's log)."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            detail = f"\n--- worker log (last lines) ---\n{log()}" if log else ""
            pytest.fail(f"Timed out after {timeout:.0f}s waiting for {what}{detail}")
        time.sleep(interval)


class CeleryWorker:
    """A `celery worker` process, started by the `celery_worker` fixture."""

    def __init__(self, process: subprocess.Popen, nodename: str, broker_url: str = ""):
        self.process = process
        self.nodename = nodename
        self.broker_url = broker_url or settings.REDIS_URL
        self.lines: collections.deque[str] = collections.deque(maxlen=400)
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.results: list[tuple[str, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            # The worker logs as in production: one JSON object per line (peerlearning/logs.py).
            with contextlib.suppress(ValueError, TypeError, KeyError):
                record = json.loads(line)
                line = "\n".join(filter(None, [record["message"], record.get("exc_info")]))
            self.lines.append(line.rstrip("\n"))
            if " ready." in line:
                self.ready.set()
            if finished := TASK_SUCCEEDED.search(line):
                with self.lock:
                    self.results.append((finished["name"], finished["result"]))

    def log(self) -> str:
        return "\n".join(self.lines)

    def task_results(self, name: str) -> list[str]:
        """What each finished run of task `name` returned (as logged), oldest first."""
        with self.lock:
            return [result for task, result in self.results if task == name]

    def ping(self) -> bool:
        replies = celery_app.control.ping(destination=[self.nodename], timeout=1.0, limit=1)
        return any(self.nodename in reply for reply in replies)

    def wait_until(self, condition, *, timeout: float = 30, what: str):
        def alive_and(condition):
            if self.process.poll() is not None:
                pytest.fail(f"The Celery worker exited ({self.process.returncode}):\n{self.log()}")
            return condition()

        wait_until(lambda: alive_and(condition), timeout=timeout, what=what, log=self.log)

    def is_idle(self) -> bool:
        """Nothing waits in the queue, and the worker holds no reserved or running task."""
        with redis.Redis.from_url(self.broker_url) as client:
            queued = client.llen(celery_app.conf.task_default_queue)
        if queued:
            return False
        # limit=1: answer as soon as this one worker has replied, not after the whole timeout.
        inspect = celery_app.control.inspect(destination=[self.nodename], timeout=1.0, limit=1)
        active, reserved = inspect.active(), inspect.reserved()
        if active is None or reserved is None:  # no reply: busy or gone, not idle
            return False
        return not any(active.values()) and not any(reserved.values())

    def wait_until_idle(self, timeout: float = 30):
        # Twice in a row: a message can be between the queue and the worker's reserved list.
        def idle_twice():
            return self.is_idle() and (time.sleep(0.3) or self.is_idle())

        self.wait_until(idle_twice, timeout=timeout, what="the worker to finish every task")


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, smtp_sink):
    """One real worker for the session: prefork, Redis broker, the TEST database, the SMTP sink."""
    # Messages left by an earlier, interrupted run would name rows that no longer exist.
    celery_app.control.purge()
    worker = start_worker(
        broker_url=settings.REDIS_URL, smtp_port=smtp_sink.port, concurrency=2, name="integration"
    )
    try:
        yield worker
    finally:
        stop_worker(worker)


def start_worker(
    *, broker_url: str, smtp_port: int, concurrency: int, name: str, extra_env: dict | None = None
) -> CeleryWorker:
    """Start `celery worker` on the TEST database, sending to the SMTP server on `smtp_port`.

    The caller's Celery app must already publish to `broker_url` (ping goes through it).
    """
    test_database = connection.settings_dict["NAME"]  # test_<name>, after django_db_setup
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{test_database}")
    nodename = f"{name}-{uuid.uuid4().hex[:8]}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peerlearning.settings",
        "DATABASE_URL": urlunsplit(database_url),
        "REDIS_URL": broker_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env.pop("DEBUG", None)
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
    process = subprocess.Popen(
        [
            *command,
            "-A",
            "peerlearning",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            f"--hostname={nodename}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    worker = CeleryWorker(process, nodename, broker_url)
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while not worker.ready.wait(0.2):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not start:\n{worker.log()}")
        wait_until(worker.ping, timeout=15, what="the worker to answer a ping", log=worker.log)
    except BaseException:
        stop_worker(worker)
        raise
    return worker


def stop_worker(worker: CeleryWorker) -> None:
    _stop(worker.process)
    worker.reader.join(timeout=5)
    worker.process.stdout.close()


def _stop(process: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM), then kill the whole process group if it will not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=WORKER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    # The pool's children exit with their parent; make sure none is left holding a connection
    # to the test database, which pytest-django drops at the end of the session.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
