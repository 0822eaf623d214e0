"""An email that fails for good shows as failed on the page it was about, with a way to correct
the address and send again: the board confirmation request used to say "Waiting for an answer"
however its email had fared.

Email goes over real SMTP to a scripted server that refuses `reject-…` addresses with 550.
"""

import pytest
from django.urls import reverse

from accounts.enums import StaffRole
from applications.enums import BoardConfirmationStatus
from applications.models import BoardConfirmation
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from tests.factories import ApplicationFactory, UserFactory, council_user
from tests.notifications.scripted_smtp import REJECTED, start_scripted_sink

pytestmark = pytest.mark.django_db

NOT_DELIVERED = (
    '<strong class="govuk-tag govuk-tag--red">Not sent</strong> We could not deliver the email '
    "asking Jo Chair (Chair of the Health and Wellbeing Board) to confirm: check the address, "
    "reject-chair@example.org."
)


@pytest.fixture(scope="module")
def scripted_smtp():
    sink, controller = start_scripted_sink()
    yield sink
    controller.stop()


@pytest.fixture
def council(client, settings, scripted_smtp):
    settings.EMAIL_PORT = scripted_smtp.port
    scripted_smtp.clear()
    application = ApplicationFactory(board_support="likely")
    client.force_login(council_user(organisation=application.organisation))
    return client, application


def ask_board(client, application, email: str, callbacks):
    with callbacks(execute=True):
        return client.post(
            reverse("applications:board_request", args=[application.pk]),
            {"contact_name": "Jo Chair", "contact_role": "chair", "contact_email": email},
        )


def test_undeliverable_board_request_shows_as_not_sent_with_a_way_to_correct_it(
    council, django_capture_on_commit_callbacks
):
    client, application = council
    ask_board(client, application, "reject-chair@example.org", django_capture_on_commit_callbacks)
    email = OutboundEmail.objects.get(kind="board_confirmation_request")
    assert (email.status, email.last_error) == (EmailStatus.FAILED, REJECTED)

    page = client.get(application.get_absolute_url()).content.decode()

    assert NOT_DELIVERED in page
    assert "Waiting for the board" not in page
    url = reverse("applications:board_request", args=[application.pk])
    assert f'<a class="govuk-link" href="{url}">Correct the address and send it again</a>' in page


def test_correcting_the_address_sends_a_new_request_and_the_page_waits_again(
    council, django_capture_on_commit_callbacks, scripted_smtp
):
    client, application = council
    ask_board(client, application, "reject-chair@example.org", django_capture_on_commit_callbacks)
    url = reverse("applications:board_request", args=[application.pk])
    form = client.get(url).content.decode()
    assert 'value="reject-chair@example.org"' in form  # the form starts from what was typed
    assert "Not sent" in form

    response = ask_board(
        client, application, "chair@example.org", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    confirmation = BoardConfirmation.objects.get()
    assert (confirmation.contact_email, confirmation.status) == (
        "chair@example.org",
        BoardConfirmationStatus.PENDING,
    )
    assert len(scripted_smtp.to("chair@example.org")) == 1
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Not sent" not in page
    assert 'data-board-confirmation="pending"' in page
    assert "Ask your Health and Wellbeing Board again" in page


def test_staff_see_the_request_as_not_sent_without_the_councils_link(
    council, client, django_capture_on_commit_callbacks
):
    council_client, application = council
    ask_board(
        council_client, application, "reject-chair@example.org", django_capture_on_commit_callbacks
    )
    staff = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(staff)

    page = client.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()

    assert NOT_DELIVERED in page
    assert "Correct the address and send it again" not in page


def test_delivered_request_still_says_waiting(council, django_capture_on_commit_callbacks):
    client, application = council
    ask_board(client, application, "chair@example.org", django_capture_on_commit_callbacks)

    page = client.get(application.get_absolute_url()).content.decode()

    assert 'data-board-confirmation="pending"' in page
    assert "Waiting for the board since" in page
    assert "Not sent" not in page
