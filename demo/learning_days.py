"""The 2018 programme's two learning days, with every team member invited and their answers.

Written straight to the database with timestamps in 2018, through no service: the demo shows a
programme that has happened, so nobody is emailed. Safe to run again: days are found by number
and invitations by email address, so a second run changes nothing.
"""

import datetime

from django.db import transaction

from cohort.enums import Attendance, InvitationAnswer
from cohort.models import CandidateVenue, LearningDay, LearningDayInvitation
from demo import data
from programmes.dates import LONDON
from programmes.models import Programme

# The final report does not say where the days were held; the demo puts them at the LGA's offices.
VENUE_NAME = "Local Government House"
VENUE_ADDRESS = "18 Smith Square\nLondon\nSW1P 3HZ"
VENUE_LATITUDE, VENUE_LONGITUDE = "51.49616", "-0.12823"
INVITED_WEEKS_BEFORE = 4
ANSWERED_DAYS_AFTER = 3
# A few needs, as real invitees state them: (position in the cohort's list of people, access
# needs, dietary needs).
NEEDS = [
    (0, "Step-free access, please: I use a wheelchair.", ""),
    (2, "", "Vegetarian"),
    (4, "A hearing loop in the main room.", ""),
    (7, "", "Gluten-free"),
    (10, "", "Halal"),
]


def _at(day: str, time: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def _agenda(entry: dict) -> str:
    return entry["description"]


@transaction.atomic
def load_learning_days_2018(programme: Programme) -> None:
    """The two 2018 learning days (12 March and 12 June 2018) for `programme`'s projects.

    Everyone in every project's team is invited to both days; all accept day 1, and on day 2
    the teams of councils that did not attend (Essex) declined. The register of each day is
    taken: everyone who accepted was present, and those who declined sent apologies (marks
    already recorded are left alone). Day 1 has three candidate venues to compare (London, where
    it was held, Birmingham and Manchester). Side effects: LearningDay, LearningDayInvitation and
    CandidateVenue rows only; no email.
    """
    projects = list(
        programme.projects.select_related("organisation")
        .prefetch_related("team")
        .order_by("organisation__name", "pk")
    )
    for sequence, entry in enumerate(data.LEARNING_DAYS_2018, start=1):
        starts_at = _at(entry["date"], entry["start_time"])
        invited_at = starts_at - datetime.timedelta(weeks=INVITED_WEEKS_BEFORE)
        day, _ = LearningDay.objects.get_or_create(
            programme=programme,
            sequence=sequence,
            defaults={
                "title": entry["title"],
                "starts_at": starts_at,
                "ends_at": _at(entry["date"], entry["end_time"]),
                "venue_name": VENUE_NAME,
                "venue_address": VENUE_ADDRESS,
                "venue_latitude": VENUE_LATITUDE,
                "venue_longitude": VENUE_LONGITUDE,
                "agenda": _agenda(entry),
                "created_at": invited_at - datetime.timedelta(days=7),
            },
        )
        attended = set(entry["attended_by"])
        already = set(day.invitations.values_list("email", flat=True))
        position = 0
        new = []
        for project in projects:
            came = project.organisation.name in attended
            for member in project.team.all():
                email = member.email.strip().lower()
                if not email or email in already:
                    continue
                already.add(email)
                access, dietary = next(
                    ((a, d) for p, a, d in NEEDS if p == position and came), ("", "")
                )
                position += 1
                new.append(
                    LearningDayInvitation(
                        learning_day=day,
                        project=project,
                        name=member.name,
                        email=email,
                        role=member.job_title,
                        answer=InvitationAnswer.ACCEPTED if came else InvitationAnswer.DECLINED,
                        access_needs=access,
                        dietary_needs=dietary,
                        invited_at=invited_at,
                        answered_at=invited_at + datetime.timedelta(days=ANSWERED_DAYS_AFTER),
                    )
                )
        LearningDayInvitation.objects.bulk_create(new)
        _take_register(day)
    _candidate_venues_2018(programme)


def _take_register(day: LearningDay) -> None:
    """Everyone who accepted came; everyone who declined sent apologies. Idempotent."""
    recorded_at = day.ends_at
    for answer, attendance in [
        (InvitationAnswer.ACCEPTED, Attendance.PRESENT),
        (InvitationAnswer.DECLINED, Attendance.APOLOGIES),
    ]:
        day.invitations.filter(answer=answer, attendance=Attendance.NOT_RECORDED).update(
            attendance=attendance, attendance_recorded_at=recorded_at
        )


# Venues compared for learning day 1: (name, address, latitude, longitude). The first is where
# the day was held; the others are the kind of central venue a programme manager would weigh
# against it for a cohort from Durham to Surrey.
CANDIDATE_VENUES_2018 = [
    (VENUE_NAME, VENUE_ADDRESS, VENUE_LATITUDE, VENUE_LONGITUDE),
    ("The Council House", "Victoria Square\nBirmingham\nB1 1BB", "52.47970", "-1.90350"),
    (
        "Manchester Town Hall Extension",
        "Lloyd Street\nManchester\nM60 2LA",
        "53.47910",
        "-2.24460",
    ),
]


def _candidate_venues_2018(programme: Programme) -> None:
    """The venues compared for learning day 1. Idempotent: a venue is found by its name."""
    day = programme.learning_days.get(sequence=1)
    for name, address, latitude, longitude in CANDIDATE_VENUES_2018:
        CandidateVenue.objects.get_or_create(
            learning_day=day,
            name=name,
            defaults={
                "address": address,
                "latitude": latitude,
                "longitude": longitude,
                "created_at": day.created_at,
            },
        )
