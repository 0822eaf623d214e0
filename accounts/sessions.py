"""How long someone stays signed in, the warning before they are signed out, and keeping what they
typed when a save meets an ended session or a failed forgery check (WCAG 2.2.1, Timing Adjustable).

A session ends SESSION_COOKIE_AGE after sign-in or after the person last chose to stay signed in,
never silently sooner: the end is stored in the session as an absolute time, so every page can
say how long is left, and the page warns five minutes before (static/src/peerlearning.js). What
someone types in a form is kept in their browser tab (sessionStorage) when they press a button;
when the server could not save it — their session had ended, or the page's forgery token was
stale — it marks the page to put it back, and the page does, saying so.
"""

import datetime

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

RESTORE_KEY = "restore_typed_text_on"


def start_clock(session) -> datetime.datetime:
    """(Re)start the session's clock: it ends SESSION_COOKIE_AGE from now."""
    ends_at = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    session.set_expiry(ends_at)
    return ends_at


def start_clock_at_sign_in(sender, request, user, **kwargs) -> None:
    """Receiver of Django's `user_logged_in`."""
    if request is not None and hasattr(request, "session"):
        start_clock(request.session)


def seconds_left(session) -> int:
    return max(0, int((session.get_expiry_date() - timezone.now()).total_seconds()))


def mark_for_restoring(request, path: str) -> None:
    """The save of the form on `path` did not happen: when that page is next shown, put back what
    was typed."""
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=set()):
        request.session[RESTORE_KEY] = path


def page_context(request) -> dict:
    """Context processor: the session's time left, and whether this page should put back typed
    text (asked once: the mark is used up)."""
    context = {"session_seconds_left": None, "restore_typed_text": False}
    if request.user.is_authenticated:
        context["session_seconds_left"] = seconds_left(request.session)
    if (
        request.method == "GET"
        and hasattr(request, "session")
        and request.session.get(RESTORE_KEY) == request.path
    ):
        del request.session[RESTORE_KEY]
        context["restore_typed_text"] = True
    return context


class KeepTypedTextMiddleware:
    """A form sent after the session ended is answered with the sign-in page: mark the page the
    form was on, so that after signing in again the person finds their text there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 302
            and not request.user.is_authenticated
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
        ):
            mark_for_restoring(request, request.path)
        return response
