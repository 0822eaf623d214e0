"""Error reporting to Sentry, only when SENTRY_DSN is set: in a fresh process (settings start
Sentry), sending to a local HTTP server that keeps what it receives."""

import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

REPORT_AN_ERROR = """
import django, sentry_sdk
django.setup()
from django.conf import settings
from django.test import RequestFactory
from peerlearning.logs import RequestIdMiddleware

assert sentry_sdk.get_client().options["send_default_pii"] is False

def failing_view(request):
    try:
        raise RuntimeError("the view failed for officer@council.example.org")
    except RuntimeError:
        sentry_sdk.capture_exception()
    from django.http import HttpResponse
    return HttpResponse("ok")

request = RequestFactory().get("/somewhere")
response = RequestIdMiddleware(failing_view)(request)
print(response["X-Request-ID"])
sentry_sdk.flush(timeout=5)
"""


class Collector(http.server.BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        Collector.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_errors_go_to_sentry_with_the_request_id_and_no_user(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
            "DJANGO_SETTINGS_MODULE": "peerlearning.settings",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
        result = subprocess.run(
            [sys.executable, "-c", REPORT_AN_ERROR],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    request_id = result.stdout.split()[-1]
    sent = b"".join(Collector.received).decode()
    assert "the view failed for [email address]" in sent
    assert "officer@" not in sent
    assert f'"request_id":"{request_id}"' in sent.replace(" ", "")
    assert '"user"' not in sent
