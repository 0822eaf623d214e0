"""Races that only a real database server can show: several connections at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from applications.enums import ApplicationStatus
from applications.models import Application, ApplicationEvent
from applications.services import start_application, submit_application
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    complete_application,
    council_user,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 4


class Statements:
    """The SQL every thread sent, collected with Django's execute_wrapper."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        with self.lock:
            self.sql.append(sql)
        return execute(sql, params, many, context)

    def count(self, start: str) -> int:
        with self.lock:
            return sum(1 for sql in self.sql if sql.startswith(start))


def at_once(function, count: int = THREADS, statements: Statements | None = None) -> list:
    """Call `function` from `count` threads released together; each uses its own connection."""
    barrier = threading.Barrier(count, timeout=10)
    wrapper = statements or (lambda execute, *args: execute(*args))

    def run(_):
        try:
            with connection.execute_wrapper(wrapper):
                barrier.wait()
                return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))  # re-raises a thread's exception here


def test_starting_at_once_from_several_tabs_gives_one_application():
    programme = ProgrammeFactory()
    raced = 0
    for _ in range(5):  # a race is a matter of chance: give it several
        user = council_user()
        organisation = user.memberships.get().organisation
        statements = Statements()

        results = at_once(
            lambda organisation=organisation, user=user: start_application(
                programme=programme, organisation=organisation, by=user
            ),
            statements=statements,
        )

        assert len({application.pk for application in results}) == 1
        assert (
            Application.objects.filter(programme=programme, organisation=organisation).count() == 1
        )
        if statements.count('INSERT INTO "applications_application"') > 1:
            raced += 1  # more than one thread passed the "already started?" check
    assert Application.objects.filter(programme=programme).count() == 5
    # The unique constraint, not the check before it, must have decided at least once; otherwise
    # this test proved nothing about concurrency.
    assert raced, "the threads never raced: no two of them tried to insert"


def test_another_organisation_still_gets_its_own_application():
    programme = ProgrammeFactory()
    organisations = [OrganisationFactory() for _ in range(THREADS)]
    user = council_user(organisation=organisations[0])
    queue = iter(organisations)
    lock = threading.Lock()

    def start():
        with lock:
            organisation = next(queue)
        return start_application(programme=programme, organisation=organisation, by=user)

    results = at_once(start)

    assert len({application.pk for application in results}) == THREADS
    assert Application.objects.filter(programme=programme).count() == THREADS


def test_submitting_at_once_from_several_tabs_submits_once(celery_worker, smtp_sink):
    application = complete_application(ApplicationFactory())
    user = council_user(organisation=application.organisation)

    results = at_once(lambda: submit_application(application_id=application.pk, by=user))

    assert {result.status for result in results} == {ApplicationStatus.SUBMITTED}
    assert len({result.reference for result in results}) == 1
    application.refresh_from_db()
    assert application.reference == results[0].reference
    submitted_events = ApplicationEvent.objects.filter(
        application=application, description__startswith="Submitted"
    )
    assert submitted_events.count() == 1
    assert OutboundEmail.objects.count() == 4  # applicant and three team members, not 4 × 4
    # and the worker sends each of them once
    celery_worker.wait_until(
        lambda: OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 4,
        what="the 4 confirmation emails to be sent",
    )
    celery_worker.wait_until_idle()
    for email in OutboundEmail.objects.all():
        assert len(smtp_sink.to(email.to_email)) == 1
