"""The LGA's 2019 research workshops on young people's mental health (seed 001), as a programme
with two open workshops, some councils' delegates and two offers to host a field visit.

The seed's invitation says "Manchester, Wednesday 15 July 2019", but 15 July 2019 was a Monday;
the demo gives the date with the weekday it really had. The seed gives no times: the demo uses
10am to 4pm in London and 10am to 3:30pm in Manchester, and 5pm for the booking deadline.

Written straight to the database with timestamps in 2019, through no service: the workshops have
happened, so nobody is emailed. Safe to run again: the programme is found by its slug, workshops
by title, bookings by email address and offers by organisation, so a second run changes nothing.
"""

import datetime

from django.db import transaction

from programmes.dates import LONDON
from programmes.enums import BookingStatus
from programmes.models import (
    FieldVisitOffer,
    Organisation,
    Programme,
    Workshop,
    WorkshopBooking,
)
from programmes.services import save_programme

SLUG = "cyp-mental-health-research-2019"
CONTACT_EMAIL = "research@example.org"


def _at(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=LONDON)


BOOKING_CLOSES = "2019-07-01T17:00"

DESCRIPTION = """\
We have commissioned Isos Partnership to undertake a new piece of research exploring the issues \
that local government faces in supporting the mental health and emotional wellbeing of children \
and young people and to develop the evidence-base of good practice in this field.

Discussions with members have highlighted the need to develop a clearer picture of the \
relationship between local government and CAMHS, and the role councils play in identifying and \
addressing mental health needs early.

This is an area where we know that demand for support is rising, that there is increasingly \
limited capacity to respond in a timely way despite the evidence of the efficacy of early \
support, and there are complex inter-relationships with other universal services. Our ambition \
is that the research will shed light on these issues.

The first phase of the research will involve two workshops in July, one located in London and \
the other in Manchester. These workshops will be open invitation and act as an opportunity to \
involve a broad range of stakeholders in the discussions.

The purpose of the workshops will be to develop:

- an overview of the way multiple services and partners interact in supporting children and \
young people's mental health;
- a clear sense of the issues and challenges that local government faces in effectively \
supporting children and young people's emotional and mental health;
- examples of good practice in how councils and their partners have worked together to improve \
the emotional and mental health of young people in their area.

There will also be an opportunity for councils to put themselves forward to host field visits \
for the second phase of the research which will take place in September and October 2019.

We would like to invite you to nominate up to two delegates from your local area to attend one \
of the workshops. We are keen to attract a mix of attendees to the workshop including those in \
strategic leadership positions in local authorities, public health, clinical commissioning leads \
and representatives from mental health providers.

The workshops:

London, Tuesday 9 July 2019: Local Government Association, 18 Smith Square, Westminster, \
SW1P 3HZ

Manchester, Monday 15 July 2019: etc.venues, 11 Portland Street, M1 3HU

Book your delegates' places by Monday 1 July 2019, 5pm.

Following these workshops, the second phase of the research will be based on fieldwork with a \
sample of eight local authorities who have established good practice in supporting children and \
young people's mental health and emotional wellbeing. These visits will be used to develop case \
studies of effective practice across the range of services, partners and providers supporting \
children and young people's mental wellbeing.

If you would like to be involved in these but cannot make the workshops, then please do not \
hesitate to get in touch.
"""

WORKSHOPS = [
    {
        "title": "London research workshop",
        "starts_at": "2019-07-09T10:00",
        "ends_at": "2019-07-09T16:00",
        "venue_name": "Local Government Association",
        "venue_address": "18 Smith Square\nWestminster\nLondon\nSW1P 3HZ",
    },
    {
        "title": "Manchester research workshop",
        "starts_at": "2019-07-15T10:00",
        "ends_at": "2019-07-15T15:30",
        "venue_name": "etc.venues",
        "venue_address": "11 Portland Street\nManchester\nM1 3HU",
    },
]

WORKSHOP_DESCRIPTION = (
    "An open workshop for councils and their partners: strategic leaders in local authorities, "
    "public health, clinical commissioning leads and representatives of mental health providers."
)

# (workshop title, organisation, name, job title, email, days before the deadline it was booked)
BOOKINGS = [
    (
        "London research workshop",
        "London Borough of Camden",
        "Priya Shah",
        "Head of Early Help",
        "priya.shah@camden.example.org",
        20,
    ),
    (
        "London research workshop",
        "London Borough of Camden",
        "Daniel O'Connor",
        "Public Health Strategist",
        "daniel.oconnor@camden.example.org",
        18,
    ),
    (
        "London research workshop",
        "London Borough of Lambeth",
        "Grace Adeyemi",
        "Commissioning Manager, Children's Mental Health",
        "grace.adeyemi@lambeth.example.org",
        12,
    ),
    (
        "Manchester research workshop",
        "Manchester City Council",
        "Tom Whitworth",
        "Strategic Lead for Children's Mental Health",
        "tom.whitworth@manchester.example.org",
        21,
    ),
    (
        "Manchester research workshop",
        "Stockport Council",
        "Aisha Rahman",
        "Director of Public Health",
        "aisha.rahman@stockport.example.org",
        15,
    ),
    (
        "Manchester research workshop",
        "Stockport Council",
        "Megan Lloyd",
        "CAMHS Partnership Manager",
        "megan.lloyd@stockport.example.org",
        15,
    ),
    (
        "Manchester research workshop",
        "Salford City Council",
        "Chris Barlow",
        "Assistant Director, Children's Services",
        "chris.barlow@salford.example.org",
        6,
    ),
]

FIELD_VISIT_OFFERS = [
    {
        "organisation": "Stockport Council",
        "what_they_would_show": (
            "Our joint early help and CAMHS front door with the clinical commissioning group, "
            "and mental health support teams in schools. Visitors could meet practitioners, "
            "commissioners and members of our youth council."
        ),
        "contact_name": "Aisha Rahman",
        "contact_email": "aisha.rahman@stockport.example.org",
        "created_at": "2019-07-16T09:30",
    },
    {
        "organisation": "London Borough of Camden",
        "what_they_would_show": (
            "Our integrated 0–25 emotional wellbeing offer, delivered with the voluntary sector, "
            "and how young people co-designed it."
        ),
        "contact_name": "Priya Shah",
        "contact_email": "priya.shah@camden.example.org",
        "created_at": "2019-07-10T14:00",
    },
]


def _programme() -> Programme:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme:
        return programme
    programme = Programme(
        slug=SLUG,
        title="Children and young people’s mental health: research workshops 2019",
        summary=(
            "Research by Isos Partnership for the LGA into how councils support children and "
            "young people's mental health and emotional wellbeing: two open workshops in July "
            "2019, then field visits in September and October 2019."
        ),
        description=DESCRIPTION,
        contact_email=CONTACT_EMAIL,
        is_published=True,
        opens_at=_at("2019-06-03T09:00"),
        closes_at=_at(BOOKING_CLOSES),
        decisions_due=datetime.date(2019, 7, 31),
        runs_from=datetime.date(2019, 7, 9),
        runs_until=datetime.date(2019, 10, 31),
    )
    return save_programme(programme=programme, challenge_areas=[])


@transaction.atomic
def load_workshops_2019() -> None:
    """The 2019 research workshops: a published (closed) programme, its London and Manchester
    workshops (40 places, 2 delegates from each organisation, book by Monday 1 July 2019, 5pm),
    delegates from real councils with fictional example.org addresses, and two offers to host a
    field visit. Organisations missing from the database are skipped. Side effects: Programme,
    Workshop, WorkshopBooking and FieldVisitOffer rows only; no email.
    """
    programme = _programme()
    closes_at = _at(BOOKING_CLOSES)
    workshops = {}
    for entry in WORKSHOPS:
        starts_at = _at(entry["starts_at"])
        workshops[entry["title"]], _ = Workshop.objects.get_or_create(
            programme=programme,
            title=entry["title"],
            defaults={
                "description": WORKSHOP_DESCRIPTION,
                "starts_at": starts_at,
                "ends_at": _at(entry["ends_at"]),
                "venue_name": entry["venue_name"],
                "venue_address": entry["venue_address"],
                "booking_closes_at": closes_at,
                "capacity": 40,
                "delegates_per_organisation": 2,
                "is_published": True,
                "created_at": _at("2019-06-03T09:00"),
            },
        )
    organisations = Organisation.objects.in_bulk(
        {name for _, name, *_ in BOOKINGS} | {o["organisation"] for o in FIELD_VISIT_OFFERS},
        field_name="name",
    )
    for title, organisation_name, name, job_title, email, days_before in BOOKINGS:
        organisation = organisations.get(organisation_name)
        if organisation is None:
            continue
        WorkshopBooking.objects.get_or_create(
            workshop=workshops[title],
            email=email,
            defaults={
                "organisation": organisation,
                "name": name,
                "job_title": job_title,
                "status": BookingStatus.BOOKED,
                "created_at": closes_at - datetime.timedelta(days=days_before, hours=3),
            },
        )
    for offer in FIELD_VISIT_OFFERS:
        organisation = organisations.get(offer["organisation"])
        if organisation is None:
            continue
        FieldVisitOffer.objects.get_or_create(
            programme=programme,
            organisation=organisation,
            defaults={
                "what_they_would_show": offer["what_they_would_show"],
                "contact_name": offer["contact_name"],
                "contact_email": offer["contact_email"],
                "created_at": _at(offer["created_at"]),
            },
        )
