"""Settings read from the environment, checked in fresh processes: the test run's own settings are
already loaded (and changed by fixtures), so they cannot show what a server would start with."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SITE = "peerlearning.example.org"

SHOW_SETTINGS = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "peerlearning.settings"
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "broker": settings.CELERY_BROKER_URL,
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
}))
"""


def clean_env(**variables: str) -> dict[str, str]:
    """Only what a process needs to run, plus `variables`: no DEBUG, DATABASE_URL, REDIS_URL…"""
    keep = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    return {**keep, "PYTHONDONTWRITEBYTECODE": "1", **variables}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def production_env(**overrides: str) -> dict[str, str]:
    return clean_env(
        SECRET_KEY=random_secret_key(),
        SITE_URL=f"https://{SITE}",
        ALLOWED_HOSTS=SITE,
        **overrides,
    )


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)


def settings_in(env: dict[str, str]) -> dict:
    result = run(["-c", SHOW_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_checks_pass_with_production_settings():
    result = check_deploy(production_env())

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output


def test_deploy_checks_refuse_the_embedded_secret_key_and_plain_http():
    # The embedded defaults are for a laptop: the same check must fail loudly on them.
    result = check_deploy(clean_env())

    output = result.stdout + result.stderr
    assert result.returncode != 0
    for warning in ["security.W009", "security.W012", "security.W016"]:
        assert warning in output


def test_with_no_environment_the_app_needs_no_server():
    assert settings_in(clean_env()) == {
        "engine": "django.db.backends.sqlite3",
        "broker": "filesystem://",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "email": "django.core.mail.backends.filebased.EmailBackend",
        "debug": False,
    }


def test_production_environment_selects_postgresql_redis_and_smtp():
    # Only the settings are loaded: nothing connects, so no server is needed here either.
    env = production_env(
        DATABASE_URL="postgres://peerlearning:secret@db.internal:5432/peerlearning",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.org:587",
    )

    assert settings_in(env) == {
        "engine": "django.db.backends.postgresql",
        "broker": "redis://cache.internal:6379/0",
        "cache": "peerlearning.cache.ForgivingRedisCache",
        "email": "django.core.mail.backends.smtp.EmailBackend",
        "debug": False,
    }
