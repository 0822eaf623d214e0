"""A reviewer is asked to review an application."""

from types import SimpleNamespace

from django.urls import reverse

from applications.emails.common import (
    EXAMPLE_COUNCIL,
    EXAMPLE_NAME,
    EXAMPLE_REFERENCE,
    NAME,
    REVIEWER_ASSIGNED,
    absolute_link,
    register_kind,
)
from applications.models import Application, Review
from programmes.dates import format_date
from programmes.models import Programme


def reviewer_assigned_values(
    *, programme: Programme, name: str, applications: list[Application]
) -> dict[str, str]:
    """`applications`: the ones the reviewer has been given, with their organisations."""
    n = len(applications)
    plural = "" if n == 1 else "s"
    listed = sorted(applications, key=lambda a: a.organisation.name)
    return {
        "name": name or "colleague",
        "programme": programme.title,
        "applications": f"{n} application{plural}",
        "expressions of interest": f"{n} expression{plural} of interest",
        "list": "\n".join(f"- {a.organisation.name} ({a.reference})" for a in listed),
        "link": absolute_link(reverse("applications:reviews")),
        "decisions due": format_date(programme.decisions_due),
        "contact email": programme.contact_email,
    }


def _reviewer_sample(programme: Programme) -> dict[str, str]:
    review = (
        Review.objects.filter(application__programme=programme)
        .select_related("reviewer")
        .order_by("-assigned_at", "-pk")
        .first()
    )
    if review is not None:
        applications = list(
            programme.applications.filter(reviews__reviewer=review.reviewer).select_related(
                "organisation"
            )
        )
        return reviewer_assigned_values(
            programme=programme, name=review.reviewer.name, applications=applications
        )
    example = SimpleNamespace(
        organisation=SimpleNamespace(name=EXAMPLE_COUNCIL), reference=EXAMPLE_REFERENCE
    )
    applications = list(
        programme.applications.filter(reference__isnull=False).select_related("organisation")[:3]
    ) or [example]
    return reviewer_assigned_values(
        programme=programme, name=EXAMPLE_NAME, applications=applications
    )


register_kind(
    kind=REVIEWER_ASSIGNED,
    group="Assessment",
    name="Applications to review",
    description="Sent to a reviewer when they are given applications to review, by hand or "
    "automatically: one email for all the applications given at once.",
    placeholders={
        **NAME,
        "programme": "the programme’s title",
        "applications": "“1 application” or “3 applications”",
        "expressions of interest": "“1 expression of interest” or “3 expressions of interest”",
        "list": "the applications, one on each line with the council and reference",
        "link": "the web address of the reviewer’s list of reviews",
        "decisions due": "the date decisions are due, like Friday 16 March 2018",
        "contact email": "the programme’s contact email address",
    },
    sample=_reviewer_sample,
)
