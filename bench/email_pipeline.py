"""`make bench`: throughput of the email pipeline for 10,000 emails, beside a bare smtplib loop.

Builds a throwaway SQLite database in var/bench/ (the embedded default), writes 10,000 queued
outbound emails, and sends each through `notifications.services.send_outbound_email` — the code
the Celery task runs: claim the row, check its kind's send condition, render the MIME message,
one SMTP session, mark it sent — to a local aiosmtpd sink in a process of its own. The floor is a
bare `smtplib` loop sending the same messages to the same sink, one SMTP session per message as
the pipeline does, and (a lower floor) all over one session.

    python bench/email_pipeline.py [--emails N]
"""

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path, where a file could stand in for a
# standard library module of the same name: take the folder off the path first.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import smtplib  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402

ROOT = HERE.parent
DATABASE = ROOT / "var" / "bench" / "email.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerlearning.settings")
os.environ.pop("EMAIL_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

EMAILS = 10_000


def run_sink(port, received, ready) -> None:
    """An SMTP server that counts what it accepts; runs in its own process."""
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Counter:
        async def handle_DATA(self, server, session, envelope):
            with received.get_lock():
                received.value += 1
            return "250 Message accepted for delivery"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_outbox(count: int) -> list[int]:
    from notifications.models import OutboundEmail

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    OutboundEmail.objects.bulk_create(
        (
            OutboundEmail(
                kind="bench",
                to_email=f"person{n}@example.org",
                to_name=f"Person {n}",
                subject=f"Expression of interest received ({n})",
                body_text="Dear colleague,\n\nThank you. We have received it.\n" * 5,
                body_html="<p>Dear colleague,</p><p>Thank you. We have received it.</p>" * 5,
                reason="Bench",
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    return list(OutboundEmail.objects.order_by("pk").values_list("pk", flat=True))


def wait_for(received, expected: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while received.value < expected and time.monotonic() < deadline:
        time.sleep(0.01)


def report(name: str, count: int, seconds: float, floor: float | None = None) -> None:
    ratio = f"{seconds / floor:6.1f}×" if floor else "     –"
    print(
        f"{name:<52} {count / seconds:9,.0f} {seconds / count * 1000:9.2f} {ratio:>8}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=EMAILS)
    count = parser.parse_args().emails

    from django.core.mail import EmailMultiAlternatives

    from notifications.enums import EmailStatus
    from notifications.models import OutboundEmail
    from notifications.services import build_message, send_outbound_email

    port = free_port()
    processes = multiprocessing.get_context("fork")
    received = processes.Value("i", 0)
    ready = processes.Event()
    sink = processes.Process(target=run_sink, args=(port, received, ready), daemon=True)
    sink.start()
    ready.wait(10)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    print(f"Email: {count:,} emails to a local aiosmtpd sink (its own process), SQLite", flush=True)
    ids = build_outbox(count)
    sample = build_message(OutboundEmail.objects.get(pk=ids[0]))
    raw = sample.message().as_bytes(linesep="\r\n")
    sender, recipient = settings.DEFAULT_FROM_EMAIL, "person0@example.org"
    print(f"{'':<52} {'emails/s':>9} {'ms/email':>9} {'vs floor':>8}")

    # Floor: bare smtplib, the same message, one SMTP session per message (as the pipeline).
    started = time.perf_counter()
    for _ in range(count):
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.sendmail(sender, [recipient], raw)
    floor = time.perf_counter() - started
    wait_for(received, count)
    report("floor: bare smtplib, a session per email", count, floor)

    received.value = 0
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for _ in range(count):
            smtp.sendmail(sender, [recipient], raw)
    one_session = time.perf_counter() - started
    wait_for(received, count)
    report("floor: bare smtplib, one session for all", count, one_session)

    received.value = 0
    started = time.perf_counter()
    for _ in range(count):
        message = EmailMultiAlternatives(
            sample.subject, sample.body, sender, [recipient], headers=sample.extra_headers
        )
        message.attach_alternative(sample.alternatives[0][0], "text/html")
        message.send()
    django_only = time.perf_counter() - started
    wait_for(received, count)
    report("Django's SMTP backend alone (render MIME + session)", count, django_only, floor)

    received.value = 0
    started = time.perf_counter()
    for email_id in ids:
        send_outbound_email(email_id=email_id)
    pipeline = time.perf_counter() - started
    wait_for(received, count)
    sent = OutboundEmail.objects.filter(status=EmailStatus.SENT).count()
    report("pipeline: services.send_outbound_email per row", count, pipeline, floor)
    print(f"  {sent:,} marked sent, {received.value:,} received by the sink", flush=True)
    assert sent == count == received.value, "an email went missing"
    sink.terminate()


if __name__ == "__main__":
    main()
