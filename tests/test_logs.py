"""Logs for operators: JSON lines with a request id, the user's id and the task id, and no
personal data: nothing a council typed and no email addresses."""

import copy
import io
import json
import logging
import logging.config
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path, reverse

from applications.enums import Section
from tests import evidence_samples as samples
from tests.factories import ApplicationFactory, complete_application, council_user

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def broken_view(request):
    raise RuntimeError("the view failed")


# For test_error_page_shows_the_request_id (pytest.mark.urls).
urlpatterns = [path("broken", broken_view)]
handler500 = "peerlearning.error_pages.server_error"


@pytest.fixture
def captured_logs(settings):
    """The service's own logging configuration (JSON, its filters), written to a buffer, at DEBUG
    so that even what production leaves out is scanned."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["stream"] = buffer
    config["handlers"]["console"]["formatter"] = "json"
    config["root"]["level"] = "DEBUG"
    # The test harness's own chatter (factory_boy, the SMTP sink) is not the service's.
    config["loggers"] |= {name: {"level": "WARNING"} for name in ["factory", "mail.log"]}
    logging.config.dictConfig(config)
    yield buffer
    logging.config.dictConfig(django_settings.LOGGING)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_every_response_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_request_id_is_kept_only_behind_a_proxy(client, settings):
    offered = {"X-Request-ID": "0123456789abcdef0123456789abcdef"}
    assert client.get("/healthz", headers=offered)["X-Request-ID"] != offered["X-Request-ID"]
    settings.BEHIND_PROXY = True
    assert client.get("/healthz", headers=offered)["X-Request-ID"] == offered["X-Request-ID"]
    forged = {"X-Request-ID": "<script>\r\nSet-Cookie: x"}
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/healthz", headers=forged)["X-Request-ID"])


@pytest.mark.urls("tests.test_logs")
def test_error_page_shows_the_request_id_that_the_log_line_holds(client, captured_logs):
    client.raise_request_exception = False
    response = client.get("/broken")
    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    assert f"quote this reference: <strong data-request-id>{request_id}</strong>" in (
        response.content.decode()
    )
    [error] = [line for line in lines(captured_logs) if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == request_id
    assert error["message"] == "Internal Server Error: /broken"
    assert "RuntimeError: the view failed" in error["exc_info"]
    assert set(error) >= {"time", "level", "logger", "message", "request_id", "user_id", "task_id"}


@pytest.mark.django_db
def test_log_lines_name_the_user_by_id_only(client, captured_logs):
    user = council_user(name="Priya Officer")
    client.force_login(user)
    client.get("/no-such-page/")
    [not_found] = [line for line in lines(captured_logs) if line["logger"] == "django.request"]
    assert not_found["user_id"] == user.pk
    assert user.email not in captured_logs.getvalue()
    assert "Priya" not in captured_logs.getvalue()


def test_an_email_address_in_a_message_or_traceback_is_replaced(captured_logs):
    logger = logging.getLogger("peerlearning.tests")
    logger.warning("Could not send to %s", "someone@council.example.gov.uk")
    try:
        raise ValueError("550 <someone@council.example.gov.uk>: no such user")
    except ValueError:
        logger.exception("Failed")
    text = captured_logs.getvalue()
    assert "someone@" not in text
    assert [line["message"] for line in lines(captured_logs)] == [
        "Could not send to [email address]",
        "Failed",
    ]
    assert "ValueError: 550 <[email address]>: no such user" in lines(captured_logs)[1]["exc_info"]


@pytest.mark.django_db
def test_a_submission_an_upload_and_its_emails_leave_no_personal_data_in_the_logs(
    client, captured_logs, smtp_sink, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    user = council_user(organisation=application.organisation, name="Olu Officer")
    client.force_login(user)
    complete_application(application)
    typed = "Marker typed by the council 7f3a: families wait eleven weeks"
    section = reverse("applications:section", args=[application.pk, Section.ISSUE.value])
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            section,
            {"seen_version": 1, "key_question": typed, "why_critical": typed + " (why)",
             "save_and_continue": "1"},
        )  # fmt: skip
        uploaded = client.post(
            reverse("applications:upload_evidence", args=[application.pk]),
            {"file": SimpleUploadedFile("Olu's confidential plan.pdf", samples.make_pdf())},
        )
        submitted = client.post(reverse("applications:check", args=[application.pk]))
    assert (saved.status_code, uploaded.status_code, submitted.status_code) == (302, 302, 302)
    assert application.documents.count() == 1
    recipients = {address for rcpts, _ in smtp_sink.messages for address in rcpts}
    assert user.email in recipients and len(recipients) >= 2

    text = captured_logs.getvalue()
    assert lines(captured_logs), "nothing was logged: the scan would prove nothing"
    sends = [line for line in lines(captured_logs) if line["logger"] == "celery.app.trace"]
    assert sends and all(line["task_id"] in line["message"] for line in sends)
    for personal in [typed, "eleven weeks", "Olu", "confidential plan", *recipients]:
        assert personal not in text
    assert EMAIL_ADDRESS.search(text) is None
