"""The "more information" loop: the programme team asks a council about one section of its
submitted application; the council changes that section, and only that one, and sends it back.

There is no deadline for the answer: the programme has usually closed by then.
"""

from django.db import transaction
from django.utils import timezone

from applications import emails
from applications.enums import ApplicationStatus, Section
from applications.errors import ApplicationError
from applications.models import Application, InformationRequest
from applications.selectors.answers import missing_answers, with_answers, words_used
from applications.services.history import record_event
from notifications.services import queue_editable_email

# Applications the programme team may still ask about: sent in, and not yet decided.
ASKABLE = [ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED]


def _lock(application_id: int) -> Application:
    return Application.objects.select_for_update().get(pk=application_id)


def _refusal(application: Application) -> str:
    status = application.status
    if status == ApplicationStatus.DRAFT:
        return "This application has not been submitted yet, so there is nothing to ask about"
    if status == ApplicationStatus.MORE_INFORMATION:
        section = Section(application.reopened_section).label
        return (
            f"The council has already been asked about ‘{section}’. You can ask another question "
            "when it has sent its answer"
        )
    if status == ApplicationStatus.WITHDRAWN:
        return "This application has been withdrawn, so it cannot be reopened"
    return "A decision has been made on this application, so it cannot be reopened"


@transaction.atomic
def request_more_information(
    *, application_id: int, section: str, question: str, by
) -> InformationRequest:
    """Ask the council a question about one section, and reopen that section for it.

    Allowed for submitted and shortlisted applications only. Raises ApplicationError (field
    "section" or "question" where one is to blame) otherwise. Side effects: status "more
    information requested" and the section reopened; an InformationRequest; a history entry; an
    email to the person who submitted the application (or who started it, if they have gone).
    """
    application = _lock(application_id)
    if application.status not in ASKABLE:
        raise ApplicationError(_refusal(application))
    try:
        section = Section(section)
    except ValueError as unknown:
        raise ApplicationError(
            "Select the section your question is about", field="section"
        ) from unknown
    question = question.strip()
    if not question:
        raise ApplicationError("Enter your question", field="question")

    status_before = application.status
    application.status = ApplicationStatus.MORE_INFORMATION
    application.reopened_section = section.value
    application.updated_at = timezone.now()
    application.save(update_fields=["status", "reopened_section", "updated_at"])
    information_request = InformationRequest.objects.create(
        application=application,
        section=section.value,
        question=question,
        status_before=status_before,
        asked_by=by,
        asked_at=application.updated_at,
    )
    record_event(
        application=application,
        actor=by,
        description=f"Asked for more information about ‘{section.label}’: {question}",
    )
    applicant = application.submitted_by or application.created_by
    if applicant is not None:
        queue_editable_email(
            kind=emails.INFORMATION_REQUESTED,
            scope=application.programme,
            values=emails.information_request_values(
                application, name=applicant.name, section=section, question=question
            ),
            to_email=applicant.email,
            to_name=applicant.name,
            reason="Asks the council for more information about one section of its application.",
            related=application,
        )
    return information_request


@transaction.atomic
def resubmit_after_information(*, application_id: int, by) -> Application:
    """Send the programme team the council's updated answer to the reopened section.

    Sending twice (a double click, a second tab) returns the application unchanged. Raises
    ApplicationError when nothing was asked, the reopened section is incomplete, or the answers
    are over the word limit. Side effects: the status goes back to what it was when the question
    was asked (submitted or shortlisted); the reopened section closed; the InformationRequest
    answered; a history entry.
    """
    application = _lock(application_id)
    if application.status != ApplicationStatus.MORE_INFORMATION:
        answered = application.information_requests.filter(answered_at__isnull=False).exists()
        if answered and application.status in ApplicationStatus.sent_in():
            return application
        raise ApplicationError("The programme team has not asked you for more information")
    section = Section(application.reopened_section)
    full = with_answers(Application.objects.filter(pk=application.pk)).get()
    missing = missing_answers(full, section)
    if missing:
        raise ApplicationError(
            f"Complete ‘{section.label}’ before you send your answer: {'; '.join(missing)}"
        )
    words = words_used(full)
    limit = application.programme.word_limit
    if words > limit:
        raise ApplicationError(
            f"Your answers must be {limit:,} words or fewer in total. You have {words:,} words"
        )

    now = timezone.now()
    open_request = application.information_requests.filter(answered_at__isnull=True).last()
    application.status = open_request.status_before if open_request else ApplicationStatus.SUBMITTED
    application.reopened_section = ""
    application.updated_at = now
    application.save(update_fields=["status", "reopened_section", "updated_at"])
    application.information_requests.filter(answered_at__isnull=True).update(
        answered_at=now, answered_by=by
    )
    record_event(
        application=application,
        actor=by,
        description=f"Sent the updated answer to ‘{section.label}’",
    )
    return application
