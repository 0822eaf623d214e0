"""Who acts for an organisation: joining, asking to join, deciding, removing.

A member sees and changes everything of their organisation's (applications, team details,
evidence, the project), so membership is granted only three ways: a verified address at one of the
organisation's email domains; proposing an organisation that was not on the list (nobody else's
data is there); or approval of a request by an existing member or, for an organisation nobody acts
for yet, a programme manager. Every change is recorded in the organisation's history, and the
people it concerns are told by email.

Locks: the organisation row first, then the request, so two members deciding the same request
(or a decision racing a withdrawal) are applied one after the other.
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import queue_email
from programmes.enums import MembershipAction, MembershipRequestStatus
from programmes.models import (
    Membership,
    MembershipEvent,
    MembershipRequest,
    Organisation,
    OrganisationDomain,
)
from programmes.selectors.membership import (
    deciders_for,
    domain_matches,
    email_domain,
    matching_domain,
    members_of,
)

# Domains many unrelated organisations' staff share: an address there says nothing about where
# someone works, so none may let people join an organisation at once.
SHARED_DOMAINS = frozenset(
    {
        "gov.uk",
        "org.uk",
        "co.uk",
        "ac.uk",
        "sch.uk",
        "nhs.uk",
        "nhs.net",
        "police.uk",
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "live.co.uk",
        "yahoo.com",
        "yahoo.co.uk",
        "icloud.com",
        "me.com",
        "aol.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "protonmail.com",
        "proton.me",
        "example.org",
        "example.com",
    }
)
HOST_NAME = re.compile(
    r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
)


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _record(*, organisation, action: MembershipAction, description: str, person=None, by=None):
    MembershipEvent.objects.create(
        organisation=organisation,
        action=action,
        description=description[:500],
        person=person,
        actor=by,
    )


def _who(user) -> str:
    return f"{user.name} ({user.email})" if user.name else user.email


def _link(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _admit(*, user, organisation: Organisation, action, description: str, by=None) -> Membership:
    """Make `user` a member, ending any other membership (one organisation at a time) and any
    other request of theirs, and tell the organisation's existing members."""
    existing = list(members_of(organisation).exclude(user=user))
    for old in Membership.objects.filter(user=user).exclude(organisation=organisation):
        _record(
            organisation=old.organisation,
            action=MembershipAction.LEFT,
            description=f"{_who(user)} left to act for {organisation.name}",
            person=user,
            by=user,
        )
        old.delete()
    for other in MembershipRequest.objects.filter(
        user=user, status=MembershipRequestStatus.PENDING
    ).exclude(organisation=organisation):
        _close(other, status=MembershipRequestStatus.WITHDRAWN, by=user)
        _record(
            organisation=other.organisation,
            action=MembershipAction.WITHDRAWN,
            description=f"{_who(user)}’s request was withdrawn when they joined {organisation}",
            person=user,
            by=user,
        )
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation)
    _record(organisation=organisation, action=action, description=description, person=user, by=by)
    for colleague in existing:
        if colleague.user == by:
            continue
        queue_email(
            template="membership/member_joined",
            to_email=colleague.user.email,
            to_name=colleague.user.name,
            context={
                "organisation": organisation.name,
                "person": user,
                "how": description,
                "members_url": _link("programmes:your_organisation"),
            },
            reason=f"Tells the people who act for {organisation} that someone joined them.",
            related=organisation,
        )
    return membership


def _close(membership_request: MembershipRequest, *, status, by) -> None:
    membership_request.status = status
    membership_request.decided_by = by
    membership_request.decided_at = timezone.now()
    membership_request.save(update_fields=["status", "decided_by", "decided_at"])


def may_decide(*, user, organisation: Organisation) -> bool:
    return (
        user.is_programme_manager
        or Membership.objects.filter(user=user, organisation=organisation).exists()
    )


@transaction.atomic
def join_organisation(*, user, organisation: Organisation) -> Membership:
    """Join at once, from a verified address at one of the organisation's email domains.

    Raises ValidationError (on `organisation`) for anyone else: they ask to join instead.
    Side effects: the membership (replacing any other); other pending requests withdrawn; the
    history; an email to each existing member.
    """
    organisation = _lock(organisation)
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return Membership.objects.get(user=user, organisation=organisation)
    domain = matching_domain(user=user, organisation=organisation)
    if domain is None:
        raise ValidationError(
            {
                "organisation": f"Your email address is not at one of {organisation.name}’s "
                "email domains. Ask to join instead"
            }
        )
    return _admit(
        user=user,
        organisation=organisation,
        action=MembershipAction.JOINED_BY_DOMAIN,
        description=f"{_who(user)} joined: their email address is at {domain}",
        by=user,
    )


@transaction.atomic
def propose_organisation(*, user, name: str, kind: str, region: str) -> Membership:
    """Record an organisation missing from the list and make the person its first member.

    Nobody else acts for a new organisation, so there is nothing of anyone else's to see; a
    programme manager confirms (or merges) it later. Side effects: an unconfirmed Organisation;
    the membership (replacing any other); the history.
    """
    name = " ".join(name.split())
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": "That organisation is already on the list. Choose it from the list instead"}
        )
    organisation = Organisation.objects.create(
        name=name, kind=kind, region=region, is_confirmed=False, proposed_by=user
    )
    return _admit(
        user=user,
        organisation=organisation,
        action=MembershipAction.PROPOSED,
        description=f"{_who(user)} added {name} to the list and joined it",
        by=user,
    )


@transaction.atomic
def request_membership(*, user, organisation: Organisation, role: str) -> MembershipRequest:
    """Ask the organisation's members (or, if it has none, the programme managers) to let the
    person act for it. Asking again while a request waits returns that request.

    Side effects: a pending MembershipRequest; the history; an email to each person who may
    decide.
    """
    organisation = _lock(organisation)
    if user.is_programme_manager or user.is_reviewer or user.is_consultant:
        raise PermissionDenied("Programme staff do not act for organisations.")
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"organisation": f"You already act for {organisation.name}"})
    role = " ".join(role.split())
    if not role:
        raise ValidationError({"role": "Enter your job title and team"})
    waiting = MembershipRequest.objects.filter(
        user=user, organisation=organisation, status=MembershipRequestStatus.PENDING
    ).first()
    if waiting:
        return waiting
    membership_request = MembershipRequest.objects.create(
        user=user, organisation=organisation, role=role
    )
    _record(
        organisation=organisation,
        action=MembershipAction.REQUESTED,
        description=f"{_who(user)} asked to join as {role}",
        person=user,
        by=user,
    )
    members = members_of(organisation).exists()
    for decider in deciders_for(organisation):
        queue_email(
            template="membership/request",
            to_email=decider.email,
            to_name=decider.name,
            context={
                "organisation": organisation.name,
                "request": membership_request,
                "person": user,
                "as_member": members,
                "decide_url": _link("programmes:your_organisation")
                if members
                else _link("programmes:manage_organisation", organisation.pk),
            },
            reason=f"Asks the people who act for {organisation} (or, when there are none, the "
            "programme managers) whether someone may join them.",
            related=membership_request,
        )
    return membership_request


def _locked_request(membership_request: MembershipRequest) -> MembershipRequest:
    _lock(membership_request.organisation)
    return MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)


def _still_pending(membership_request: MembershipRequest) -> None:
    if not membership_request.is_pending:
        raise ValidationError(
            f"This request has already been {membership_request.get_status_display().lower()}"
        )


@transaction.atomic
def approve_membership_request(*, membership_request: MembershipRequest, by) -> Membership:
    """A member of the organisation (or a programme manager) lets the person join.

    Side effects: the request approved; the membership (replacing any other); the history; an
    email to the person and to the other members.
    """
    membership_request = _locked_request(membership_request)
    organisation = membership_request.organisation
    if not may_decide(user=by, organisation=organisation):
        raise PermissionDenied("Only the organisation’s members or a programme manager decide.")
    _still_pending(membership_request)
    _close(membership_request, status=MembershipRequestStatus.APPROVED, by=by)
    person = membership_request.user
    membership = _admit(
        user=person,
        organisation=organisation,
        action=MembershipAction.APPROVED,
        description=f"{_who(by)} approved {_who(person)}’s request to join",
        by=by,
    )
    _tell_requester(membership_request, approved=True)
    return membership


@transaction.atomic
def decline_membership_request(*, membership_request: MembershipRequest, by) -> None:
    """A member of the organisation (or a programme manager) refuses the request.

    Side effects: the request declined; the history; an email to the person.
    """
    membership_request = _locked_request(membership_request)
    organisation = membership_request.organisation
    if not may_decide(user=by, organisation=organisation):
        raise PermissionDenied("Only the organisation’s members or a programme manager decide.")
    _still_pending(membership_request)
    _close(membership_request, status=MembershipRequestStatus.DECLINED, by=by)
    _record(
        organisation=organisation,
        action=MembershipAction.DECLINED,
        description=f"{_who(by)} declined {_who(membership_request.user)}’s request to join",
        person=membership_request.user,
        by=by,
    )
    _tell_requester(membership_request, approved=False)


@transaction.atomic
def withdraw_membership_request(*, membership_request: MembershipRequest, by) -> None:
    """The person who asked changes their mind. Side effects: the request withdrawn; the history."""
    membership_request = _locked_request(membership_request)
    if membership_request.user_id != by.pk:
        raise PermissionDenied("Only the person who asked can withdraw a request.")
    _still_pending(membership_request)
    _close(membership_request, status=MembershipRequestStatus.WITHDRAWN, by=by)
    _record(
        organisation=membership_request.organisation,
        action=MembershipAction.WITHDRAWN,
        description=f"{_who(by)} withdrew their request to join",
        person=by,
        by=by,
    )


def _tell_requester(membership_request: MembershipRequest, *, approved: bool) -> None:
    person = membership_request.user
    queue_email(
        template="membership/request_decided",
        to_email=person.email,
        to_name=person.name,
        context={
            "organisation": membership_request.organisation.name,
            "approved": approved,
            "start_url": _link("after_sign_in"),
        },
        reason="Tells someone whether their request to join an organisation was approved.",
        related=membership_request,
    )


@transaction.atomic
def remove_member(*, membership: Membership, by) -> None:
    """End someone's membership: a colleague removes them, they leave, or a programme manager
    removes them. They lose access to the organisation at once.

    Side effects: the membership deleted; the history; an email to the person removed (unless
    they left themselves).
    """
    organisation = _lock(membership.organisation)
    membership = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if membership is None:
        raise ValidationError("This person no longer acts for the organisation")
    if not may_decide(user=by, organisation=organisation):
        raise PermissionDenied("Only the organisation’s members or a programme manager remove.")
    person = membership.user
    membership.delete()
    if person == by:
        _record(
            organisation=organisation,
            action=MembershipAction.LEFT,
            description=f"{_who(person)} left",
            person=person,
            by=by,
        )
        return
    _record(
        organisation=organisation,
        action=MembershipAction.REMOVED,
        description=f"{_who(by)} removed {_who(person)}",
        person=person,
        by=by,
    )
    queue_email(
        template="membership/removed",
        to_email=person.email,
        to_name=person.name,
        context={
            "organisation": organisation.name,
            "by": by,
            "by_programme_manager": by.is_programme_manager
            and not Membership.objects.filter(user=by, organisation=organisation).exists(),
            "start_url": _link("after_sign_in"),
        },
        reason="Tells someone they no longer act for an organisation on Peer Learning.",
        related=organisation,
    )


def clean_domains(text_or_list) -> list[str]:
    """Domains as typed (one a line, or separated by commas or spaces), lower case, without
    '@' or 'www.', in order, without repeats. Raises ValidationError naming a bad one."""
    items = text_or_list if isinstance(text_or_list, list) else re.split(r"[\s,;]+", text_or_list)
    domains: list[str] = []
    for item in items:
        domain = item.strip().lower().lstrip("@").rstrip(".")
        if not domain:
            continue
        domain = email_domain(domain) if "@" in domain else domain
        domain = domain.removeprefix("www.")
        if not HOST_NAME.match(domain) or len(domain) > 253:
            raise ValidationError(
                {"domains": f"‘{item.strip()}’ is not an email domain, like barnsley.gov.uk"}
            )
        if any(domain_matches(shared, domain) for shared in SHARED_DOMAINS):
            raise ValidationError(
                {
                    "domains": f"{domain} is shared by many organisations, so it cannot let "
                    "people join one at once"
                }
            )
        if domain not in domains:
            domains.append(domain)
    return domains


@transaction.atomic
def set_organisation_domains(*, organisation: Organisation, domains, by) -> list[str]:
    """Replace the organisation's email domains (a programme manager's change).

    Raises ValidationError (on `domains`) for a malformed or shared domain, or one that another
    organisation has. Side effects: OrganisationDomain rows; the history when they changed.
    """
    organisation = _lock(organisation)
    wanted = clean_domains(domains)
    taken = (
        OrganisationDomain.objects.filter(domain__in=wanted)
        .exclude(organisation=organisation)
        .select_related("organisation")
        .first()
    )
    if taken:
        raise ValidationError(
            {"domains": f"{taken.domain} is already a domain of {taken.organisation.name}"}
        )
    before = list(organisation.domains.values_list("domain", flat=True))
    if sorted(before) == sorted(wanted):
        return wanted
    organisation.domains.exclude(domain__in=wanted).delete()
    for domain in wanted:
        OrganisationDomain.objects.get_or_create(organisation=organisation, domain=domain)
    _record(
        organisation=organisation,
        action=MembershipAction.DOMAINS_CHANGED,
        description=f"{_who(by) if by else 'The list of organisations'} changed the email "
        f"domains from {', '.join(sorted(before)) or 'none'} to "
        f"{', '.join(sorted(wanted)) or 'none'}",
        by=by,
    )
    return wanted
