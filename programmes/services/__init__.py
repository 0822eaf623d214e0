"""Changes to organisations and programmes. Views, commands and the demo loader all call these."""

import datetime

from django.db import transaction
from django.db.models import ProtectedError

from notifications.services import queue_editable_email
from programmes.emails import community as community_emails
from programmes.errors import DomainError
from programmes.models import (
    ChallengeArea,
    CommunitySignup,
    DeadlineExtension,
    Organisation,
    PeerPartnerOffer,
    Programme,
    ScoringCriterion,
)
from programmes.services.membership import set_organisation_domains


@transaction.atomic
def save_programme(*, programme: Programme, challenge_areas: list[str]) -> Programme:
    """Create or update a programme and replace its list of challenge areas, keeping their order.

    Side effects: the programme row; challenge areas added, reordered or removed (a removed area
    also disappears from applications that chose it).
    """
    programme.full_clean()
    programme.save()
    names = [name.strip() for name in challenge_areas if name.strip()]
    programme.challenge_areas.exclude(name__in=names).delete()
    for position, name in enumerate(names):
        ChallengeArea.objects.update_or_create(
            programme=programme, name=name, defaults={"position": position}
        )
    return programme


@transaction.atomic
def grant_deadline_extension(
    *,
    programme: Programme,
    organisation: Organisation,
    closes_at: datetime.datetime,
    reason: str,
    by,
) -> DeadlineExtension:
    """Let one organisation submit until `closes_at`.

    Side effects: creates or replaces the organisation's extension for this programme.
    """
    if closes_at <= programme.closes_at:
        raise DomainError(
            "The new closing date must be after the programme's closing date", field="closes_at"
        )
    extension, _ = DeadlineExtension.objects.update_or_create(
        programme=programme,
        organisation=organisation,
        defaults={"closes_at": closes_at, "reason": reason, "granted_by": by},
    )
    return extension


def confirm_organisation(*, organisation: Organisation) -> Organisation:
    organisation.is_confirmed = True
    organisation.save(update_fields=["is_confirmed"])
    return organisation


@transaction.atomic
def sign_up_to_community(
    *,
    programme: Programme,
    name: str,
    email: str,
    organisation_name: str,
    job_title: str,
    consent_to_contact: bool,
) -> CommunitySignup:
    """Join the community of learning for a programme.

    Side effects: a CommunitySignup (or the existing one for this email, updated); a
    confirmation email.
    """
    signup = CommunitySignup.objects.filter(programme=programme, email__iexact=email).first()
    signup = signup or CommunitySignup(programme=programme)
    signup.name, signup.email = name, email
    signup.organisation_name, signup.job_title = organisation_name, job_title
    signup.consent_to_contact = consent_to_contact
    signup.full_clean(validate_constraints=False)
    signup.save()
    queue_editable_email(
        kind=community_emails.COMMUNITY_SIGNUP_CONFIRMATION,
        scope=programme,
        values=community_emails.community_signup_values(signup),
        to_email=signup.email,
        to_name=signup.name,
        reason="Confirms a sign-up to the community of learning.",
        related=signup,
    )
    return signup


@transaction.atomic
def offer_peer_partnership(*, offer: PeerPartnerOffer, thrive_categories) -> PeerPartnerOffer:
    """Record an offer to be a peer partner.

    Side effects: the PeerPartnerOffer; a confirmation email to its contact.
    """
    if offer.organisation is None:
        offer.organisation = Organisation.objects.filter(
            name__iexact=offer.organisation_name.strip()
        ).first()
    offer.full_clean()
    offer.save()
    offer.thrive_categories.set(thrive_categories)
    queue_editable_email(
        kind=community_emails.PEER_PARTNER_OFFER_CONFIRMATION,
        scope=offer.programme,
        values=community_emails.peer_partner_offer_values(offer),
        to_email=offer.contact_email,
        to_name=offer.contact_name,
        reason="Confirms an offer to be a peer partner.",
        related=offer,
    )
    return offer


def import_organisations(*, rows) -> int:
    """Add or update organisations from rows with the columns of data/organisations.csv.

    A row's `domains` (separated by spaces) are added to the organisation's email domains
    (replacing them); a row without any leaves the organisation's as they are.
    Side effects: Organisation rows created or updated by name; their domains and history;
    returns how many were read.
    """
    count = 0
    for row in rows:
        organisation, _ = Organisation.objects.update_or_create(
            name=row["name"].strip(),
            defaults={
                "kind": row["kind"],
                "region": row["region"],
                "gss_code": row.get("gss_code") or "",
                "latitude": row.get("latitude") or None,
                "longitude": row.get("longitude") or None,
                "is_fictional": bool(row.get("is_fictional")),
                "is_confirmed": True,
            },
        )
        if row.get("domains"):
            set_organisation_domains(organisation=organisation, domains=row["domains"], by=None)
        count += 1
    return count


class CriterionInUse(DomainError):
    """Reviewers have scored against the criterion, so it must stay."""


@transaction.atomic
def save_scoring_criterion(
    *, programme_id: int, criterion: ScoringCriterion, position: int | None
) -> ScoringCriterion:
    """Create or change a criterion of a programme (a valid form's unsaved instance), at
    `position` in the programme's order, or last when None.

    Locks the programme first, so two criteria added at the same moment without an order are
    put one after the other. Raises IntegrityError when another criterion of the programme took
    the same title meanwhile. Side effects: the ScoringCriterion row (a new one goes last unless
    given an order).
    """
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    criterion.programme = programme
    criterion.position = position
    if position is None:
        last = programme.scoring_criteria.exclude(pk=criterion.pk).order_by("-position")
        last_position = last.values_list("position", flat=True).first()
        criterion.position = 0 if last_position is None else last_position + 1
    criterion.save()
    return criterion


@transaction.atomic
def delete_scoring_criterion(*, criterion_id: int) -> None:
    """Delete a criterion nobody has scored against yet.

    Raises CriterionInUse once any score uses it. The check is the scores' `on_delete=PROTECT`
    (this app does not import `applications`, which builds on it), and the scores' foreign key
    keeps the rule in the database too. Side effects: the ScoringCriterion row is deleted.
    """
    try:
        ScoringCriterion.objects.filter(pk=criterion_id).delete()
    except ProtectedError as error:
        raise CriterionInUse from error
