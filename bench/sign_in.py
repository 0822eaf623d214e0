"""`make bench`: what one sign-in costs, with the password hash at today's cost and at Django's.

Signs one verified account in 20 times through Django's full request handler (`POST
/accounts/login/`, allauth's form, rate limits on the local-memory cache, the session), first with
the password hashed at Django's default Argon2 cost (100 MiB, 2 passes, 8 lanes: what production
used before) and then at the cost in settings (accounts/hashers.py: 19 MiB, 2 passes, 1 lane).
Before each sign-in at Django's cost the old hash is put back, because signing in upgrades it.
Prints median and 95th-percentile wall time and the CPU time of this process per sign-in (the
figure that queues sign-ins behind each other on a busy machine).
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "sign_in.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerlearning.settings")
os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402

REPEATS = 20
EMAIL = "officer@example.org"
PASSWORD = "a-long-pass-phrase-2026"


def sign_in_timings(user: User, *, old_hash: str | None) -> tuple[float, float, float]:
    wall, cpu = [], []
    for _ in range(REPEATS):
        if old_hash:
            User.objects.filter(pk=user.pk).update(password=old_hash)
        cache.clear()  # rate limits: 20 sign-ins a run, two runs, stay within a minute's limit
        client = Client()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 302, response.status_code
    wall.sort()
    return statistics.median(wall), wall[int(len(wall) * 0.95) - 1], statistics.median(cpu)


def main():
    # WhiteNoise warns that collectstatic has not run; no static file is asked for here.
    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, name="Officer")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    django_default = Argon2PasswordHasher()
    old_hash = django_default.encode(PASSWORD, django_default.salt())
    print(f"\n{'sign-in (POST /accounts/login/)':<44}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>9}")
    for name, hash_to_restore in [
        ("Django's Argon2 (100 MiB, t=2, p=8)", old_hash),
        ("settings: OWASP (19 MiB, t=2, p=1)", None),
    ]:
        median, p95, cpu = sign_in_timings(user, old_hash=hash_to_restore)
        print(f"{name:<44}{median:>11.1f}{p95:>9.1f}{cpu:>9.1f}")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


if __name__ == "__main__":
    main()
