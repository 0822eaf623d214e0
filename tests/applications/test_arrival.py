"""Deadline day: a submission is judged by when it reached the service, not by when a busy worker
got round to it (issue 14). Behind a proxy the proxy's stamp decides; without one, the first
middleware's."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from applications.enums import ApplicationStatus
from peerlearning.arrival import arrival_time, parse_request_start
from tests.factories import ApplicationFactory, ProgrammeFactory, complete_application, council_user

pytestmark = pytest.mark.django_db

CLOSES_AT = datetime.datetime(2026, 2, 13, 17, 0, tzinfo=datetime.UTC)  # 5pm GMT, a Friday


def stamp(moment: datetime.datetime) -> str:
    return f"t={moment.timestamp():.3f}"


@pytest.mark.parametrize(
    "value",
    ["t=1771001999.250", "1771001999.250", "t=1771001999250", "t=1771001999250000"],
)
def test_request_start_stamps_in_seconds_milliseconds_or_microseconds(value):
    assert parse_request_start(value) == datetime.datetime(
        2026, 2, 13, 16, 59, 59, 250000, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize("value", ["", "t=", "soon", "t=1e400", "t=nan"])
def test_unreadable_stamps_are_ignored(value):
    parsed = parse_request_start(value)
    assert parsed is None or isinstance(parsed, datetime.datetime)


def request_stamped(value: str | None):
    request = RequestFactory().post("/")
    if value is not None:
        request.META["HTTP_X_REQUEST_START"] = value
    return request


def test_the_proxys_stamp_is_trusted_only_behind_a_proxy(settings):
    now = CLOSES_AT + datetime.timedelta(seconds=40)
    queued = CLOSES_AT - datetime.timedelta(seconds=5)
    settings.BEHIND_PROXY = False
    assert arrival_time(request_stamped(stamp(queued)), now=now) == now
    settings.BEHIND_PROXY = True
    assert arrival_time(request_stamped(stamp(queued)), now=now) == queued
    assert arrival_time(request_stamped(None), now=now) == now


@pytest.mark.parametrize(
    "offset",
    [datetime.timedelta(seconds=30), -datetime.timedelta(minutes=11)],
    ids=["ahead of this machine", "older than any queue"],
)
def test_implausible_stamps_are_not_trusted(settings, offset):
    settings.BEHIND_PROXY = True
    now = CLOSES_AT
    assert arrival_time(request_stamped(stamp(now + offset)), now=now) == now


@pytest.fixture
def ready_to_submit():
    programme = ProgrammeFactory(
        opens_at=CLOSES_AT - datetime.timedelta(days=30), closes_at=CLOSES_AT
    )
    application = complete_application(ApplicationFactory(programme=programme))
    return application, council_user(organisation=application.organisation)


def submit(client, application, **headers):
    return client.post(reverse("applications:check", args=[application.pk]), **headers)


def test_pressed_before_the_closing_time_and_answered_after_it_is_submitted(
    client, settings, ready_to_submit
):
    settings.BEHIND_PROXY = True
    application, person = ready_to_submit
    client.force_login(person)
    arrived = CLOSES_AT - datetime.timedelta(seconds=5)
    with time_machine.travel(CLOSES_AT + datetime.timedelta(seconds=55), tick=False):
        response = submit(client, application, HTTP_X_REQUEST_START=stamp(arrived))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at == arrived


def test_arrived_after_the_closing_time_is_refused_and_the_draft_kept(
    client, settings, ready_to_submit
):
    settings.BEHIND_PROXY = True
    application, person = ready_to_submit
    client.force_login(person)
    with time_machine.travel(CLOSES_AT + datetime.timedelta(seconds=3), tick=False):
        response = submit(
            client,
            application,
            HTTP_X_REQUEST_START=stamp(CLOSES_AT + datetime.timedelta(seconds=1)),
        )
    assert response.status_code == 400
    assert "Applications can no longer be submitted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.key_question


def test_without_a_proxy_the_service_stamps_the_request_itself(client, ready_to_submit):
    application, person = ready_to_submit
    client.force_login(person)
    with time_machine.travel(CLOSES_AT - datetime.timedelta(seconds=1), tick=False):
        # A stamp sent by a client straight to the service is not believed.
        response = submit(
            client, application, HTTP_X_REQUEST_START=stamp(CLOSES_AT - datetime.timedelta(hours=1))
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.submitted_at == CLOSES_AT - datetime.timedelta(seconds=1)


def test_the_check_page_publishes_the_rule(client, ready_to_submit):
    application, person = ready_to_submit
    client.force_login(person)
    with time_machine.travel(CLOSES_AT - datetime.timedelta(days=1), tick=False):
        page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    assert "The closing time is Friday 13 February 2026, 5pm" in page
    assert "We accept an application that reaches us before then" in page
