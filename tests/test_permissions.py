"""Every view, for every role. A council never sees another council's application (404); people
without a role are refused staff pages (403); anonymous people are sent to sign in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.enums import StaffRole
from applications import services
from notifications.models import OutboundEmail
from tests import evidence_samples
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    UserFactory,
    complete_application,
    council_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_council", "other_council", "reviewer", "consultant", "manager"]


@pytest.fixture
def world():
    application = complete_application(ApplicationFactory())
    owner = council_user(organisation=application.organisation)
    document = services.upload_evidence(
        application_id=application.pk,
        upload=SimpleUploadedFile("plan.pdf", evidence_samples.make_pdf()),
        by=owner,
    )
    email = OutboundEmail.objects.create(
        kind="test",
        to_email=owner.email,
        subject="About your application",
        body_text="Hello",
        reason="test",
        related=application,
    )
    OrganisationFactory(is_confirmed=False)
    users = {
        "anonymous": None,
        "own_council": owner,
        "other_council": council_user(),
        "reviewer": UserFactory(role=StaffRole.REVIEWER),
        "consultant": UserFactory(role=StaffRole.CONSULTANT),
        "manager": UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    return {"application": application, "document": document, "email": email, "users": users}


def council_urls(w):
    a, pk = w["application"], w["application"].pk
    return [
        reverse("applications:overview", args=[pk]),
        reverse("applications:section", args=[pk, "about-your-issue"]),
        reverse("applications:section", args=[pk, "your-team"]),
        reverse("applications:check", args=[pk]),
        reverse("applications:withdraw", args=[pk]),
        reverse("applications:email", args=[pk, w["email"].pk]),
        reverse("applications:download", args=[pk, w["document"].pk]),
        reverse("applications:confirmation", args=[a.pk]),
    ]


def staff_urls(w):
    slug = w["application"].programme.slug
    return [
        reverse("programmes:manage"),
        reverse("programmes:create"),
        reverse("programmes:edit", args=[slug]),
        reverse("programmes:community_signups", args=[slug]),
        reverse("programmes:community_signups_csv", args=[slug]),
        reverse("programmes:peer_partner_offers", args=[slug]),
        reverse("programmes:organisations_to_confirm"),
        reverse("applications:staff_list", args=[slug]),
        reverse("applications:staff_detail", args=[w["application"].pk]),
        reverse("applications:extend_deadline", args=[slug]),
        reverse("notifications:outbox"),
        reverse("notifications:email", args=[w["email"].pk]),
        reverse("notifications:email_html", args=[w["email"].pk]),
    ]


def public_urls(w):
    programme = w["application"].programme
    return [
        reverse("home"),
        programme.get_absolute_url(),
        reverse("programmes:community_signup", args=[programme.slug]),
        reverse("programmes:peer_partner_offer", args=[programme.slug]),
        reverse("account_login"),
    ]


def get_as(client, user, url):
    if user:
        client.force_login(user)
    response = client.get(url)
    if response.streaming:
        # Reading a file download to the end closes the file; response.close() would also fire
        # request_finished, which closes the test's database connection on PostgreSQL.
        b"".join(response.streaming_content)
    return response


# Expected status for council pages by role. Staff reach an application through staff pages;
# the council pages are the council's own (evidence downloads are open to managers too).
COUNCIL_EXPECTED = {
    "own_council": 200,
    "other_council": 404,
    "reviewer": 404,
    "consultant": 404,
    "manager": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_council_pages_by_role(client, world, role):
    for url in council_urls(world):
        response = get_as(client, world["users"][role], url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager" and "/documents/" in url:
            assert response.status_code == 200, url
        elif role == "own_council" and url.endswith(("/withdraw/", "/confirmation/")):
            assert response.status_code in (200, 302), url
        else:
            assert response.status_code == COUNCIL_EXPECTED[role], (url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_by_role(client, world, role):
    for url in staff_urls(world):
        response = get_as(client, world["users"][role], url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_by_role(client, world, role):
    for url in public_urls(world):
        response = get_as(client, world["users"][role], url)
        expected = 302 if url == reverse("account_login") and role != "anonymous" else 200
        assert response.status_code == expected, url


def test_other_council_cannot_change_or_download_anything(client, world):
    client.force_login(world["users"]["other_council"])
    a, doc = world["application"], world["document"]
    posts = [
        (
            reverse("applications:section", args=[a.pk, "about-your-issue"]),
            {
                "seen_version": 1,
                "key_question": "Hijack",
                "why_critical": "x",
                "save_for_later": "1",
            },
        ),
        (
            reverse("applications:upload_evidence", args=[a.pk]),
            {"file": SimpleUploadedFile("x.pdf", evidence_samples.make_pdf())},
        ),
        (reverse("applications:remove_evidence", args=[a.pk, doc.pk]), {}),
        (reverse("applications:check", args=[a.pk]), {}),
        (reverse("applications:withdraw", args=[a.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    a.refresh_from_db()
    assert a.key_question != "Hijack" and a.is_draft and a.documents.count() == 1


def test_non_managers_cannot_set_up_programmes(client, world):
    client.force_login(world["users"]["reviewer"])
    response = client.post(reverse("programmes:create"), {"title": "Mine"})
    assert response.status_code == 403


def test_signed_in_user_without_organisation_is_asked_for_one(client):
    client.force_login(UserFactory())
    response = client.get(reverse("applications:mine"))
    assert response.url == reverse("programmes:choose_organisation")
