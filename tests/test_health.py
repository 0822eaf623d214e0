"""The health checks a load balancer and operators use: /healthz and /readyz."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from notifications import services
from notifications.models import SchedulerHeartbeat
from tests.conftest import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def beat_ran_just_now(db):
    services.record_scheduler_heartbeat(beat="web-1:4242")


def test_healthz_answers_without_the_database(client):
    # No django_db mark: pytest-django raises on any database access.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_passes_when_everything_answers(client, beat_ran_just_now):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "migrations": "ok",
        "broker": "ok",
        "cache": "ok",
        "scheduler": "ok",
    }
    assert body["checks"]["scheduler"]["beats_running"] == 1


@pytest.mark.django_db
def test_readyz_fails_when_the_scheduler_has_not_run_for_ten_minutes(client):
    SchedulerHeartbeat.objects.create(
        beat="web-1:4242", last_ran_at=timezone.now() - datetime.timedelta(minutes=10, seconds=5)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["scheduler"]["status"] == "failing"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_fails_when_the_scheduler_never_ran(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"] == {
        "status": "failing",
        "last_ran_at": None,
        "beats_running": 0,
        "ms": response.json()["checks"]["scheduler"]["ms"],
    }


@pytest.mark.django_db
def test_readyz_reports_two_beats_running(client, beat_ran_just_now):
    services.record_scheduler_heartbeat(beat="web-2:99")
    scheduler = client.get("/readyz").json()["checks"]["scheduler"]
    assert scheduler["beats_running"] == 2
    assert scheduler["warning"] == "more than one beat is running"


@pytest.mark.django_db
def test_readyz_fails_while_a_migration_is_unapplied(client, beat_ran_just_now):
    MigrationRecorder(connection).migration_qs.filter(
        app="notifications", name="0006_change_history"
    ).delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["status"] == "failing"
    assert response.json()["checks"]["migrations"]["unapplied"] == 1


@pytest.mark.django_db
def test_readyz_fails_when_the_broker_does_not_answer(client, settings, beat_ran_just_now):
    # A Redis URL at a port where nothing listens.
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "failing"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_readyz_fails_when_the_database_is_unreachable(tmp_path):
    """A separate process whose DATABASE_URL points at a port where nothing listens."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peerlearning.settings",
        "DATABASE_URL": f"postgres://nobody:secret-password@127.0.0.1:{port}/peerlearning",
        "REDIS_URL": "",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    env.pop("DEBUG", None)
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/readyz')\n"
        "print(json.dumps({'code': response.status_code, 'body': response.json()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["code"] == 503
    checks = answer["body"]["checks"]
    assert checks["database"]["status"] == "failing"
    assert checks["migrations"] == {"status": "failing", "reason": "database unavailable"}
    assert checks["scheduler"] == {"status": "failing", "reason": "database unavailable"}
    assert "secret-password" not in result.stdout + result.stderr


@pytest.mark.django_db
def test_readyz_says_whether_the_proxy_stamped_the_request_start(
    client, settings, beat_ran_just_now
):
    settings.BEHIND_PROXY = True
    assert client.get("/readyz").json()["request_start_header"] is False
    stamped = client.get("/readyz", headers={"X-Request-Start": "t=1764870000.123"})
    assert stamped.json()["request_start_header"] is True


@pytest.mark.django_db
def test_readyz_body_holds_no_personal_data_or_settings(client, settings, beat_ran_just_now):
    text = client.get("/readyz").content.decode()
    assert settings.SECRET_KEY not in text
    assert "@" not in text
