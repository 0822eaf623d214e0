"""The programme team asks the council for more information."""

from applications.emails.common import (
    APPLICATION,
    INFORMATION_REQUESTED,
    NAME,
    absolute_link,
    example_application,
    example_values,
    person_for,
    register_kind,
    values_of_application,
)
from applications.enums import ApplicationStatus, Section
from applications.models import Application, InformationRequest
from programmes.models import Programme


def information_request_values(
    application: Application, *, name: str, section: Section, question: str
) -> dict[str, str]:
    return {
        **values_of_application(application, name=name),
        "section": section.label,
        "question": question,
        "link": absolute_link(application.get_absolute_url()),
    }


def _information_sample(programme: Programme) -> dict[str, str]:
    asked = (
        InformationRequest.objects.filter(application__programme=programme)
        .select_related(
            "application__programme",
            "application__organisation",
            "application__submitted_by",
            "application__created_by",
        )
        .order_by("-asked_at", "-pk")
        .first()
    )
    if asked is not None:
        application = asked.application
        return information_request_values(
            application,
            name=person_for(application),
            section=Section(asked.section),
            question=asked.question,
        )
    application = example_application(programme, *ApplicationStatus.sent_in())
    values = (
        example_values(programme)
        if application is None
        else values_of_application(application, name=person_for(application))
    )
    return {
        **values,
        "section": Section.ISSUE.label,
        "question": "Which services does your key question cover?",
        "link": absolute_link(application.get_absolute_url() if application else "/applications/"),
    }


register_kind(
    kind=INFORMATION_REQUESTED,
    group="Assessment",
    name="More information needed",
    description="Sent to the person who submitted an application when the programme team asks "
    "a question about one section of it.",
    placeholders={
        **NAME,
        **APPLICATION,
        "section": "the section you are asking about, like About your issue",
        "question": "your question",
        "link": "the web address of the council’s application",
    },
    sample=_information_sample,
)
