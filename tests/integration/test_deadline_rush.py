"""Deadline day on PostgreSQL: a council whose Submit reached the service before the closing time
is accepted even when its request waited, past the closing time, behind another that held the
lock (issue 14)."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.enums import ApplicationStatus
from applications.models import Application
from tests.factories import ApplicationFactory, ProgrammeFactory, complete_application, council_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_submit_that_waited_behind_a_lock_past_the_closing_time_is_accepted():
    closes_at = timezone.now() + datetime.timedelta(seconds=3)
    programme = ProgrammeFactory(
        opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at
    )
    application = complete_application(ApplicationFactory(programme=programme))
    person = council_user(organisation=application.organisation)
    client = Client()
    client.force_login(person)

    lock_taken = threading.Event()

    def hold_the_lock_past_the_closing_time():
        # Another request (a colleague's save, say) holds the application's row lock.
        try:
            with transaction.atomic():
                Application.objects.select_for_update().get(pk=application.pk)
                lock_taken.set()
                time.sleep(max(0.0, (closes_at - timezone.now()).total_seconds()) + 1.5)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock_past_the_closing_time)
    holder.start()
    assert lock_taken.wait(timeout=10)
    pressed_at = timezone.now()
    assert pressed_at < closes_at
    response = client.post(reverse("applications:check", args=[application.pk]))
    answered_at = timezone.now()
    holder.join(timeout=15)

    assert answered_at > closes_at  # it really did wait past the closing time
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert pressed_at <= application.submitted_at < closes_at


def test_a_submit_that_reached_the_service_after_the_closing_time_is_refused():
    closes_at = timezone.now() - datetime.timedelta(seconds=1)
    programme = ProgrammeFactory(
        opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at
    )
    application = complete_application(ApplicationFactory(programme=programme))
    client = Client()
    client.force_login(council_user(organisation=application.organisation))
    response = client.post(reverse("applications:check", args=[application.pk]))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
