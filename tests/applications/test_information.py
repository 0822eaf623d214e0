"""The "more information" loop: a programme manager asks about one section; the council changes
that section, and only that one, and sends its updated answer back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications import services
from applications.enums import ApplicationStatus, Section
from applications.models import Application, ApplicationEvent, InformationRequest
from applications.services.applying import ApplicationError
from applications.services.information import (
    request_more_information,
    resubmit_after_information,
)
from notifications.models import OutboundEmail
from tests import evidence_samples
from tests.factories import UserFactory, council_user, submitted_application

pytestmark = pytest.mark.django_db

QUESTION = "Which services have the longest waits, and for whom?"


@pytest.fixture
def submitted():
    """A submitted application, the council officer who submitted it, and a programme manager."""
    application = submitted_application()
    applicant = council_user(organisation=application.organisation, name="Casey Council")
    application.submitted_by = applicant
    application.save()
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Morgan Manager")
    return application, applicant, manager


def ask(application, manager, section=Section.ISSUE, question=QUESTION):
    return request_more_information(
        application_id=application.pk, section=section, question=question, by=manager
    )


def section_url(application, section: Section) -> str:
    return reverse("applications:section", args=[application.pk, section.value])


def issue_answers(**changes) -> dict:
    return {
        "seen_version": 1,
        "key_question": "How can we cut the longest waits?",
        "why_critical": "Families wait eight months for a first appointment.",
        "save_and_continue": "1",
        **changes,
    }


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------


def test_asking_reopens_one_section_records_history_and_emails_the_applicant(
    submitted, smtp_sink, django_capture_on_commit_callbacks
):
    application, applicant, manager = submitted
    with django_capture_on_commit_callbacks(execute=True):
        information_request = ask(application, manager, question=f"  {QUESTION}\n")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION
    assert application.reopened_section == Section.ISSUE
    assert (information_request.section, information_request.question) == (
        Section.ISSUE,
        QUESTION,
    )
    assert information_request.asked_by == manager and information_request.answered_at is None
    event = application.events.get()
    assert event.actor == manager
    assert event.description == f"Asked for more information about ‘About your issue’: {QUESTION}"
    email = OutboundEmail.objects.get()
    assert (email.kind, email.to_email, email.related) == (
        "information_requested",
        applicant.email,
        application,
    )
    assert email.status == "sent"
    [message] = smtp_sink.to(applicant.email)
    assert f"More information needed: {application.organisation.name}" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert QUESTION in body and "About your issue" in body
    assert application.get_absolute_url() in body


@pytest.mark.parametrize("status", [ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED])
def test_submitted_and_shortlisted_applications_can_be_asked_about(submitted, status):
    application, _, manager = submitted
    application.status = status
    application.save()
    ask(application, manager, section=Section.TEAM)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION
    assert application.reopened_section == "your-team"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (ApplicationStatus.DRAFT, "has not been submitted yet"),
        (ApplicationStatus.WITHDRAWN, "has been withdrawn"),
        (ApplicationStatus.SELECTED, "A decision has been made"),
        (ApplicationStatus.WAITLISTED, "A decision has been made"),
        (ApplicationStatus.NOT_SELECTED, "A decision has been made"),
    ],
)
def test_asking_is_refused_outside_assessment(submitted, status, message):
    application, _, manager = submitted
    application.status = status
    application.save()
    with pytest.raises(ApplicationError, match=message):
        ask(application, manager)
    application.refresh_from_db()
    assert application.status == status and application.reopened_section == ""
    assert not InformationRequest.objects.exists() and not OutboundEmail.objects.exists()


def test_a_second_question_waits_for_the_first_answer(submitted):
    application, _, manager = submitted
    ask(application, manager)
    with pytest.raises(ApplicationError, match="already been asked about ‘About your issue’"):
        ask(application, manager, section=Section.TEAM)
    application.refresh_from_db()
    assert application.reopened_section == "about-your-issue"
    assert InformationRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("section", "question", "field"),
    [("not-a-section", QUESTION, "section"), (Section.ISSUE, "   ", "question")],
)
def test_asking_needs_a_section_and_a_question(submitted, section, question, field):
    application, _, manager = submitted
    with pytest.raises(ApplicationError) as refused:
        ask(application, manager, section=section, question=question)
    assert refused.value.field == field
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_only_the_reopened_section_can_be_saved(submitted):
    application, applicant, manager = submitted
    ask(application, manager, section=Section.BOARD)
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        services.save_section(
            application_id=application.pk,
            section=Section.ISSUE,
            answers={"key_question": "Changed", "why_critical": "Changed"},
            seen_version=1,
            by=applicant,
        )
    services.save_section(
        application_id=application.pk,
        section=Section.BOARD,
        answers={"board_support": "likely", "board_support_detail": "The board meets in May."},
        seen_version=1,
        by=applicant,
    )
    application.refresh_from_db()
    assert application.key_question != "Changed"
    assert application.board_support_detail == "The board meets in May."


def test_evidence_can_be_added_and_removed_only_when_that_section_is_reopened(submitted):
    application, applicant, manager = submitted
    pdf = SimpleUploadedFile("plan.pdf", evidence_samples.make_pdf())
    with pytest.raises(ApplicationError):
        services.upload_evidence(application_id=application.pk, upload=pdf, by=applicant)
    ask(application, manager, section=Section.EVIDENCE)
    document = services.upload_evidence(
        application_id=application.pk,
        upload=SimpleUploadedFile("plan.pdf", evidence_samples.make_pdf()),
        by=applicant,
    )
    with pytest.raises(ApplicationError):  # a board letter belongs to another section
        services.upload_evidence(
            application_id=application.pk,
            upload=SimpleUploadedFile("letter.pdf", evidence_samples.make_pdf()),
            by=applicant,
            purpose="board_letter",
        )
    services.remove_evidence(document_id=document.pk, application_id=application.pk, by=applicant)
    assert not application.documents.exists()


def test_resubmitting_answers_the_question_and_returns_to_the_earlier_status(submitted):
    application, applicant, manager = submitted
    application.status = ApplicationStatus.SHORTLISTED
    application.save()
    information_request = ask(application, manager)
    resubmitted = resubmit_after_information(application_id=application.pk, by=applicant)
    # Back on the shortlist, where it was when the question was asked.
    assert resubmitted.status == ApplicationStatus.SHORTLISTED
    assert resubmitted.reopened_section == ""
    information_request.refresh_from_db()
    assert information_request.answered_by == applicant
    assert information_request.answered_at is not None
    assert application.events.last().description == "Sent the updated answer to ‘About your issue’"
    # Sending twice changes nothing.
    again = resubmit_after_information(application_id=application.pk, by=applicant)
    assert again.status == ApplicationStatus.SHORTLISTED
    assert application.events.count() == 2


def test_resubmitting_needs_the_reopened_section_complete(submitted):
    application, applicant, manager = submitted
    ask(application, manager)
    Application.objects.filter(pk=application.pk).update(why_critical="")
    with pytest.raises(ApplicationError, match="Complete ‘About your issue’ before you send"):
        resubmit_after_information(application_id=application.pk, by=applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION


def test_resubmitting_keeps_the_word_limit(submitted):
    application, applicant, manager = submitted
    application.programme.word_limit = 30
    application.programme.save()
    ask(application, manager)
    Application.objects.filter(pk=application.pk).update(why_critical="word " * 40)
    with pytest.raises(ApplicationError, match="must be 30 words or fewer in total"):
        resubmit_after_information(application_id=application.pk, by=applicant)


def test_resubmitting_without_a_question_is_refused(submitted):
    application, applicant, _ = submitted
    with pytest.raises(ApplicationError, match="has not asked you for more information"):
        resubmit_after_information(application_id=application.pk, by=applicant)


def test_resubmitting_is_allowed_after_the_closing_date(submitted):
    application, applicant, manager = submitted
    programme = application.programme
    programme.opens_at = timezone.now() - timezone.timedelta(days=30)
    programme.closes_at = timezone.now() - timezone.timedelta(days=1)
    programme.save()
    ask(application, manager)
    resubmit_after_information(application_id=application.pk, by=applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


# ---------------------------------------------------------------------------------------------
# Through the pages
# ---------------------------------------------------------------------------------------------


def test_the_whole_loop_through_the_pages(
    client, submitted, smtp_sink, django_capture_on_commit_callbacks
):
    application, applicant, manager = submitted
    detail = reverse("applications:staff_detail", args=[application.pk])

    # The programme manager asks about the issue.
    client.force_login(manager)
    page = client.get(detail).content.decode()
    assert "Ask the council for more information" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:request_information", args=[application.pk]),
            {"section": "about-your-issue", "question": QUESTION},
        )
    assert response.status_code == 302 and response.url == detail
    page = client.get(detail).content.decode()
    assert f"Your question has been sent to {application.organisation.name}" in page
    assert "Waiting for an answer" in page and QUESTION in page

    # The council sees the question on its application page.
    client.force_login(applicant)
    overview = client.get(application.get_absolute_url()).content.decode()
    assert "The programme team has asked for more information about ‘About your issue’" in overview
    assert QUESTION in overview
    assert f'href="{section_url(application, Section.ISSUE)}"' in overview
    assert "Your application can no longer be changed" not in overview

    # Every other section stays closed.
    assert client.get(section_url(application, Section.TEAM)).url == (
        application.get_absolute_url()
    )
    refused = client.post(
        section_url(application, Section.BOARD),
        {"seen_version": 1, "board_support": "not_sought", "board_support_detail": "x"},
        follow=True,
    )
    assert "You can only change ‘About your issue’" in refused.content.decode()
    application.refresh_from_db()
    assert application.board_support == "confirmed"

    # The reopened section opens, saves, and leads to the check page.
    assert client.get(section_url(application, Section.ISSUE)).status_code == 200
    response = client.post(section_url(application, Section.ISSUE), issue_answers())
    send_url = reverse("applications:send_information", args=[application.pk])
    assert response.status_code == 302 and response.url == send_url
    check = client.get(send_url).content.decode()
    assert "Check your updated answer" in check and QUESTION in check
    assert "How can we cut the longest waits?" in check

    response = client.post(send_url)
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    overview = client.get(application.get_absolute_url()).content.decode()
    assert "Your updated answer has been sent to the programme team." in overview
    assert "has asked for more information" not in overview
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.key_question == "How can we cut the longest waits?"

    # The programme manager sees the answer and the whole story in the history.
    client.force_login(manager)
    page = client.get(detail).content.decode()
    assert "Updated answer sent" in page and "Casey Council" in page
    assert list(application.events.values_list("description", flat=True)) == [
        f"Asked for more information about ‘About your issue’: {QUESTION}",
        "Saved ‘About your issue’",
        "Sent the updated answer to ‘About your issue’",
    ]
    assert list(OutboundEmail.objects.values_list("kind", "to_email")) == [
        ("information_requested", applicant.email)
    ]
    assert len(smtp_sink.to(applicant.email)) == 1


def test_save_for_later_on_the_reopened_section_goes_back_to_the_application(client, submitted):
    application, applicant, manager = submitted
    ask(application, manager)
    client.force_login(applicant)
    data = issue_answers(save_for_later="1")
    del data["save_and_continue"]
    response = client.post(section_url(application, Section.ISSUE), data, follow=True)
    assert response.redirect_chain[-1][0] == application.get_absolute_url()
    assert "When it is ready, send your updated answer" in response.content.decode()


def test_sending_an_incomplete_section_is_refused_with_a_message(client, submitted):
    application, applicant, manager = submitted
    ask(application, manager)
    client.force_login(applicant)
    data = issue_answers(why_critical="", save_for_later="1")
    del data["save_and_continue"]
    client.post(section_url(application, Section.ISSUE), data)
    response = client.post(reverse("applications:send_information", args=[application.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Complete ‘About your issue’ before you send your answer" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION


def test_manager_form_errors_are_shown_on_the_application_page(client, submitted):
    application, _, manager = submitted
    client.force_login(manager)
    response = client.post(
        reverse("applications:request_information", args=[application.pk]),
        {"section": "", "question": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_section_1"' in page and "Select the section your question is about" in page
    assert 'href="#id_question"' in page and "Enter your question" in page
    assert "<title>Error: " in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_manager_asking_about_a_decided_application_is_told_why_not(client, submitted):
    application, _, manager = submitted
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save()
    client.force_login(manager)
    response = client.post(
        reverse("applications:request_information", args=[application.pk]),
        {"section": "about-your-issue", "question": QUESTION},
        follow=True,
    )
    page = response.content.decode()
    assert "This application has been withdrawn, so it cannot be reopened" in page
    assert "You can ask a question about a submitted or shortlisted application only" in page
    assert not InformationRequest.objects.exists()


def test_a_question_is_escaped_everywhere_it_is_shown(client, submitted):
    application, applicant, manager = submitted
    script = "<script>alert(1)</script>"
    ask(application, manager, question=script)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    client.force_login(applicant)
    pages = [
        client.get(application.get_absolute_url()).content.decode(),
        client.get(
            reverse("applications:send_information", args=[application.pk])
        ).content.decode(),
        OutboundEmail.objects.get().body_html,
    ]
    client.force_login(manager)
    pages.append(
        client.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    )
    for page in pages:
        assert script not in page
        assert escaped in page


# ---------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("council", 403),
        ("reviewer", 403),
        ("consultant", 403),
        ("manager", 302),
    ],
)
def test_only_programme_managers_can_ask(client, submitted, role, expected):
    application, applicant, _ = submitted
    users = {
        "council": applicant,
        "reviewer": UserFactory(role=StaffRole.REVIEWER),
        "consultant": UserFactory(role=StaffRole.CONSULTANT),
        "manager": UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }
    if role != "anonymous":
        client.force_login(users[role])
    response = client.post(
        reverse("applications:request_information", args=[application.pk]),
        {"section": "about-your-issue", "question": QUESTION},
    )
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    application.refresh_from_db()
    asked = role == "manager"
    assert (application.status == ApplicationStatus.MORE_INFORMATION) is asked
    assert InformationRequest.objects.exists() is asked


def test_another_council_cannot_see_change_or_answer_the_question(client, submitted):
    application, _, manager = submitted
    ask(application, manager)
    other = council_user()
    client.force_login(other)
    send_url = reverse("applications:send_information", args=[application.pk])
    assert client.get(send_url).status_code == 404
    assert client.post(send_url).status_code == 404
    assert client.get(section_url(application, Section.ISSUE)).status_code == 404
    assert client.post(section_url(application, Section.ISSUE), issue_answers()).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION
    assert not ApplicationEvent.objects.exclude(actor=manager).exists()


@pytest.mark.parametrize(
    "role", [StaffRole.REVIEWER, StaffRole.CONSULTANT, StaffRole.PROGRAMME_MANAGER]
)
def test_staff_cannot_answer_for_the_council(client, submitted, role):
    application, _, manager = submitted
    ask(application, manager)
    client.force_login(UserFactory(role=role))
    send_url = reverse("applications:send_information", args=[application.pk])
    assert client.post(send_url).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION


def test_anonymous_is_sent_to_sign_in_from_the_send_page(client, submitted):
    application, _, manager = submitted
    ask(application, manager)
    response = client.get(reverse("applications:send_information", args=[application.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_send_page_without_a_question_goes_back_to_the_application(client, submitted):
    application, applicant, _ = submitted
    client.force_login(applicant)
    response = client.get(reverse("applications:send_information", args=[application.pk]))
    assert response.status_code == 302 and response.url == application.get_absolute_url()
