"""Invitees answer a learning-day invitation through its signed link, without an account: the
link is the permission (InvitationLinkView), and it opens only the invitation it was made for.
"""

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cohort.emails.learning_days import when_text, where_text
from cohort.enums import InvitationAnswer
from cohort.forms.learning_days import (
    AnswerForm,
    NeedsForm,
    SubstituteForm,
)
from cohort.invitation_links import LINK_VALID_FOR, read_invitation_link
from cohort.models import LearningDayInvitation
from cohort.services.learning_days import LearningDayError, answer_invitation
from programmes.errors import add_to_form
from programmes.views.public import PublicView


class InvitationLinkView(PublicView):
    """Anyone with the link may answer for the invitee it was sent to.

    The signature stops guessing and tampering (the invitation's ID is what is signed, so one
    person's link cannot open another's invitation), and the timestamp makes it expire. The
    address is the credential: these pages are never cached and never send it as a Referer
    ("same-origin" rather than "no-referrer", which makes browsers post forms with `Origin: null`
    and fail Django's CSRF check).
    """

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def problem(self, kind: str, *, status: int, invitation=None) -> HttpResponse:
        return render(
            self.request,
            "cohort/learning_days/problem.html",
            {
                "problem": kind,
                "invitation": invitation,
                "learning_day": invitation.learning_day if invitation else None,
                "link_valid_days": LINK_VALID_FOR.days,
            },
            status=status,
        )

    def find(self, signed: str) -> LearningDayInvitation | HttpResponse:
        """The invitation the link is for, still open to answers; or the page to show instead."""
        try:
            invitation_id = read_invitation_link(signed)
        except signing.SignatureExpired:
            return self.problem("expired", status=410)
        except signing.BadSignature:
            return self.problem("invalid", status=400)
        invitation = (
            LearningDayInvitation.objects.select_related(
                "learning_day__programme", "project__organisation"
            )
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            return self.problem("gone", status=410)
        day = invitation.learning_day
        if day.is_cancelled:
            return self.problem("cancelled", status=410, invitation=invitation)
        if timezone.now() >= day.starts_at:
            return self.problem("closed", status=410, invitation=invitation)
        return invitation

    def page(self, template: str, invitation, *, signed: str, status: int = 200, **context):
        day = invitation.learning_day
        return render(
            self.request,
            f"cohort/learning_days/{template}",
            {
                "invitation": invitation,
                "learning_day": day,
                "programme": day.programme,
                "when": when_text(day),
                "where": where_text(day),
                "signed": signed,
                "has_errors": bool(context.get("form") and context["form"].errors),
                **context,
            },
            status=status,
        )

    # Once someone has been sent in the invitee's place, the invitation is theirs: the invitee's
    # own link shows what was recorded and answers nothing more (the service refuses it too).
    answers_after_sending_someone = False

    def get(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if self.sent_someone(found):
            return redirect("cohort:learning_day_answered", signed=signed)
        return self.show(found, signed=signed)

    def post(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if self.sent_someone(found):
            return redirect("cohort:learning_day_answered", signed=signed)
        return self.answer(found, signed=signed)

    def sent_someone(self, invitation) -> bool:
        return (
            not self.answers_after_sending_someone
            and invitation.answer == InvitationAnswer.SENT_SOMEONE_ELSE
        )

    def show(self, invitation, *, signed):  # pragma: no cover - each page defines it
        raise NotImplementedError

    def answer(self, invitation, *, signed):  # pragma: no cover - each page defines it
        raise NotImplementedError

    def service_error(self, form, error: LearningDayError):
        add_to_form(form, error)


class AnswerView(InvitationLinkView):
    """Can you come: yes (then needs), no, or someone else will (then who)."""

    def show(self, invitation, *, signed, form=None):
        if form is None:
            initial = (
                {"answer": invitation.answer}
                if invitation.answer in InvitationAnswer.answered()
                else {}
            )
            form = AnswerForm(initial=initial)
        return self.page(
            "answer.html",
            invitation,
            signed=signed,
            form=form,
            status=400 if form.errors else 200,
        )

    def answer(self, invitation, *, signed):
        form = AnswerForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        answer = form.cleaned_data["answer"]
        if answer == InvitationAnswer.SENT_SOMEONE_ELSE:
            return redirect("cohort:learning_day_substitute", signed=signed)
        try:
            answer_invitation(invitation_id=invitation.pk, answer=answer)
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        if answer == InvitationAnswer.ACCEPTED:
            return redirect("cohort:learning_day_needs", signed=signed)
        return redirect("cohort:learning_day_answered", signed=signed)


class NeedsView(InvitationLinkView):
    """For someone coming: access and dietary needs, both optional."""

    def show(self, invitation, *, signed, form=None):
        if invitation.answer != InvitationAnswer.ACCEPTED:
            return redirect("cohort:learning_day_answer", signed=signed)
        form = form or NeedsForm(
            initial={
                "access_needs": invitation.access_needs,
                "dietary_needs": invitation.dietary_needs,
            }
        )
        return self.page(
            "needs.html", invitation, signed=signed, form=form, status=400 if form.errors else 200
        )

    def answer(self, invitation, *, signed):
        form = NeedsForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        try:
            answer_invitation(
                invitation_id=invitation.pk,
                answer=InvitationAnswer.ACCEPTED,
                access_needs=form.cleaned_data["access_needs"],
                dietary_needs=form.cleaned_data["dietary_needs"],
            )
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        return redirect("cohort:learning_day_answered", signed=signed)


class SubstituteView(InvitationLinkView):
    """Who is coming in your place: they get an invitation of their own."""

    def show(self, invitation, *, signed, form=None):
        form = form or SubstituteForm()
        return self.page(
            "substitute.html",
            invitation,
            signed=signed,
            form=form,
            status=400 if form.errors else 200,
        )

    def answer(self, invitation, *, signed):
        form = SubstituteForm(self.request.POST)
        if not form.is_valid():
            return self.show(invitation, signed=signed, form=form)
        try:
            answer_invitation(
                invitation_id=invitation.pk,
                answer=InvitationAnswer.SENT_SOMEONE_ELSE,
                substitute=form.substitute(),
            )
        except LearningDayError as error:
            self.service_error(form, error)
            return self.show(invitation, signed=signed, form=form)
        return redirect("cohort:learning_day_answered", signed=signed)


class AnsweredView(InvitationLinkView):
    """The confirmation: what we have recorded, and how to change it."""

    answers_after_sending_someone = True

    def show(self, invitation, *, signed):
        if invitation.answer == InvitationAnswer.AWAITING:
            return redirect("cohort:learning_day_answer", signed=signed)
        substitute = invitation.substitutes.order_by("-pk").first()
        return self.page(
            "answered.html",
            invitation,
            signed=signed,
            substitute=substitute,
            change_url=reverse("cohort:learning_day_answer", kwargs={"signed": signed}),
        )

    def post(self, request, signed):
        return redirect("cohort:learning_day_answered", signed=signed)
