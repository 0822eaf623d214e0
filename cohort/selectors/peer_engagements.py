"""Reads about peer engagements. Access is decided in the query: staff see the engagements of
the projects they may see (cohort.selectors.progress.projects_visible_to: a consultant's own
projects, every project for a programme manager); a council sees its own projects' engagements
through its read-only project view (`for_council`), without the peer's contact details."""

from django.db.models import Prefetch, QuerySet

from cohort.models import PeerEngagement, PeerEngagementChange, PeerMatch, Project
from cohort.selectors.progress import projects_visible_to


def engagements_of(project: Project) -> QuerySet[PeerEngagement]:
    return (
        PeerEngagement.objects.filter(project=project)
        .select_related("approach", "recorded_by")
        .prefetch_related(
            Prefetch("changes", queryset=PeerEngagementChange.objects.select_related("by"))
        )
        .order_by("-proposed_at", "-pk")
    )


def project_for_engagements(user, pk: int) -> Project | None:
    """A project the person may propose and record engagements for, or None."""
    return (
        projects_visible_to(user)
        .filter(pk=pk)
        .select_related("programme", "organisation", "consultant")
        .first()
    )


def engagement_for(user, *, project_pk: int, pk: int) -> PeerEngagement | None:
    """One engagement of a project the person may edit, or None."""
    return (
        PeerEngagement.objects.filter(
            pk=pk, project_id=project_pk, project__in=projects_visible_to(user)
        )
        .select_related("approach", "project__organisation", "project__programme")
        .first()
    )


def match_of(project: Project) -> PeerMatch | None:
    return PeerMatch.objects.filter(project=project).select_related("approach").first()


def for_council(project: Project) -> list[dict]:
    """What the council's team sees of its engagements: kind, the peer's organisation, date,
    status, and the key learning once completed; never the peer's contact details."""
    rows = PeerEngagement.objects.filter(project=project).order_by("-proposed_at", "-pk")
    return [
        {
            "kind": engagement.get_kind_display(),
            "organisation": organisation,
            "date": engagement.date,
            "status": engagement.status,
            "status_label": engagement.get_status_display(),
            "key_learning": engagement.key_learning if engagement.status == "completed" else "",
        }
        for engagement, organisation in (
            (row, row.approach.organisation_name) for row in rows.select_related("approach")
        )
    ]


def engagement_for_peer(pk: int) -> PeerEngagement | None:
    """The engagement a signed link was made for (the link is the permission)."""
    return (
        PeerEngagement.objects.filter(pk=pk)
        .select_related("approach", "project__organisation", "project__programme")
        .first()
    )
