import pytest

from applications.demo import data
from applications.demo.loader import DEMO_PROGRAMME_SLUG, load_demo
from applications.enums import ApplicationStatus
from applications.models import Application
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
    assert programme.applications.filter(status=ApplicationStatus.SUBMITTED).count() == 17
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
