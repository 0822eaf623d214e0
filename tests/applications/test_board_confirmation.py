"""The Health and Wellbeing Board confirms its support through a signed link, without an account."""

import datetime
import re
from html import escape

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications import services
from applications.enums import ApplicationStatus, BoardConfirmationStatus, BoardSupport
from applications.models import BoardConfirmation
from applications.services.board import (
    BoardConfirmationAlreadyAnswered,
    BoardLinkNoLongerValid,
    answer_board_confirmation,
    board_confirmation_path,
    read_board_link,
    request_board_confirmation,
    sign_board_token,
)
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from tests.factories import (
    ApplicationFactory,
    UserFactory,
    complete_application,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"<>]+(/applications/board/confirm/[^\s\"<>]+/)")


def draft(board_support=BoardSupport.CONFIRMED):
    application = complete_application(ApplicationFactory())
    application.board_support = board_support
    application.save()
    owner = council_user(organisation=application.organisation, name="Jo Applicant")
    application.created_by = owner
    application.save()
    return application, owner


def ask(application, user, **overrides):
    arguments = {
        "application_id": application.pk,
        "contact_name": "Dr Rhiannon Price",
        "contact_email": "chair@hwb.example.org",
        "contact_role": "chair",
        "by": user,
        **overrides,
    }
    return request_board_confirmation(**arguments)


def link_in(message) -> str:
    """The path of the board's link in the plain-text body of a received email."""
    match = LINK.search(message.get_body(("plain",)).get_content())
    assert match, message.get_body(("plain",)).get_content()
    return match.group(1)


def request_url(application) -> str:
    return reverse("applications:board_request", args=[application.pk])


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("support", [BoardSupport.LIKELY, BoardSupport.CONFIRMED])
def test_request_board_confirmation_when_support_is_likely_or_confirmed(support):
    application, owner = draft(support)
    confirmation = ask(application, owner)
    assert confirmation.status == BoardConfirmationStatus.PENDING
    assert confirmation.requested_by == owner
    email = OutboundEmail.objects.get(kind="board_confirmation_request")
    assert email.to_email == "chair@hwb.example.org"
    assert email.to_name == "Dr Rhiannon Price"
    assert email.related == application
    # The link lets whoever holds it answer for the board: staff and the council see only that
    # the email went.
    assert email.hide_body_from_staff is True
    signed = LINK.search(email.body_text).group(1).split("/")[-2]
    assert read_board_link(signed) == confirmation.token


@pytest.mark.parametrize("support", ["", BoardSupport.NOT_SOUGHT])
def test_request_board_confirmation_refused_unless_support_is_likely_or_confirmed(support):
    application, owner = draft(support)
    with pytest.raises(services.ApplicationError, match="likely or confirmed"):
        ask(application, owner)
    assert not BoardConfirmation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_request_board_confirmation_after_submission():
    application = submitted_application()
    owner = council_user(organisation=application.organisation)
    assert ask(application, owner).status == BoardConfirmationStatus.PENDING


def test_request_board_confirmation_refused_when_withdrawn():
    application = submitted_application()
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    with pytest.raises(services.ApplicationError, match="withdrawn"):
        ask(application, None)


def test_request_board_confirmation_replaces_the_pending_request():
    application, owner = draft()
    first = ask(application, owner)
    second = ask(application, owner, contact_name="Sam Clerk", contact_role="manager")
    assert list(application.board_confirmations.all()) == [second]
    assert not BoardConfirmation.objects.filter(pk=first.pk).exists()
    assert application.events.last().description == (
        "Asked Sam Clerk (Board manager) to confirm the Health and Wellbeing Board’s support, "
        "replacing the request to Dr Rhiannon Price (Chair of the Health and Wellbeing Board)"
    )


def test_request_board_confirmation_keeps_answers_already_given():
    application, owner = draft()
    first = ask(application, owner)
    answer_board_confirmation(token=first.token, supported=False, comment="Not yet discussed.")
    second = ask(application, owner)
    assert list(application.board_confirmations.all()) == [second, first]
    first.refresh_from_db()
    assert first.status == BoardConfirmationStatus.DECLINED


def test_answer_board_confirmation_records_the_answer_and_tells_the_council(
    django_capture_on_commit_callbacks, smtp_sink
):
    application = submitted_application()
    submitter = council_user(organisation=application.organisation, name="Kim Submitter")
    application.submitted_by = submitter
    application.created_by = council_user(organisation=application.organisation)
    application.save()
    confirmation = ask(application, submitter)
    moment = datetime.datetime(2018, 2, 16, 17, 0, tzinfo=LONDON)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(moment, tick=False):
        answered = answer_board_confirmation(
            token=confirmation.token, supported=True, comment="Agreed at the January meeting."
        )
    assert answered.status == BoardConfirmationStatus.CONFIRMED
    assert answered.comment == "Agreed at the January meeting."
    assert answered.responded_at == moment
    [message] = smtp_sink.to(submitter.email)
    assert message["Subject"] == (
        f"Your Health and Wellbeing Board has confirmed its support: {application.programme.title}"
    )
    text = message.get_body(("plain",)).get_content()
    assert "Dr Rhiannon Price (Chair of the Health and Wellbeing Board) has confirmed" in text
    assert "Answered: Friday 16 February 2018, 5pm" in text
    assert "Agreed at the January meeting." in text


def test_answer_board_confirmation_declined_tells_whoever_started_a_draft():
    application, owner = draft()
    confirmation = ask(application, owner)
    answer_board_confirmation(token=confirmation.token, supported=False, comment="")
    email = OutboundEmail.objects.get(kind="board_confirmation_answered")
    assert email.to_email == owner.email
    assert email.subject == (
        "Your Health and Wellbeing Board does not support your application: "
        f"{application.programme.title}"
    )


def test_answer_board_confirmation_second_answer_refused():
    application, owner = draft()
    confirmation = ask(application, owner)
    answer_board_confirmation(token=confirmation.token, supported=True, comment="Yes.")
    with pytest.raises(BoardConfirmationAlreadyAnswered) as refused:
        answer_board_confirmation(token=confirmation.token, supported=False, comment="Changed.")
    assert refused.value.confirmation.status == BoardConfirmationStatus.CONFIRMED
    confirmation.refresh_from_db()
    assert (confirmation.status, confirmation.comment) == (
        BoardConfirmationStatus.CONFIRMED,
        "Yes.",
    )
    assert OutboundEmail.objects.filter(kind="board_confirmation_answered").count() == 1


def test_answer_board_confirmation_of_a_replaced_request_refused():
    application, owner = draft()
    first = ask(application, owner)
    ask(application, owner)
    with pytest.raises(BoardLinkNoLongerValid):
        answer_board_confirmation(token=first.token, supported=True, comment="")


def test_board_confirmation_is_recorded_in_the_history():
    application, owner = draft()
    first = ask(application, owner, contact_name="Sam Clerk", contact_role="manager")
    second = ask(application, owner)
    answer_board_confirmation(token=second.token, supported=True, comment="")
    assert first.pk != second.pk
    history = [(e.actor, e.description) for e in application.events.all()]
    assert history == [
        (
            owner,
            "Asked Sam Clerk (Board manager) to confirm the Health and Wellbeing Board’s support",
        ),
        (
            owner,
            "Asked Dr Rhiannon Price (Chair of the Health and Wellbeing Board) to confirm the "
            "Health and Wellbeing Board’s support, replacing the request to Sam Clerk "
            "(Board manager)",
        ),
        (
            None,
            "Dr Rhiannon Price (Chair of the Health and Wellbeing Board) confirmed the Health and "
            "Wellbeing Board’s support",
        ),
    ]


def test_read_board_link_accepts_only_this_signature():
    application, owner = draft()
    token = ask(application, owner).token
    assert read_board_link(sign_board_token(token)) == token
    for forged in [
        signing.TimestampSigner(salt="another-purpose").sign(str(token)),
        signing.Signer(salt="board-confirmation").sign(str(token)),
        str(token),
        sign_board_token(token)[:-1],
    ]:
        with pytest.raises(signing.BadSignature):
            read_board_link(forged)


# ---------------------------------------------------------------------------------------------
# The council asks
# ---------------------------------------------------------------------------------------------


def test_council_asks_the_board_from_its_draft(client, django_capture_on_commit_callbacks):
    application, owner = draft(BoardSupport.LIKELY)
    client.force_login(owner)
    task_list = client.get(application.get_absolute_url()).content.decode()
    assert f'href="{request_url(application)}"' in task_list
    page = client.get(request_url(application))
    assert page.status_code == 200
    assert "Ask your Health and Wellbeing Board to confirm" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            request_url(application),
            {
                "contact_name": "Dr Rhiannon Price",
                "contact_role": "chair",
                "contact_email": "chair@hwb.example.org",
            },
        )
    assert response.status_code == 302
    assert response.url == application.get_absolute_url()
    confirmation = application.board_confirmations.get()
    assert (confirmation.contact_email, confirmation.requested_by) == (
        "chair@hwb.example.org",
        owner,
    )
    followed = client.get(response.url).content.decode()
    assert "We have emailed Dr Rhiannon Price a link" in followed


def test_council_asks_the_board_after_submission(client):
    application = submitted_application()
    owner = council_user(organisation=application.organisation)
    client.force_login(owner)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Not asked yet" in page
    assert f'href="{request_url(application)}"' in page
    response = client.post(
        request_url(application),
        {"contact_name": "Sam Clerk", "contact_role": "manager", "contact_email": "s@example.org"},
    )
    assert response.status_code == 302
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Waiting for the board since" in page
    assert "(asked Sam Clerk, Board manager)" in page
    assert "Ask your Health and Wellbeing Board again" in page


def test_request_form_errors_are_shown_and_nothing_is_sent(client):
    application, owner = draft()
    client.force_login(owner)
    response = client.post(request_url(application), {"contact_email": "not-an-email"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the full name of the board’s chair or board manager" in page
    assert "Select whether they chair the board or manage it" in page
    assert "Enter an email address in the correct format, like name@example.org" in page
    assert not BoardConfirmation.objects.exists()


def test_request_page_explains_when_support_was_not_sought(client):
    application, owner = draft(BoardSupport.NOT_SOUGHT)
    client.force_login(owner)
    assert f'href="{request_url(application)}"' not in (
        client.get(application.get_absolute_url()).content.decode()
    )
    page = client.get(request_url(application)).content.decode()
    assert "once you have said that its support is likely or confirmed" in page
    assert "Send the request" not in page
    response = client.post(
        request_url(application),
        {"contact_name": "A", "contact_role": "chair", "contact_email": "a@example.org"},
    )
    assert response.status_code == 400
    assert not BoardConfirmation.objects.exists()


@pytest.mark.parametrize("who", ["other_council", "manager", "reviewer"])
def test_request_page_is_404_for_anyone_but_the_council(client, who):
    application, _ = draft()
    user = (
        council_user()
        if who == "other_council"
        else UserFactory(
            role=StaffRole.PROGRAMME_MANAGER if who == "manager" else StaffRole.REVIEWER
        )
    )
    client.force_login(user)
    assert client.get(request_url(application)).status_code == 404
    response = client.post(
        request_url(application),
        {"contact_name": "Intruder", "contact_role": "chair", "contact_email": "x@example.org"},
    )
    assert response.status_code == 404
    assert not BoardConfirmation.objects.exists()


def test_request_page_sends_anonymous_people_to_sign_in(client):
    application, _ = draft()
    response = client.get(request_url(application))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# ---------------------------------------------------------------------------------------------
# The board answers through the link
# ---------------------------------------------------------------------------------------------


def test_the_emailed_link_works_without_signing_in(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    application = submitted_application()
    application.board_support_detail = "The board discussed it on 1 February."
    application.save()
    owner = council_user(organisation=application.organisation)
    application.submitted_by = owner
    application.save()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            request_url(application),
            {
                "contact_name": "Dr Rhiannon Price",
                "contact_role": "chair",
                "contact_email": "chair@hwb.example.org",
            },
        )
    [message] = smtp_sink.to("chair@hwb.example.org")
    path = link_in(message)
    assert path in message.get_body(("html",)).get_content()
    client.logout()

    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 200
    # Never sent to another site; same-origin, not no-referrer, so the form's POST keeps its Origin
    # (browsers send "Origin: null" under no-referrer, which the CSRF check refuses).
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert application.organisation.name in page
    assert application.programme.title in page
    assert application.key_question in page
    assert all(escape(member.name) in page for member in application.team.all())
    assert "The board discussed it on 1 February." in page
    assert "Yes, the board supports this application" in page
    assert "No, the board does not support it" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"answer": "yes", "comment": "Agreed in January."})
    assert response.status_code == 302 and response.url == path
    thanks = client.get(path)
    assert thanks.status_code == 200
    assert (thanks["Referrer-Policy"], thanks["Cache-Control"]) == ("no-referrer", "no-store")
    assert "Your answer has been sent" in thanks.content.decode()
    confirmation = application.board_confirmations.get()
    assert confirmation.status == BoardConfirmationStatus.CONFIRMED
    assert confirmation.comment == "Agreed in January."
    assert len(smtp_sink.to(owner.email)) == 1


def test_the_board_must_choose_an_answer(client):
    application, owner = draft()
    path = board_confirmation_path(ask(application, owner))
    response = client.post(path, {"comment": "Hmm"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select whether the board supports this application" in page
    assert 'href="#id_answer_1"' in page
    assert application.board_confirmations.get().status == BoardConfirmationStatus.PENDING


def test_the_board_can_decline(client):
    application, owner = draft()
    path = board_confirmation_path(ask(application, owner))
    client.post(path, {"answer": "no", "comment": ""})
    assert application.board_confirmations.get().status == BoardConfirmationStatus.DECLINED


def assert_clear_page(response, status: int, heading: str) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    return page


def test_a_tampered_link_gets_a_clear_page(client):
    application, owner = draft()
    confirmation = ask(application, owner)
    signed = sign_board_token(confirmation.token)
    other_token = BoardConfirmation(application=application).token
    flipped = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    for bad in [
        flipped,
        signed[:-5],
        signed.replace(str(confirmation.token), str(other_token)),
        "not-a-link",
    ]:
        url = reverse("applications:board_confirm", args=[bad])
        page = assert_clear_page(client.get(url), 400, "This link is not valid")
        assert "copied the whole address" in page
        assert_clear_page(client.post(url, {"answer": "yes"}), 400, "This link is not valid")
    assert application.board_confirmations.get().status == BoardConfirmationStatus.PENDING


def test_an_expired_link_gets_a_clear_page(client):
    application, owner = draft()
    path = board_confirmation_path(ask(application, owner))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=29)):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        page = assert_clear_page(client.get(path), 410, "This link has expired")
        assert "Ask the council that contacted you to send you a new link" in page
        assert_clear_page(client.post(path, {"answer": "yes"}), 410, "This link has expired")
    assert application.board_confirmations.get().status == BoardConfirmationStatus.PENDING


def test_a_used_link_shows_the_recorded_answer(client):
    application, owner = draft()
    confirmation = ask(application, owner)
    path = board_confirmation_path(confirmation)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=LONDON), tick=False):
        answer_board_confirmation(token=confirmation.token, supported=True, comment="Agreed.")
    for response in [client.get(path), client.post(path, {"answer": "no", "comment": "No!"})]:
        page = assert_clear_page(response, 410, "This link has already been used")
        assert "Confirmed by the board" in page
        assert "Monday 2 March 2026, 9:30am" in page
        assert "Agreed." in page
    confirmation.refresh_from_db()
    assert (confirmation.status, confirmation.comment) == (
        BoardConfirmationStatus.CONFIRMED,
        "Agreed.",
    )


def test_a_used_link_still_shows_the_answer_after_it_expires(client):
    application, owner = draft()
    confirmation = ask(application, owner)
    path = board_confirmation_path(confirmation)
    answer_board_confirmation(token=confirmation.token, supported=False, comment="")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=40)):
        page = assert_clear_page(client.get(path), 410, "This link has already been used")
    assert "Not supported by the board" in page


def test_a_replaced_link_gets_a_clear_page(client):
    application, owner = draft()
    old_path = board_confirmation_path(ask(application, owner))
    ask(application, owner)
    page = assert_clear_page(client.get(old_path), 410, "This link is no longer valid")
    assert "Use the link in the most recent email" in page


def test_the_council_cannot_read_the_link_in_its_list_of_emails(client):
    application, owner = draft()
    confirmation = ask(application, owner)
    email = OutboundEmail.objects.get(kind="board_confirmation_request")
    client.force_login(owner)
    page = client.get(application.get_absolute_url()).content.decode()
    assert email.subject in page
    assert str(confirmation.token) not in page
    assert (
        client.get(reverse("applications:email", args=[application.pk, email.pk])).status_code
        == 404
    )


# ---------------------------------------------------------------------------------------------
# Staff and the council see the answer
# ---------------------------------------------------------------------------------------------


def test_staff_see_confirmed_by_the_board_with_the_date(client):
    application = submitted_application()
    confirmation = ask(application, None)
    with time_machine.travel(datetime.datetime(2018, 2, 16, 17, 0, tzinfo=LONDON), tick=False):
        answer_board_confirmation(token=confirmation.token, supported=True, comment="Agreed.")
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    page = client.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    assert (
        "Confirmed by the board on Friday 16 February 2018, 5pm "
        "(Dr Rhiannon Price, Chair of the Health and Wellbeing Board)"
    ) in page
    assert "Comment: Agreed." in page
    # The link to ask is the council's, on the council's pages only.
    assert request_url(application) not in page


def test_the_council_sees_the_boards_answer(client):
    application = submitted_application()
    owner = council_user(organisation=application.organisation)
    confirmation = ask(application, owner, contact_name="Sam Clerk", contact_role="manager")
    answer_board_confirmation(token=confirmation.token, supported=False, comment="")
    client.force_login(owner)
    for url in [
        application.get_absolute_url(),
        reverse("applications:check", args=[application.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Not supported by the board on" in page
        assert "(Sam Clerk, Board manager)" in page


def test_a_script_in_the_comment_is_escaped_everywhere(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    script = "<script>alert('board')</script>"
    application = submitted_application()
    owner = council_user(organisation=application.organisation)
    application.submitted_by = owner
    application.save()
    confirmation = ask(application, owner, contact_name=f"Dr {script}")
    with django_capture_on_commit_callbacks(execute=True):
        answer_board_confirmation(token=confirmation.token, supported=True, comment=script)
    escaped = "&lt;script&gt;alert(&#x27;board&#x27;)&lt;/script&gt;"

    client.force_login(owner)
    council_page = client.get(application.get_absolute_url()).content.decode()
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    staff_page = client.get(
        reverse("applications:staff_detail", args=[application.pk])
    ).content.decode()
    client.logout()
    used_page = client.get(board_confirmation_path(confirmation)).content.decode()
    [message] = smtp_sink.to(owner.email)
    email_html = message.get_body(("html",)).get_content()
    for page in [council_page, staff_page, used_page, email_html]:
        assert script not in page
        assert escaped in page
    assert script in message.get_body(("plain",)).get_content()
