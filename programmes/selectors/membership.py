"""Who acts for an organisation, and who decides who may.

Access to a council's applications, evidence and project is decided by `Membership` alone (see
`applications.selectors.answers`), so these reads are where that trust starts: a person is a
member only after joining from an address at one of the organisation's domains, proposing a new
organisation, or being approved by a member or a programme manager.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.enums import StaffRole
from programmes.enums import MembershipRequestStatus
from programmes.models import (
    Membership,
    MembershipEvent,
    MembershipRequest,
    Organisation,
    OrganisationDomain,
)


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower().rstrip(".")


def verified_domain_of(user) -> str | None:
    """The domain of the person's sign-in address, if they have confirmed they own it."""
    if not user.is_authenticated:
        return None
    verified = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    return email_domain(user.email) if verified else None


def domain_matches(address_domain: str, organisation_domain: str) -> bool:
    """An address at the domain itself or at any subdomain of it (schools.barnsley.gov.uk)."""
    return address_domain == organisation_domain or address_domain.endswith(
        "." + organisation_domain
    )


def matching_domain(*, user, organisation: Organisation) -> str | None:
    """The organisation's domain the person's verified address is at, if any."""
    address_domain = verified_domain_of(user)
    if not address_domain:
        return None
    for domain in organisation.domains.values_list("domain", flat=True):
        if domain_matches(address_domain, domain):
            return domain
    return None


def organisation_owning_domain(domain: str) -> Organisation | None:
    return Organisation.objects.filter(domains__domain=domain.lower()).first() if domain else None


def is_member(*, user, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def membership_of(user) -> Membership | None:
    """The person's membership (one organisation at a time in this version)."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("created_at")
        .first()
    )


def pending_request_of(user) -> MembershipRequest | None:
    if not user.is_authenticated:
        return None
    return (
        MembershipRequest.objects.filter(user=user, status=MembershipRequestStatus.PENDING)
        .select_related("organisation")
        .order_by("-created_at")
        .first()
    )


def requests_of(user) -> QuerySet[MembershipRequest]:
    """A person's own requests: only they (and the deciders) may see them."""
    return MembershipRequest.objects.filter(user=user).select_related("organisation", "decided_by")


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def programme_managers():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=StaffRole.PROGRAMME_MANAGER.value) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("email")
    )


def deciders_for(organisation: Organisation) -> list:
    """Who is asked to decide a request to join: the organisation's members, or, when it has none
    yet, the programme managers."""
    members = [membership.user for membership in members_of(organisation)]
    return members or list(programme_managers())


def requests_visible_to(user) -> QuerySet[MembershipRequest]:
    """Requests this person may decide: any for a programme manager; for a member, those to
    join their own organisation. Everyone else: none (so another organisation's is a 404)."""
    requests = MembershipRequest.objects.select_related("user", "organisation", "decided_by")
    if not user.is_authenticated:
        return requests.none()
    if user.is_programme_manager:
        return requests
    own = Membership.objects.filter(user=user).values("organisation")
    return requests.filter(organisation__in=own)


def memberships_removable_by(user) -> QuerySet[Membership]:
    """Memberships this person may end: their colleagues' and their own; any, for a programme
    manager."""
    memberships = Membership.objects.select_related("user", "organisation")
    if not user.is_authenticated:
        return memberships.none()
    if user.is_programme_manager:
        return memberships
    own = Membership.objects.filter(user=user).values("organisation")
    return memberships.filter(organisation__in=own)


def history_of(organisation: Organisation) -> QuerySet[MembershipEvent]:
    return organisation.membership_events.select_related("person", "actor").order_by(
        "-created_at", "-pk"
    )


def organisations_for_managers(*, search: str = "") -> QuerySet[Organisation]:
    """Every organisation with its domains and how many act for it, for programme managers."""
    organisations = Organisation.objects.annotate(
        members_count=Count("memberships", distinct=True),
        pending_count=Count(
            "membership_requests",
            filter=Q(membership_requests__status=MembershipRequestStatus.PENDING),
            distinct=True,
        ),
    ).prefetch_related(Prefetch("domains", queryset=OrganisationDomain.objects.order_by("domain")))
    if search:
        organisations = organisations.filter(
            Q(name__icontains=search) | Q(domains__domain__icontains=search)
        ).distinct()
    return organisations.order_by("name")


def pending_requests_for_managers() -> QuerySet[MembershipRequest]:
    """Every request waiting, the ones only a programme manager can decide (nobody acts for the
    organisation yet) first."""
    return (
        MembershipRequest.objects.filter(status=MembershipRequestStatus.PENDING)
        .select_related("user", "organisation")
        .annotate(members_count=Count("organisation__memberships", distinct=True))
        .order_by("members_count", "created_at", "pk")
    )
