"""The 2018 programme's peers, for the demo: the approaches the final report names, each project's
match and what its visit, call or reading showed (seeds/002, "The peer organisations identified
for the eight councils and their partners" and the case studies).

The approaches are written through the services a programme manager's pages use (the peer
partner offers become approaches in one step; Wigan's and Suffolk's written case studies, which
Lincolnshire read, are added). The matches and engagements are 2018 history: written directly,
because the services would date them today and email the peers again. Five of the eight councils
had a visit or a conversation, as the report says; Lewisham and Lincolnshire read written
material; Essex had no peer engagement.

Safe to run again: an offer already turned into an approach, an approach already in the pool, a
project already matched or with engagements, are left as they are.
"""

import datetime

from django.db import transaction

from cohort.enums import EngagementKind, EngagementMode, EngagementStatus
from cohort.models import PeerApproach, PeerEngagement, PeerMatch, Project
from cohort.services.peer_approaches import approach_from_offer, save_peer_approach
from programmes.dates import LONDON
from programmes.models import Programme

WRITTEN_CASE_STUDIES_2018 = [
    {
        "organisation_name": "Wigan Council",
        "title": "The Deal for children and young people: community-led early help",
        "description": (
            "Wigan's Deal asks children, young people, families and communities what matters to "
            "them and builds early help around their strengths. A written case study of how the "
            "council and its partners moved resources to prevention and to support in schools "
            "and neighbourhoods, with young people shaping the offer."
        ),
        "thrive_categories": ["thriving", "getting_advice"],
        "themes": "early intervention, prevention, community engagement",
        "contact_name": "Dana Wells",
        "contact_email": "dana.wells@example.org",
        "contact_job_title": "Early Help Lead",
    },
    {
        "organisation_name": "Suffolk County Council",
        "title": "Emotional wellbeing hub: one front door for advice and referrals",
        "description": (
            "Suffolk's emotional wellbeing hub gives families, schools and professionals one "
            "place to ask for advice or make a referral about a child's mental health, and routes "
            "each request to the right help. A written case study of setting up the hub with the "
            "NHS and the voluntary sector."
        ),
        "thrive_categories": ["getting_advice", "getting_help"],
        "themes": "single point of access, pathways and navigation, integrated commissioning",
        "contact_name": "Priya Nair",
        "contact_email": "priya.nair@example.org",
        "contact_job_title": "Hub Manager",
    },
]

# By council: the approaches (by organisation) of its match and engagements, from the report.
ENGAGEMENTS_2018 = {
    "Barnsley Metropolitan Borough Council": [
        {
            "peer": "Forward Thinking Birmingham",
            "kind": EngagementKind.VISIT,
            "date": datetime.date(2018, 4, 24),
            "participants": "The Barnsley team: the lead member, the head of commissioning and "
            "a CAMHS partner",
            "what_happened": "Visited Birmingham to look at the city's 0-25 delivery model for "
            "mental health, with a specific focus on how young people navigate the system "
            "using its open access hub (Pause) and its other points of access.",
            "key_learning": "An integrated service offer can improve access and pathways for "
            "young people across the spectrum of need; a crisis in services prompted radical "
            "change, working across boundaries in a complex system.",
        }
    ],
    "Durham County Council": [
        {
            "peer": "Cheshire East Council",
            "kind": EngagementKind.CALL,
            "date": datetime.date(2018, 4, 17),
            "participants": "Durham's public health lead and schools lead; Cheshire East's "
            "Emotionally Healthy Schools coordinator",
            "what_happened": "A call about Cheshire East's Emotionally Healthy Schools "
            "programme: commissioned by public health, coordinated by an assistant head teacher, "
            "CAMHS link teams supervising schools twice each half term, and a universal offer "
            "from the voluntary sector.",
            "key_learning": "Durham narrowed its challenge to schools within the wider "
            "children's workforce, secured its transformation plan board's agreement, and is "
            "adapting the approach; the two councils agreed to a peer exchange visit.",
        }
    ],
    "Kirklees Council": [
        {
            "peer": "North Tyneside Council",
            "kind": EngagementKind.VISIT,
            "date": datetime.date(2018, 5, 2),
            "participants": "The Kirklees team and their voluntary sector partners",
            "what_happened": "Met MH:2K's young citizen researchers, who had spoken to over 500 "
            "young people about issues such as self harm, with support from Involve and Leaders "
            "Unlocked.",
            "key_learning": "Young people can lead these conversations if they are properly "
            "supported, and others may talk more openly to them; taking part built the "
            "researchers' own confidence and helped them manage their mental health.",
        }
    ],
    "London Borough of Lewisham": [
        {
            "peer": "Brighton and Hove City Council",
            "kind": EngagementKind.WRITTEN,
            "date": datetime.date(2018, 5, 10),
            "participants": "Lewisham's project group",
            "what_happened": "Reviewed materials from Brighton and Hove on reconciling guidance "
            "on behaviour, SEND and mental health in schools.",
            "key_learning": "Began a deep-dive into their own data to understand the local "
            "context before choosing next steps.",
        },
        {
            "peer": "London Borough of Haringey",
            "kind": EngagementKind.WRITTEN,
            "date": datetime.date(2018, 5, 10),
            "participants": "Lewisham's project group",
            "what_happened": "Reviewed Haringey's Anchor project, which supports schools to "
            "handle challenging behaviour.",
            "key_learning": "Better data on exclusions and behaviour would show where an Anchor-"
            "style offer could help.",
        },
    ],
    "Lincolnshire County Council": [
        {
            "peer": "Wigan Council",
            "kind": EngagementKind.WRITTEN,
            "date": datetime.date(2018, 5, 15),
            "participants": "Lincolnshire's project group",
            "what_happened": "Reviewed written case studies from Wigan, Suffolk and Surrey.",
            "key_learning": "In the time available, they chose to define their issue more "
            "clearly and secure wider support across the local system before learning from "
            "others' solutions.",
        }
    ],
    "Surrey County Council": [
        {
            "peer": "Birmingham Education Partnership",
            "kind": EngagementKind.VISIT,
            "date": datetime.date(2018, 5, 8),
            "participants": "The Surrey team, with school leaders",
            "what_happened": "Visited Birmingham Education Partnership's NewStart programme and "
            "Saltley Academy, where year 10 mental health champions run activities and talk to "
            "other pupils.",
            "key_learning": "A whole-school approach works when schools own it: peer champions "
            "trusted by other pupils, and a partnership that helps schools learn from each "
            "other.",
        }
    ],
    "Warwickshire County Council": [
        {
            "peer": "Surrey County Council",
            "kind": EngagementKind.VISIT,
            "date": datetime.date(2018, 5, 22),
            "participants": "Warwickshire's commissioners and CAMHS partners",
            "what_happened": "Visited Surrey's Hope Day Service and Extended Hope, a respite and "
            "crisis two-bed children's home and a day programme with education, designed to "
            "prevent admissions to psychiatric wards or moves out of area.",
            "key_learning": "Joint working between a day service and an out-of-hours crisis "
            "service gives young people in crisis continuity of relationship and keeps them "
            "close to home.",
        }
    ],
}


def _at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON)


@transaction.atomic
def load_peers_2018(programme: Programme, *, by) -> None:
    """The pool, the matches and the engagements of the 2018 programme, as the manager `by`."""
    for offer in programme.peer_partner_offers.order_by("pk"):
        if not PeerApproach.objects.filter(source_offer=offer).exists():
            approach_from_offer(offer_id=offer.pk, by=by)
    existing = {
        name.lower()
        for name in programme.peer_approaches.values_list("organisation_name", flat=True)
    }
    for fields in WRITTEN_CASE_STUDIES_2018:
        if fields["organisation_name"].lower() not in existing:
            save_peer_approach(
                programme_id=programme.pk,
                hosts_visits=False,
                hosts_calls=True,
                capacity=1,
                by=by,
                **fields,
            )
    approaches = {
        approach.organisation_name: approach
        for approach in programme.peer_approaches.filter(archived_at__isnull=True)
    }
    projects = Project.objects.filter(programme=programme).select_related("organisation")
    for project in projects.order_by("pk"):
        planned = ENGAGEMENTS_2018.get(project.organisation.name)
        if not planned or project.peer_engagements.exists():
            continue
        first = planned[0]
        PeerMatch.objects.get_or_create(
            project=project,
            defaults={
                "approach": approaches[first["peer"]],
                "mode": EngagementMode.VISIT
                if first["kind"] == EngagementKind.VISIT
                else EngagementMode.CALL,
                "is_locked": True,
                "reasons": "Identified from good practice reviews after learning day 1",
                "chosen_by": by,
                "chosen_at": _at_noon(datetime.date(2018, 3, 26)),
            },
        )
        for engagement in planned:
            PeerEngagement.objects.create(
                project=project,
                approach=approaches[engagement["peer"]],
                kind=engagement["kind"],
                status=EngagementStatus.COMPLETED,
                proposed_at=_at_noon(datetime.date(2018, 3, 28)),
                peer_answered_at=_at_noon(datetime.date(2018, 4, 3)),
                date=engagement["date"],
                participants=engagement["participants"],
                what_happened=engagement["what_happened"],
                key_learning=engagement["key_learning"],
                recorded_by=project.consultant,
                updated_at=_at_noon(engagement["date"]),
            )
