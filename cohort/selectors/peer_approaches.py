"""Reads about a programme's pool of peer approaches and the peer partner offers that may become
approaches. Each list is a fixed number of queries, whatever the number of rows."""

from django.db.models import Count, Q, QuerySet

from cohort.models import PeerApproach
from programmes.models import PeerPartnerOffer, Programme

ACTIVE, ARCHIVED = "active", "archived"


def approaches_for(programme: Programme, *, status: str = ACTIVE, search: str = "") -> list:
    """The programme's approaches, active or archived, matching `search` (any word in the title,
    organisation, description, themes, challenge areas or contact), each with its THRIVE
    categories and `match_count`."""
    approaches: QuerySet = programme.peer_approaches.filter(
        archived_at__isnull=(status != ARCHIVED)
    )
    for word in search.split()[:10]:
        approaches = approaches.filter(
            Q(title__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(description__icontains=word)
            | Q(themes__icontains=word)
            | Q(challenge_areas__icontains=word)
            | Q(contact_name__icontains=word)
        )
    return list(
        approaches.annotate(match_count=Count("matches"))
        .select_related("organisation", "source_offer")
        .prefetch_related("thrive_categories")
        .order_by("title", "organisation_name", "pk")
    )


def approach_in(programme: Programme, pk: int) -> PeerApproach | None:
    """One of the programme's approaches (another programme's is None), with its THRIVE
    categories and the councils matched to it."""
    return (
        programme.peer_approaches.filter(pk=pk)
        .prefetch_related("thrive_categories", "matches__project__organisation")
        .first()
    )


def offers_with_approaches(programme: Programme) -> list[PeerPartnerOffer]:
    """The programme's peer partner offers in order, each with `existing_approach` (the approach
    made from it, or None)."""
    offers = list(programme.peer_partner_offers.prefetch_related("thrive_categories"))
    made = {
        approach.source_offer_id: approach
        for approach in PeerApproach.objects.filter(source_offer__in=offers)
    }
    for offer in offers:
        offer.existing_approach = made.get(offer.pk)
    return offers
