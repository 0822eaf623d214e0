"""Spreadsheets of the cohort's peer matches and peer engagements (SPEC §4.7), formula-safe,
in the same Sheet shape and XLSX writer as the applications export."""

from applications.exports import Sheet
from cohort.models import PeerEngagement, PeerMatch, Project
from programmes.dates import LONDON
from programmes.models import Programme

MATCH_COLUMNS = [
    "Council",
    "Key question",
    "Peer organisation",
    "Approach",
    "Visit or call",
    "Locked",
    "Why",
    "Chosen",
    "Peer contact",
]
ENGAGEMENT_COLUMNS = [
    "Council",
    "Peer organisation",
    "Approach",
    "Kind",
    "Status",
    "Date",
    "Who took part",
    "What they saw or discussed",
    "Key learning",
]


def _when(moment) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") if moment else ""


def peer_matches_sheet(programme: Programme) -> Sheet:
    """One row per project of the cohort, matched or not, in council order (two queries)."""
    matches = {
        match.project_id: match
        for match in PeerMatch.objects.filter(project__programme=programme).select_related(
            "approach"
        )
    }
    rows = []
    projects = Project.objects.filter(programme=programme).select_related("organisation")
    for project in projects.order_by("organisation__name", "pk"):
        match = matches.get(project.pk)
        approach = match.approach if match else None
        rows.append(
            [
                project.organisation.name,
                project.refined_key_question or project.key_question,
                approach.organisation_name if approach else "Not matched",
                approach.title if approach else "",
                match.get_mode_display() if match else "",
                ("Yes" if match.is_locked else "No") if match else "",
                match.reasons if match else "",
                _when(match.chosen_at) if match else "",
                f"{approach.contact_name} <{approach.contact_email}>" if approach else "",
            ]
        )
    return Sheet(header=MATCH_COLUMNS, rows=rows)


def peer_engagements_sheet(programme: Programme) -> Sheet:
    """One row per peer engagement, by council and date (one query)."""
    engagements = (
        PeerEngagement.objects.filter(project__programme=programme)
        .select_related("project__organisation", "approach")
        .order_by("project__organisation__name", "date", "proposed_at", "pk")
    )
    return Sheet(
        header=ENGAGEMENT_COLUMNS,
        rows=[
            [
                engagement.project.organisation.name,
                engagement.approach.organisation_name,
                engagement.approach.title,
                engagement.get_kind_display(),
                engagement.get_status_display(),
                engagement.date.isoformat() if engagement.date else "",
                engagement.participants,
                engagement.what_happened,
                engagement.key_learning,
            ]
            for engagement in engagements
        ],
    )
