"""Emails never turn what someone typed into a link: only links the service writes are links.

A web address typed into a key question used to become a live <a href> in the confirmation email
that goes to the three addresses the council typed as its team.
"""

import re

import pytest

from applications.models import Application
from applications.services.applying import submit_application
from applications.services.board import answer_board_confirmation, request_board_confirmation
from notifications import editable
from notifications.models import OutboundEmail
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    complete_application,
    council_user,
)

pytestmark = pytest.mark.django_db

TYPED = "See https://evil.example/login and www.evil.example or mail help@evil.example"


def links_in(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def submitted_with_typed_addresses():
    application = ApplicationFactory(
        programme=ProgrammeFactory(), organisation=OrganisationFactory(name="https://org.example")
    )
    complete_application(application)
    user = council_user(organisation=application.organisation)
    Application.objects.filter(pk=application.pk).update(key_question=TYPED)
    submit_application(application_id=application.pk, by=user)
    application.refresh_from_db()
    return application, user


def test_typed_addresses_in_a_key_question_are_text_in_the_team_members_email():
    application, _ = submitted_with_typed_addresses()

    for member in application.team.all():
        email = OutboundEmail.objects.get(to_email=member.email)
        assert f"Key question: {TYPED}" in email.body_html
        assert links_in(email.body_html) == []


def test_service_link_stays_a_link_beside_typed_addresses():
    application, user = submitted_with_typed_addresses()
    email = OutboundEmail.objects.get(to_email=user.email)

    assert links_in(email.body_html) == [f"http://127.0.0.1:8000{application.get_absolute_url()}"]
    assert f"Key question: {TYPED}" in email.body_html


def test_typed_board_comment_is_text_and_the_application_link_is_a_link():
    application, user = submitted_with_typed_addresses()
    application.board_support = "likely"
    application.save(update_fields=["board_support"])
    confirmation = request_board_confirmation(
        application_id=application.pk,
        contact_name="Chair https://chair.example",
        contact_email="chair@example.org",
        contact_role="chair",
        by=user,
    )
    answer_board_confirmation(
        token=confirmation.token, supported=True, comment="Read https://evil.example/x"
    )

    answered = OutboundEmail.objects.filter(kind="board_confirmation_answered").first()

    assert "Read https://evil.example/x" in answered.body_html
    assert links_in(answered.body_html) == [
        f"http://127.0.0.1:8000{application.get_absolute_url()}"
    ]


def test_render_links_only_this_sites_addresses_in_link_values_and_the_wording(settings):
    settings.SITE_URL = "https://peerlearning.example.org"
    wording = editable.Wording(
        subject="About ((name))",
        body="Dear ((name)),\n\nAnswer at ((link)).\n\nHelp: https://www.local.gov.uk/help",
        template=None,
    )

    rendered = editable.render(
        wording,
        {
            "name": "Jo https://evil.example",
            "link": "https://peerlearning.example.org/a/1/ or https://evil.example",
        },
    )

    assert links_in(rendered.body_html) == [
        "https://peerlearning.example.org/a/1/",
        "https://www.local.gov.uk/help",
    ]
    assert "Dear Jo https://evil.example," in rendered.body_html
    assert rendered.body_text.startswith("Dear Jo https://evil.example,\n\nAnswer at https://")
