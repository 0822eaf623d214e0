import pytest

from applications.enums import ApplicationStatus
from applications.models import Application
from cohort.models import PeerEngagement, PeerMatch
from demo import data
from demo.loader import DEMO_PROGRAMME_SLUG, load_demo
from programmes.models import Organisation, Programme

pytestmark = pytest.mark.django_db

SELECTED_2018 = [
    "Barnsley",
    "Durham",
    "Essex",
    "Kirklees",
    "Lewisham",
    "Lincolnshire",
    "Surrey",
    "Warwickshire",
]


def test_demo_loads_the_2018_programme_with_seventeen_applications():
    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    assert programme.applications.exclude(status=ApplicationStatus.DRAFT).count() == 17
    real = programme.applications.filter(organisation__is_fictional=False)
    names = [a.organisation.name for a in real]
    assert len(names) == 8
    assert all(any(place in name for name in names) for place in SELECTED_2018)
    lincolnshire = real.get(organisation__name__contains="Lincolnshire")
    assert lincolnshire.key_question.startswith(
        "How can we create a shared multi-agency understanding"
    )
    assert all(a.team.count() == 3 for a in programme.applications.all())
    fictional = programme.applications.filter(organisation__is_fictional=True)
    assert fictional.count() == 9
    assert all("(fictional)" in a.organisation.name for a in fictional)


def test_demo_has_an_open_call_with_the_demo_councils_draft():
    load_demo()
    programme = Programme.objects.get(slug=DEMO_PROGRAMME_SLUG)
    assert programme.is_open()
    draft = Application.objects.get(programme=programme)
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.organisation.memberships.get().user.email == "council@example.org"


def test_demo_loads_twice_without_duplicates():
    load_demo()
    counts = (Organisation.objects.count(), Application.objects.count(), Programme.objects.count())
    load_demo()
    assert (
        Organisation.objects.count(),
        Application.objects.count(),
        Programme.objects.count(),
    ) == counts


def test_demo_data_team_emails_are_example_org():
    for application in data.APPLICATIONS_2018:
        assert all(member["email"].endswith("@example.org") for member in application["team"])


def test_demo_2018_assessment_selects_the_eight_with_two_reviews_each():
    from applications.models import Review
    from applications.selectors.reviews import weighted_scores

    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    statuses = sorted(programme.applications.values_list("status", flat=True))
    assert statuses.count("selected") == 8
    assert statuses.count("waitlisted") == 2
    assert statuses.count("not_selected") == 7
    assert Review.objects.filter(application__programme=programme, status="submitted").count() == 34
    scores = weighted_scores(programme.applications.values_list("pk", flat=True))
    selected = programme.applications.filter(status="selected").values_list("pk", flat=True)
    others = programme.applications.exclude(status="selected").values_list("pk", flat=True)
    assert min(scores[pk] for pk in selected) > max(scores[pk] for pk in others)


def test_demo_2018_decisions_were_sent_in_2018_and_started_eight_projects():
    """The decisions are recorded as sent on 23 February 2018; nothing is sent again today."""
    import datetime

    from applications.services.selection import held_decision_email_ids
    from cohort.models import Project
    from notifications.models import OutboundEmail

    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    assert held_decision_email_ids(programme) == []
    decisions = OutboundEmail.objects.filter(kind__startswith="decision")
    assert decisions.count() == 17 * 3
    assert {(e.status, e.sent_at.date()) for e in decisions} == {
        ("sent", datetime.date(2018, 2, 23))
    }
    projects = Project.objects.filter(programme=programme)
    assert projects.count() == 8
    assert all(p.team.count() == 3 for p in projects)
    barnsley = projects.get(organisation__name__contains="Barnsley")
    assert barnsley.refined_key_question
    assert barnsley.created_at.date() == datetime.date(2018, 2, 23)


def test_demo_reviewers_disagree_on_a_few_applications():
    from applications.models import CriterionScore

    load_demo()
    by_application: dict = {}
    for score in CriterionScore.objects.select_related("review"):
        key = (score.review.application_id, score.criterion_id)
        by_application.setdefault(key, []).append(score.score)
    disagreements = {
        app for (app, _), scores in by_application.items() if max(scores) - min(scores) >= 2
    }
    assert 1 <= len(disagreements) <= 5


def test_demo_2018_learning_days_with_essex_at_the_first_only():
    from cohort.enums import InvitationAnswer
    from cohort.models import LearningDay

    load_demo()
    days = list(LearningDay.objects.filter(programme__slug="cyp-mental-health-2018"))
    assert [(d.sequence, d.starts_at.date().isoformat()) for d in days] == [
        (1, "2018-03-12"),
        (2, "2018-06-12"),
    ]
    for day in days:
        assert day.invitations.count() == 8 * 3
    essex = {
        day.sequence: set(
            day.invitations.filter(project__organisation__name__contains="Essex").values_list(
                "answer", flat=True
            )
        )
        for day in days
    }
    assert essex == {1: {InvitationAnswer.ACCEPTED}, 2: {InvitationAnswer.DECLINED}}


def test_the_demo_has_the_2018_peers_matches_and_engagements():
    """The report's peers as approaches; five of eight councils had a visit or a conversation,
    Lewisham and Lincolnshire read written material, Essex had no peer engagement."""
    load_demo()
    programme = Programme.objects.get(slug="cyp-mental-health-2018")
    approaches = set(programme.peer_approaches.values_list("organisation_name", flat=True))
    assert {"Forward Thinking Birmingham", "Cheshire East Council", "Wigan Council"} <= approaches
    engagements = PeerEngagement.objects.filter(project__programme=programme)
    visits_or_calls = set(
        engagements.filter(kind__in=["visit", "call"]).values_list(
            "project__organisation__name", flat=True
        )
    )
    assert len(visits_or_calls) == 5
    assert "Essex County Council" not in set(
        engagements.values_list("project__organisation__name", flat=True)
    )
    assert PeerMatch.objects.filter(project__programme=programme).count() == 7
    load_demo()  # again: nothing doubles
    assert PeerEngagement.objects.filter(project__programme=programme).count() == 8
