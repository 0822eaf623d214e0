"""Staying signed in, and the page for a form whose forgery check failed."""

from urllib.parse import urlsplit

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts import sessions


class StaySignedInView(PermissionRequiredMixin, View):
    """The time-out warning's "Stay signed in": restarts the session's clock. Answers the page's
    script with the new time left, or, without JavaScript, goes back to the page."""

    permission_required = "accounts.use_service"

    def post(self, request):
        sessions.start_clock(request.session)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"seconds_left": sessions.seconds_left(request.session)})
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        return redirect(back if back and safe else "/")


def csrf_failure(request, reason=""):
    """Django's CSRF_FAILURE_VIEW. The usual cause is a page left open across a sign-out or a
    new sign-in, so the form's token is stale: say so, and send the person back to the page,
    where what they typed is put back."""
    referer = request.headers.get("Referer", "")
    back = ""
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        back = parts.path + (f"?{parts.query}" if parts.query else "")
        sessions.mark_for_restoring(request, parts.path)
    return render(request, "csrf_failure.html", {"back": back}, status=403)
