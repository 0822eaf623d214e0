"""The privacy notice and the accessibility statement: public pages, and the programme
managers' form for their wording and contact details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.enums import StatementKind
from programmes.forms.statements import StatementForm
from programmes.services import statements as services
from programmes.views.public import PublicView


def kind_or_404(kind: str) -> str:
    if kind not in StatementKind.values:
        raise Http404("No such statement")
    return kind


class StatementView(PublicView):
    kind = ""

    def get(self, request):
        item = services.statement(self.kind)
        return render(
            request,
            "programmes/statement.html",
            {"statement": item, "body": services.render(item)},
        )


class EditStatementView(PermissionRequiredMixin, View):
    permission_required = "programmes.manage_programmes"

    def render_page(self, kind, form, **context):
        return render(
            self.request,
            "programmes/manage/statement_form.html",
            {"kind": kind, "title": StatementKind(kind).label, "form": form, **context},
        )

    def get(self, request, kind):
        item = services.statement(kind_or_404(kind))
        form = StatementForm(
            initial={
                "contact_email": item.contact_email,
                "contact_phone": item.contact_phone,
                "response_days": item.response_days,
                "text": item.text,
            }
        )
        return self.render_page(kind, form, statement=item)

    def post(self, request, kind):
        kind_or_404(kind)
        form = StatementForm(request.POST)
        if form.is_valid():
            try:
                services.save_statement(kind=kind, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"The {StatementKind(kind).label.lower()} was saved.")
                return redirect(f"/{kind}/")
        return self.render_page(kind, form, has_errors=True)
