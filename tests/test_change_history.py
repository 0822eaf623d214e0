"""Who changed what (issue 13 §2): django-simple-history keeps every change to the records people
change, with who and when; programme managers see each field before and after on the record's
page. Access and dietary needs are never copied into the history."""

import pytest
from django.urls import reverse

from accounts.enums import StaffRole
from cohort.models import LearningDayInvitation, Project
from programmes.models import Membership, Programme
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user
from tests.programmes.test_programmes import programme_form

pytestmark = pytest.mark.django_db


def test_a_programme_managers_edit_is_shown_with_before_and_after(client):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Pat Manager")
    client.force_login(manager)
    client.post(reverse("programmes:create"), programme_form())
    client.post(
        reverse("programmes:edit", args=["cyp-2027"]),
        programme_form(title="Children's mental health 2027 <b>round two</b>"),
    )
    programme = Programme.objects.get(slug="cyp-2027")
    latest = programme.history.order_by("-history_date").first()
    assert latest.history_user == manager and latest.history_type == "~"

    page = client.get(reverse("programmes:edit", args=["cyp-2027"])).content.decode()
    assert "Change history" in page and "by Pat Manager" in page
    assert "Created" in page
    assert "&lt;b&gt;round two&lt;/b&gt;" in page and "<b>round two</b>" not in page


@pytest.mark.parametrize("role", [StaffRole.CONSULTANT, StaffRole.REVIEWER])
def test_only_programme_managers_see_the_history(client, role):
    programme = ProgrammeFactory()
    consultant = UserFactory(role=StaffRole.CONSULTANT)
    project = Project.objects.create(
        programme=programme,
        organisation=OrganisationFactory(),
        key_question="How?",
        consultant=consultant,
    )
    client.force_login(consultant if role == StaffRole.CONSULTANT else UserFactory(role=role))
    response = client.get(reverse("cohort:project", args=[project.pk]))
    assert "Change history" not in response.content.decode()


def test_access_and_dietary_needs_are_not_kept_in_the_history():
    fields = {field.name for field in LearningDayInvitation.history.model._meta.get_fields()}
    assert "access_needs" not in fields and "dietary_needs" not in fields
    assert "attendance" in fields


def test_a_removed_membership_stays_in_the_history():
    member = council_user()
    membership = Membership.objects.get(user=member)
    membership_id = membership.pk
    membership.delete()
    assert list(
        Membership.history.filter(id=membership_id)
        .values_list("history_type", flat=True)
        .order_by("history_date")
    ) == ["+", "-"]
