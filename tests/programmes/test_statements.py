"""The privacy notice and the accessibility statement: public, linked from every page, in the
model form, with wording and contact details a programme manager can change safely."""

import pytest
from django.urls import reverse

from accounts.enums import StaffRole
from programmes.models import ServiceStatement
from tests.factories import UserFactory, council_user

pytestmark = pytest.mark.django_db


def edit(client, kind, **fields):
    data = {"contact_email": "access@lga.gov.uk", "contact_phone": "", "response_days": "10"}
    data["text"] = (
        client.get(reverse("programmes:edit_statement", args=[kind]))
        .context["form"]["text"]
        .value()
    )
    data.update(fields)
    return client.post(reverse("programmes:edit_statement", args=[kind]), data)


def test_accessibility_statement_follows_the_model_form(client):
    page = client.get("/accessibility/").content.decode()
    for heading in [
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in page, heading
    assert "partially compliant" in page and "WCAG" in page
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert "Equality Commission for Northern Ireland (ECNI)" in page
    assert "within 10 working days" in page
    assert "last tested on 4 December 2026" in page
    assert "call ((contact phone))" not in page and "call " not in page  # no telephone yet


def test_privacy_notice_names_the_controller_rights_and_the_regulator(client):
    page = client.get("/privacy/").content.decode()
    assert "data controller" in page and "Information Commissioner" in page
    assert "peerlearning@example.org" in page
    assert "((" not in page


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accessibility/", "/privacy/", "/does-not-exist/"]
)
def test_every_page_links_both_statements_from_its_footer(client, url):
    page = client.get(url).content.decode()
    assert 'href="/accessibility/">Accessibility statement</a>' in page
    assert 'href="/privacy/">Privacy notice</a>' in page


def test_signed_in_pages_link_them_too(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    page = client.get(reverse("programmes:manage")).content.decode()
    assert 'href="/accessibility/"' in page and 'href="/privacy/"' in page


def test_programme_manager_changes_the_contact_details(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    response = edit(
        client,
        "accessibility",
        contact_email="access@lga.gov.uk",
        contact_phone="020 7664 3000",
        response_days="5",
    )
    assert response.url == "/accessibility/"
    page = client.get("/accessibility/").content.decode()
    assert "email access@lga.gov.uk" in page and "call 020 7664 3000" in page
    assert "within 5 working days" in page
    # The wording was left as shipped, so it is stored empty and later defaults still reach it.
    assert ServiceStatement.objects.get(kind="accessibility").text == ""


def test_typed_wording_cannot_add_scripts_or_attributes(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    edit(
        client,
        "privacy",
        text="## Who we are\n\n<script>alert(1)</script> Hello <b onclick=x>there</b>\n\n"
        "[bad](javascript:alert(1)) [good](https://ico.org.uk/)",
    )
    page = client.get("/privacy/").content.decode()
    assert '<h2 class="govuk-heading-m">Who we are</h2>' in page
    assert "<script>alert" not in page and "onclick" not in page
    assert "javascript:" not in page
    assert (
        '<a class="govuk-link" href="https://ico.org.uk/" rel="noopener noreferrer">good</a>'
        in page
    )


def test_unknown_placeholder_is_refused_next_to_the_field_and_kept(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    response = edit(client, "privacy", text="Write to ((dpo email)) please")
    page = response.content.decode()
    assert response.status_code == 200
    assert "((dpo email)) is not a placeholder this statement can fill in" in page
    assert "govuk-error-summary" in page and "Write to ((dpo email)) please" in page
    assert not ServiceStatement.objects.exists()


def test_bad_contact_details_are_refused_with_messages(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    page = edit(client, "accessibility", contact_email="nope", response_days="0").content.decode()
    assert "Enter an email address in the correct format" in page
    assert "The number of working days must be at least 1" in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        ("council", 403),
        (StaffRole.REVIEWER, 403),
        (StaffRole.CONSULTANT, 403),
        (StaffRole.PROGRAMME_MANAGER, 200),
    ],
)
def test_only_programme_managers_change_statements(client, role, expected):
    if role == "council":
        client.force_login(council_user())
    elif role:
        client.force_login(UserFactory(role=role))
    url = reverse("programmes:edit_statement", args=["privacy"])
    assert client.get(url).status_code == expected
    if expected != 200:
        client.post(url, {"contact_email": "x@example.org", "response_days": "3", "text": "Hi"})
        assert not ServiceStatement.objects.exists()
    assert client.get("/privacy/").status_code == 200


def test_unknown_statement_is_not_found(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    assert client.get(reverse("programmes:edit_statement", args=["cookies"])).status_code == 404
