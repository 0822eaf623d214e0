"""How long a session lasts, staying signed in, and keeping typed text when a save meets an ended
session or a failed forgery check (WCAG 2.2.1)."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicationFactory, council_user

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60


def seconds_left(page: str) -> int:
    return int(re.search(r'data-session-seconds-left="(\d+)"', page).group(1))


@pytest.fixture
def draft():
    application = ApplicationFactory()
    return application, council_user(organisation=application.organisation)


def section_url(application):
    return reverse("applications:section", args=[application.pk, "about-your-issue"])


def test_every_page_says_how_long_the_session_has_left(client, draft):
    _application, person = draft
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(person)
        assert (
            seconds_left(client.get(reverse("applications:mine")).content.decode()) == EIGHT_HOURS
        )
        clock.shift(datetime.timedelta(hours=2))
        assert seconds_left(client.get(reverse("applications:mine")).content.decode()) == 6 * 3600


def test_staying_signed_in_restarts_the_clock(client, draft):
    _application, person = draft
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(person)
        clock.shift(datetime.timedelta(hours=7, minutes=56))
        response = client.post(reverse("accounts:stay_signed_in"), HTTP_ACCEPT="application/json")
        assert response.json() == {"seconds_left": EIGHT_HOURS}
        clock.shift(datetime.timedelta(hours=7))
        assert client.get(reverse("applications:mine")).status_code == 200


def test_without_javascript_staying_signed_in_goes_back_to_the_page(client, draft):
    application, person = draft
    client.force_login(person)
    response = client.post(reverse("accounts:stay_signed_in"), {"next": section_url(application)})
    assert response.url == section_url(application)
    evil = client.post(reverse("accounts:stay_signed_in"), {"next": "https://evil.example/"})
    assert evil.url == "/"


def test_the_session_ends_on_time(client, draft):
    _application, person = draft
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(person)
        clock.shift(datetime.timedelta(hours=8, seconds=1))
        assert client.get(reverse("applications:mine")).status_code == 302


def test_anonymous_people_cannot_stay_signed_in(client):
    response = client.post(reverse("accounts:stay_signed_in"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "data-session-seconds-left" not in client.get("/").content.decode()


def test_a_save_after_the_session_ended_puts_the_text_back_after_signing_in(client, draft):
    application, person = draft
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(person)
        clock.shift(datetime.timedelta(hours=9))
        saved = client.post(section_url(application), {"key_question": "Typed late on Friday"})
        assert saved.status_code == 302 and saved.url.startswith("/accounts/login/")
        application.refresh_from_db()
        assert application.key_question != "Typed late on Friday"

        client.force_login(person)
        page = client.get(section_url(application)).content.decode()
        assert "data-restore-typed-text" in page
        assert (
            "data-restore-typed-text" not in client.get(section_url(application)).content.decode()
        )


def test_a_failed_forgery_check_explains_and_sends_back_to_the_page(draft):
    application, person = draft
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(
        section_url(application),
        {"key_question": "Typed while signed in elsewhere"},
        HTTP_REFERER=f"http://testserver{section_url(application)}?from=task-list",
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Your changes were not saved" in page and "CSRF" not in page
    assert f'href="{section_url(application)}?from=task-list"' in page
    assert "data-restore-typed-text" in client.get(section_url(application)).content.decode()


def test_a_forgery_check_from_another_site_sends_nowhere(draft):
    application, person = draft
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(section_url(application), {}, HTTP_REFERER="https://evil.example/phish")
    page = response.content.decode()
    assert response.status_code == 403 and "evil.example" not in page
    assert "Go back to the page in your browser" in page
