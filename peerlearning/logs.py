"""Logs for operators: a request id on every line, the user's id (never a name or an address),
Celery's task id, and no email addresses.

`RequestIdMiddleware` gives every request an id: the proxy's (nginx's `$request_id`, sent as
`X-Request-ID`) when BEHIND_PROXY is set and the value looks like one, else a new one. It is
returned in the `X-Request-ID` response header and shown on the error page, so a council can
quote it and an operator can find every line of that request.

The handler's filters add `request_id`, `user_id` and `task_id` to every record and replace
anything that looks like an email address, in the message and in any traceback, with
"[email address]": logs are kept longer and seen by more people than the database, so they hold
ids, never what someone typed.
"""

import contextvars
import logging
import re
import time
import uuid

from celery import current_task
from django.conf import settings
from pythonjsonlogger.json import JsonFormatter

_request = contextvars.ContextVar("request", default=None)
_request_id = contextvars.ContextVar("request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; accept any plain token of a sensible length.
_PLAUSIBLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
REDACTED = "[email address]"


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = ""
        if settings.BEHIND_PROXY:
            offered = request.headers.get(REQUEST_ID_HEADER, "")
            request_id = offered if _PLAUSIBLE_ID.match(offered) else ""
        request_id = request_id or uuid.uuid4().hex
        request.request_id = request_id
        id_token, request_token = _request_id.set(request_id), _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(id_token)
            _request.reset(request_token)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


def redact(text: str) -> str:
    return _EMAIL_ADDRESS.sub(REDACTED, text)


class OperatorContext(logging.Filter):
    """Adds request_id, user_id and task_id (empty when there is none) to every record."""

    def filter(self, record):
        # Django logs a 4xx response after the middleware has returned, with the request on the
        # record.
        request = getattr(record, "request", None) or _request.get()
        record.request_id = getattr(request, "request_id", "") or _request_id.get()
        # Only a user the request has already loaded: logging must never cost a query.
        user = getattr(request, "_cached_user", None) if request is not None else None
        record.user_id = user.pk if user is not None and user.is_authenticated else None
        task = current_task
        record.task_id = getattr(getattr(task, "request", None), "id", None) or ""
        return True


class RedactEmailAddresses(logging.Filter):
    """Replaces email addresses in the message with "[email address]"."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class _RedactedTracebacks:
    def formatException(self, ei):
        return redact(super().formatException(ei))

    def formatStack(self, stack_info):
        return redact(super().formatStack(stack_info))


class OperatorJsonFormatter(_RedactedTracebacks, JsonFormatter):
    """One JSON object per line: time, level, logger, message, request id, user id, task id."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "fmt", ["asctime", "levelname", "name", "message", "request_id", "user_id", "task_id"]
        )
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%SZ")
        super().__init__(*args, **kwargs)
        self.converter = time.gmtime


class OperatorTextFormatter(_RedactedTracebacks, logging.Formatter):
    """For a terminal (`make run`): the same fields, as text."""


def before_send_to_sentry(event: dict, hint: dict) -> dict:
    """Sentry gets the request id to match the logs, no user details, and no email addresses in
    exception messages, log messages or breadcrumbs."""
    event.pop("user", None)
    if request_id := current_request_id():
        event.setdefault("tags", {})["request_id"] = request_id
    for exception in (event.get("exception") or {}).get("values", []):
        if isinstance(exception.get("value"), str):
            exception["value"] = redact(exception["value"])
    for holder in [
        event.get("logentry") or {},
        *(event.get("breadcrumbs") or {}).get("values", []),
    ]:
        for key in ("message", "formatted"):
            if isinstance(holder.get(key), str):
                holder[key] = redact(holder[key])
        if "params" in holder:
            holder["params"] = []
    return event
