"""Peer engagements (issue 15): a project's consultant (or a programme manager) proposes a visit,
a call or a review of written material to a peer approach, and records what happened; the peer's
contact answers through a signed link, without an account.

Which projects a person may open is decided in the query
(cohort.selectors.progress.projects_visible_to): another consultant's project is a 404. The
peer's link opens only the engagement it was made for (PeerLinkView).
"""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.errors import ProjectError
from cohort.forms.peer_engagements import PeerAnswerForm, ProposeForm, RecordForm
from cohort.models import PeerApproach
from cohort.peer_links import LINK_VALID_FOR, read_engagement_link
from cohort.selectors import peer_engagements as selectors
from cohort.services.peer_engagements import (
    ANSWERABLE_STATUSES,
    answer_peer_engagement,
    propose_peer_engagement,
    record_peer_engagement,
)
from programmes.errors import add_to_form
from programmes.views.public import PublicView


def engagements_url(project) -> str:
    return reverse("cohort:peer_engagements", kwargs={"pk": project.pk})


class ProjectPeerView(PermissionRequiredMixin, View):
    permission_required = "cohort.manage_peer_engagements"

    def get_project(self, pk):
        project = selectors.project_for_engagements(self.request.user, pk)
        if project is None:
            raise Http404("No such project")
        return project


class EngagementsView(ProjectPeerView):
    """A project's engagements with their status and history, and the way to propose one."""

    def get(self, request, pk):
        project = self.get_project(pk)
        return render(
            request,
            "cohort/peer_engagements/list.html",
            {
                "project": project,
                "engagements": selectors.engagements_of(project),
                "match": selectors.match_of(project),
                "back_url": reverse("cohort:project", kwargs={"pk": project.pk}),
            },
        )


class ProposeView(ProjectPeerView):
    """The question page: which peer (the match first), what kind, and a message."""

    def approaches(self, project):
        return (
            PeerApproach.objects.filter(programme_id=project.programme_id, archived_at__isnull=True)
            .exclude(organisation_id=project.organisation_id)
            .order_by("organisation_name", "title")
        )

    def get(self, request, pk):
        project = self.get_project(pk)
        match = selectors.match_of(project)
        initial = {"approach": match.approach_id, "kind": match.mode} if match else {}
        form = ProposeForm(approaches=self.approaches(project), initial=initial)
        return self.render_page(project, form)

    def post(self, request, pk):
        project = self.get_project(pk)
        form = ProposeForm(request.POST, approaches=self.approaches(project))
        if form.is_valid():
            try:
                engagement = propose_peer_engagement(
                    project_id=project.pk,
                    approach_id=form.cleaned_data["approach"].pk,
                    kind=form.cleaned_data["kind"],
                    message=form.cleaned_data["message"],
                    by=request.user,
                )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"Your proposal has been emailed to {engagement.approach.contact_name} at "
                    f"{engagement.approach.organisation_name}.",
                )
                return redirect(engagements_url(project))
        return self.render_page(project, form)

    def render_page(self, project, form):
        return render(
            self.request,
            "cohort/peer_engagements/propose.html",
            {
                "project": project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": engagements_url(project),
            },
            status=400 if form.errors else 200,
        )


class RecordView(ProjectPeerView):
    """Record where an engagement has got to and what happened: one column, for a phone."""

    def get_engagement(self, pk, engagement_pk):
        engagement = selectors.engagement_for(self.request.user, project_pk=pk, pk=engagement_pk)
        if engagement is None:
            raise Http404("No such engagement")
        return engagement

    def get(self, request, pk, engagement_pk):
        engagement = self.get_engagement(pk, engagement_pk)
        return self.render_page(engagement, RecordForm(initial=RecordForm.initial_for(engagement)))

    def post(self, request, pk, engagement_pk):
        engagement = self.get_engagement(pk, engagement_pk)
        form = RecordForm(request.POST)
        if form.is_valid():
            try:
                record_peer_engagement(
                    engagement_id=engagement.pk, by=request.user, **form.cleaned_data
                )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"The engagement with {engagement.approach.organisation_name} is saved.",
                )
                return redirect(engagements_url(engagement.project))
        return self.render_page(engagement, form)

    def render_page(self, engagement, form):
        return render(
            self.request,
            "cohort/peer_engagements/record.html",
            {
                "engagement": engagement,
                "project": engagement.project,
                "form": form,
                "has_errors": bool(form.errors),
                "back_url": engagements_url(engagement.project),
            },
            status=400 if form.errors else 200,
        )


# --- The peer's contact, through the signed link -----------------------------------------------


class PeerLinkView(PublicView):
    """Anyone with the link may answer for the peer contact it was sent to.

    The signature stops guessing and tampering (the engagement's ID is what is signed, so one
    link cannot open another engagement), and the timestamp makes it expire. The page shows only
    that engagement: the council's name, its refined key question, the kind and the message.
    Never cached, never sent as a Referer, not indexed.
    """

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def problem(self, kind: str, *, status: int) -> HttpResponse:
        return render(
            self.request,
            "cohort/peer_engagements/problem.html",
            {"problem": kind, "link_valid_days": LINK_VALID_FOR.days},
            status=status,
        )

    def find(self, signed: str):
        try:
            engagement_id = read_engagement_link(signed)
        except signing.SignatureExpired:
            return self.problem("expired", status=410)
        except signing.BadSignature:
            # As if there were no such page: nothing about what the link might have opened.
            return self.problem("invalid", status=404)
        engagement = selectors.engagement_for_peer(engagement_id)
        if engagement is None:
            return self.problem("gone", status=404)
        return engagement

    def page(self, template, engagement, *, signed, status=200, **context):
        return render(
            self.request,
            f"cohort/peer_engagements/{template}",
            {
                "engagement": engagement,
                "project": engagement.project,
                "key_question": engagement.project.refined_key_question
                or engagement.project.key_question,
                "signed": signed,
                "has_errors": bool(context.get("form") and context["form"].errors),
                **context,
            },
            status=status,
        )


class PeerAnswerView(PeerLinkView):
    def get(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if found.status not in ANSWERABLE_STATUSES:
            return redirect("cohort:peer_engagement_answered", signed=signed)
        return self.page("peer_answer.html", found, signed=signed, form=PeerAnswerForm())

    def post(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        form = PeerAnswerForm(request.POST)
        if form.is_valid():
            try:
                answer_peer_engagement(
                    engagement_id=found.pk,
                    answer=form.cleaned_data["answer"],
                    message=form.answer_message(),
                )
            except ProjectError as error:
                add_to_form(form, error)
            else:
                return redirect("cohort:peer_engagement_answered", signed=signed)
        return self.page("peer_answer.html", found, signed=signed, form=form, status=400)


class PeerAnsweredView(PeerLinkView):
    def get(self, request, signed):
        found = self.find(signed)
        if isinstance(found, HttpResponse):
            return found
        if found.peer_answered_at is None and found.status in ANSWERABLE_STATUSES:
            return redirect("cohort:peer_engagement_answer", signed=signed)
        return self.page(
            "peer_answered.html",
            found,
            signed=signed,
            can_change=found.status in ANSWERABLE_STATUSES,
        )
