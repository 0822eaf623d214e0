"""The 2018 cohort's consultant, progress updates and action plans, for the demo.

The lead consultant (the demo account consultant@example.org) follows the eight projects; each
has two or three dated updates between March and July 2018, drawn from what the final report
(seeds/002) says each council and its partners did: the first learning day on 12 March, the
peer visits and conversations, the second learning day on 12 June.

Each project also has the action plan its team made on learning day 1 (three or four actions
with owners named by role, due in 2018), with each action's status as it stood in July 2018,
after the second learning day's review.

Rows are written directly with their past dates, as history: no email is written. Safe to run
again: a project that already has a consultant keeps them, one with updates gets no more, and one
with an action plan gets no more actions.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from cohort.enums import ActionStatus, ProgressStatus
from cohort.models import ActionPlanItem, ProgressUpdate
from programmes.dates import LONDON
from programmes.models import Programme

CONSULTANT_EMAIL = "consultant@example.org"

GREEN, AMBER, RED = ProgressStatus.GREEN, ProgressStatus.AMBER, ProgressStatus.RED
DONE, IN_PROGRESS, NOT_STARTED = (
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.NOT_STARTED,
)
LEARNING_DAY_1 = "2018-03-12T16:00"


def _at(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=LONDON)


# By organisation name: (when, status, what has happened, what happens next).
UPDATES_2018: dict[str, list[tuple[str, str, str, str]]] = {
    "Barnsley Metropolitan Borough Council": [
        (
            "2018-03-23T16:00",
            GREEN,
            "At the first learning day the team (public health, Wellspring Academy Trust and "
            "Chilypep) refined their question about how young people find their way around "
            "emotional health and wellbeing services. Young people’s feedback is that it is hard "
            "to find out what is available: help at school and help through a GP lead to "
            "different places.",
            "Arrange a visit to Forward Thinking Birmingham, the city’s 0–25 service, to see its "
            "open access hub and the Pause drop-in.",
        ),
        (
            "2018-05-11T15:30",
            GREEN,
            "The team visited Forward Thinking Birmingham and saw how young people reach the "
            "service through Pause, a drop-in open seven days a week, and its other points of "
            "access. They noted how a long-standing service failure led to a radically "
            "different, jointly commissioned model.",
            "Share what they saw with the Thrive services commissioned locally and with young "
            "people through Chilypep, and bring options to the second learning day.",
        ),
        (
            "2018-07-06T11:00",
            GREEN,
            "The team can show how access improved through Pause without adding pressure on "
            "CAMHS, and describe a pathway that could be adapted for Barnsley. The CCG "
            "commissioner and the local NHS provider are engaging with simplifying access; the "
            "Future in Mind Steering Group is supportive. Barnsley has secured money from the "
            "‘Beyond Places of Safety’ fund for a digital service.",
            "Continue the conversations with the CCG and the provider over the coming months, "
            "and consider a physical access point along the lines of Pause.",
        ),
    ],
    "Durham County Council": [
        (
            "2018-03-26T10:00",
            AMBER,
            "The key question (engaging system leaders, the wider workforce, children and "
            "families in the vision for early intervention) is broad. The team agreed at the "
            "first learning day that they need to narrow it to make change feel achievable.",
            "A telephone conversation with Cheshire East about its Emotionally Healthy Schools "
            "programme.",
        ),
        (
            "2018-05-18T14:00",
            GREEN,
            "The call with Cheshire East went well: public health, schools and a voluntary "
            "sector partner working together to make mental health support in schools more "
            "consistent. Both councils want to meet again in person.",
            "Propose a focus on schools within the wider children’s workforce to the local "
            "transformation plan board.",
        ),
        (
            "2018-07-13T12:00",
            GREEN,
            "The local transformation plan board agreed the focus on schools. The team is "
            "working out how an Emotionally Healthy Schools approach could dovetail with the "
            "whole school resilience programme and the year nine awareness sessions.",
            "A peer exchange visit with Cheshire East.",
        ),
    ],
    "Essex County Council": [
        (
            "2018-03-27T15:00",
            AMBER,
            "At the first learning day the team set out to find a flexible approach to young "
            "people’s transition from CAMHS to adult mental health services. The change involves "
            "the county council, two unitary councils, seven CCGs and two provider trusts.",
            "Agree who leads on transitions across the partners before looking for a peer.",
        ),
        (
            "2018-06-15T16:00",
            RED,
            "The team did not come to the second learning day and no peer conversation has been "
            "arranged. The complexity of the commissioning environment has slowed progress.",
            "A call with the council’s lead to agree whether and how to continue.",
        ),
    ],
    "Kirklees Council": [
        (
            "2018-03-22T13:00",
            GREEN,
            "The team (the council and Northorpe Hall Child and Family Trust, which runs the "
            "single point of access) want to co-design with children, young people, parents and "
            "carers how the wait for CAMHS is handled, and to learn how it feels to be waiting.",
            "Visit North Tyneside to see MH:2K, where young people are citizen researchers.",
        ),
        (
            "2018-05-04T17:00",
            GREEN,
            "The team went to North Tyneside and met young citizen researchers from MH:2K "
            "(Involve and Leaders Unlocked). They came back convinced that young people should "
            "lead the work on the waiting list, not only be consulted.",
            "Plan a co-production approach with young people for the waiting list.",
        ),
        (
            "2018-07-10T10:30",
            GREEN,
            "The team also drew on the CAMHS Evidence Based Practice Unit’s work on shared "
            "decision making. Their reflection: councils have long experience of children’s "
            "rights, participation and co-design, and should feel confident using it on an "
            "operational problem such as waiting. Funding and capacity in CAMHS mean long waits "
            "will continue, so the aim is to make waiting a more positive experience.",
            "Work with young people and families on the support and advice that would help them "
            "cope while they wait.",
        ),
    ],
    "London Borough of Lewisham": [
        (
            "2018-03-28T12:00",
            AMBER,
            "Exclusions are rising, often for persistent disruptive behaviour. The team think "
            "many of these pupils have social, emotional and mental health needs that no "
            "service has met, and want to find other ways to support them with schools.",
            "Review written material from Brighton and Hove and from Haringey’s Anchor project.",
        ),
        (
            "2018-05-25T15:00",
            AMBER,
            "The team reviewed the material: Brighton and Hove on how guidance on behaviour, "
            "SEND and mental health pulls in different directions, and Haringey’s Anchor project "
            "on training school leaders. They feel they need more evidence for their hypothesis.",
            "A team member will do a deep dive into the local data on exclusions.",
        ),
        (
            "2018-07-17T11:00",
            GREEN,
            "The deep dive into the local data is under way, to understand the local context "
            "better. The team see how education, social care and CAMHS approach challenging "
            "behaviour from different standpoints.",
            "Use the deep dive to make recommendations for change within the system.",
        ),
    ],
    "Lincolnshire County Council": [
        (
            "2018-03-29T14:00",
            AMBER,
            "The project is about a small group of young people with very high needs across "
            "mental health, social care and special educational needs. The team want a shared "
            "multi-agency understanding of them and to manage risk jointly.",
            "Read case studies from Wigan, Suffolk and Surrey.",
        ),
        (
            "2018-06-01T10:00",
            AMBER,
            "The team read the case studies but, in the time available, chose to define the "
            "issue more clearly and win wider support across the local system rather than "
            "arrange a visit. They have mapped the players in the system.",
            "Propose a new approach for adolescents with risk-taking behaviour to senior managers.",
        ),
        (
            "2018-07-12T16:00",
            GREEN,
            "A new approach for working with adolescents with risk-taking behaviour has been "
            "proposed to senior local managers.",
            "Keep building support across the local system for managing risk jointly.",
        ),
    ],
    "Surrey County Council": [
        (
            "2018-03-21T11:00",
            GREEN,
            "The council and its CCGs want to re-shape the system for children and young "
            "people’s emotional wellbeing and mental health, and to link it with schools.",
            "Visit the Birmingham Education Partnership and its Newstart project.",
        ),
        (
            "2018-05-16T15:00",
            GREEN,
            "The team visited Birmingham: Newstart helps secondary schools embed a whole school "
            "approach to mental health. They were impressed by the leadership of the partnership "
            "and thought schools themselves might be best placed to lead the work in Surrey.",
            "Visit Saltley Academy to see how it identifies year sevens at risk.",
        ),
        (
            "2018-07-05T14:30",
            GREEN,
            "At Saltley Academy the team saw data combined with what each child says about their "
            "own wishes and feelings, to find the year sevens who are anxious and unhappy though "
            "nothing else flags them. They see routinely hearing children’s wishes and feelings "
            "as a crucial ingredient.",
            "Consider how to build this in when working with schools back in Surrey.",
        ),
    ],
    "Warwickshire County Council": [
        (
            "2018-03-23T10:00",
            AMBER,
            "The team want better support in the community for young people in crisis or with "
            "intensive needs, to reduce the days young people spend in tier-four beds.",
            "Visit Surrey’s Hope and Extended Hope services.",
        ),
        (
            "2018-05-23T16:30",
            GREEN,
            "A group visited Surrey: the two-bed respite and crisis children’s home and the day "
            "programme, with education, that keep young people out of inpatient wards and in "
            "their area. Joint commissioning by Surrey’s council and NHS made it possible.",
            "Consider which parts fit Warwickshire: the targeted service as a bridge from early "
            "help to intensive support, and continuity of relationship into crisis care.",
        ),
    ],
}


# By organisation name: (action, owner, due on, status in July 2018), as planned on learning day 1.
ACTIONS_2018: dict[str, list[tuple[str, str, str, str]]] = {
    "Barnsley Metropolitan Borough Council": [
        (
            "Visit Forward Thinking Birmingham to see how young people reach its 0–25 service "
            "through the open access hub and the Pause drop-in.",
            "Public health lead for children and young people",
            "2018-05-11",
            DONE,
        ),
        (
            "Ask young people, through Chilypep, how they look for help and what would make the "
            "routes into support simpler.",
            "Chilypep participation worker",
            "2018-06-08",
            DONE,
        ),
        (
            "Bid to the ‘Beyond Places of Safety’ fund for a digital service.",
            "Future in Mind programme lead",
            "2018-06-29",
            DONE,
        ),
        (
            "Take options for one simpler route into support to the CCG commissioner and the "
            "local NHS provider, with the Future in Mind Steering Group’s support.",
            "CAMHS transformation lead",
            "2018-09-28",
            IN_PROGRESS,
        ),
    ],
    "Durham County Council": [
        (
            "Arrange a telephone conversation with Cheshire East about its Emotionally Healthy "
            "Schools programme.",
            "Consultant in public health",
            "2018-04-27",
            DONE,
        ),
        (
            "Propose to the local transformation plan board that the work starts with schools "
            "within the wider children’s workforce.",
            "Head of education",
            "2018-06-29",
            DONE,
        ),
        (
            "Work out how an Emotionally Healthy Schools approach could dovetail with the whole "
            "school resilience programme and the year nine awareness sessions.",
            "Public health commissioner",
            "2018-07-31",
            IN_PROGRESS,
        ),
        (
            "Arrange a peer exchange visit with Cheshire East.",
            "Consultant in public health",
            "2018-10-31",
            NOT_STARTED,
        ),
    ],
    "Essex County Council": [
        (
            "Agree who leads on transitions across the county council, the two unitary councils, "
            "the seven CCGs and the two provider trusts.",
            "Director of Children’s Services",
            "2018-04-27",
            IN_PROGRESS,
        ),
        (
            "Map how young people leaving care move from CAMHS to adult mental health services "
            "today.",
            "CAMHS transformation lead",
            "2018-05-25",
            NOT_STARTED,
        ),
        (
            "Find a peer area with a flexible, needs-led approach to transitions and arrange a "
            "conversation.",
            "Head of commissioning, children’s mental health",
            "2018-06-08",
            NOT_STARTED,
        ),
    ],
    "Kirklees Council": [
        (
            "Visit North Tyneside to meet the young citizen researchers of MH:2K.",
            "Chief executive, Northorpe Hall Child and Family Trust",
            "2018-05-04",
            DONE,
        ),
        (
            "Read the CAMHS Evidence Based Practice Unit’s work on shared decision making.",
            "CAMHS transformation lead",
            "2018-06-08",
            DONE,
        ),
        (
            "Hear from young people and families on the waiting list how it feels to wait.",
            "Single point of access manager",
            "2018-06-29",
            DONE,
        ),
        (
            "Plan with young people a co-production approach to the support and advice offered "
            "while they wait.",
            "Children’s rights and participation lead",
            "2018-09-28",
            IN_PROGRESS,
        ),
    ],
    "London Borough of Lewisham": [
        (
            "Review the material from Brighton and Hove and from Haringey’s Anchor project.",
            "Head of inclusion",
            "2018-05-25",
            DONE,
        ),
        (
            "Do a deep dive into the local data on exclusions and the needs of excluded pupils.",
            "Principal educational psychologist",
            "2018-07-31",
            IN_PROGRESS,
        ),
        (
            "Bring education, social care and CAMHS together to agree recommendations from the "
            "deep dive.",
            "Director of Children’s Services",
            "2018-10-31",
            NOT_STARTED,
        ),
    ],
    "Lincolnshire County Council": [
        (
            "Read the case studies from Wigan, Suffolk and Surrey.",
            "Head of children’s mental health commissioning",
            "2018-04-30",
            DONE,
        ),
        (
            "Map the agencies and services that work with the small group of young people with "
            "very high needs.",
            "Assistant Director, Children’s Services",
            "2018-06-01",
            DONE,
        ),
        (
            "Propose a new approach for working with adolescents with risk-taking behaviour to "
            "senior managers.",
            "Assistant Director, Children’s Services",
            "2018-07-13",
            DONE,
        ),
        (
            "Arrange a visit to a peer area.",
            "Head of children’s mental health commissioning",
            "2018-06-15",
            NOT_STARTED,
        ),
    ],
    "Surrey County Council": [
        (
            "Visit the Birmingham Education Partnership and its Newstart project.",
            "Head of commissioning, emotional wellbeing and mental health",
            "2018-05-16",
            DONE,
        ),
        (
            "Visit Saltley Academy to see how it finds the year sevens at risk.",
            "CCG senior commissioner",
            "2018-07-05",
            DONE,
        ),
        (
            "Work out which local partners are best placed to work with schools on mental health.",
            "Deputy Director, Education",
            "2018-07-31",
            IN_PROGRESS,
        ),
        (
            "Build hearing children’s wishes and feelings into the offer to schools.",
            "Head of commissioning, emotional wellbeing and mental health",
            "2018-10-31",
            NOT_STARTED,
        ),
    ],
    "Warwickshire County Council": [
        (
            "Visit Surrey’s Hope and Extended Hope services.",
            "CAMHS transformation lead",
            "2018-05-23",
            DONE,
        ),
        (
            "Decide which parts of Surrey’s model fit Warwickshire, starting with a targeted "
            "service as a bridge from early help to intensive support.",
            "Head of children’s joint commissioning",
            "2018-07-20",
            IN_PROGRESS,
        ),
        (
            "Talk with the CCGs and the NHS trust about commissioning crisis and intensive "
            "support in the community jointly.",
            "Director of Children’s Services",
            "2018-09-28",
            IN_PROGRESS,
        ),
    ],
}


@transaction.atomic
def load_progress_2018(programme: Programme) -> None:
    """The consultant for each of the programme's projects, and each project's updates.

    Side effects: projects without a consultant get the demo consultant; projects in
    UPDATES_2018 without any update get theirs, dated in 2018; projects in ACTIONS_2018 without any
    action get their action plan, made on learning day 1. No email.
    """
    consultant = get_user_model().objects.get(email=CONSULTANT_EMAIL)
    programme.projects.filter(consultant__isnull=True).update(consultant=consultant)
    for project in programme.projects.select_related("organisation").order_by("pk"):
        updates = UPDATES_2018.get(project.organisation.name, [])
        if not updates or project.progress_updates.exists():
            continue
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(
                project=project,
                status=status,
                summary=summary,
                next_steps=next_steps,
                written_by=consultant,
                created_at=_at(when),
            )
            for when, status, summary, next_steps in updates
        )
    made_at = _at(LEARNING_DAY_1)
    for project in programme.projects.select_related("organisation").order_by("pk"):
        actions = ACTIONS_2018.get(project.organisation.name, [])
        if not actions or project.action_plan.exists():
            continue
        ActionPlanItem.objects.bulk_create(
            ActionPlanItem(
                project=project,
                action=action,
                owner=owner,
                due_on=datetime.date.fromisoformat(due_on),
                status=status,
                position=position,
                created_at=made_at,
            )
            for position, (action, owner, due_on, status) in enumerate(actions)
        )
