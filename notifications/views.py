from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail


class OutboxPermission(PermissionRequiredMixin, View):
    permission_required = "notifications.view_outbox"


class OutboxView(OutboxPermission):
    def get(self, request):
        emails = OutboundEmail.objects.order_by("-created_at", "-id").only(
            "kind", "to_email", "to_name", "subject", "status", "created_at", "sent_at"
        )
        status = request.GET.get("status")
        if status in EmailStatus.values:
            emails = emails.filter(status=status)
        page = Paginator(emails, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "notifications/outbox.html",
            {
                "page": page,
                "statuses": EmailStatus.choices,
                "current_status": status,
            },
        )


class OutboxEmailView(OutboxPermission):
    def get(self, request, pk):
        email = get_object_or_404(OutboundEmail, pk=pk)
        return render(request, "notifications/email.html", {"email": email})


class OutboxEmailHtmlView(OutboxPermission):
    """The HTML body on its own, sandboxed: shown in a frame on the email page."""

    def get(self, request, pk):
        email = get_object_or_404(OutboundEmail, pk=pk, hide_body_from_staff=False)
        response = HttpResponse(email.body_html or "")
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            "frame-ancestors 'self'"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
