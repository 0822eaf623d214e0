"""The programme manager's peer matching page (issue 15 parts 2 and 3): the cohort's projects
with their stored matches; a suggestion worked out on request and shown beside them (viewing it
writes nothing); accepting it; and, per project, changing, locking, unlocking or removing the
match and ruling a pair out. The weights form says what each weight means.

Every project and approach is looked up within the programme in the address, so another
programme's is a 404.
"""

from crispy_forms_gds.choices import Choice
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.exports import XLSX_CONTENT_TYPE, as_xlsx
from cohort.errors import PeerMatchingError
from cohort.exports import peer_engagements_sheet, peer_matches_sheet
from cohort.forms.peer_matching import ChooseMatchForm, RuleOutForm, WeightsForm
from cohort.models import PeerApproach, Project
from cohort.services import peer_matching as services
from programmes.errors import add_to_form
from programmes.models import Programme


def matching_url(programme, *, mode: str = "", suggest: bool = False, anchor: str = "") -> str:
    url = reverse("cohort:peer_matching", kwargs={"slug": programme.slug})
    query = []
    if suggest:
        query.append("suggest=1")
    if mode:
        query.append(f"mode={mode}")
    if query:
        url += "?" + "&".join(query)
    return f"{url}#{anchor}" if anchor else url


def approaches_url(programme) -> str:
    return reverse("cohort:peer_approaches", kwargs={"slug": programme.slug})


def _mode_from(data) -> str:
    mode = data.get("mode", "visit")
    return mode if mode in ("visit", "call") else "visit"


class ManagePeerMatchingView(PermissionRequiredMixin, View):
    permission_required = "cohort.manage_peer_matching"

    def get_programme(self, slug) -> Programme:
        return get_object_or_404(Programme, slug=slug)

    def get_project(self, programme, pk) -> Project:
        return get_object_or_404(
            Project.objects.select_related("organisation"), programme=programme, pk=pk
        )


def _rows(state):
    """What the table shows for each project."""
    rows = []
    places_left = state.matching.places_left if state.matching else {}
    for project, current, suggested in state.rows():
        row = {"project": project, "current": current, "suggested": suggested}
        if suggested is not None and suggested.choice is not None:
            row["choice"] = {
                "approach": state.approaches[suggested.choice.approach.key],
                "candidate": suggested.choice,
                "places_left": places_left.get(suggested.choice.approach.key, 0),
                "same_as_current": current is not None
                and current.approach_id == suggested.choice.approach.key,
            }
            row["alternatives"] = [
                {
                    "approach": state.approaches[alternative.candidate.approach.key],
                    "candidate": alternative.candidate,
                    "places_left": alternative.places_left,
                }
                for alternative in suggested.alternatives
            ]
        rows.append(row)
    return rows


class PeerMatchingView(ManagePeerMatchingView):
    """The cohort's projects and their matches; with ?suggest=1, the suggestion beside them."""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        return self.render_page(request, programme)

    def render_page(self, request, programme, weights_form=None, status=200):
        mode = _mode_from(request.GET)
        suggest = request.GET.get("suggest") == "1"
        if suggest:
            state = services.suggest_peer_matching(programme_id=programme.pk, mode=mode)
        else:
            state = services.peer_matching_state(programme_id=programme.pk, mode=mode)
        if weights_form is None:
            weights_form = WeightsForm(
                initial={
                    name: f"{getattr(state.weights, name):g}" for name in services.WEIGHT_FIELDS
                }
            )
        matched = sum(1 for project in state.projects if project.pk in state.current)
        return render(
            request,
            "cohort/peer_matching/page.html",
            {
                "programme": programme,
                "state": state,
                "rows": _rows(state),
                "mode": mode,
                "suggest": suggest,
                "matched_count": matched,
                "weights_form": weights_form,
                "form": weights_form,
                "approaches_url": approaches_url(programme),
                "forbidden_pairs": [pair for pairs in state.forbidden.values() for pair in pairs],
            },
            status=status,
        )


class AcceptSuggestionView(ManagePeerMatchingView):
    def post(self, request, slug):
        programme = self.get_programme(slug)
        mode = _mode_from(request.POST)
        try:
            matched = services.accept_suggested_matches(
                programme_id=programme.pk, mode=mode, by=request.user
            )
        except PeerMatchingError as error:
            messages.error(request, error.message)
            return redirect(matching_url(programme, mode=mode, suggest=True))
        messages.success(
            request,
            f"Suggestion accepted: {matched} project{'s' if matched != 1 else ''} matched, locked "
            "matches kept",
        )
        return redirect(matching_url(programme, mode=mode))


class WeightsView(PeerMatchingView):
    def get(self, request, slug):
        return redirect(matching_url(self.get_programme(slug), anchor="weights"))

    def post(self, request, slug):
        programme = self.get_programme(slug)
        form = WeightsForm(request.POST)
        if form.is_valid():
            try:
                services.save_peer_matching_weights(
                    programme_id=programme.pk, by=request.user, **form.cleaned_data
                )
            except PeerMatchingError as error:
                add_to_form(form, error)
            else:
                messages.success(request, "Weights saved")
                return redirect(matching_url(programme, anchor="weights"))
        return self.render_page(request, programme, weights_form=form, status=200)


class ChangeMatchView(ManagePeerMatchingView):
    """One project's candidates, best first with reasons; the manager chooses one and the mode."""

    def get(self, request, slug, pk):
        programme = self.get_programme(slug)
        project = self.get_project(programme, pk)
        mode = _mode_from(request.GET)
        candidates, state = services.candidates_for(project=project, mode=mode)
        current = state.current.get(project.pk)
        initial = {"mode": mode}
        if current:
            initial["approach"] = str(current.approach_id)
        form = self.make_form(candidates, state, project, initial=initial)
        return self.show(request, programme, project, mode, form, candidates, state)

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        project = self.get_project(programme, pk)
        mode = _mode_from(request.POST)
        candidates, state = services.candidates_for(project=project, mode=mode)
        form = self.make_form(candidates, state, project, data=request.POST)
        if form.is_valid():
            try:
                match = services.choose_peer_match(
                    project_id=project.pk,
                    approach_id=int(form.cleaned_data["approach"]),
                    mode=form.cleaned_data["mode"],
                    by=request.user,
                )
            except PeerMatchingError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"{project.organisation.name} matched with “{match.approach.title}”",
                )
                return redirect(matching_url(programme, anchor=f"project-{project.pk}"))
        return self.show(request, programme, project, mode, form, candidates, state)

    def make_form(self, candidates, state, project, **kw):
        choices = [
            Choice(
                str(approach.pk),
                f"{approach.title} ({approach.organisation_name})",
                hint=f"{candidate.reason or 'Nothing in common found'}. Score "
                f"{candidate.score:.2f}; {max(places, 0)} place{'s' if places != 1 else ''} left",
            )
            for candidate, approach, places in candidates
        ]
        current = state.current.get(project.pk)
        if current and current.approach_id not in {a.pk for _, a, _ in candidates}:
            approach = current.approach
            choices.append(
                Choice(
                    str(approach.pk),
                    f"{approach.title} ({approach.organisation_name})",
                    hint="The current match, no longer a candidate for this mode",
                )
            )
        return ChooseMatchForm(approach_choices=choices, **kw)

    def show(self, request, programme, project, mode, form, candidates, state):
        return render(
            request,
            "cohort/peer_matching/change.html",
            {
                "programme": programme,
                "project": project,
                "mode": mode,
                "form": form,
                "candidates": candidates,
                "current": state.current.get(project.pk),
                "ruled_out": state.forbidden.get(project.pk, []),
                "back_url": matching_url(programme, anchor=f"project-{project.pk}"),
                "approaches_url": approaches_url(programme),
            },
        )


class MatchActionView(ManagePeerMatchingView):
    """Lock, unlock or remove one project's match (POST only)."""

    action = ""

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        project = self.get_project(programme, pk)
        service, done = {
            "lock": (services.lock_peer_match, "locked"),
            "unlock": (services.unlock_peer_match, "unlocked"),
            "remove": (services.remove_peer_match, "removed"),
        }[self.action]
        try:
            service(project_id=project.pk, by=request.user)
        except PeerMatchingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{project.organisation.name}’s match {done}")
        return redirect(matching_url(programme, anchor=f"project-{project.pk}"))


class RuleOutView(ManagePeerMatchingView):
    """Rule a project and an approach out as a pair, after a confirmation with a reason."""

    def get_pair(self, slug, pk, approach_pk):
        programme = self.get_programme(slug)
        project = self.get_project(programme, pk)
        approach = get_object_or_404(PeerApproach, programme=programme, pk=approach_pk)
        return programme, project, approach

    def get(self, request, slug, pk, approach_pk):
        return self.show(request, *self.get_pair(slug, pk, approach_pk), RuleOutForm())

    def post(self, request, slug, pk, approach_pk):
        programme, project, approach = self.get_pair(slug, pk, approach_pk)
        form = RuleOutForm(request.POST)
        if form.is_valid():
            try:
                services.forbid_peer_pair(
                    project_id=project.pk,
                    approach_id=approach.pk,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except PeerMatchingError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"{project.organisation.name} will never be matched with “{approach.title}”",
                )
                return redirect(matching_url(programme, anchor=f"project-{project.pk}"))
        return self.show(request, programme, project, approach, form)

    def show(self, request, programme, project, approach, form):
        return render(
            request,
            "cohort/peer_matching/rule_out.html",
            {
                "programme": programme,
                "project": project,
                "approach": approach,
                "form": form,
                "back_url": matching_url(programme, anchor=f"project-{project.pk}"),
            },
        )


class AllowPairView(RuleOutView):
    def get(self, request, slug, pk, approach_pk):
        return redirect(matching_url(self.get_programme(slug), anchor="ruled-out"))

    def post(self, request, slug, pk, approach_pk):
        programme, project, approach = self.get_pair(slug, pk, approach_pk)
        services.allow_peer_pair(project_id=project.pk, approach_id=approach.pk, by=request.user)
        messages.success(
            request, f"{project.organisation.name} may be matched with “{approach.title}” again"
        )
        return redirect(matching_url(programme, anchor="ruled-out"))


class PeerSpreadsheetView(ManagePeerMatchingView):
    """The cohort's matches, or its engagements, as an XLSX file (text never read as a formula)."""

    sheet = None  # peer_matches_sheet or peer_engagements_sheet
    name = ""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        sheet = self.sheet(programme)
        response = HttpResponse(
            as_xlsx(sheet, title=self.name.capitalize()), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = (
            f'attachment; filename="peer-{self.name}-{programme.slug}.xlsx"'
        )
        return response


class PeerMatchesSpreadsheetView(PeerSpreadsheetView):
    sheet = staticmethod(peer_matches_sheet)
    name = "matches"


class PeerEngagementsSpreadsheetView(PeerSpreadsheetView):
    sheet = staticmethod(peer_engagements_sheet)
    name = "engagements"
