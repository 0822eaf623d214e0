"""Health checks for a load balancer and for operators: /healthz and /readyz.

`/healthz` says the process is up and answers without touching the database, so a load balancer
does not take every web process out of service when the database has a moment's trouble.
`/readyz` checks everything the service needs to do its work: the database answers, every
migration is applied, the broker and the cache answer, and scheduled work ran lately (the
scheduler's heartbeat, notifications.selectors.scheduler_state). It answers 200 when all pass and
503 when any fails, as JSON with a status per check.

No authentication, and nothing secret or personal in the body: a failing check says only that
it failed; why is logged (without the connection's password), for operators.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from notifications import selectors
from peerlearning.celery import app as celery_app

logger = logging.getLogger(__name__)
OK, FAILING = "ok", "failing"


def check_database() -> dict:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def check_migrations() -> dict:
    executor = MigrationExecutor(connections["default"])
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if unapplied:
        return {"status": FAILING, "unapplied": len(unapplied)}
    return {"status": OK}


def check_broker() -> dict:
    with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2)
    return {"status": OK}


def check_cache() -> dict:
    # The cache forgives an unreachable Redis (a miss: peerlearning/cache.py), so only a value
    # read back proves it answers.
    key, token = "readyz:probe", secrets.token_hex(8)
    cache.set(key, token, timeout=30)
    return {"status": OK if cache.get(key) == token else FAILING}


def check_scheduler() -> dict:
    state = selectors.scheduler_state()
    result = {
        "status": FAILING if state.stale else OK,
        "last_ran_at": state.last_ran_at.isoformat() if state.last_ran_at else None,
        "beats_running": state.beats_running,
    }
    if state.beats_running > 1:
        # Two beats do scheduled work twice: the service works, but an operator must act.
        result["warning"] = "more than one beat is running"
    return result


CHECKS = {
    "database": check_database,
    "migrations": check_migrations,
    "broker": check_broker,
    "cache": check_cache,
    "scheduler": check_scheduler,
}
# Checks that need the database are not run once it has failed (each would only wait again).
NEEDS_DATABASE = {"migrations", "scheduler"}


def run_checks() -> dict:
    results = {}
    for name, check in CHECKS.items():
        if name in NEEDS_DATABASE and results["database"]["status"] != OK:
            results[name] = {"status": FAILING, "reason": "database unavailable"}
            continue
        started = time.monotonic()
        try:
            results[name] = check()
        except Exception as error:  # any failure is a failing check, not a 500
            logger.warning("Ready check %s failed: %s", name, type(error).__name__)
            results[name] = {"status": FAILING}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return results


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def readyz(request):
    checks = run_checks()
    ready = all(check["status"] == OK for check in checks.values())
    body = {"status": OK if ready else FAILING, "checks": checks}
    if settings.BEHIND_PROXY:
        # Shows that the proxy stamps the time it received the request (no value, no secret).
        body["request_start_header"] = settings.REQUEST_START_HEADER in request.META
    return JsonResponse(body, status=200 if ready else 503)
