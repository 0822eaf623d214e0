"""Every change to an expression of interest goes through one of these functions.

Each is atomic, locks the application row before checking anything that could race (two people
of one council, a double-clicked button, two tabs), records history and queues email on commit.
"""

import datetime
import secrets

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from applications import emails
from applications.enums import ApplicationStatus, EvidencePurpose, Section
from applications.errors import ApplicationError, EditConflict
from applications.evidence_files import EvidenceFileRejected, check_evidence_file
from applications.models import Application, EvidenceDocument, TeamMember
from applications.selectors.answers import (
    TEAM_SIZE,
    section_statuses,
    with_answers,
    words_used,
)
from applications.services.history import record_event
from applications.services.selection import offer_place_to_waitlist
from notifications.services import queue_editable_email
from programmes.dates import format_datetime
from programmes.models import Organisation, Programme
from programmes.selectors import closing_time_for

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def _lock(application_id: int) -> Application:
    return Application.objects.select_for_update().get(pk=application_id)


def can_change_section(application: Application, section: str) -> bool:
    """A draft can change anywhere; an application the programme team has asked for more
    information only in the section it reopened."""
    return application.is_draft or (
        application.status == ApplicationStatus.MORE_INFORMATION
        and application.reopened_section == section
    )


def _section_of(purpose: str) -> Section:
    return Section.BOARD if purpose == EvidencePurpose.BOARD_LETTER else Section.EVIDENCE


def start_application(*, programme: Programme, organisation: Organisation, by) -> Application:
    """Open the organisation's draft for a programme, or return the one it already has.

    Side effects: at most one Application per organisation and programme (the database
    constraint decides when two people start at the same moment); a history entry.
    """
    existing = Application.objects.filter(programme=programme, organisation=organisation).first()
    if existing:
        return existing
    if not programme.is_open() and timezone.now() >= closing_time_for(
        programme=programme, organisation=organisation
    ):
        raise ApplicationError("Applications for this programme are closed")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                programme=programme, organisation=organisation, created_by=by
            )
            record_event(application=application, actor=by, description="Started the application")
    except IntegrityError:
        return Application.objects.get(programme=programme, organisation=organisation)
    return application


@transaction.atomic
def save_section(
    *,
    application_id: int,
    section: Section,
    answers: dict,
    seen_version: int,
    by,
    letter: UploadedFile | None = None,
) -> Application:
    """Save one question page of a draft.

    `answers` holds the page's cleaned form data (for the team page, a list of three dicts);
    `letter`, the board's letter of support the board page may carry, is uploaded with them, so
    the answers and the letter are saved together or not at all.
    Raises EditConflict when someone else saved this section since `seen_version`, and
    ApplicationError when the application is no longer a draft (unless this is the section
    reopened for more information) or the letter is refused (`field="file"`). Side effects: the
    answers; the section's version; a history entry; the letter, as `upload_evidence`.
    """
    application = _lock(application_id)
    if not can_change_section(application, section):
        raise ApplicationError("This application has been submitted and can no longer be changed")
    current_version = application.section_versions.get(section, 0)
    if current_version != seen_version:
        raise EditConflict(application)

    if section == Section.ISSUE:
        application.key_question = answers["key_question"]
        application.why_critical = answers["why_critical"]
    elif section == Section.IDENTIFICATION:
        application.identification_sources.set(answers["identification_sources"])
        application.identification_description = answers["identification_description"]
    elif section == Section.EVIDENCE:
        application.evidence_section_done = True
    elif section == Section.TEAM:
        _save_team(application, answers["members"])
    elif section == Section.BOARD:
        application.board_support = answers["board_support"]
        application.board_support_detail = answers["board_support_detail"]
    elif section == Section.THRIVE:
        application.thrive_categories.set(answers["thrive_categories"])
        application.challenge_areas.set(answers["challenge_areas"])

    application.section_versions = {**application.section_versions, section: current_version + 1}
    application.updated_at = timezone.now()
    application.save()
    record_event(application=application, actor=by, description=f"Saved ‘{Section(section).label}’")
    if letter:
        upload_evidence(
            application_id=application.pk,
            upload=letter,
            by=by,
            purpose=EvidencePurpose.BOARD_LETTER,
        )
    return application


def _save_team(application: Application, members: list[dict]) -> None:
    # Clear emails first so that two members swapping addresses does not trip the unique rule.
    TeamMember.objects.filter(application=application).update(email="")
    for position, member in enumerate(members[:TEAM_SIZE], start=1):
        TeamMember.objects.update_or_create(
            application=application, position=position, defaults=member
        )


@transaction.atomic
def upload_evidence(
    *,
    application_id: int,
    upload: UploadedFile,
    by,
    purpose: EvidencePurpose = EvidencePurpose.EVIDENCE,
) -> EvidenceDocument:
    """Check an uploaded file and keep it privately with the application.

    Raises ApplicationError (field "file") when the type, size or the application's total is
    wrong. Side effects: the file under a generated name in private storage; an EvidenceDocument;
    a history entry.
    """
    application = _lock(application_id)
    programme = application.programme
    if not can_change_section(application, _section_of(purpose)):
        raise ApplicationError(
            "This application has been submitted and can no longer be changed", field="file"
        )
    try:
        checked = check_evidence_file(
            name=upload.name or "",
            stream=upload,
            size=upload.size,
            max_file_bytes=programme.max_file_bytes,
        )
    except EvidenceFileRejected as rejected:
        raise ApplicationError(rejected.message, field="file") from rejected
    already = sum(application.documents.values_list("size", flat=True))
    if already + upload.size > programme.max_application_bytes:
        raise ApplicationError(
            f"Your files must add up to {filesizeformat(programme.max_application_bytes)} or less. "
            f"You have {filesizeformat(programme.max_application_bytes - already)} left",
            field="file",
        )
    upload.name = f"upload{checked.extension}"
    document = EvidenceDocument(
        application=application,
        purpose=purpose,
        display_name=checked.display_name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(upload.name, upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    record_event(
        application=application, actor=by, description=f"Uploaded ‘{checked.display_name}’"
    )
    return document


@transaction.atomic
def remove_evidence(*, document_id: int, application_id: int, by) -> None:
    """Side effects: the document row and its file are deleted; a history entry."""
    application = _lock(application_id)
    document = application.documents.get(pk=document_id)
    if not can_change_section(application, _section_of(document.purpose)):
        raise ApplicationError("This application has been submitted and can no longer be changed")
    name, storage, path = document.display_name, document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(path))
    record_event(application=application, actor=by, description=f"Removed ‘{name}’")


def new_reference(programme: Programme) -> str:
    """A reference not yet given to any application: EOI-<closing year>-<six characters>.
    submit_application gives one; the demo gives one to each 2018 application it records."""
    year = timezone.localtime(programme.closes_at).year
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"EOI-{year}-{code}"
        if not Application.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def submit_application(
    *, application_id: int, by, at: datetime.datetime | None = None
) -> Application:
    """Send the expression of interest to the programme team.

    Submitting twice (a double click, a second tab) returns the submitted application unchanged.
    Raises ApplicationError after the organisation's closing time (Europe/London, extensions
    included), when a section is incomplete, or when the answers are over the word limit.
    Side effects: status submitted, a reference and submission time; a history entry; a
    confirmation email to the applicant and one to each team member.
    """
    application = _lock(application_id)
    if application.status != ApplicationStatus.DRAFT:
        if application.status in ApplicationStatus.sent_in() and application.submitted_at:
            return application
        raise ApplicationError("This application cannot be submitted")
    at = at or timezone.now()
    programme = application.programme
    closes_at = closing_time_for(programme=programme, organisation=application.organisation)
    if at >= closes_at:
        raise ApplicationError(
            f"The closing date for this programme was {format_datetime(closes_at)}. "
            f"Applications can no longer be submitted. Contact {programme.contact_email} "
            "if you think this is wrong"
        )
    application = with_answers(Application.objects.filter(pk=application.pk)).get()
    incomplete = [s.section.label for s in section_statuses(application) if not s.is_complete]
    if incomplete:
        raise ApplicationError(f"Complete every section before you submit: {', '.join(incomplete)}")
    words = words_used(application)
    if words > programme.word_limit:
        raise ApplicationError(
            f"Your answers must be {programme.word_limit:,} words or fewer in total. "
            f"You have {words:,} words"
        )

    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = at
    application.submitted_by = by
    application.reference = new_reference(programme)
    application.updated_at = at
    application.save()
    record_event(
        application=application, actor=by, description=f"Submitted ({application.reference})"
    )
    _send_submission_confirmations(application=application, submitter=by)
    return application


def _send_submission_confirmations(*, application: Application, submitter) -> None:
    programme = application.programme
    team = list(application.team.all())
    sent_to = {submitter.email.lower()}
    queue_editable_email(
        kind=emails.APPLICATION_SUBMITTED,
        scope=programme,
        values=emails.submission_values(
            application, name=submitter.name, team_member=False, team=team
        ),
        to_email=submitter.email,
        to_name=submitter.name,
        reason="Confirms the submission to the person who submitted it.",
        related=application,
    )
    for member in team:
        if member.email.lower() in sent_to:
            continue
        sent_to.add(member.email.lower())
        queue_editable_email(
            kind=emails.APPLICATION_SUBMITTED,
            scope=programme,
            values=emails.submission_values(
                application, name=member.name, team_member=True, team=team
            ),
            to_email=member.email,
            to_name=member.name,
            reason="Tells each of the three team members that they are named in the application.",
            related=application,
        )


@transaction.atomic
def withdraw_application(*, application_id: int, by, reason: str = "") -> Application:
    """Take a submitted application out of the programme before decisions are made.

    Side effects: status withdrawn; a history entry; an email to the person who withdrew it; and
    when a selected council withdraws, its place is offered to the top of the waiting list.

    Locks the programme before the application (the one lock order, README), since offering the
    place locks the programme too.
    """
    programme_id = (
        Application.objects.filter(pk=application_id).values_list("programme_id", flat=True).get()
    )
    Programme.objects.select_for_update().get(pk=programme_id)
    application = _lock(application_id)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    was_in_cohort = application.status == ApplicationStatus.SELECTED
    if not application.can_withdraw:
        raise ApplicationError(
            "This application cannot be withdrawn: decisions have been made. "
            f"Contact {application.programme.contact_email}"
        )
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.updated_at = application.withdrawn_at
    application.save()
    record_event(
        application=application,
        actor=by,
        description="Withdrew the application" + (f": {reason}" if reason else ""),
    )
    queue_editable_email(
        kind=emails.APPLICATION_WITHDRAWN,
        scope=application.programme,
        values=emails.withdrawal_values(application, name=by.name),
        to_email=by.email,
        to_name=by.name,
        reason="Confirms that the application was withdrawn.",
        related=application,
    )
    if was_in_cohort:
        offer_place_to_waitlist(programme_id=application.programme_id, by=by)
    return application
