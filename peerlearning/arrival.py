"""When a request reached the service: the time deadlines are judged by (issue 14).

On deadline day hundreds of councils press Submit within seconds; the web workers answer them one
after another, some a minute later. A submission is judged by when it *reached* the service, not
when a worker got round to it: behind a proxy (`BEHIND_PROXY`), by the time the proxy stamped on
the request as it arrived (`X-Request-Start: t=<seconds since the epoch>`, which deploy/'s nginx
sets and overwrites whatever a client sent; `REQUEST_START_HEADER` names another header); without
one, by the time this middleware, the first in the list, first saw it.

The rule published to councils on the check-your-answers page: an expression of interest that
reaches the service before the closing time is accepted, however busy the service is.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

# A proxy's clock may run a little ahead of this machine's; a stamp further ahead is not trusted.
MAX_AHEAD = datetime.timedelta(seconds=5)
# No request waits this long in a queue (proxies give up after a minute or so): an older stamp is
# wrong, not a request from the past, and is not trusted either.
MAX_QUEUED = datetime.timedelta(minutes=10)


def parse_request_start(value: str) -> datetime.datetime | None:
    """`t=1733330000.123` (nginx, seconds), or milliseconds or microseconds since the epoch."""
    text = value.strip().removeprefix("t=").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    if number > 1e14:  # microseconds
        number /= 1_000_000
    elif number > 1e11:  # milliseconds
        number /= 1_000
    try:
        return datetime.datetime.fromtimestamp(number, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def arrival_time(request, *, now: datetime.datetime) -> datetime.datetime:
    if not settings.BEHIND_PROXY:
        return now
    stamped = request.META.get(settings.REQUEST_START_HEADER)
    if not stamped:
        return now
    arrived = parse_request_start(stamped)
    if arrived is None or arrived > now + MAX_AHEAD or arrived < now - MAX_QUEUED:
        logger.warning("Ignored an unusable request-start stamp", extra={"stamp": stamped[:40]})
        return now
    return min(arrived, now)


class ArrivalTimeMiddleware:
    """Records `request.arrived_at` as early as the app can."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.arrived_at = arrival_time(request, now=timezone.now())
        return self.get_response(request)
