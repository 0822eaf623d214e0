"""A learning day's candidate venues ranked by the cohort's travel: the data for
cohort.venue_ranking (which has no Django in it), read from the day and the cohort's projects."""

from cohort.models import LearningDay
from cohort.venue_ranking import Location, Place, RankedVenue, Venue, rank_venues


def _location(latitude, longitude) -> Location | None:
    if latitude is None or longitude is None:
        return None
    return Location(latitude=float(latitude), longitude=float(longitude))


def ranked_venues(day: LearningDay) -> tuple[list[RankedVenue], list[Place]]:
    """The day's candidate venues, best first (each `venue.key` is the CandidateVenue), and the
    cohort's councils as places (a council with no location has `location` None)."""
    candidates = list(day.candidate_venues.order_by("name", "pk"))
    organisations = [
        project.organisation
        for project in day.programme.projects.select_related("organisation").order_by(
            "organisation__name", "pk"
        )
    ]
    places = [
        Place(name=org.name, location=_location(org.latitude, org.longitude))
        for org in organisations
    ]
    ranked = rank_venues(
        [
            Venue(
                name=candidate.name,
                location=_location(candidate.latitude, candidate.longitude),
                key=candidate,
            )
            for candidate in candidates
        ],
        places,
    )
    return ranked, places
