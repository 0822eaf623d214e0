"""The decisions (selected, waiting list, not selected) and a place offered from the waiting
list."""

from applications.emails.common import (
    APPLICATION,
    DECISION_KINDS,
    DECISION_NOT_SELECTED,
    DECISION_SELECTED,
    DECISION_WAITLISTED,
    DEFAULT_MESSAGES,
    NAME,
    WAITLIST_PLACE_OFFERED,
    example_application,
    example_values,
    person_for,
    register_kind,
    values_of_application,
)
from applications.enums import ApplicationStatus
from applications.models import Application
from programmes.models import Programme

DECISION_PLACEHOLDERS = {
    **NAME,
    **APPLICATION,
    "message": "the message you write for this decision when you prepare the decision emails",
}


def decision_kind(status: str) -> str:
    return DECISION_KINDS[ApplicationStatus(status)]


def decision_values(application: Application, *, name: str) -> dict[str, str]:
    """For the kind of email `decision_kind(application.status)` (or the waiting list's offer)."""
    values = {
        **values_of_application(application, name=name),
        "message": application.decision_message,
    }
    if application.status == ApplicationStatus.WAITLISTED:
        values["position"] = str(application.waitlist_position or "")
    return values


def _decision_sample(status: ApplicationStatus):
    def sample(programme: Programme) -> dict[str, str]:
        application = example_application(programme, status)
        if application is None or application.status != status:
            values = (
                example_values(programme)
                if application is None
                else values_of_application(application, name=person_for(application))
            )
            values["message"] = DEFAULT_MESSAGES[status]
            if status == ApplicationStatus.WAITLISTED:
                values["position"] = "1"
            return values
        values = decision_values(application, name=person_for(application))
        values["message"] = values["message"] or DEFAULT_MESSAGES[status]
        return values

    return sample


register_kind(
    kind=DECISION_SELECTED,
    group="Decisions",
    name="Decision: selected",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is in the cohort. Decision emails wait in the outbox "
    "until you send them.",
    placeholders=DECISION_PLACEHOLDERS,
    sample=_decision_sample(ApplicationStatus.SELECTED),
)
register_kind(
    kind=DECISION_WAITLISTED,
    group="Decisions",
    name="Decision: on the waiting list",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is on the waiting list. Decision emails wait in the "
    "outbox until you send them.",
    placeholders={**DECISION_PLACEHOLDERS, "position": "the council’s place on the waiting list"},
    sample=_decision_sample(ApplicationStatus.WAITLISTED),
)
register_kind(
    kind=DECISION_NOT_SELECTED,
    group="Decisions",
    name="Decision: not selected",
    description="Sent to the person who submitted the application and each team member when "
    "you send decisions and the council is not selected. Decision emails wait in the outbox "
    "until you send them.",
    placeholders=DECISION_PLACEHOLDERS,
    sample=_decision_sample(ApplicationStatus.NOT_SELECTED),
)


def place_offered_values(application: Application, *, name: str) -> dict[str, str]:
    return values_of_application(application, name=name)


def _place_offered_sample(programme: Programme) -> dict[str, str]:
    application = example_application(programme, ApplicationStatus.WAITLISTED)
    if application is None:
        return example_values(programme)
    return place_offered_values(application, name=person_for(application))


register_kind(
    kind=WAITLIST_PLACE_OFFERED,
    group="Decisions",
    name="A place offered from the waiting list",
    description="Sent to the person who submitted the application and each team member when a "
    "council in the cohort withdraws and the council at the top of the waiting list is offered "
    "its place. Sent straight away.",
    placeholders={**NAME, **APPLICATION},
    sample=_place_offered_sample,
)
