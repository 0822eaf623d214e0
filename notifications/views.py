from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from notifications import selectors, services
from notifications.enums import EmailStatus
from notifications.forms import ComposeForm, OutboxAction
from notifications.models import OutboundEmail

PER_PAGE = 50


class OutboxPermission(PermissionRequiredMixin, View):
    permission_required = "notifications.view_outbox"


class CountedPaginator(Paginator):
    """A paginator told the total, which the outbox already has from its count by kind."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


class OutboxView(OutboxPermission):
    def get(self, request):
        filters = {
            "status": request.GET.get("status", ""),
            "kind": request.GET.get("kind", "")[:80],
            "search": request.GET.get("q", "")[:200],
        }
        outbox = selectors.outbox(**filters)
        page = CountedPaginator(outbox.emails, PER_PAGE, count=outbox.count).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "notifications/outbox.html",
            {
                "page": page,
                "statuses": EmailStatus.choices,
                "kinds": outbox.kinds,
                "current_status": filters["status"] if filters["status"] in EmailStatus else "",
                "current_kind": filters["kind"],
                "search": filters["search"],
                "filter_query": query.urlencode(),
                "this_page": request.get_full_path(),
                "can_manage": request.user.has_perm("notifications.manage_outbox"),
                "can_compose": request.user.has_perm("notifications.compose_email"),
            },
        )


class OutboxEmailView(OutboxPermission):
    def get(self, request, pk):
        email = get_object_or_404(OutboundEmail.objects.select_related("created_by"), pk=pk)
        return render(
            request,
            "notifications/email.html",
            {
                "email": email,
                "can_manage": request.user.has_perm("notifications.manage_outbox"),
                "this_page": request.get_full_path(),
            },
        )


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


class OutboxActionView(PermissionRequiredMixin, View):
    """Hold, release, cancel or retry the emails ticked in the outbox (or one, from its page)."""

    permission_required = "notifications.manage_outbox"

    def post(self, request):
        form = OutboxAction(request.POST)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("notifications:outbox")
        if form.is_valid():
            messages.success(request, form.run())
        else:
            messages.info(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)


class ComposeView(PermissionRequiredMixin, View):
    permission_required = "notifications.compose_email"
    template_name = "notifications/compose.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ComposeForm()})

    def post(self, request):
        form = ComposeForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "has_errors": True})
        data = form.cleaned_data
        emails = services.compose_email(
            recipients=data["recipients"],
            subject=data["subject"],
            body=data["body"],
            hold=data["hold"],
            by=request.user,
        )
        count = f"{len(emails)} email{'s' if len(emails) != 1 else ''}"
        if data["hold"]:
            messages.success(request, f"{count} held for review. Check them, then release them.")
            return redirect(f"{reverse('notifications:outbox')}?kind=composed&status=held")
        messages.success(request, f"{count} queued to be sent.")
        return redirect(f"{reverse('notifications:outbox')}?kind=composed")
