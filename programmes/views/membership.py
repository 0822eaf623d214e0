"""Who acts for an organisation: choosing one, asking to join, members deciding and removing, and
the programme managers' organisation pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.enums import MembershipRequestStatus
from programmes.forms import ChooseOrganisationForm
from programmes.forms.membership import AskToJoinForm, OrganisationDomainsForm
from programmes.models import Organisation
from programmes.selectors import organisations_to_choose_from
from programmes.selectors.membership import (
    history_of,
    matching_domain,
    members_of,
    membership_of,
    memberships_removable_by,
    organisations_for_managers,
    pending_request_of,
    pending_requests_for_managers,
    requests_of,
    requests_visible_to,
)
from programmes.services import membership as services


def safe_next(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and safe else default


def first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else "That could not be done"


class CouncilMemberView(PermissionRequiredMixin, View):
    """For people who act (or want to act) for an organisation; staff have pages of their own."""

    permission_required = "programmes.join_organisation"


class ChooseOrganisationView(CouncilMemberView):
    """A council user says which organisation they act for, or proposes a missing one. They join
    at once only from an address at one of its domains; otherwise they ask to join."""

    def next_url(self):
        return safe_next(self.request, reverse("applications:mine"))

    def render_page(self, form, **context):
        return render(
            self.request,
            "programmes/choose_organisation.html",
            {
                "form": form,
                "next": self.next_url(),
                "current": membership_of(self.request.user),
                "pending": pending_request_of(self.request.user),
                **context,
            },
        )

    def get(self, request):
        current = membership_of(request.user)
        form = ChooseOrganisationForm(
            queryset=organisations_to_choose_from(),
            initial={"organisation": current.organisation if current else None},
        )
        return self.render_page(form)

    def post(self, request):
        form = ChooseOrganisationForm(request.POST, queryset=organisations_to_choose_from())
        if not form.is_valid():
            return self.render_page(form, has_errors=True)
        data = form.cleaned_data
        if data["not_listed"]:
            try:
                membership = services.propose_organisation(
                    user=request.user,
                    name=data["new_name"],
                    kind=data["new_kind"],
                    region=data["new_region"],
                )
            except ValidationError as error:
                form.add_error("new_name", error.message_dict.get("name", error.messages))
                return self.render_page(form, has_errors=True)
            messages.success(request, f"You now act for {membership.organisation}.")
            return redirect(self.next_url())
        organisation = data["organisation"]
        current = membership_of(request.user)
        if current and current.organisation == organisation:
            return redirect(self.next_url())
        if matching_domain(user=request.user, organisation=organisation):
            services.join_organisation(user=request.user, organisation=organisation)
            messages.success(request, f"You now act for {organisation}.")
            return redirect(self.next_url())
        ask = reverse("programmes:ask_to_join", args=[organisation.pk])
        return redirect(f"{ask}?next={self.next_url()}")


class AskToJoinView(CouncilMemberView):
    """Someone whose address is not at the organisation's domains asks its members to let them
    act for it; the page says who will decide before they ask."""

    def organisation(self, pk) -> Organisation:
        return get_object_or_404(organisations_to_choose_from(), pk=pk)

    def render_page(self, organisation, form, **context):
        members_count = members_of(organisation).count()
        return render(
            self.request,
            "programmes/membership/ask_to_join.html",
            {
                "organisation": organisation,
                "form": form,
                "members_count": members_count,
                "next": safe_next(self.request, ""),
                "back_url": reverse("programmes:choose_organisation"),
                **context,
            },
        )

    def get(self, request, pk):
        organisation = self.organisation(pk)
        waiting = requests_of(request.user).filter(
            organisation=organisation, status=MembershipRequestStatus.PENDING
        )
        if waiting.exists():
            return redirect("programmes:membership_request", pk=waiting.get().pk)
        return self.render_page(organisation, AskToJoinForm())

    def post(self, request, pk):
        organisation = self.organisation(pk)
        form = AskToJoinForm(request.POST)
        if form.is_valid():
            try:
                membership_request = services.request_membership(
                    user=request.user, organisation=organisation, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                form.add_error("role", first_message(error))
            else:
                return redirect("programmes:membership_request", pk=membership_request.pk)
        return self.render_page(organisation, form, has_errors=True)


class MembershipRequestView(CouncilMemberView):
    """The person who asked sees their request, who will decide it, and can withdraw it."""

    def get(self, request, pk):
        membership_request = get_object_or_404(requests_of(request.user), pk=pk)
        organisation = membership_request.organisation
        return render(
            request,
            "programmes/membership/request.html",
            {
                "membership_request": membership_request,
                "members_count": members_of(organisation).count(),
            },
        )


class WithdrawMembershipRequestView(CouncilMemberView):
    def post(self, request, pk):
        membership_request = get_object_or_404(requests_of(request.user), pk=pk)
        try:
            services.withdraw_membership_request(
                membership_request=membership_request, by=request.user
            )
        except ValidationError as error:
            messages.error(request, first_message(error))
            return redirect("programmes:membership_request", pk=pk)
        messages.success(
            request, f"Your request to join {membership_request.organisation} was withdrawn."
        )
        return redirect("programmes:choose_organisation")


class YourOrganisationView(CouncilMemberView):
    """A member's view of who acts for their organisation, the requests waiting for them, and its
    history."""

    def get(self, request):
        membership = membership_of(request.user)
        if membership is None:
            pending = pending_request_of(request.user)
            if pending:
                return redirect("programmes:membership_request", pk=pending.pk)
            return redirect("programmes:choose_organisation")
        organisation = membership.organisation
        return render(
            request,
            "programmes/membership/your_organisation.html",
            {
                "organisation": organisation,
                "members": members_of(organisation),
                "domains": organisation.domains.all(),
                "pending_requests": requests_visible_to(request.user).filter(
                    organisation=organisation, status=MembershipRequestStatus.PENDING
                ),
                "history": history_of(organisation)[:50],
            },
        )


class DecideMembershipRequestView(PermissionRequiredMixin, View):
    """Approve or decline: the organisation's members, or any programme manager. Which requests
    someone may decide is settled in the query, so another organisation's is a 404."""

    permission_required = "programmes.decide_membership_requests"

    def post(self, request, pk):
        membership_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
        organisation_id = membership_request.organisation_id
        default = (
            reverse("programmes:manage_organisation", args=[organisation_id])
            if request.user.is_programme_manager
            else reverse("programmes:your_organisation")
        )
        decision = request.POST.get("decision")
        person = membership_request.user
        try:
            if decision == "approve":
                services.approve_membership_request(
                    membership_request=membership_request, by=request.user
                )
                messages.success(
                    request, f"{person} now acts for {membership_request.organisation}."
                )
            elif decision == "decline":
                services.decline_membership_request(
                    membership_request=membership_request, by=request.user
                )
                messages.success(request, f"You declined {person}’s request to join.")
            else:
                messages.error(request, "Choose whether to approve or decline the request.")
        except ValidationError as error:
            messages.error(request, first_message(error))
        return redirect(safe_next(request, default))


class RemoveMemberView(PermissionRequiredMixin, View):
    """A member removes a colleague (or leaves); a programme manager removes anyone. Asks first."""

    permission_required = "programmes.decide_membership_requests"

    def membership(self, pk):
        return get_object_or_404(memberships_removable_by(self.request.user), pk=pk)

    def default_next(self, membership) -> str:
        if self.request.user.is_programme_manager and membership.user != self.request.user:
            return reverse("programmes:manage_organisation", args=[membership.organisation_id])
        return reverse("programmes:your_organisation")

    def get(self, request, pk):
        membership = self.membership(pk)
        return render(
            request,
            "programmes/membership/remove.html",
            {
                "membership": membership,
                "leaving": membership.user == request.user,
                "next": safe_next(request, self.default_next(membership)),
            },
        )

    def post(self, request, pk):
        membership = self.membership(pk)
        leaving = membership.user == request.user
        try:
            services.remove_member(membership=membership, by=request.user)
        except ValidationError as error:
            messages.error(request, first_message(error))
            return redirect(self.default_next(membership))
        if leaving:
            messages.success(request, f"You no longer act for {membership.organisation}.")
            return redirect("programmes:choose_organisation")
        messages.success(
            request, f"{membership.user} no longer acts for {membership.organisation}."
        )
        return redirect(safe_next(request, self.default_next(membership)))


class ManageOrganisationsView(PermissionRequiredMixin, View):
    permission_required = "programmes.manage_organisations"


class OrganisationsView(ManageOrganisationsView):
    """Every organisation, with its domains and members, searchable by name or domain."""

    def get(self, request):
        search = " ".join(request.GET.get("q", "").split())[:100]
        return render(
            request,
            "programmes/manage/organisations.html",
            {
                "organisations": organisations_for_managers(search=search),
                "search": search,
                "pending_count": pending_requests_for_managers().count(),
            },
        )


class MembershipRequestsView(ManageOrganisationsView):
    """Every request waiting; those for organisations nobody acts for yet only a programme manager
    can decide."""

    def get(self, request):
        return render(
            request,
            "programmes/manage/membership_requests.html",
            {"requests": pending_requests_for_managers()},
        )


class OrganisationView(ManageOrganisationsView):
    def get(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        return render(
            request,
            "programmes/manage/organisation.html",
            {
                "organisation": organisation,
                "members": members_of(organisation),
                "domains": organisation.domains.all(),
                "pending_requests": organisation.membership_requests.filter(
                    status=MembershipRequestStatus.PENDING
                ).select_related("user"),
                "deciders_are_members": bool(members_of(organisation).exists()),
                "history": history_of(organisation),
            },
        )


class OrganisationDomainsView(ManageOrganisationsView):
    def render_page(self, organisation, form, **context):
        return render(
            self.request,
            "programmes/manage/organisation_domains.html",
            {
                "organisation": organisation,
                "form": form,
                "back_url": reverse("programmes:manage_organisation", args=[organisation.pk]),
                **context,
            },
        )

    def get(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        domains = "\n".join(organisation.domains.values_list("domain", flat=True))
        return self.render_page(organisation, OrganisationDomainsForm(initial={"domains": domains}))

    def post(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        form = OrganisationDomainsForm(request.POST)
        if form.is_valid():
            try:
                services.set_organisation_domains(
                    organisation=organisation, domains=form.cleaned_data["domains"], by=request.user
                )
            except ValidationError as error:
                form.add_error("domains", error.message_dict.get("domains", error.messages))
            else:
                messages.success(request, f"The email domains of {organisation} were saved.")
                return redirect("programmes:manage_organisation", pk=organisation.pk)
        return self.render_page(organisation, form, has_errors=True)
