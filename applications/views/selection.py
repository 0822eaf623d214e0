"""Choosing the cohort and sending decisions (programme managers)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.cohort_optimiser import (
    CohortInfeasible,
)
from applications.enums import ApplicationStatus
from applications.forms.selection import DecisionsForm, SuggestionForm
from applications.selectors.cohort import cohort_candidates, cohort_summary, suggested_cohort
from applications.services import selection
from applications.services.applying import ApplicationError
from notifications.selectors import scope_value_of
from programmes.models import Programme, ThriveCategory


class SelectionView(PermissionRequiredMixin, View):
    permission_required = "applications.select_cohort"

    def get_programme(self, slug: str) -> Programme:
        return get_object_or_404(Programme, slug=slug)


class CohortView(SelectionView):
    """The cohort as it is chosen, with a suggested cohort on request."""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        candidates = cohort_candidates(programme)
        open_candidates = [c for c in candidates if not c.application.decision_released_at]
        thrive = list(ThriveCategory.objects.all())
        suggestion = infeasible = None
        form = SuggestionForm(
            request.GET if "suggest" in request.GET else None,
            candidates=open_candidates,
            initial={"max_per_region": programme.max_per_region, "cover_thrive": True},
        )
        if form.is_bound and form.is_valid():
            try:
                suggestion = suggested_cohort(
                    programme=programme,
                    candidates=open_candidates,
                    thrive=thrive,
                    max_per_region=form.cleaned_data["max_per_region"],
                    must_include=form.chosen("include"),
                    must_exclude=form.chosen("exclude"),
                    cover_thrive=form.cleaned_data["cover_thrive"],
                )
            except CohortInfeasible as error:
                infeasible = error.message
        by_id = {c.application.pk: c for c in candidates}
        return render(
            request,
            "applications/selection/cohort.html",
            {
                "programme": programme,
                "candidates": candidates,
                "summary": cohort_summary(programme, candidates, thrive),
                "form": form,
                "suggestion": suggestion,
                "suggested": [by_id[i] for i in suggestion.selected] if suggestion else [],
                "reasons": {r.candidate_id: r for r in suggestion.reasons} if suggestion else {},
                "infeasible": infeasible,
                "due_soon": selection.decisions_due_soon(programme),
                "has_errors": bool(form.errors) or bool(infeasible),
            },
        )

    def post(self, request, slug):
        programme = self.get_programme(slug)
        application = get_object_or_404(programme.applications, pk=request.POST.get("application"))
        actions = {
            "shortlist": lambda: selection.shortlist(
                application_id=application.pk, by=request.user
            ),
            "unshortlist": lambda: selection.shortlist(
                application_id=application.pk, by=request.user, on=False
            ),
            "select": lambda: selection.select_for_cohort(
                application_id=application.pk, by=request.user
            ),
            "remove": lambda: selection.remove_from_cohort(
                application_id=application.pk, by=request.user
            ),
        }
        action = actions.get(request.POST.get("action"))
        if action is None:
            messages.error(request, "Choose what to do with the application.")
        else:
            try:
                action()
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"{application.organisation.name}: done.")
        return redirect(
            f"{reverse('applications:cohort', args=[slug])}#application-{application.pk}"
        )


class AcceptSuggestionView(SelectionView):
    def post(self, request, slug):
        programme = self.get_programme(slug)
        ids = [int(i) for i in request.POST.getlist("application") if i.isdigit()]
        valid = set(programme.applications.filter(pk__in=ids).values_list("pk", flat=True))
        try:
            size = selection.accept_suggested_cohort(
                programme_id=programme.pk,
                application_ids=[i for i in ids if i in valid],
                by=request.user,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"The suggested cohort of {size} has been chosen. "
                "You can still change it before sending decisions.",
            )
        return redirect("applications:cohort", slug=slug)


class DecisionsView(SelectionView):
    def context(self, programme, form=None):
        candidates = cohort_candidates(programme)
        undecided = [c for c in candidates if not c.application.decision_released_at]
        cohort = [c for c in undecided if c.application.status == ApplicationStatus.SELECTED]
        others = [c for c in undecided if c.application.status != ApplicationStatus.SELECTED]
        form = form or DecisionsForm(
            others=others,
            initial={
                "waitlist": [
                    c.application.pk
                    for c in others
                    if c.application.status == ApplicationStatus.WAITLISTED
                ]
            },
        )
        held = selection.held_decision_email_ids(programme)
        return {
            "programme": programme,
            "cohort": cohort,
            # The whole cohort, decisions sent or not: after release it is still the cohort.
            "whole_cohort": [
                c for c in candidates if c.application.status == ApplicationStatus.SELECTED
            ],
            "others": others,
            "released": [c for c in candidates if c.application.decision_released_at],
            "form": form,
            "held_count": len(held),
            "programme_filter": scope_value_of(programme),
            "due_soon": selection.decisions_due_soon(programme),
            "has_errors": bool(form.errors),
        }

    def get(self, request, slug):
        programme = self.get_programme(slug)
        return render(request, "applications/selection/decisions.html", self.context(programme))

    def post(self, request, slug):
        programme = self.get_programme(slug)
        if "release" in request.POST:
            try:
                count = selection.release_decisions(programme_id=programme.pk, by=request.user)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"{count} decision emails are being sent.")
            return redirect("applications:decisions", slug=slug)
        context = self.context(programme)
        form = DecisionsForm(request.POST, others=context["others"])
        if form.is_valid():
            try:
                count = selection.prepare_decisions(
                    programme_id=programme.pk,
                    waitlist=form.cleaned_data["waitlist"],
                    messages=form.messages(),
                    by=request.user,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    f"{count} decision emails are ready. Check them, then send them together.",
                )
                return redirect("applications:decisions", slug=slug)
        return render(
            request, "applications/selection/decisions.html", self.context(programme, form=form)
        )
