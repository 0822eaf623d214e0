import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.enums import ApplicationStatus, Section
from applications.models import Application
from notifications.models import OutboundEmail
from tests import evidence_samples
from tests.factories import ApplicationFactory, complete_application, council_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(client):
    application = ApplicationFactory()
    user = council_user(organisation=application.organisation)
    client.force_login(user)
    return client, application, user


def section_url(application, section: Section, **query) -> str:
    url = reverse("applications:section", args=[application.pk, section.value])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def team_data(**overrides) -> dict:
    data = {"seen_version": 0}
    roles = ["elected_member", "senior_officer", "senior_partner"]
    names = ["Zoë Ångström 😊", "سارة الحسن", "Seán O'Brien"]
    for position in range(1, 4):
        prefix = f"member-{position}-"
        data.update(
            {
                prefix + "role": roles[position - 1],
                prefix + "name": names[position - 1],
                prefix + "job_title": "Director",
                prefix + "organisation_name": "Testshire",
                prefix + "email": f"member{position}@example.org",
                prefix + "why_key": "They lead the work.",
            }
        )
    data.update(overrides)
    return data


def test_save_and_continue_goes_to_the_next_question_page(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "How?",
            "why_critical": "Because.",
            "save_and_continue": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == section_url(application, Section.IDENTIFICATION)


def test_save_and_come_back_later_keeps_an_unfinished_page(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "Half a question",
            "why_critical": "",
            "save_for_later": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.key_question == "Half a question"
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Incomplete" in page


def test_missing_answer_shows_error_and_keeps_what_was_typed(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "My typed question",
            "why_critical": "",
            "save_and_continue": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_why_critical"' in page
    assert "Enter why this is a critical issue for your area" in page
    assert "My typed question" in page
    assert "<title>Error: " in page
    application.refresh_from_db()
    assert application.key_question == ""


def test_nul_byte_in_an_answer_is_refused_with_a_message(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "Bad\x00byte",
            "why_critical": "Fine",
            "save_for_later": "1",
        },
    )
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    application.refresh_from_db()
    assert application.key_question == ""


def test_a_one_megabyte_answer_is_refused_with_a_message(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "Q",
            "why_critical": "word " * 200_000,
            "save_for_later": "1",
        },
    )
    assert response.status_code == 200
    assert "must be 20,000 characters or fewer" in response.content.decode()


def test_word_limit_across_pages_is_enforced_on_save_and_continue(council):
    client, application, _ = council
    application.programme.word_limit = 10
    application.programme.save()
    application.identification_description = "one two three four five six"
    application.save()
    response = client.post(
        section_url(application, Section.ISSUE),
        {
            "seen_version": 0,
            "key_question": "a b c",
            "why_critical": "d e f",
            "save_and_continue": "1",
        },
    )
    assert "You have 12 words across the application: shorten them by 2" in (
        response.content.decode()
    )


def test_team_page_saves_names_with_accents_emoji_and_right_to_left_text(council):
    client, application, _ = council
    response = client.post(
        section_url(application, Section.TEAM), {**team_data(), "save_and_continue": "1"}
    )
    assert response.status_code == 302
    names = list(application.team.order_by("position").values_list("name", flat=True))
    assert names == ["Zoë Ångström 😊", "سارة الحسن", "Seán O'Brien"]
    page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    assert "Zoë Ångström 😊" in page and "سارة الحسن" in page and "Seán O&#x27;Brien" in page


def test_team_emails_differing_only_in_case_are_refused(council):
    client, application, _ = council
    data = team_data(**{"member-2-email": "MEMBER1@Example.org"})
    response = client.post(section_url(application, Section.TEAM), {**data, "save_for_later": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Team member 2 has the same email address as team member 1" in page
    assert 'href="#id_member-2-email"' in page
    assert not application.team.exists()


def test_team_composition_is_a_warning_not_a_block(council):
    client, application, _ = council
    data = team_data(**{"member-1-role": "senior_officer"})
    response = client.post(
        section_url(application, Section.TEAM), {**data, "save_and_continue": "1"}
    )
    assert response.status_code == 302
    page = client.get(section_url(application, Section.TEAM)).content.decode()
    assert "Your team has no elected member" in page


def test_change_link_returns_to_check_your_answers(council):
    client, application, _ = council
    complete_application(application)
    page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    assert section_url(application, Section.ISSUE, **{"return": "check"}) in page
    response = client.post(
        section_url(application, Section.ISSUE, **{"return": "check"}),
        {
            "seen_version": 1,
            "key_question": "Changed?",
            "why_critical": "Yes.",
            "save_and_continue": "1",
        },
    )
    assert response.url == reverse("applications:check", args=[application.pk])


def test_two_colleagues_editing_one_page_are_told_and_lose_nothing(council):
    client, application, _ = council
    first = {
        "seen_version": 0,
        "key_question": "Colleague A",
        "why_critical": "A",
        "save_for_later": "1",
    }
    second = {
        "seen_version": 0,
        "key_question": "Colleague B typed this",
        "why_critical": "B",
        "save_for_later": "1",
    }
    assert client.post(section_url(application, Section.ISSUE), first).status_code == 302
    response = client.post(section_url(application, Section.ISSUE), second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else from your organisation saved this section" in page
    assert "Colleague B typed this" in page  # their own typing, still in the form
    assert "Colleague A" in page  # and what the colleague saved
    application.refresh_from_db()
    assert application.key_question == "Colleague A"
    # Having seen it, the next save goes through.
    second["seen_version"] = 1
    assert client.post(section_url(application, Section.ISSUE), second).status_code == 302
    application.refresh_from_db()
    assert application.key_question == "Colleague B typed this"


def test_upload_shows_the_reason_a_file_is_refused(council):
    client, application, _ = council
    response = client.post(
        reverse("applications:upload_evidence", args=[application.pk]),
        {"file": SimpleUploadedFile("virus.pdf", evidence_samples.make_exe())},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_file"' in page
    assert "The selected file must be a PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG" in page


def test_download_is_an_attachment_that_is_never_sniffed(council):
    client, application, _ = council
    client.post(
        reverse("applications:upload_evidence", args=[application.pk]),
        {"file": SimpleUploadedFile("Plan <b>.pdf", evidence_samples.make_pdf())},
    )
    document = application.documents.get()
    response = client.get(reverse("applications:download", args=[application.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == evidence_samples.make_pdf()


def test_submit_then_confirmation_page_shows_the_reference(council):
    client, application, _ = council
    complete_application(application)
    response = client.post(reverse("applications:check", args=[application.pk]))
    assert response.url == reverse("applications:confirmation", args=[application.pk])
    application.refresh_from_db()
    page = client.get(response.url).content.decode()
    assert application.reference in page
    assert application.status == ApplicationStatus.SUBMITTED


def test_double_clicked_submit_is_one_submission(council):
    client, application, _ = council
    complete_application(application)
    url = reverse("applications:check", args=[application.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED
    assert OutboundEmail.objects.count() == 4


def test_submitted_application_is_read_only_for_the_council(council):
    client, application, _ = council
    complete_application(application)
    client.post(reverse("applications:check", args=[application.pk]))
    response = client.post(
        section_url(application, Section.ISSUE),
        {"seen_version": 1, "key_question": "Sneaky", "why_critical": "x", "save_for_later": "1"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.key_question != "Sneaky"
    page = client.get(application.get_absolute_url()).content.decode()
    assert "can no longer be changed" in page


def test_submit_incomplete_shows_error(council):
    client, application, _ = council
    response = client.post(reverse("applications:check", args=[application.pk]))
    assert response.status_code == 400
    assert "Complete every section before you submit" in response.content.decode()


def test_withdraw_journey(council):
    client, application, _ = council
    complete_application(application)
    client.post(reverse("applications:check", args=[application.pk]))
    response = client.post(reverse("applications:withdraw", args=[application.pk]), {"reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_script_in_every_answer_is_escaped_on_staff_and_council_pages(client, council):
    council_client, application, user = council
    complete_application(application)
    script = "<script>alert(1)</script>"
    application.key_question = application.why_critical = script
    application.identification_description = application.board_support_detail = script
    application.save()
    application.team.update(name=script, job_title=script, organisation_name=script, why_key=script)
    council_client.post(reverse("applications:check", args=[application.pk]))
    pages = [council_client.get(application.get_absolute_url()).content.decode()]
    from accounts.enums import StaffRole
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    pages.append(
        client.get(reverse("applications:staff_detail", args=[application.pk])).content.decode()
    )
    email = OutboundEmail.objects.filter(to_email=user.email).get()
    pages.append(client.get(reverse("notifications:email", args=[email.pk])).content.decode())
    for page in pages:
        assert script not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_board_page_uploads_a_letter_and_explains_a_refused_one(council):
    client, application, _ = council
    url = section_url(application, Section.BOARD)
    data = {
        "seen_version": 0,
        "board_support": "confirmed",
        "board_support_detail": "Agreed.",
        "save_and_continue": "1",
    }
    refused = client.post(
        url, {**data, "letter": SimpleUploadedFile("letter.pdf", evidence_samples.make_docm())}
    )
    page = refused.content.decode()
    assert 'href="#id_letter"' in page and "contains macros" in page
    assert "Agreed." in page  # what was typed is kept
    application.refresh_from_db()
    assert application.board_support == ""  # nothing half-saved
    accepted = client.post(
        url, {**data, "letter": SimpleUploadedFile("letter.pdf", evidence_samples.make_pdf())}
    )
    assert accepted.status_code == 302
    assert application.documents.get().purpose == "board_letter"
