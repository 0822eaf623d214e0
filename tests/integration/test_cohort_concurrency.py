"""The cohort's last place, taken by two programme managers at the same moment on PostgreSQL."""

import queue

import pytest

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus
from applications.services import selection
from applications.services.applying import ApplicationError
from tests.factories import ProgrammeFactory, UserFactory, submitted_application
from tests.integration.test_database import at_once

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_managers_selecting_the_last_place_at_once():
    """Exactly one succeeds; the other is told the cohort is full. Repeated to make a race."""
    for _ in range(5):
        programme = ProgrammeFactory(cohort_min=1, cohort_max=3)
        chosen = [submitted_application(programme=programme) for _ in range(2)]
        contenders = [submitted_application(programme=programme) for _ in range(2)]
        managers = [UserFactory(role=StaffRole.PROGRAMME_MANAGER) for _ in range(2)]
        for application in chosen:
            selection.select_for_cohort(application_id=application.pk, by=managers[0])

        turns = queue.SimpleQueue()
        for pair in zip(contenders, managers, strict=True):
            turns.put(pair)

        def select_one(turns=turns):
            application, manager = turns.get()
            try:
                selection.select_for_cohort(application_id=application.pk, by=manager)
            except ApplicationError as error:
                return error.message
            return "selected"

        results = at_once(select_one, count=2)

        assert sorted(results) == [
            "The cohort is full: 3 of 3 places are taken. Remove a council from the cohort first",
            "selected",
        ]
        assert programme.applications.filter(status=ApplicationStatus.SELECTED).count() == 3
