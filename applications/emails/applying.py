"""The council's own emails: the submission confirmations and the withdrawal confirmation."""

from applications.emails.common import (
    APPLICATION,
    APPLICATION_SUBMITTED,
    APPLICATION_WITHDRAWN,
    EXAMPLE_COUNCIL,
    NAME,
    absolute_link,
    example_application,
    example_values,
    person_for,
    register_kind,
    team_lines,
    values_of_application,
)
from applications.enums import ApplicationStatus
from applications.models import Application
from notifications import editable
from programmes.dates import format_date, format_datetime
from programmes.models import Programme


def submission_values(
    application: Application, *, name: str, team_member: bool, team: list
) -> dict[str, str]:
    """`team`: the application's team members, in order (read once for all the emails)."""
    values = values_of_application(application, name=name)
    council, programme = values["council"], values["programme"]
    if team_member:
        opening = (
            f"{council} has named you as a member of its team in its expression of interest in "
            f"the Local Government Association’s peer learning programme “{programme}”."
        )
        where = f"Ask {council} if you would like to read the expression of interest."
    else:
        opening = (
            f"Thank you. We have received {council}’s expression of interest in “{programme}”."
        )
        where = f"You can read your application at {absolute_link(application.get_absolute_url())}"
    return {
        **values,
        "opening": opening,
        "submitted": format_datetime(application.submitted_at) if application.submitted_at else "",
        "key question": application.key_question,
        "team": team_lines(team),
        "decisions due": format_date(application.programme.decisions_due),
        "where to read it": where,
    }


def _submission_sample(programme: Programme) -> dict[str, str]:
    application = example_application(programme, *ApplicationStatus.sent_in())
    if application is None:
        values = example_values(programme)
        return {
            **values,
            "opening": f"Thank you. We have received {EXAMPLE_COUNCIL}’s expression of interest "
            f"in “{programme.title}”.",
            "submitted": format_datetime(programme.closes_at),
            "key question": "How can we help children and young people get support sooner?",
            "team": "- Sam Example, Cabinet Member for Children, Exampleshire County Council",
            "decisions due": format_date(programme.decisions_due),
            "where to read it": "You can read your application at "
            + absolute_link("/applications/"),
        }
    values = submission_values(
        application,
        name=person_for(application),
        team_member=False,
        team=list(application.team.order_by("position")),
    )
    if not application.submitted_at:
        values["submitted"] = format_datetime(programme.closes_at)
    return values


register_kind(
    kind=APPLICATION_SUBMITTED,
    group="Applying",
    name="Expression of interest received",
    description="Sent when a council submits its expression of interest: to the person who "
    "submitted it, and to each member of the team it names.",
    placeholders={
        **NAME,
        **APPLICATION,
        "opening": "for the person who submitted it, “Thank you. We have received …”; for a "
        "team member, that the council has named them in its team",
        "submitted": "when it was submitted, like Friday 16 February 2018, 5pm",
        "key question": "the council’s key question",
        "team": "the team, one person on each line with their job title and organisation",
        "decisions due": "the date decisions are due, like Friday 16 March 2018",
        "where to read it": "for the person who submitted it, the web address of the "
        "application; for a team member, to ask the council",
    },
    sample=_submission_sample,
    # "You can read your application at <address>": the service writes the whole sentence.
    links=editable.SERVICE_LINKS | {"where to read it"},
)


# --- Withdrawal -------------------------------------------------------------------------------


def withdrawal_values(application: Application, *, name: str) -> dict[str, str]:
    return values_of_application(application, name=name)


def _withdrawal_sample(programme: Programme) -> dict[str, str]:
    application = example_application(programme, ApplicationStatus.WITHDRAWN)
    if application is None:
        return example_values(programme)
    return withdrawal_values(application, name=person_for(application))


register_kind(
    kind=APPLICATION_WITHDRAWN,
    group="Applying",
    name="Expression of interest withdrawn",
    description="Sent to the person who withdraws a council’s expression of interest.",
    placeholders={**NAME, **APPLICATION},
    sample=_withdrawal_sample,
)
