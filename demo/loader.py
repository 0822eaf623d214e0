"""Loads the demo: the real 2018 programme, its seventeen applications, and a call open today.

Safe to run again: everything is found by name or email first, so a second run changes nothing.
"""

import csv
import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ApplicationStatus, ReviewStatus, Score, Section
from applications.models import (
    Application,
    ApplicationEvent,
    CriterionScore,
    EvidenceSource,
    Review,
    TeamMember,
)
from applications.services.applying import new_reference
from applications.services.selection import (
    held_decision_email_ids,
    prepare_decisions,
    release_decisions,
    select_for_cohort,
)
from demo import data
from demo.learning_days import load_learning_days_2018
from demo.peers import load_peers_2018
from demo.progress import load_progress_2018
from demo.themes import load_themes_2018
from demo.workshops import load_workshops_2019
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from programmes.management.commands.load_organisations import ORGANISATIONS_CSV
from programmes.models import (
    MEGABYTE,
    ChallengeArea,
    CommunitySignup,
    Organisation,
    PeerPartnerOffer,
    Programme,
    ScoringCriterion,
    ThriveCategory,
)
from programmes.selectors.membership import is_member
from programmes.services import import_organisations, save_programme, save_scoring_criterion
from programmes.services.membership import approve_membership_request, request_membership

DEMO_PROGRAMME_SLUG = "cyp-mental-health-demo"
DEMO_COUNCIL = "Demoshire County Council (fictional)"
# The demo staff accounts' authenticator-app secret, published in the README like their
# passwords (under `make run` the code 000000 works too: MFA_TOTP_INSECURE_BYPASS_CODE).
DEMO_TOTP_SECRET = "PEERLEARNINGDEMOSTAFFSECRETABCDE"
DEMO_COUNCIL_ROLE = "Commissioning manager, children’s services"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    name: str
    group: StaffRole | None = None


DEMO_ACCOUNTS = [
    DemoAccount("Council applicant", "council@example.org", "council-demo-2026", "Chris Applicant"),
    DemoAccount(
        "Programme manager",
        "manager@example.org",
        "manager-demo-2026",
        "Pat Manager",
        StaffRole.PROGRAMME_MANAGER,
    ),
    DemoAccount(
        "Reviewer",
        "reviewer@example.org",
        "reviewer-demo-2026",
        "Robin Reviewer",
        StaffRole.REVIEWER,
    ),
    DemoAccount(
        "Second reviewer",
        "reviewer2@example.org",
        "reviewer2-demo-2026",
        "Sam Assessor",
        StaffRole.REVIEWER,
    ),
    DemoAccount(
        "Consultant",
        "consultant@example.org",
        "consultant-demo-2026",
        "Janet Consultant",
        StaffRole.CONSULTANT,
    ),
]


def local(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=LONDON)


@transaction.atomic
def load_demo(*, now: datetime.datetime | None = None) -> list[DemoAccount]:
    now = now or timezone.now()
    with ORGANISATIONS_CSV.open(newline="", encoding="utf-8") as handle:
        import_organisations(rows=csv.DictReader(handle))
    import_organisations(
        rows=[{**row, "is_fictional": True} for row in data.ORGANISATIONS_FICTIONAL]
    )
    programme_2018 = _programme(data.PROGRAMME_2018, slug=data.PROGRAMME_2018["slug"])
    for answers in data.APPLICATIONS_2018:
        _submitted_application(programme_2018, answers)
    for signup in data.COMMUNITY_SIGNUPS:
        CommunitySignup.objects.get_or_create(
            programme=programme_2018,
            email=signup["email"],
            defaults={
                "name": signup["name"],
                "organisation_name": signup["organisation"],
                "job_title": signup.get("job_title", ""),
                "consent_to_contact": True,
                "created_at": local(data.PROGRAMME_2018["opens_at"]) + datetime.timedelta(days=3),
            },
        )
    for offer in data.PEER_PARTNER_OFFERS:
        _peer_partner_offer(programme_2018, offer)

    open_call = _programme(_open_call_fields(now), slug=DEMO_PROGRAMME_SLUG)
    accounts = _accounts()
    for programme in (programme_2018, open_call):
        _scoring_criteria(programme)
    _assessment_2018(programme_2018)
    load_learning_days_2018(programme_2018)
    load_progress_2018(programme_2018)
    manager = get_user_model().objects.get(email="manager@example.org")
    load_themes_2018(programme_2018, by=manager)
    load_peers_2018(programme_2018, by=manager)
    load_workshops_2019()
    council_user = get_user_model().objects.get(email="council@example.org")
    demoshire = Organisation.objects.get(name=DEMO_COUNCIL)
    if not is_member(user=council_user, organisation=demoshire):
        # The demo council's address is not at Demoshire's domain, so it asked and the programme
        # manager approved it, as would happen for a council nobody acts for yet.
        membership_request = request_membership(
            user=council_user, organisation=demoshire, role=DEMO_COUNCIL_ROLE
        )
        approve_membership_request(
            membership_request=membership_request,
            by=get_user_model().objects.get(email="manager@example.org"),
        )
    _draft_application(open_call, demoshire, council_user, data.DEMO_DRAFT_APPLICATION)
    return accounts


def _open_call_fields(now: datetime.datetime) -> dict:
    """The 2018 call, re-run as a demo that is open today: closes on a Friday at 5pm."""
    today = timezone.localtime(now).date()
    closing_day = today + datetime.timedelta(days=21)
    closing_day += datetime.timedelta(days=(4 - closing_day.weekday()) % 7)
    fields = dict(data.PROGRAMME_2018)
    fields.update(
        title=data.PROGRAMME_2018["title"] + " (demo call)",
        summary="A demonstration call, open today, that repeats the 2018 programme. "
        + data.PROGRAMME_2018["summary"],
        opens_at=(timezone.localtime(now) - datetime.timedelta(days=14)).strftime("%Y-%m-%dT09:00"),
        closes_at=f"{closing_day.isoformat()}T17:00",
        decisions_due=(closing_day + datetime.timedelta(days=7)).isoformat(),
        runs_from=(closing_day + datetime.timedelta(days=10)).isoformat(),
        runs_until=(closing_day + datetime.timedelta(days=160)).isoformat(),
    )
    return fields


def _programme(fields: dict, *, slug: str) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme:
        return programme
    programme = Programme(
        slug=slug,
        title=fields["title"],
        summary=fields["summary"],
        description=fields["description"],
        contact_email=fields["contact_email"],
        is_published=True,
        opens_at=local(fields["opens_at"]),
        closes_at=local(fields["closes_at"]),
        decisions_due=datetime.date.fromisoformat(fields["decisions_due"]),
        runs_from=datetime.date.fromisoformat(fields["runs_from"]),
        runs_until=datetime.date.fromisoformat(fields["runs_until"]),
        cohort_min=fields["cohort_min"],
        cohort_max=fields["cohort_max"],
        word_limit=fields["word_limit"],
        max_file_bytes=fields["max_file_mb"] * MEGABYTE,
        max_application_bytes=fields["max_application_mb"] * MEGABYTE,
    )
    return save_programme(programme=programme, challenge_areas=fields["challenge_areas"])


def _fill_answers(application: Application, answers: dict) -> None:
    application.key_question = answers.get("key_question", "")
    application.why_critical = answers.get("why_critical", "")
    application.identification_description = answers.get("identification_description", "")
    application.board_support = answers.get("hwb_support", "")
    application.board_support_detail = answers.get("hwb_detail", "")
    application.evidence_section_done = bool(answers.get("identification_description"))
    application.section_versions = {section.value: 1 for section in Section}
    application.save()
    application.identification_sources.set(
        EvidenceSource.objects.filter(slug__in=answers.get("identification_sources", []))
    )
    application.thrive_categories.set(
        ThriveCategory.objects.filter(slug__in=answers.get("thrive", []))
    )
    application.challenge_areas.set(
        ChallengeArea.objects.filter(
            programme=application.programme, name__in=answers.get("challenge_areas", [])
        )
    )
    for position, member in enumerate(answers.get("team", []), start=1):
        TeamMember.objects.create(
            application=application,
            position=position,
            role=member.get("role", ""),
            name=member.get("name", ""),
            job_title=member.get("job_title", ""),
            organisation_name=member.get("organisation", ""),
            email=member.get("email", ""),
            why_key=member.get("why_key", ""),
        )


def _submitted_application(programme: Programme, answers: dict) -> Application:
    organisation = Organisation.objects.get(name=answers["organisation"])
    existing = Application.objects.filter(programme=programme, organisation=organisation).first()
    if existing:
        return existing
    submitted_at = local(answers["submitted_at"])
    application = Application(
        programme=programme,
        organisation=organisation,
        status=ApplicationStatus.SUBMITTED,
        reference=new_reference(programme),
        created_at=submitted_at - datetime.timedelta(days=10),
        updated_at=submitted_at,
        submitted_at=submitted_at,
    )
    _fill_answers(application, answers)
    return application


def _draft_application(programme, organisation, user, answers) -> Application:
    existing = Application.objects.filter(programme=programme, organisation=organisation).first()
    if existing:
        return existing
    application = Application(programme=programme, organisation=organisation, created_by=user)
    _fill_answers(application, answers)
    application.evidence_section_done = False
    application.section_versions = {}
    application.save()
    return application


def _peer_partner_offer(programme: Programme, offer: dict) -> None:
    if PeerPartnerOffer.objects.filter(
        programme=programme, approach_title=offer["approach_title"]
    ).exists():
        return
    record = PeerPartnerOffer.objects.create(
        programme=programme,
        organisation=Organisation.objects.filter(name=offer["organisation"]).first(),
        organisation_name=offer["organisation"],
        approach_title=offer["approach_title"],
        summary=offer["summary"],
        themes=", ".join(offer.get("themes", [])),
        contact_name=offer["contact_name"],
        contact_job_title=offer.get("contact_job_title", ""),
        contact_email=offer["contact_email"],
        can_host_visit=offer.get("can_host_visit", False),
        can_take_call=offer.get("can_take_call", False),
        visit_capacity=offer.get("visit_capacity", 1),
    )
    record.thrive_categories.set(ThriveCategory.objects.filter(slug__in=offer.get("thrive", [])))


def _accounts() -> list[DemoAccount]:
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email, password=account.password, name=account.name
            )
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.group:
            user.groups.add(Group.objects.get(name=account.group.value))
            # Staff must sign in with two factors: the demo's share one published secret.
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
    return DEMO_ACCOUNTS


def _scoring_criteria(programme: Programme) -> None:
    titles = set(programme.scoring_criteria.values_list("title", flat=True))
    for position, criterion in enumerate(data.SCORING_CRITERIA):
        if criterion["title"] not in titles:
            save_scoring_criterion(
                programme_id=programme.pk,
                criterion=ScoringCriterion(**criterion),
                position=position,
            )


DEMO_BASE_SCORE = {"selected": 4.2, "waitlisted": 3.4, "not_selected": 2.6}


def _demo_score(base: float, *, application: int, criterion: int, reviewer: int) -> int:
    # Deterministic variation; on a few applications the second reviewer reads the first
    # criterion two points differently, so moderation has disagreements to show.
    wobble = ((application * 7 + criterion * 3) % 5 - 2) / 2
    if reviewer and criterion == 0 and application % 4 == 1:
        wobble += 2 if base < 3.5 else -2
    return max(1, min(5, round(base + wobble)))


def _assessment_2018(programme: Programme) -> None:
    """Two reviews of every application, the eight councils selected, decisions sent."""
    if programme.applications.filter(status=ApplicationStatus.SELECTED).exists():
        return
    User = get_user_model()
    reviewers = [User.objects.get(email=r["email"]) for r in data.DEMO_REVIEWERS]
    criteria = list(programme.scoring_criteria.all())
    manager = User.objects.get(email="manager@example.org")
    waitlist: list[int] = []
    for index, answers in enumerate(data.APPLICATIONS_2018):
        application = programme.applications.get(organisation__name=answers["organisation"])
        outcome = answers["outcome_2018"]
        for number, reviewer in enumerate(reviewers):
            review = Review.objects.create(
                application=application,
                reviewer=reviewer,
                status=ReviewStatus.SUBMITTED,
                assigned_at=local("2018-02-17T09:00"),
                submitted_at=local("2018-02-20T16:00") + datetime.timedelta(minutes=index),
                comments="A strong application." if outcome == "selected" else "See the scores.",
            )
            scores = [
                _demo_score(
                    DEMO_BASE_SCORE[outcome], application=index, criterion=position, reviewer=number
                )
                for position in range(len(criteria))
            ]
            CriterionScore.objects.bulk_create(
                CriterionScore(
                    review=review,
                    criterion=criterion,
                    score=score,
                    justification=f"{Score(score).label} against ‘{criterion.title}’.",
                )
                for criterion, score in zip(criteria, scores, strict=True)
            )
        if outcome == "selected":
            select_for_cohort(application_id=application.pk, by=manager)
        elif outcome == "waitlisted":
            waitlist.append(application.pk)
    prepare_decisions(programme_id=programme.pk, waitlist=waitlist, messages={}, by=manager)
    _decisions_sent_2018(programme, by=manager)


DECISIONS_SENT_2018 = "2018-02-23T10:00"


@transaction.atomic
def _decisions_sent_2018(programme: Programme, *, by) -> None:
    """The decisions went out on Friday 23 February 2018 and the eight projects started.

    Sent through the real service, which starts the projects; the emails are then recorded as
    sent in 2018 (before the transaction commits, so no worker sends them again), and the
    history and projects are dated as they happened. Each project gets the key question its
    council refined on learning day 1.
    """
    ids = held_decision_email_ids(programme)
    release_decisions(programme_id=programme.pk, by=by)
    sent_at = local(DECISIONS_SENT_2018)
    OutboundEmail.objects.filter(pk__in=ids).update(
        status=EmailStatus.SENT, sent_at=sent_at, created_at=sent_at - datetime.timedelta(days=1)
    )
    programme.applications.filter(decision_released_at__isnull=False).update(
        decision_released_at=sent_at
    )
    ApplicationEvent.objects.filter(
        application__programme=programme, description="Decision sent"
    ).update(created_at=sent_at)
    refined = {
        answers["organisation"]: answers.get("refined_key_question", "")
        for answers in data.APPLICATIONS_2018
    }
    for project in programme.projects.select_related("organisation"):
        project.refined_key_question = refined.get(project.organisation.name, "")
        project.created_at = sent_at
        project.save(update_fields=["refined_key_question", "created_at"])
