from django.db import models


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE_HUMBER = "yorkshire_humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST_OF_ENGLAND = "east_of_england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


class OrganisationKind(models.TextChoices):
    COUNTY = "county", "County council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_BOROUGH = "metropolitan_borough", "Metropolitan borough council"
    LONDON_BOROUGH = "london_borough", "London borough council"
    DISTRICT = "district", "District council"
    NHS_TRUST = "nhs_trust", "NHS trust"
    CCG = "ccg", "Clinical commissioning group"
    SCHOOL_TRUST = "school_trust", "School trust or education partnership"
    VOLUNTARY = "voluntary", "Voluntary sector organisation"
    OTHER = "other", "Other"

    @classmethod
    def councils(cls) -> set[str]:
        return {cls.COUNTY, cls.UNITARY, cls.METROPOLITAN_BOROUGH, cls.LONDON_BOROUGH, cls.DISTRICT}


class MembershipRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MembershipAction(models.TextChoices):
    """What happened to who acts for an organisation, for its history."""

    JOINED_BY_DOMAIN = "joined_by_domain", "Joined (email address at the organisation’s domain)"
    PROPOSED = "proposed", "Proposed the organisation and joined it"
    REQUESTED = "requested", "Asked to join"
    APPROVED = "approved", "Request approved"
    DECLINED = "declined", "Request declined"
    WITHDRAWN = "withdrawn", "Request withdrawn"
    REMOVED = "removed", "Removed"
    LEFT = "left", "Left"
    DOMAINS_CHANGED = "domains_changed", "Email domains changed"


class StatementKind(models.TextChoices):
    """The service's published statements, linked from every page's footer."""

    PRIVACY = "privacy", "Privacy notice"
    ACCESSIBILITY = "accessibility", "Accessibility statement"


class Thrive(models.TextChoices):
    """The THRIVE framework's groups of need (Anna Freud Centre and the Tavistock and Portman).

    Stored as ThriveCategory rows so that applications, projects and approaches can be filtered by
    them on every database.
    """

    THRIVING = "thriving", "Thriving"
    GETTING_ADVICE = "getting_advice", "Getting advice"
    GETTING_HELP = "getting_help", "Getting help"
    GETTING_MORE_HELP = "getting_more_help", "Getting more help"
    GETTING_RISK_SUPPORT = "getting_risk_support", "Getting risk support"


class BookingStatus(models.TextChoices):
    """A delegate's place at a workshop."""

    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
