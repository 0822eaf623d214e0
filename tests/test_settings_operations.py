"""The operations block of the settings, in fresh processes (as tests/test_settings_production)."""

import json

from tests.test_settings_production import clean_env, production_env, run

SHOW = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "peerlearning.settings"
import django
django.setup()
from django.conf import settings
from django.core import signing
old = signing.dumps("still signed in", key=os.environ["OLD_KEY"])
print(json.dumps({
    "fallbacks": settings.SECRET_KEY_FALLBACKS,
    "old_signature_accepted": signing.loads(old) == "still signed in",
    "log_format": settings.LOGGING["handlers"]["console"]["formatter"],
    "middleware": settings.MIDDLEWARE[:2],
}))
"""


def show(env: dict) -> dict:
    result = run(["-c", SHOW], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_rotated_secret_key_still_accepts_what_the_old_one_signed():
    shown = show(production_env(SECRET_KEY_FALLBACKS="old-key-1, old-key-2", OLD_KEY="old-key-2"))
    assert shown["fallbacks"] == ["old-key-1", "old-key-2"]
    assert shown["old_signature_accepted"] is True


def test_production_logs_json_and_a_terminal_gets_text():
    assert show(production_env(OLD_KEY="x", SECRET_KEY_FALLBACKS="x"))["log_format"] == "json"
    shown = show(clean_env(DEBUG="true", OLD_KEY="x", SECRET_KEY_FALLBACKS="x"))
    assert shown["log_format"] == "text"
    # The arrival time first (deadlines are judged by it), then the request id, before the rest.
    assert shown["middleware"] == [
        "peerlearning.arrival.ArrivalTimeMiddleware",
        "peerlearning.logs.RequestIdMiddleware",
    ]
