"""A real `celery beat` sends the heartbeat, naming its host and process, and a real worker
records it: what /readyz and the managers' warning read."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from notifications.models import SchedulerHeartbeat
from tests.integration.conftest import PROJECT_ROOT, _stop, wait_until

pytestmark = pytest.mark.integration


def test_a_running_beat_keeps_the_heartbeat_fresh(client, celery_worker, tmp_path):
    test_database = connection.settings_dict["NAME"]
    database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{test_database}"
    celery = Path(sys.executable).with_name("celery")
    beat = subprocess.Popen(
        [str(celery), "-A", "peerlearning", "beat", "--loglevel=INFO",
         f"--schedule={tmp_path / 'beat-schedule'}"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "CELERY_TASK_ALWAYS_EAGER": "false"},
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    this_beat = f"{socket.gethostname()}:{beat.pid}"
    try:
        wait_until(
            SchedulerHeartbeat.objects.filter(beat=this_beat).exists,
            timeout=60,
            what=f"a heartbeat from {this_beat}",
        )
    finally:
        _stop(beat)
        celery_worker.wait_until_idle()
    assert client.get("/readyz").json()["checks"]["scheduler"]["status"] == "ok"
