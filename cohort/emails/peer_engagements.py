"""Kinds of email about peer engagements: a project's visit to, or call with, a peer approach
(see programmes.emails).

- `peer_engagement_proposed`: to a peer approach's contact when a project's consultant (or a
  programme manager) proposes an engagement (cohort.services.peer_engagements
  .propose_peer_engagement), with a signed link to agree, decline or suggest dates. The link
  answers for the contact, so staff never see the body in the outbox, and the wording must keep
  ((link)).
- `peer_engagement_answered`: to the project's consultant (or, when it has none, the programme
  managers) when the peer contact answers through that link.

Both have wording a programme manager can edit per programme; the defaults are
templates/emails/editable/<kind>.txt.
"""

from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse

from cohort.enums import EngagementKind
from cohort.peer_links import answer_link, example_answer_link
from notifications import editable
from programmes.models import Programme

PEER_ENGAGEMENT_PROPOSED = "peer_engagement_proposed"
PEER_ENGAGEMENT_ANSWERED = "peer_engagement_answered"

ANSWER_WORDS = {
    "agree": "agreed to the engagement",
    "decline": "declined the engagement",
    "suggest_dates": "suggested dates for the engagement",
}


def kind_text(kind: str) -> str:
    return {
        EngagementKind.VISIT: "a visit",
        EngagementKind.CALL: "a telephone or video call",
        EngagementKind.WRITTEN: "a review of written material",
    }.get(kind, "an engagement")


def key_question(project) -> str:
    return project.refined_key_question or project.key_question


# --- Proposed ----------------------------------------------------------------------------------

PROPOSED_PLACEHOLDERS = {
    "name": "the peer contact’s name",
    "organisation": "the peer’s organisation",
    "approach": "the name of the peer’s approach",
    "council": "the council’s name",
    "programme": "the programme’s title",
    "key question": "the council’s refined key question",
    "kind": "what is proposed: a visit, a call or a review of written material",
    "message": "the consultant’s message",
    "consultant": "the name of the person proposing it",
    "link": "the web address where the peer contact answers",
    "contact email": "the programme’s contact email address",
}


def proposed_values(*, engagement, message: str, by, link: str | None = None) -> dict[str, str]:
    project, approach = engagement.project, engagement.approach
    return {
        "name": approach.contact_name or "colleague",
        "organisation": approach.organisation_name,
        "approach": approach.title,
        "council": project.organisation.name,
        "programme": project.programme.title,
        "key question": key_question(project),
        "kind": kind_text(engagement.kind),
        "message": message.strip() or "(No message.)",
        "consultant": getattr(by, "name", "") or "The Peer Learning team",
        "link": link if link is not None else answer_link(engagement),
        "contact email": project.programme.contact_email,
    }


def _example(programme: Programme):
    project = (
        programme.projects.select_related("organisation", "programme")
        .order_by("organisation__name")
        .first()
    )
    if project is None:
        project = SimpleNamespace(
            pk=0,
            programme=programme,
            organisation=SimpleNamespace(name="Exampleshire County Council"),
            key_question="How can we help young people find advice early?",
            refined_key_question="",
        )
    approach = programme.peer_approaches.order_by("title").first() or SimpleNamespace(
        organisation_name="Forward Thinking Birmingham",
        title="A single front door for 0–25s",
        contact_name="Sam Example",
    )
    return SimpleNamespace(pk=0, project=project, approach=approach, kind=EngagementKind.VISIT)


def proposed_preview_values(programme: Programme) -> dict[str, str]:
    """Values from the programme's projects and approaches; never a real answer link."""
    return proposed_values(
        engagement=_example(programme),
        message="We would love to see how your front door works in practice.",
        by=SimpleNamespace(name="Alex Example"),
        link=example_answer_link(),
    )


# --- Answered ----------------------------------------------------------------------------------

ANSWERED_PLACEHOLDERS = {
    "name": "the consultant’s name",
    "organisation": "the peer’s organisation",
    "council": "the council’s name",
    "programme": "the programme’s title",
    "kind": "what was proposed: a visit, a call or a review of written material",
    "answer": "what the peer did: agreed, declined or suggested dates",
    "message": "the peer’s message",
    "link": "the web address of the project",
    "contact email": "the programme’s contact email address",
}


def project_link(project) -> str:
    return f"{settings.SITE_URL}{reverse('cohort:project', kwargs={'pk': project.pk})}"


def answered_values(*, engagement, answer: str, message: str, recipient) -> dict[str, str]:
    project, approach = engagement.project, engagement.approach
    return {
        "name": getattr(recipient, "name", "") or "colleague",
        "organisation": approach.organisation_name,
        "council": project.organisation.name,
        "programme": project.programme.title,
        "kind": kind_text(engagement.kind),
        "answer": ANSWER_WORDS.get(answer, answer),
        "message": message.strip() or "(No message.)",
        "link": project_link(project) if project.pk else f"{settings.SITE_URL}/",
        "contact email": project.programme.contact_email,
    }


def answered_preview_values(programme: Programme) -> dict[str, str]:
    return answered_values(
        engagement=_example(programme),
        answer="suggest_dates",
        message="Any Tuesday in March works for us.",
        recipient=SimpleNamespace(name="Alex Example"),
    )


editable.register(
    editable.EditableKind(
        group="Peer engagements",
        kind=PEER_ENGAGEMENT_PROPOSED,
        name="A visit or call proposed to a peer",
        description="Sent to a peer approach’s contact when a project’s consultant proposes a "
        "visit, a call or a review of written material, with a link to agree, decline or "
        "suggest dates.",
        placeholders=PROPOSED_PLACEHOLDERS,
        scope_model=Programme,
        scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
        sample=proposed_preview_values,
        required={"link": "it is how the peer contact answers"},
    )
)

editable.register(
    editable.EditableKind(
        group="Peer engagements",
        kind=PEER_ENGAGEMENT_ANSWERED,
        name="A peer answered a proposed visit or call",
        description="Sent to the project’s consultant (or the programme managers when it has "
        "none) when the peer contact agrees, declines or suggests dates.",
        placeholders=ANSWERED_PLACEHOLDERS,
        scope_model=Programme,
        scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
        sample=answered_preview_values,
    )
)
