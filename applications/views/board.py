"""Health and Wellbeing Board confirmation: the council asks; the board answers through a link.

The council's page names its permission and finds the application through
`applications_editable_by(user)` (CouncilView), so another council's application is a 404. The
board's pages need no account: the signed link is the permission (BoardLinkView).
"""

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render

from applications.enums import BoardConfirmationStatus
from applications.forms.board import BoardAnswerForm, BoardContactForm
from applications.models import Application, BoardConfirmation
from applications.services.applying import ApplicationError
from applications.services.board import (
    LINK_VALID_FOR,
    BoardConfirmationAlreadyAnswered,
    BoardLinkNoLongerValid,
    answer_board_confirmation,
    can_ask_board,
    read_board_link,
    request_board_confirmation,
)
from applications.views.council import CouncilView
from programmes.views.public import PublicView

# The session remembers which answer this browser just sent, to thank them for it after the
# redirect rather than telling them the link has been used.
ANSWERED_SESSION_KEY = "board_confirmation_answered"


class RequestBoardConfirmationView(CouncilView):
    """Ask your Health and Wellbeing Board to confirm: name the chair or board manager."""

    def render_page(self, application: Application, form: BoardContactForm, *, status=200):
        return render(
            self.request,
            "applications/board/request.html",
            {
                "application": application,
                "programme": application.programme,
                "form": form,
                "has_errors": bool(form.errors),
                "can_ask": can_ask_board(application),
                "link_valid_days": LINK_VALID_FOR.days,
            },
            status=status,
        )

    def get(self, request, pk):
        application = self.get_application(pk)
        # Asking again: start from the person asked last time.
        latest = next(iter(application.board_requests), None)
        initial = (
            {
                "contact_name": latest.contact_name,
                "contact_role": latest.contact_role,
                "contact_email": latest.contact_email,
            }
            if latest
            else {}
        )
        return self.render_page(application, BoardContactForm(initial=initial))

    def post(self, request, pk):
        application = self.get_application(pk)
        form = BoardContactForm(request.POST)
        if not form.is_valid():
            return self.render_page(application, form)
        try:
            confirmation = request_board_confirmation(
                application_id=application.pk,
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                contact_role=form.cleaned_data["contact_role"],
                by=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.render_page(application, form, status=400)
        messages.success(
            request,
            f"We have emailed {confirmation.contact_name} a link to confirm your Health and "
            "Wellbeing Board’s support.",
        )
        return redirect(application)


class BoardLinkView(PublicView):
    """Anyone with the link may answer: whoever holds the signed address speaks for the board.

    No account is needed. The signature stops guessing and tampering, the timestamp makes the
    link expire, and each request can be answered once. The address is the credential, so these
    pages are never stored by a cache and never send it as a Referer. The answer form itself says
    "same-origin" rather than "no-referrer": with "no-referrer" browsers submit the form with
    `Origin: null`, which Django's CSRF check rightly refuses; "same-origin" still sends nothing
    to another site.
    """

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def problem(self, kind: str, *, status: int, confirmation: BoardConfirmation | None = None):
        return render(
            self.request,
            "applications/board/problem.html",
            {
                "problem": kind,
                "confirmation": confirmation,
                "link_valid_days": LINK_VALID_FOR.days,
            },
            status=status,
        )

    def used(self, confirmation: BoardConfirmation) -> HttpResponse:
        if self.request.session.get(ANSWERED_SESSION_KEY) == str(confirmation.token):
            return render(
                self.request, "applications/board/answered.html", {"confirmation": confirmation}
            )
        return self.problem("used", status=410, confirmation=confirmation)

    def find(self, signed: str) -> BoardConfirmation | HttpResponse:
        """The request the link is for, still waiting for an answer; or the page to show instead."""
        try:
            token = read_board_link(signed)
        except signing.SignatureExpired:
            # A link answered in time and opened again later says what the answer was.
            answered = (
                BoardConfirmation.objects.filter(token=read_board_link(signed, check_age=False))
                .exclude(status=BoardConfirmationStatus.PENDING)
                .first()
            )
            return self.used(answered) if answered else self.problem("expired", status=410)
        except signing.BadSignature:
            return self.problem("invalid", status=400)
        confirmation = (
            BoardConfirmation.objects.select_related(
                "application__programme", "application__organisation"
            )
            .filter(token=token)
            .first()
        )
        if confirmation is None:
            return self.problem("replaced", status=410)
        if confirmation.status != BoardConfirmationStatus.PENDING:
            return self.used(confirmation)
        return confirmation

    def render_form(self, confirmation: BoardConfirmation, form: BoardAnswerForm) -> HttpResponse:
        application = confirmation.application
        response = render(
            self.request,
            "applications/board/confirm.html",
            {
                "confirmation": confirmation,
                "application": application,
                "programme": application.programme,
                "team": application.team.order_by("position"),
                "form": form,
                "has_errors": bool(form.errors),
            },
        )
        response["Referrer-Policy"] = "same-origin"
        return response

    def get(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        return self.render_form(found, BoardAnswerForm())

    def post(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        form = BoardAnswerForm(request.POST)
        if not form.is_valid():
            return self.render_form(found, form)
        try:
            confirmation = answer_board_confirmation(
                token=found.token, supported=form.supported, comment=form.cleaned_data["comment"]
            )
        except BoardConfirmationAlreadyAnswered as already:
            return self.used(already.confirmation)
        except BoardLinkNoLongerValid:
            return self.problem("replaced", status=410)
        request.session[ANSWERED_SESSION_KEY] = str(confirmation.token)
        return redirect(request.path)
