"""Which candidate venue is easiest for the cohort to reach (SPEC §4.4): pure Python, no Django.

In 2018 the learning days' "locations [were] confirmed in light of the geographical spread of
participants". Here each venue is measured by the great-circle ("as the crow flies") distance
from every organisation in the cohort, one journey per organisation: organisations' locations
are approximate (a council's centre), so a road or rail journey would promise a precision the
data does not have, and a straight line ranks venues the same way for a country-sized spread.

The suggestion is the venue with the least total distance; ties go to the venue whose furthest
organisation is nearer, then to the name, so the same data always gives the same order.
Organisations without a location are left out of every sum, and counted, so a page can say so.
"""

import dataclasses
import math
from collections.abc import Iterable, Sequence

# The mean radius of the Earth (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
# Distances are compared to the metre, so sums added up in another order still tie.
COMPARE_PLACES = 3


@dataclasses.dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float

    def __post_init__(self):
        if not -90 <= float(self.latitude) <= 90:
            raise ValueError(f"Latitude {self.latitude} is not between -90 and 90")
        if not -180 <= float(self.longitude) <= 180:
            raise ValueError(f"Longitude {self.longitude} is not between -180 and 180")


@dataclasses.dataclass(frozen=True)
class Place:
    """Where someone travels from: an organisation of the cohort, maybe without a location."""

    name: str
    location: Location | None


@dataclasses.dataclass(frozen=True)
class Venue:
    """A candidate venue; `key` identifies it to the caller (a database ID, say)."""

    name: str
    location: Location
    key: object = None


@dataclasses.dataclass(frozen=True)
class RankedVenue:
    venue: Venue
    rank: int  # 1 for the suggestion
    total_km: float
    mean_km: float | None  # None when no place has a location
    furthest: Place | None
    furthest_km: float | None
    counted: int  # places with a location, in the sums
    unlocated: int  # places without one, left out

    @property
    def is_suggested(self) -> bool:
        """The first venue, when there was anyone's travel to compare."""
        return self.rank == 1 and self.counted > 0

    @property
    def total_miles(self) -> float:
        return km_to_miles(self.total_km)

    @property
    def mean_miles(self) -> float | None:
        return None if self.mean_km is None else km_to_miles(self.mean_km)

    @property
    def furthest_miles(self) -> float | None:
        return None if self.furthest_km is None else km_to_miles(self.furthest_km)


def distance_km(a: Location, b: Location) -> float:
    """The great-circle distance between two locations, by the haversine formula."""
    lat1, lon1 = math.radians(float(a.latitude)), math.radians(float(a.longitude))
    lat2, lon2 = math.radians(float(b.latitude)), math.radians(float(b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def distance_miles(a: Location, b: Location) -> float:
    return km_to_miles(distance_km(a, b))


def rank_venues(venues: Iterable[Venue], places: Sequence[Place]) -> list[RankedVenue]:
    """Every venue with the cohort's travel to it, best first (see the module's docstring).

    The furthest place is the first in `places` order among those equally far.
    """
    located = [place for place in places if place.location is not None]
    unlocated = len(places) - len(located)
    measured = []
    for venue in venues:
        total, furthest, furthest_km = 0.0, None, None
        for place in located:
            km = distance_km(venue.location, place.location)
            total += km
            if furthest_km is None or km > furthest_km:
                furthest, furthest_km = place, km
        measured.append((venue, total, furthest, furthest_km))
    measured.sort(
        key=lambda row: (
            round(row[1], COMPARE_PLACES),
            round(row[3] or 0.0, COMPARE_PLACES),
            row[0].name.casefold(),
            row[0].name,
        )
    )
    return [
        RankedVenue(
            venue=venue,
            rank=rank,
            total_km=total,
            mean_km=total / len(located) if located else None,
            furthest=furthest,
            furthest_km=furthest_km,
            counted=len(located),
            unlocated=unlocated,
        )
        for rank, (venue, total, furthest, furthest_km) in enumerate(measured, start=1)
    ]


def format_miles(miles: float) -> str:
    """Whole miles with thousands separated: "1,234 miles", "1 mile"."""
    whole = round(miles)
    return f"{whole:,} mile{'' if whole == 1 else 's'}"


def explain_suggestion(ranked: Sequence[RankedVenue]) -> str:
    """Why the first venue is suggested, in plain English; "" when nothing can be suggested."""
    if not ranked or not ranked[0].is_suggested:
        return ""
    best = ranked[0]
    return (
        f"Suggested: the least total travel for the cohort ({format_miles(best.total_miles)} "
        f"in all; furthest: {best.furthest.name}, {format_miles(best.furthest_miles)})"
    )
