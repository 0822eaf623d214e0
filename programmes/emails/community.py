"""Kinds of email to people outside the cohort (see programmes.emails), with wording a programme
manager can edit per programme; the defaults are templates/emails/editable/<kind>.txt.

- `community_signup_confirmation`: to someone who joins a programme's community of learning.
- `peer_partner_offer_confirmation`: to the contact of an organisation offering to be a peer
  partner.
"""

from notifications import editable
from programmes.models import CommunitySignup, PeerPartnerOffer, Programme

COMMUNITY_SIGNUP_CONFIRMATION = "community_signup_confirmation"
PEER_PARTNER_OFFER_CONFIRMATION = "peer_partner_offer_confirmation"


def _scopes():
    return Programme.objects.order_by("-closes_at", "title")


def community_signup_values(signup: CommunitySignup) -> dict[str, str]:
    return {
        "name": signup.name or "colleague",
        "organisation": signup.organisation_name,
        "programme": signup.programme.title,
        "contact email": signup.programme.contact_email,
    }


def _community_signup_sample(programme: Programme) -> dict[str, str]:
    signup = programme.community_signups.order_by("-created_at", "-pk").first()
    if signup is None:
        signup = CommunitySignup(
            programme=programme, name="Alex Example", organisation_name="Exampleshire NHS Trust"
        )
    return community_signup_values(signup)


editable.register(
    editable.EditableKind(
        group="Community of learning and peer partners",
        kind=COMMUNITY_SIGNUP_CONFIRMATION,
        name="Joined the community of learning",
        description="Sent to someone who signs up to the programme’s online community of learning.",
        placeholders={
            "name": "the name of the person who signed up",
            "organisation": "the organisation they gave",
            "programme": "the programme’s title",
            "contact email": "the programme’s contact email address",
        },
        scope_model=Programme,
        scopes=_scopes,
        sample=_community_signup_sample,
    )
)


def peer_partner_offer_values(offer: PeerPartnerOffer) -> dict[str, str]:
    return {
        "name": offer.contact_name or "colleague",
        "organisation": offer.organisation_name,
        "approach": offer.approach_title,
        "programme": offer.programme.title,
        "contact email": offer.programme.contact_email,
    }


def _peer_partner_offer_sample(programme: Programme) -> dict[str, str]:
    offer = programme.peer_partner_offers.order_by("-created_at", "-pk").first()
    if offer is None:
        offer = PeerPartnerOffer(
            programme=programme,
            organisation_name="Exampleshire County Council",
            approach_title="Example approach",
            contact_name="Alex Example",
        )
    return peer_partner_offer_values(offer)


editable.register(
    editable.EditableKind(
        group="Community of learning and peer partners",
        kind=PEER_PARTNER_OFFER_CONFIRMATION,
        name="Thank you for offering to be a peer partner",
        description="Sent to the contact named by an organisation that offers to share its "
        "approach with the cohort as a peer partner.",
        placeholders={
            "name": "the name of the contact who made the offer",
            "organisation": "the organisation making the offer",
            "approach": "the name of the approach it offers",
            "programme": "the programme’s title",
            "contact email": "the programme’s contact email address",
        },
        scope_model=Programme,
        scopes=_scopes,
        sample=_peer_partner_offer_sample,
    )
)
