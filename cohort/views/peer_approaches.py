"""The programme's pool of peer approaches, for programme managers: the list (active or archived,
with a search), add and change, archive and restore after a confirmation page, import from a
CSV or XLSX file with a validation report, the import template, and the programme's peer partner
offers with "Turn into an approach".

Another programme's approach or offer is a 404: every lookup goes through the programme.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.errors import PeerApproachError
from cohort.forms.peer_approaches import ImportForm, PeerApproachForm
from cohort.selectors import peer_approaches as selectors
from cohort.services import peer_approaches as services
from programmes.errors import add_to_form
from programmes.models import Programme


def approaches_url(programme, *, archived: bool = False, anchor: str = "") -> str:
    url = reverse("cohort:peer_approaches", kwargs={"slug": programme.slug})
    if archived:
        url += "?status=archived"
    return f"{url}#{anchor}" if anchor else url


class ManagePeerApproachesView(PermissionRequiredMixin, View):
    permission_required = "cohort.manage_peer_approaches"

    def get_programme(self, slug) -> Programme:
        return get_object_or_404(Programme, slug=slug)

    def get_approach(self, programme, pk):
        approach = selectors.approach_in(programme, pk)
        if approach is None:
            raise Http404("No such approach")
        return approach


class PeerApproachesView(ManagePeerApproachesView):
    """The pool: active or archived approaches, with a search."""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        status = (
            selectors.ARCHIVED
            if request.GET.get("status") == selectors.ARCHIVED
            else selectors.ACTIVE
        )
        search = " ".join(request.GET.get("q", "").split())[:200]
        return render(
            request,
            "cohort/peer_approaches/list.html",
            {
                "programme": programme,
                "status": status,
                "search": search,
                "approaches": selectors.approaches_for(programme, status=status, search=search),
            },
        )


class PeerApproachFormView(ManagePeerApproachesView):
    """Add an approach (no pk) or change one."""

    def get(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        approach = None if pk is None else self.get_approach(programme, pk)
        form = PeerApproachForm(
            initial=PeerApproachForm.initial_for(approach) if approach else {"hosts": []}
        )
        return self.render_page(programme, approach, form)

    def post(self, request, slug, pk=None):
        programme = self.get_programme(slug)
        approach = None if pk is None else self.get_approach(programme, pk)
        form = PeerApproachForm(request.POST)
        if form.is_valid():
            try:
                saved = services.save_peer_approach(
                    programme_id=programme.pk,
                    approach_id=approach.pk if approach else None,
                    by=request.user,
                    **form.service_arguments(),
                )
            except PeerApproachError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"The approach ‘{saved.title}’ has been {'changed' if approach else 'added'}.",
                )
                return redirect(
                    approaches_url(
                        programme,
                        archived=saved.archived_at is not None,
                        anchor=f"approach-{saved.pk}",
                    )
                )
        return self.render_page(programme, approach, form)

    def render_page(self, programme, approach, form):
        return render(
            self.request,
            "cohort/peer_approaches/form.html",
            {
                "programme": programme,
                "approach": approach,
                "form": form,
                "back_url": approaches_url(programme),
            },
        )


class ArchivePeerApproachView(ManagePeerApproachesView):
    """Archive an active approach, or restore an archived one, after a confirmation page."""

    def get(self, request, slug, pk):
        programme = self.get_programme(slug)
        approach = self.get_approach(programme, pk)
        return render(
            request,
            "cohort/peer_approaches/archive.html",
            {
                "programme": programme,
                "approach": approach,
                "matches": list(approach.matches.all()),
                "back_url": approaches_url(programme, archived=approach.archived_at is not None),
            },
        )

    def post(self, request, slug, pk):
        programme = self.get_programme(slug)
        approach = self.get_approach(programme, pk)
        restoring = approach.archived_at is not None
        try:
            if restoring:
                services.restore_peer_approach(approach_id=approach.pk, by=request.user)
            else:
                services.archive_peer_approach(approach_id=approach.pk, by=request.user)
        except PeerApproachError as error:
            messages.error(request, error.message)
            return redirect(approaches_url(programme, archived=restoring))
        messages.success(
            request,
            f"The approach ‘{approach.title}’ has been {'restored' if restoring else 'archived'}.",
        )
        return redirect(approaches_url(programme, archived=not restoring))


class ImportPeerApproachesView(ManagePeerApproachesView):
    """Upload a CSV or XLSX file; see every problem, or every approach added."""

    def get(self, request, slug):
        return self.render_page(self.get_programme(slug), ImportForm(), None)

    def post(self, request, slug):
        programme = self.get_programme(slug)
        form = ImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            try:
                report = services.import_peer_approaches(
                    programme_id=programme.pk, upload=form.cleaned_data["file"], by=request.user
                )
            except PeerApproachError as error:
                add_to_form(form, error)
            else:
                if report.is_clean:
                    count = len(report.created)
                    messages.success(
                        request,
                        f"{count} approach{'es' if count != 1 else ''} "
                        f"{'have' if count != 1 else 'has'} been imported.",
                    )
                    return redirect(approaches_url(programme))
                form.add_error(
                    "file",
                    f"The file has {len(report.problems)} "
                    f"problem{'s' if len(report.problems) != 1 else ''}, listed below. "
                    "Nothing has been imported: correct the file and upload it again",
                )
        return self.render_page(programme, form, report)

    def render_page(self, programme, form, report):
        return render(
            self.request,
            "cohort/peer_approaches/import.html",
            {
                "programme": programme,
                "form": form,
                "report": report,
                "columns": [column for column, _ in services.COLUMNS],
                "max_rows": services.MAX_ROWS,
                "back_url": approaches_url(programme),
            },
        )


class ImportTemplateView(ManagePeerApproachesView):
    """The import's columns as a CSV file, with one example row."""

    def get(self, request, slug):
        self.get_programme(slug)
        response = HttpResponse(
            "\ufeff" + services.template_csv(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="peer-approaches-template.csv"'
        return response


class OffersToApproachesView(ManagePeerApproachesView):
    """The programme's peer partner offers, each with its approach or "Turn into an approach"."""

    def get(self, request, slug):
        programme = self.get_programme(slug)
        return render(
            request,
            "cohort/peer_approaches/from_offers.html",
            {
                "programme": programme,
                "offers": selectors.offers_with_approaches(programme),
                "back_url": approaches_url(programme),
            },
        )

    def post(self, request, slug):
        programme = self.get_programme(slug)
        offer = get_object_or_404(programme.peer_partner_offers, pk=request.POST.get("offer"))
        try:
            approach = services.approach_from_offer(offer_id=offer.pk, by=request.user)
        except PeerApproachError as error:
            messages.error(request, error.message)
            return redirect(
                reverse("cohort:peer_approaches_from_offers", kwargs={"slug": programme.slug})
                + f"#offer-{offer.pk}"
            )
        messages.success(
            request,
            f"The offer from {offer.organisation_name} is now the approach ‘{approach.title}’. "
            "Check its challenge areas and capacity.",
        )
        return redirect(approaches_url(programme, anchor=f"approach-{approach.pk}"))
