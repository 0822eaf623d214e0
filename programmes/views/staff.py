"""The programme team's workspace: programmes, sign-ups, peer partner offers, organisations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes import services
from programmes.exports import community_signups_csv
from programmes.forms import ProgrammeForm
from programmes.models import Organisation, Programme
from programmes.selectors.membership import pending_requests_for_managers


class ProgrammeManagerView(PermissionRequiredMixin, View):
    permission_required = "programmes.manage_programmes"


class ManageProgrammesView(ProgrammeManagerView):
    def get(self, request):
        programmes = Programme.objects.annotate(
            applications_count=Count(
                "applications", filter=~Q(applications__status="draft"), distinct=True
            ),
            drafts_count=Count(
                "applications", filter=Q(applications__status="draft"), distinct=True
            ),
        ).order_by("-closes_at")
        unconfirmed = Organisation.objects.filter(is_confirmed=False).count()
        return render(
            request,
            "programmes/manage/list.html",
            {
                "programmes": programmes,
                "unconfirmed_count": unconfirmed,
                "pending_requests_count": pending_requests_for_managers().count(),
            },
        )


class ProgrammeFormView(ProgrammeManagerView):
    def get_programme(self, slug):
        return get_object_or_404(Programme, slug=slug) if slug else Programme()

    def get(self, request, slug=None):
        programme = self.get_programme(slug)
        return render(
            request,
            "programmes/manage/form.html",
            {"form": ProgrammeForm(instance=programme), "programme": programme},
        )

    def post(self, request, slug=None):
        programme = self.get_programme(slug)
        form = ProgrammeForm(request.POST, instance=programme)
        if form.is_valid():
            try:
                programme = services.save_programme(
                    programme=form.save(commit=False), challenge_areas=form.challenge_areas()
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"‘{programme.title}’ has been saved.")
                return redirect("applications:staff_list", slug=programme.slug)
        return render(
            request,
            "programmes/manage/form.html",
            {"form": form, "programme": programme, "has_errors": True},
        )


class CommunitySignupsView(ProgrammeManagerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "programmes/manage/community_signups.html",
            {"programme": programme, "signups": programme.community_signups.all()},
        )


class CommunitySignupsCsvView(ProgrammeManagerView):
    """The sign-ups as a spreadsheet, to invite them to the online forum."""

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        response = HttpResponse(
            "\ufeff" + community_signups_csv(programme.community_signups.all()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="community-of-learning-{programme.slug}.csv"'
        )
        return response


class PeerPartnerOffersView(ProgrammeManagerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        offers = programme.peer_partner_offers.prefetch_related("thrive_categories")
        return render(
            request,
            "programmes/manage/peer_partner_offers.html",
            {"programme": programme, "offers": offers},
        )


class OrganisationsToConfirmView(ProgrammeManagerView):
    def get(self, request):
        organisations = Organisation.objects.filter(is_confirmed=False).select_related(
            "proposed_by"
        )
        return render(
            request,
            "programmes/manage/organisations_to_confirm.html",
            {"organisations": organisations},
        )

    def post(self, request):
        organisation = get_object_or_404(
            Organisation, pk=request.POST.get("organisation"), is_confirmed=False
        )
        services.confirm_organisation(organisation=organisation)
        messages.success(request, f"{organisation.name} has been confirmed.")
        return redirect("programmes:organisations_to_confirm")
