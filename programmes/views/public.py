"""Pages anyone can read: open programmes, a programme's call, and the two sign-up forms."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from programmes import services
from programmes.forms import CommunitySignupForm, PeerPartnerOfferForm
from programmes.models import Programme
from programmes.selectors import (
    open_programmes,
    organisation_of,
    published_programmes,
)


class PublicView(View):
    """Readable by anyone, signed in or not: the explicit permission of these pages."""


class HomeView(PublicView):
    def get(self, request):
        return render(request, "programmes/home.html", {"programmes": open_programmes()})


class ProgrammeDetailView(PublicView):
    def get(self, request, slug):
        # Programme managers can preview a programme before they publish it.
        programmes = (
            Programme.objects.all()
            if request.user.has_perm("programmes.manage_programmes")
            else published_programmes()
        )
        programme = get_object_or_404(programmes.prefetch_related("challenge_areas"), slug=slug)
        return render(
            request,
            "programmes/programme_detail.html",
            {
                "programme": programme,
                "organisation": organisation_of(request.user),
                "has_workshops": programme.workshops.filter(is_published=True).exists(),
                "existing": programme.applications.filter(
                    organisation__memberships__user=request.user
                ).first()
                if request.user.is_authenticated
                else None,
            },
        )


class CommunitySignupView(PublicView):
    def get(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        initial = (
            {"name": request.user.name, "email": request.user.email}
            if request.user.is_authenticated
            else {}
        )
        return render(
            request,
            "programmes/community_signup.html",
            {"programme": programme, "form": CommunitySignupForm(initial=initial)},
        )

    def post(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        form = CommunitySignupForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "programmes/community_signup.html",
                {"programme": programme, "form": form, "has_errors": True},
            )
        signup = services.sign_up_to_community(programme=programme, **form.cleaned_data)
        request.session["community_signup_id"] = signup.pk
        return redirect("programmes:community_signup_done", slug=programme.slug)


class CommunitySignupDoneView(PublicView):
    def get(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        signup = programme.community_signups.filter(
            pk=request.session.get("community_signup_id")
        ).first()
        if signup is None:
            return redirect("programmes:community_signup", slug=slug)
        return render(
            request,
            "programmes/community_signup_done.html",
            {"programme": programme, "signup": signup},
        )


class PeerPartnerOfferView(PublicView):
    def get(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        organisation = organisation_of(request.user)
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "contact_name": request.user.name,
                "contact_email": request.user.email,
                "organisation_name": organisation.name if organisation else "",
            }
        return render(
            request,
            "programmes/peer_partner_offer.html",
            {"programme": programme, "form": PeerPartnerOfferForm(initial=initial)},
        )

    def post(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        form = PeerPartnerOfferForm(
            request.POST, instance=programme.peer_partner_offers.model(programme=programme)
        )
        if form.is_valid():
            try:
                offer = services.offer_peer_partnership(
                    offer=form.save(commit=False),
                    thrive_categories=form.cleaned_data["thrive_categories"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session["peer_partner_offer_id"] = offer.pk
                return redirect("programmes:peer_partner_offer_done", slug=programme.slug)
        return render(
            request,
            "programmes/peer_partner_offer.html",
            {"programme": programme, "form": form, "has_errors": True},
        )


class PeerPartnerOfferDoneView(PublicView):
    def get(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        offer = programme.peer_partner_offers.filter(
            pk=request.session.get("peer_partner_offer_id")
        ).first()
        if offer is None:
            return redirect("programmes:peer_partner_offer", slug=slug)
        return render(
            request,
            "programmes/peer_partner_offer_done.html",
            {"programme": programme, "offer": offer},
        )
