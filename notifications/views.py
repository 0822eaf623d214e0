from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from notifications import editable, selectors, services
from notifications.enums import EmailStatus
from notifications.forms import ComposeForm, EmailTemplateForm, OutboxAction
from notifications.models import EmailTemplate, OutboundEmail

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
            "scope": request.GET.get("programme", "")[:40],
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
                "scopes": selectors.outbox_scopes(),
                "current_scope": filters["scope"],
                "search": filters["search"],
                "filter_query": query.urlencode(),
                "this_page": request.get_full_path(),
                "can_manage": request.user.has_perm("notifications.manage_outbox"),
                "can_compose": request.user.has_perm("notifications.compose_email"),
                "can_edit_templates": request.user.has_perm("notifications.edit_email_templates"),
                "oldest_queued_at": selectors.oldest_queued_email_at(),
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
            recipients=data["addresses"],
            subject=data["subject"],
            body=data["body"],
            hold=data["hold"],
            by=request.user,
            scope=data["scope"],
        )
        count = f"{len(emails)} email{'s' if len(emails) != 1 else ''}"
        if data["hold"]:
            messages.success(request, f"{count} held for review. Check them, then release them.")
            return redirect(f"{reverse('notifications:outbox')}?kind=composed&status=held")
        messages.success(request, f"{count} queued to be sent.")
        return redirect(f"{reverse('notifications:outbox')}?kind=composed")


class EmailTemplatesView(PermissionRequiredMixin, View):
    """The editable emails of one programme, grouped by area of work: the default wording or
    the programme's own. Programme managers choose the programme first, since wording is
    changed for one programme at a time."""

    permission_required = "notifications.edit_email_templates"

    def get(self, request):
        kinds = editable.editable_kinds()
        scopes = [
            (selectors.scope_value(ContentType.objects.get_for_model(scope).pk, scope.pk), scope)
            for scope in editable.scopes_of(kinds)
        ]
        value = request.GET.get("programme", "")
        chosen_value, chosen = next(
            ((v, scope) for v, scope in scopes if v == value), scopes[0] if scopes else ("", None)
        )
        groups: dict[str, list] = {}
        if chosen is not None:
            own = {
                template.kind: template
                for template in EmailTemplate.objects.filter(
                    scope_type=ContentType.objects.get_for_model(chosen), scope_id=chosen.pk
                ).select_related("updated_by")
            }
            for kind in sorted(kinds, key=lambda k: (k.group, k.name)):
                if isinstance(chosen, kind.scope_model):
                    groups.setdefault(kind.group, []).append(
                        {"kind": kind, "template": own.get(kind.kind)}
                    )
        return render(
            request,
            "notifications/templates.html",
            {
                "scopes": scopes,
                "chosen": chosen,
                "chosen_value": chosen_value,
                "scope_type": ContentType.objects.get_for_model(chosen).pk if chosen else None,
                "groups": groups,
            },
        )


class EmailTemplateView(PermissionRequiredMixin, View):
    """Edit one kind of email for one programme: preview with a real object, save, or reset."""

    permission_required = "notifications.edit_email_templates"
    template_name = "notifications/template_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.editable_kind = editable.editable_kind(kwargs["kind"])
        if self.editable_kind is None:
            raise Http404("No such email")
        scope_type = ContentType.objects.get_for_model(self.editable_kind.scope_model)
        if scope_type.pk != kwargs["scope_type"]:
            raise Http404("No such programme")
        self.scope = get_object_or_404(self.editable_kind.scope_model, pk=kwargs["scope_id"])

    def get(self, request, kind, scope_type, scope_id):
        wording = editable.wording_for(kind, self.scope)
        form = EmailTemplateForm(
            initial={"subject": wording.subject, "body": wording.body},
            editable_kind=self.editable_kind,
        )
        return self.page(request, form, wording=wording)

    def post(self, request, kind, scope_type, scope_id):
        action = request.POST.get("action", "preview")
        if action == "reset":
            if services.reset_email_template(kind=kind, scope=self.scope):
                messages.success(request, "The email is back to the default wording.")
            return redirect(request.path)
        form = EmailTemplateForm(request.POST, editable_kind=self.editable_kind)
        if not form.is_valid():
            return self.page(request, form, has_errors=True)
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        if action == "save":
            try:
                services.save_email_template(
                    kind=kind, scope=self.scope, subject=subject, body=body, by=request.user
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                return self.page(request, form, has_errors=True)
            messages.success(
                request, f"‘{self.editable_kind.name}’ has been saved for {self.scope}."
            )
            back = reverse("notifications:templates")
            scope_type = ContentType.objects.get_for_model(self.scope).pk
            return redirect(f"{back}?programme={selectors.scope_value(scope_type, self.scope.pk)}")
        preview = editable.render(
            editable.Wording(subject=subject, body=body, template=None),
            self.editable_kind.sample(self.scope),
            links=self.editable_kind.links,
        )
        return self.page(request, form, preview=preview)

    def page(self, request, form, *, wording=None, preview=None, has_errors=False):
        if wording is None:
            wording = editable.wording_for(self.editable_kind.kind, self.scope)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "kind": self.editable_kind,
                "scope": self.scope,
                "own_wording": wording.template,
                "preview": preview,
                "has_errors": has_errors,
            },
        )
