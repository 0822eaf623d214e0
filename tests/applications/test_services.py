import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from applications import services
from applications.enums import ApplicationStatus, Section
from applications.models import Application, EvidenceDocument
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from programmes.models import DeadlineExtension
from tests import evidence_samples
from tests.factories import (
    ApplicationFactory,
    ProgrammeFactory,
    complete_application,
    council_user,
)

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def draft():
    application = ApplicationFactory()
    user = council_user(organisation=application.organisation)
    return application, user


def test_start_application_twice_returns_the_same_draft():
    programme = ProgrammeFactory()
    user = council_user()
    organisation = user.memberships.get().organisation
    first = services.start_application(programme=programme, organisation=organisation, by=user)
    second = services.start_application(programme=programme, organisation=organisation, by=user)
    assert first.pk == second.pk
    assert Application.objects.filter(programme=programme).count() == 1


def test_database_refuses_a_second_application_from_one_organisation(draft):
    application, _ = draft
    with pytest.raises(IntegrityError):
        Application.objects.create(
            programme=application.programme, organisation=application.organisation
        )


def test_start_application_after_closing_is_refused():
    programme = ProgrammeFactory(
        opens_at=datetime.datetime(2018, 1, 15, 9, tzinfo=LONDON),
        closes_at=datetime.datetime(2018, 2, 16, 17, tzinfo=LONDON),
    )
    user = council_user()
    with pytest.raises(services.ApplicationError, match="closed"):
        services.start_application(
            programme=programme, organisation=user.memberships.get().organisation, by=user
        )


def test_save_section_stores_answers_and_counts_versions(draft):
    application, user = draft
    saved = services.save_section(
        application_id=application.pk,
        section=Section.ISSUE,
        answers={"key_question": "How?", "why_critical": "Because."},
        seen_version=0,
        by=user,
    )
    assert (saved.key_question, saved.why_critical) == ("How?", "Because.")
    assert saved.section_versions == {Section.ISSUE.value: 1}
    assert saved.events.last().description == "Saved ‘About your issue’"


def test_save_section_detects_a_colleagues_save_of_the_same_section(draft):
    application, user = draft
    answers = {"key_question": "Mine", "why_critical": "Mine"}
    services.save_section(
        application_id=application.pk,
        section=Section.ISSUE,
        answers=answers,
        seen_version=0,
        by=user,
    )
    with pytest.raises(services.EditConflict):
        services.save_section(
            application_id=application.pk,
            section=Section.ISSUE,
            answers={"key_question": "Theirs", "why_critical": "Theirs"},
            seen_version=0,
            by=user,
        )
    application.refresh_from_db()
    assert application.key_question == "Mine"


def test_save_section_of_another_section_is_not_a_conflict(draft):
    application, user = draft
    services.save_section(
        application_id=application.pk,
        section=Section.ISSUE,
        answers={"key_question": "Q", "why_critical": "W"},
        seen_version=0,
        by=user,
    )
    services.save_section(
        application_id=application.pk,
        section=Section.BOARD,
        answers={"board_support": "likely", "board_support_detail": "Next meeting"},
        seen_version=0,
        by=user,
    )
    application.refresh_from_db()
    assert application.board_support == "likely"


def test_submitted_application_cannot_be_changed(draft):
    application, user = draft
    complete_application(application)
    services.submit_application(application_id=application.pk, by=user)
    with pytest.raises(services.ApplicationError, match="can no longer be changed"):
        services.save_section(
            application_id=application.pk,
            section=Section.ISSUE,
            answers={"key_question": "x", "why_critical": "y"},
            seen_version=1,
            by=user,
        )


def test_team_members_can_swap_email_addresses(draft):
    application, user = draft
    complete_application(application)
    members = [
        {
            "role": m.role,
            "name": m.name,
            "job_title": m.job_title,
            "organisation_name": m.organisation_name,
            "email": m.email,
            "why_key": m.why_key,
        }
        for m in application.team.order_by("position")
    ]
    members[0]["email"], members[1]["email"] = members[1]["email"], members[0]["email"]
    services.save_section(
        application_id=application.pk,
        section=Section.TEAM,
        answers={"members": members},
        seen_version=1,
        by=user,
    )
    emails = list(application.team.order_by("position").values_list("email", flat=True))
    assert emails[:2] == [members[0]["email"], members[1]["email"]]


# Evidence ------------------------------------------------------------------------------------


def test_upload_evidence_is_stored_privately_under_a_generated_name(draft, settings):
    application, user = draft
    document = services.upload_evidence(
        application_id=application.pk,
        upload=upload("../../etc/Plan.pdf", evidence_samples.make_pdf()),
        by=user,
    )
    assert document.display_name == "Plan.pdf"
    assert document.kind == "PDF"
    stored = Path(document.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert "Plan" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == evidence_samples.make_pdf()


def test_upload_evidence_one_byte_over_the_file_limit_is_refused(draft):
    application, user = draft
    limit = application.programme.max_file_bytes
    with pytest.raises(services.ApplicationError, match="smaller than 10 MB"):
        services.upload_evidence(
            application_id=application.pk,
            upload=upload(
                "big.pdf", evidence_samples.make_sized(evidence_samples.make_pdf(), limit + 1)
            ),
            by=user,
        )
    assert not EvidenceDocument.objects.exists()


def test_upload_evidence_exactly_at_the_file_limit_is_accepted(draft):
    application, user = draft
    application.programme.max_file_bytes = 50_000
    application.programme.save()
    content = evidence_samples.make_sized(evidence_samples.make_pdf(), 50_000)
    document = services.upload_evidence(
        application_id=application.pk, upload=upload("exact.pdf", content), by=user
    )
    assert document.size == 50_000


def test_upload_evidence_beyond_the_application_total_is_refused(draft):
    application, user = draft
    programme = application.programme
    programme.max_file_bytes, programme.max_application_bytes = 40_000, 100_000
    programme.save()
    content = evidence_samples.make_sized(evidence_samples.make_pdf(), 40_000)
    for n in range(2):
        services.upload_evidence(
            application_id=application.pk, upload=upload(f"{n}.pdf", content), by=user
        )
    with pytest.raises(services.ApplicationError, match="add up to"):
        services.upload_evidence(
            application_id=application.pk, upload=upload("3.pdf", content), by=user
        )
    assert application.documents.count() == 2


@pytest.mark.parametrize(
    ("name", "builder", "message"),
    [
        ("report.pdf", evidence_samples.make_exe, "must be a PDF"),
        ("plan.docx", evidence_samples.make_docm, "contains macros"),
        ("plan.docx", evidence_samples.make_zip_bomb_docx, "could not be checked safely"),
    ],
)
def test_upload_evidence_refuses_dangerous_files(draft, name, builder, message):
    application, user = draft
    with pytest.raises(services.ApplicationError, match=message) as refused:
        services.upload_evidence(
            application_id=application.pk, upload=upload(name, builder()), by=user
        )
    assert refused.value.field == "file"
    assert not EvidenceDocument.objects.exists()


def test_upload_evidence_with_a_300_character_name_is_shortened(draft):
    application, user = draft
    document = services.upload_evidence(
        application_id=application.pk,
        upload=upload("a" * 300 + ".pdf", evidence_samples.make_pdf()),
        by=user,
    )
    assert len(document.display_name) <= 120
    assert document.display_name.endswith(".pdf")


def test_remove_evidence_deletes_the_file(draft, django_capture_on_commit_callbacks):
    application, user = draft
    document = services.upload_evidence(
        application_id=application.pk,
        upload=upload("a.pdf", evidence_samples.make_pdf()),
        by=user,
    )
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(document_id=document.pk, application_id=application.pk, by=user)
    assert not path.exists()
    assert not application.documents.exists()


# Submission ----------------------------------------------------------------------------------


def test_submit_application_sends_confirmations_to_applicant_and_team(
    draft, smtp_sink, django_capture_on_commit_callbacks
):
    application, user = draft
    complete_application(application)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.submit_application(application_id=application.pk, by=user)
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.reference.startswith(f"EOI-{submitted.submitted_at.year}-")
    recipients = sorted(OutboundEmail.objects.values_list("to_email", flat=True))
    team = sorted(application.team.values_list("email", flat=True))
    assert recipients == sorted([user.email, *team])
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}
    for address in [user.email, *team]:
        [message] = smtp_sink.to(address)
        assert submitted.reference in message["Subject"]


def test_submit_twice_is_one_submission(draft, django_capture_on_commit_callbacks):
    application, user = draft
    complete_application(application)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_application(application_id=application.pk, by=user)
        second = services.submit_application(application_id=application.pk, by=user)
    assert first.reference == second.reference
    assert OutboundEmail.objects.count() == 4


def test_submit_when_the_applicant_is_on_the_team_sends_them_one_email(draft):
    application, user = draft
    complete_application(application)
    application.team.filter(position=2).update(email=user.email.upper())
    services.submit_application(application_id=application.pk, by=user)
    assert OutboundEmail.objects.filter(to_email__iexact=user.email).count() == 1
    assert OutboundEmail.objects.count() == 3


def test_submit_incomplete_application_names_the_sections(draft):
    application, user = draft
    with pytest.raises(services.ApplicationError, match="About your issue, How you identified it"):
        services.submit_application(application_id=application.pk, by=user)


def test_submit_over_the_word_limit_is_refused(draft):
    application, user = draft
    complete_application(application)
    application.programme.word_limit = 20
    application.programme.save()
    with pytest.raises(services.ApplicationError, match="20 words or fewer"):
        services.submit_application(application_id=application.pk, by=user)


def clock_change_programme(closes_at: datetime.datetime):
    return ProgrammeFactory(opens_at=closes_at - datetime.timedelta(days=30), closes_at=closes_at)


@pytest.mark.parametrize(
    ("closes_at", "last_minute_utc", "first_refused_utc"),
    [
        # Winter: 17:00 GMT is 17:00 UTC.
        (
            datetime.datetime(2018, 2, 16, 17, tzinfo=LONDON),
            (2018, 2, 16, 16, 59),
            (2018, 2, 16, 17, 0),
        ),
        # After the clocks go forward: 17:00 BST is 16:00 UTC.
        (
            datetime.datetime(2026, 4, 3, 17, tzinfo=LONDON),
            (2026, 4, 3, 15, 59),
            (2026, 4, 3, 16, 0),
        ),
        # After the clocks go back: 17:00 GMT again.
        (
            datetime.datetime(2026, 10, 30, 17, tzinfo=LONDON),
            (2026, 10, 30, 16, 59),
            (2026, 10, 30, 17, 0),
        ),
    ],
)
def test_closing_time_is_europe_london_through_clock_changes(
    closes_at, last_minute_utc, first_refused_utc
):
    programme = clock_change_programme(closes_at)
    first = complete_application(ApplicationFactory(programme=programme))
    second = complete_application(ApplicationFactory(programme=programme))
    user = council_user(organisation=first.organisation)
    other = council_user(organisation=second.organisation)
    utc = datetime.UTC
    services.submit_application(
        application_id=first.pk, by=user, at=datetime.datetime(*last_minute_utc, tzinfo=utc)
    )
    with pytest.raises(services.ApplicationError, match="The closing date for this programme was"):
        services.submit_application(
            application_id=second.pk,
            by=other,
            at=datetime.datetime(*first_refused_utc, tzinfo=utc),
        )
    second.refresh_from_db()
    assert second.status == ApplicationStatus.DRAFT


def test_deadline_extension_lets_one_organisation_submit_late():
    programme = clock_change_programme(datetime.datetime(2018, 2, 16, 17, tzinfo=LONDON))
    late = complete_application(ApplicationFactory(programme=programme))
    DeadlineExtension.objects.create(
        programme=programme,
        organisation=late.organisation,
        closes_at=datetime.datetime(2018, 2, 19, 12, tzinfo=LONDON),
        reason="Flooding",
    )
    user = council_user(organisation=late.organisation)
    submitted = services.submit_application(
        application_id=late.pk, by=user, at=datetime.datetime(2018, 2, 19, 11, 59, tzinfo=LONDON)
    )
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_confirmation_email_escapes_html_but_text_stays_readable(draft):
    application, user = draft
    complete_application(application)
    application.key_question = "<script>alert('x')</script> & more?"
    application.save()
    services.submit_application(application_id=application.pk, by=user)
    email = OutboundEmail.objects.filter(to_email=user.email).get()
    assert "<script>" not in email.body_html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more?" in email.body_html
    assert "<script>alert('x')</script> & more?" in email.body_text


def test_withdraw_before_decisions(draft):
    application, user = draft
    complete_application(application)
    services.submit_application(application_id=application.pk, by=user)
    withdrawn = services.withdraw_application(
        application_id=application.pk, by=user, reason="Capacity"
    )
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert withdrawn.events.last().description == "Withdrew the application: Capacity"
    assert OutboundEmail.objects.filter(kind="application_withdrawn", to_email=user.email).exists()


def test_withdraw_after_a_decision_is_refused(draft):
    application, user = draft
    complete_application(application)
    services.submit_application(application_id=application.pk, by=user)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.NOT_SELECTED)
    with pytest.raises(services.ApplicationError, match="decisions have been made"):
        services.withdraw_application(application_id=application.pk, by=user)
