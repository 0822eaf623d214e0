"""Shortlisting, choosing the cohort and sending decisions.

The cohort's size is checked under a lock on the programme row, so two programme managers
choosing at the same moment can never take it past the maximum.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from applications import emails, places
from applications.enums import ApplicationStatus
from applications.errors import ApplicationError
from applications.models import Application
from applications.services.history import record_event
from notifications.selectors import held_email_ids
from notifications.services import cancel_emails, queue_editable_email, release_held_emails
from programmes.models import Programme

ASSESSABLE = [ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED]


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _lock_application(application_id: int) -> Application:
    return Application.objects.select_for_update().get(pk=application_id)


def _refuse_after_release(application: Application) -> None:
    if application.decision_released_at:
        raise ApplicationError("Decisions for this application have already been sent")


@transaction.atomic
def shortlist(*, application_id: int, by, on: bool = True) -> Application:
    """Put a submitted application on the shortlist, or take it off.

    Side effects: status shortlisted (or back to submitted); a history entry.
    """
    application = _lock_application(application_id)
    wanted, current = (
        (ApplicationStatus.SHORTLISTED, ApplicationStatus.SUBMITTED)
        if on
        else (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED)
    )
    if application.status == wanted:
        return application
    if application.status != current:
        raise ApplicationError(
            f"Only {ApplicationStatus(current).label.lower()} applications can be "
            f"{'shortlisted' if on else 'taken off the shortlist'}"
        )
    application.status = wanted
    application.save(update_fields=["status"])
    record_event(
        application=application,
        actor=by,
        description="Shortlisted" if on else "Taken off the shortlist",
    )
    return application


@transaction.atomic
def select_for_cohort(*, application_id: int, by) -> Application:
    """Choose an application for the cohort.

    Locks the programme first: the count of the cohort and the change happen under one lock, so
    the cohort never exceeds the programme's maximum. Side effects: status selected; a history
    entry. No email: decisions go out together later.
    """
    programme_id = Application.objects.values_list("programme_id", flat=True).get(pk=application_id)
    programme = _lock_programme(programme_id)
    application = _lock_application(application_id)
    if application.status == ApplicationStatus.SELECTED:
        return application
    _refuse_after_release(application)
    if application.status not in [
        *ASSESSABLE,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.NOT_SELECTED,
    ]:
        raise ApplicationError(
            f"{application.organisation} cannot be selected: its application is "
            f"{application.get_status_display().lower()}"
        )
    chosen = cohort_size(programme)
    if chosen >= programme.cohort_max:
        raise ApplicationError(
            f"The cohort is full: {chosen} of {programme.cohort_max} places are taken. "
            "Remove a council from the cohort first"
        )
    application.status = ApplicationStatus.SELECTED
    application.waitlist_position = None
    application.save(update_fields=["status", "waitlist_position"])
    record_event(application=application, actor=by, description="Selected for the cohort")
    return application


@transaction.atomic
def remove_from_cohort(*, application_id: int, by) -> Application:
    """Side effects: status back to shortlisted; a history entry."""
    application = _lock_application(application_id)
    if application.status != ApplicationStatus.SELECTED:
        return application
    _refuse_after_release(application)
    application.status = ApplicationStatus.SHORTLISTED
    application.save(update_fields=["status"])
    record_event(application=application, actor=by, description="Removed from the cohort")
    return application


def cohort_size(programme: Programme) -> int:
    return programme.applications.filter(status=ApplicationStatus.SELECTED).count()


@transaction.atomic
def accept_suggested_cohort(*, programme_id: int, application_ids: list[int], by) -> int:
    """Make the cohort exactly the suggested applications.

    Side effects: the suggested become selected, others selected before go back to the
    shortlist; history entries. Returns the cohort's size.
    """
    programme = _lock_programme(programme_id)
    if len(application_ids) > programme.cohort_max:
        raise ApplicationError(
            f"The suggestion has {len(application_ids)} councils; the cohort can take "
            f"{programme.cohort_max}"
        )
    released = programme.applications.filter(
        pk__in=application_ids, decision_released_at__isnull=False
    )
    if released.exists():
        raise ApplicationError("Decisions have already been sent for some of these applications")
    for application in programme.applications.filter(status=ApplicationStatus.SELECTED).exclude(
        pk__in=application_ids
    ):
        remove_from_cohort(application_id=application.pk, by=by)
    for application_id in application_ids:
        select_for_cohort(application_id=application_id, by=by)
    return cohort_size(programme)


@transaction.atomic
def prepare_decisions(
    *,
    programme_id: int,
    waitlist: list[int],
    messages: dict[str, str],
    by,
) -> int:
    """Decide every assessed application and write the decision emails, held for review.

    The cohort (already selected) is told it is selected; the applications in `waitlist` are
    waitlisted in that order; every other submitted or shortlisted application is not selected.
    Side effects: statuses, decision messages and times; one held email to each applicant and
    each team member (replacing any held, unsent decision emails); history entries. Returns how
    many emails are waiting for release.
    """
    programme = _lock_programme(programme_id)
    size = cohort_size(programme)
    if size < programme.cohort_min:
        raise ApplicationError(
            f"The cohort has {size} councils; the programme needs at least "
            f"{programme.cohort_min}. Choose more before sending decisions"
        )
    now = timezone.now()
    decided = list(
        # "of self": PostgreSQL cannot lock the nullable side of the outer join to submitted_by.
        programme.applications.select_for_update(of=("self",))
        .filter(
            status__in=[*ASSESSABLE, *ApplicationStatus.decided()],
            decision_released_at__isnull=True,
        )
        .select_related("organisation", "submitted_by")
    )
    _cancel_held_decision_emails(decided)
    count = 0
    for application in decided:
        if application.status != ApplicationStatus.SELECTED:
            if application.pk in waitlist:
                application.status = ApplicationStatus.WAITLISTED
                application.waitlist_position = waitlist.index(application.pk) + 1
            else:
                application.status = ApplicationStatus.NOT_SELECTED
                application.waitlist_position = None
        status = ApplicationStatus(application.status)
        application.decision_message = messages.get(status.value) or emails.DEFAULT_MESSAGES[status]
        application.decided_at, application.decided_by = now, by
        application.save()
        record_event(
            application=application, actor=by, description=f"Decision prepared: {status.label}"
        )
        count += _queue_decision_emails(application, hold=True)
    return count


def _decision_recipients(application: Application) -> list[tuple[str, str]]:
    recipients, seen = [], set()
    people = (
        [(application.submitted_by.email, application.submitted_by.name)]
        if (application.submitted_by)
        else []
    )
    people += [(m.email, m.name) for m in application.team.all() if m.email]
    for email, name in people:
        if email.lower() not in seen:
            seen.add(email.lower())
            recipients.append((email, name))
    return recipients


def _queue_decision_emails(
    application: Application, *, hold: bool, place_offered: bool = False
) -> int:
    """The decision (or, `place_offered`, the offer of a place from the waiting list) to the
    applicant and each team member, in the programme's wording for that decision."""
    if place_offered:
        kind = emails.WAITLIST_PLACE_OFFERED
    else:
        kind = emails.decision_kind(application.status)
    recipients = _decision_recipients(application)
    for email, name in recipients:
        queue_editable_email(
            kind=kind,
            scope=application.programme,
            values=(
                emails.place_offered_values(application, name=name)
                if place_offered
                else emails.decision_values(application, name=name)
            ),
            to_email=email,
            to_name=name,
            reason=f"The programme's decision on the application: "
            f"{application.get_status_display().lower()}.",
            related=application,
            hold=hold,
        )
    return len(recipients)


def _cancel_held_decision_emails(applications: list[Application]) -> None:
    cancel_emails(
        email_ids=held_email_ids(
            model=Application,
            object_ids=[a.pk for a in applications],
            kinds=emails.HELD_DECISION_KINDS,
        )
    )


def held_decision_email_ids(programme: Programme) -> list[int]:
    return held_email_ids(
        model=Application,
        object_ids=programme.applications.values("pk"),
        kinds=emails.HELD_DECISION_KINDS,
    )


@transaction.atomic
def release_decisions(*, programme_id: int, by) -> int:
    """Send the held decision emails together; the selected councils take their places.

    Side effects: held decision emails queued; decision_released_at set on each decided
    application; history entries; `applications.places.place_taken` for each selected council
    (the cohort app starts its project, with its team).
    Returns how many emails were released.
    """
    programme = _lock_programme(programme_id)
    ids = held_decision_email_ids(programme)
    if not ids:
        raise ApplicationError("There are no decision emails waiting to be sent")
    released = release_held_emails(email_ids=ids)
    now = timezone.now()
    for application in programme.applications.filter(
        status__in=ApplicationStatus.decided(),
        decided_at__isnull=False,
        decision_released_at__isnull=True,
    ).select_related("organisation"):
        application.decision_released_at = now
        application.save(update_fields=["decision_released_at"])
        record_event(application=application, actor=by, description="Decision sent")
        if application.status == ApplicationStatus.SELECTED:
            places.place_taken(application=application)
    return released


def offer_place_to_waitlist(*, programme_id: int, by=None) -> Application | None:
    """A selected council has withdrawn: offer its place to the top of the waiting list.

    Side effects (inside the caller's transaction): the first waitlisted application becomes
    selected and takes its place (`applications.places.place_taken`: its project starts); an
    email offering the place to its applicant and team; history.
    Only once decisions have been sent; before that the programme manager simply chooses again.
    """
    programme = _lock_programme(programme_id)
    if cohort_size(programme) >= programme.cohort_max:
        return None
    top = (
        programme.applications.select_for_update()
        .filter(status=ApplicationStatus.WAITLISTED, decision_released_at__isnull=False)
        .order_by("waitlist_position", "pk")
        .first()
    )
    if top is None:
        return None
    top.status = ApplicationStatus.SELECTED
    top.waitlist_position = None
    top.decision_message = (
        "A place on the programme has become available and we are delighted to offer it to "
        "your council."
    )
    top.decided_at = top.decision_released_at = timezone.now()
    top.save()
    record_event(application=top, actor=by, description="Offered a place from the waiting list")
    places.place_taken(application=top)
    _queue_decision_emails(top, hold=False, place_offered=True)
    return top


def decisions_due_soon(programme: Programme, *, today: datetime.date | None = None) -> bool:
    """True when the decision date is three days away or less and decisions are unsent."""
    today = today or timezone.localdate()
    unsent = programme.applications.filter(
        status__in=[*ASSESSABLE, *ApplicationStatus.decided()], decision_released_at__isnull=True
    ).exists()
    return unsent and (programme.decisions_due - today).days <= 3
