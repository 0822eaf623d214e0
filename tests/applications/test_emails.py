"""The applications' emails in wording a programme manager edits per programme: each email of a
programme uses that programme's wording (or the default), values are escaped once in the HTML
and left as they are in the plain text, and each email records its programme as its scope."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from accounts.enums import StaffRole
from applications import emails
from applications.enums import ApplicationStatus, BoardContactRole, Section
from applications.models import Application
from applications.services import reminders, selection
from applications.services.applying import submit_application, withdraw_application
from applications.services.board import answer_board_confirmation, request_board_confirmation
from applications.services.information import request_more_information
from applications.services.reviews import assign_reviewer
from notifications import editable
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import save_email_template
from programmes import services as programme_services
from programmes.emails import community
from programmes.models import PeerPartnerOffer
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    complete_application,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db

# A name with markup, an ampersand and an apostrophe: escaped once in HTML, as typed in text.
AWKWARD = "<b>Smith & O'Brien</b> Council"
AWKWARD_HTML = "&lt;b&gt;Smith &amp; O&#x27;Brien&lt;/b&gt; Council"


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Morgan Manager")


def own_wording(programme, kind, manager, *, subject, body):
    return save_email_template(kind=kind, scope=programme, subject=subject, body=body, by=manager)


def draft_in(programme, *, organisation=None):
    application = ApplicationFactory(
        programme=programme, organisation=organisation or OrganisationFactory()
    )
    complete_application(application)
    user = council_user(organisation=application.organisation, name="Kim O'Neill")
    return application, user


# --- Submission confirmation ------------------------------------------------------------------


def test_submission_confirmation_uses_the_programmes_own_wording_and_not_anothers(manager):
    own, other = ProgrammeFactory(title="Own programme"), ProgrammeFactory()
    own_wording(
        own,
        emails.APPLICATION_SUBMITTED,
        manager,
        subject="Got it: ((council)) ((reference))",
        body="Hello ((name)) of ((council)).\n\nDecisions by ((decisions due)).",
    )
    mine, mine_by = draft_in(own)
    theirs, theirs_by = draft_in(other)
    submit_application(application_id=mine.pk, by=mine_by)
    submit_application(application_id=theirs.pk, by=theirs_by)
    mine.refresh_from_db()
    theirs.refresh_from_db()

    email = OutboundEmail.objects.get(to_email=mine_by.email)
    assert email.kind == emails.APPLICATION_SUBMITTED
    assert email.subject == f"Got it: {mine.organisation.name} {mine.reference}"
    assert email.body_text == (
        f"Hello Kim O'Neill of {mine.organisation.name}.\n\n"
        f"Decisions by {own.decisions_due:%A} {own.decisions_due.day} "
        f"{own.decisions_due:%B %Y}."
    )
    assert (email.scope, email.related) == (own, mine)
    # Every email about this application has the programme as its scope; team members too.
    assert {e.scope for e in OutboundEmail.objects.filter(related_id=mine.pk)} == {own}
    assert OutboundEmail.objects.filter(related_id=mine.pk).count() == 4

    default = OutboundEmail.objects.get(to_email=theirs_by.email)
    assert default.subject == (
        f"Expression of interest received: {theirs.organisation.name} ({theirs.reference})"
    )
    assert default.scope == other


def test_submission_confirmation_to_the_submitter_and_to_team_members_differs():
    programme = ProgrammeFactory(title="Children’s mental health")
    application, user = draft_in(programme)
    submit_application(application_id=application.pk, by=user)
    application.refresh_from_db()
    council = application.organisation.name
    link = f"http://127.0.0.1:8000{application.get_absolute_url()}"

    submitter = OutboundEmail.objects.get(to_email=user.email)
    assert submitter.body_text.startswith(
        f"Dear Kim O'Neill,\n\nThank you. We have received {council}’s expression of interest "
        "in “Children’s mental health”.\n\n"
        f"Reference: {application.reference}\n"
    )
    assert f"You can read your application at {link}\n" in submitter.body_text
    assert "Key question: How can we improve access to timely help?\n" in submitter.body_text
    for member in application.team.all():
        line = f"- {member.name}, Cabinet Member for Children, Testshire County Council"
        assert line in submitter.body_text

    member = application.team.get(position=2)
    to_member = OutboundEmail.objects.get(to_email=member.email)
    assert to_member.body_text.startswith(
        f"Dear {member.name},\n\n{council} has named you as a member of its team in its "
        "expression of interest in the Local Government Association’s peer learning programme "
        "“Children’s mental health”."
    )
    assert link not in to_member.body_text
    assert f"Ask {council} if you would like to read the expression of interest." in (
        to_member.body_text
    )


def test_submission_confirmation_escapes_values_once_in_html_and_not_in_text():
    programme = ProgrammeFactory(title="Fish & chips")
    application, user = draft_in(programme, organisation=OrganisationFactory(name=AWKWARD))
    Application.objects.filter(pk=application.pk).update(key_question="Why <i>now</i> & how?")
    submit_application(application_id=application.pk, by=user)
    email = OutboundEmail.objects.get(to_email=user.email)

    assert AWKWARD in email.subject
    assert f"We have received {AWKWARD}’s expression of interest in “Fish & chips”" in (
        email.body_text
    )
    assert "Key question: Why <i>now</i> & how?" in email.body_text
    assert "Kim O'Neill" in email.body_text
    assert f"We have received {AWKWARD_HTML}’s expression of interest in “Fish &amp; chips”" in (
        email.body_html
    )
    assert "Key question: Why &lt;i&gt;now&lt;/i&gt; &amp; how?" in email.body_html
    assert "Dear Kim O&#x27;Neill," in email.body_html
    assert "<b>" not in email.body_html and "&amp;amp;" not in email.body_html
    assert "&amp;#x27;" not in email.body_html and "&#x27;" not in email.body_text


# --- Decisions --------------------------------------------------------------------------------


def decided(programme, manager, *, messages=None, first=AWKWARD, suffix=""):
    """Three councils: one selected, one waitlisted, one not; the decisions prepared (held)."""
    chosen, waiting, refused = (
        submitted_application(programme=programme, organisation=OrganisationFactory(name=name))
        for name in (first, f"Waiting Council{suffix}", f"Refused Council{suffix}")
    )
    selection.select_for_cohort(application_id=chosen.pk, by=manager)
    selection.prepare_decisions(
        programme_id=programme.pk, waitlist=[waiting.pk], messages=messages or {}, by=manager
    )
    return chosen, waiting, refused


def test_each_decision_has_its_own_wording_per_programme(manager):
    own = ProgrammeFactory(title="Own", cohort_min=1)
    other = ProgrammeFactory(title="Other", cohort_min=1)
    own_wording(
        own,
        emails.DECISION_SELECTED,
        manager,
        subject="You are in, ((council))",
        body="Welcome ((name)).\n\n((message))",
    )
    own_wording(
        own,
        emails.DECISION_WAITLISTED,
        manager,
        subject="Waiting list place ((position))",
        body="((council)) is number ((position)) on the waiting list.",
    )
    chosen, waiting, refused = decided(own, manager, messages={"selected": "See you & yours."})
    theirs, _, _ = decided(other, manager, first="Their Council", suffix=" 2")

    def subjects(application):
        emails_about = OutboundEmail.objects.filter(related_id=application.pk)
        return {(e.kind, e.subject, e.status) for e in emails_about}

    assert subjects(chosen) == {
        (emails.DECISION_SELECTED, f"You are in, {AWKWARD}", EmailStatus.HELD)
    }
    assert subjects(waiting) == {
        (emails.DECISION_WAITLISTED, "Waiting list place 1", EmailStatus.HELD)
    }
    # No wording of its own for this decision: the default.
    assert subjects(refused) == {
        (
            emails.DECISION_NOT_SELECTED,
            "Own: decision on Refused Council’s application",
            EmailStatus.HELD,
        )
    }
    assert subjects(theirs) == {
        (
            emails.DECISION_SELECTED,
            "Other: decision on Their Council’s application",
            EmailStatus.HELD,
        )
    }
    email = OutboundEmail.objects.filter(related_id=chosen.pk).first()
    assert email.body_text == f"Welcome {email.to_name}.\n\nSee you & yours."
    assert "See you &amp; yours." in email.body_html
    assert {e.scope for e in OutboundEmail.objects.filter(related_id__in=[chosen.pk])} == {own}
    # Held for review, then released together, whatever the outcome.
    assert selection.release_decisions(programme_id=own.pk, by=manager) == 9
    assert set(OutboundEmail.objects.filter(scope_id=own.pk).values_list("status", flat=True)) == {
        EmailStatus.QUEUED
    }


def test_default_decision_wording_escapes_the_managers_message_once(manager):
    programme = ProgrammeFactory(title="Children’s mental health", cohort_min=1)
    chosen, waiting, refused = decided(
        programme, manager, messages={"not_selected": "Sorry <b>Smith & O'Brien</b>."}
    )
    selected = OutboundEmail.objects.filter(related_id=chosen.pk).first()
    assert selected.subject == f"Children’s mental health: decision on {AWKWARD}’s application"
    assert selected.body_text.startswith(
        f"Dear {selected.to_name},\n\nThank you for {AWKWARD}’s expression of interest in "
        f"“Children’s mental health” (reference {chosen.reference}).\n\n"
        "Decision: selected for the programme.\n\nWe are delighted to offer your council a place"
    )
    assert f"Thank you for {AWKWARD_HTML}’s expression of interest" in selected.body_html
    waitlisted = OutboundEmail.objects.filter(related_id=waiting.pk).first()
    assert "Decision: on the waiting list (position 1).\n" in waitlisted.body_text
    not_selected = OutboundEmail.objects.filter(related_id=refused.pk).first()
    assert "Decision: not selected this time.\n\nSorry <b>Smith & O'Brien</b>.\n" in (
        not_selected.body_text
    )
    assert "Sorry &lt;b&gt;Smith &amp; O&#x27;Brien&lt;/b&gt;." in not_selected.body_html


def test_a_decision_email_held_before_decisions_had_three_kinds_is_still_released(manager):
    programme = ProgrammeFactory(cohort_min=1)
    chosen, _, _ = decided(programme, manager)
    OutboundEmail.objects.filter(related_id=chosen.pk).update(kind="decision")
    assert selection.release_decisions(programme_id=programme.pk, by=manager) == 9


def test_a_place_offered_from_the_waiting_list_uses_the_programmes_wording(manager):
    programme = ProgrammeFactory(cohort_min=1, cohort_max=1)
    own_wording(
        programme,
        emails.WAITLIST_PLACE_OFFERED,
        manager,
        subject="A place for ((council))",
        body="Dear ((name)), reply to ((contact email)).",
    )
    chosen, _, _ = decided(programme, manager)
    selection.release_decisions(programme_id=programme.pk, by=manager)
    user = council_user(organisation=chosen.organisation)
    withdraw_application(application_id=chosen.pk, by=user)
    offers = OutboundEmail.objects.filter(kind=emails.WAITLIST_PLACE_OFFERED)
    assert offers.count() == 3
    assert {(e.subject, e.scope, e.status) for e in offers} == {
        ("A place for Waiting Council", programme, EmailStatus.QUEUED)
    }
    withdrawn = OutboundEmail.objects.get(kind=emails.APPLICATION_WITHDRAWN)
    assert withdrawn.subject == (
        f"Expression of interest withdrawn: {AWKWARD} ({chosen.reference})"
    )
    assert (withdrawn.to_email, withdrawn.scope) == (user.email, programme)


# --- More information -------------------------------------------------------------------------


def test_information_request_uses_the_programmes_wording_and_escapes_the_question(manager):
    own, other = ProgrammeFactory(), ProgrammeFactory(title="Other")
    own_wording(
        own,
        emails.INFORMATION_REQUESTED,
        manager,
        subject="A question about ((section))",
        body="((question))\n\nAnswer at ((link))",
    )
    question = "Who leads <b>this</b> & what's next?"
    asked = []
    for programme, name in [(own, "Own Council"), (other, AWKWARD)]:
        application = submitted_application(
            programme=programme, organisation=OrganisationFactory(name=name)
        )
        application.submitted_by = council_user(organisation=application.organisation)
        application.save()
        request_more_information(
            application_id=application.pk, section=Section.TEAM, question=question, by=manager
        )
        asked.append(application)

    mine = OutboundEmail.objects.get(related_id=asked[0].pk)
    link = f"http://127.0.0.1:8000{asked[0].get_absolute_url()}"
    assert (mine.kind, mine.scope, mine.subject) == (
        emails.INFORMATION_REQUESTED,
        own,
        "A question about Your team",
    )
    assert mine.body_text == f"{question}\n\nAnswer at {link}"
    assert "<p>Who leads &lt;b&gt;this&lt;/b&gt; &amp; what&#x27;s next?</p>" in mine.body_html
    assert f'<a href="{link}"' in mine.body_html

    theirs = OutboundEmail.objects.get(related_id=asked[1].pk)
    assert theirs.scope == other
    assert theirs.subject == f"More information needed: {AWKWARD} ({asked[1].reference})"
    assert f"Our question:\n\n{question}\n\n" in theirs.body_text
    assert "about one part of it: “Your team”." in theirs.body_text
    assert f"Thank you for {AWKWARD_HTML}’s expression of interest" in theirs.body_html


# --- The others: each is the programme's, and in its wording -----------------------------------


def test_reviewer_board_and_community_emails_are_scoped_to_their_programme(manager):
    programme = ProgrammeFactory(title="Fish & chips")
    for kind in [
        emails.REVIEWER_ASSIGNED,
        emails.BOARD_CONFIRMATION_REQUEST,
        emails.BOARD_CONFIRMATION_ANSWERED,
        community.COMMUNITY_SIGNUP_CONFIRMATION,
        community.PEER_PARTNER_OFFER_CONFIRMATION,
    ]:
        # The board request must keep its link (the board's only way to answer).
        body = (
            "((programme))\n((link))"
            if kind == emails.BOARD_CONFIRMATION_REQUEST
            else "((programme))"
        )
        own_wording(programme, kind, manager, subject=f"{kind} for ((name))", body=body)
    application = submitted_application(programme=programme)
    owner = council_user(organisation=application.organisation)
    application.submitted_by = owner
    application.save()
    reviewer = UserFactory(role=StaffRole.REVIEWER, name="Rae Reviewer")
    assign_reviewer(application_id=application.pk, reviewer=reviewer, by=manager)
    confirmation = request_board_confirmation(
        application_id=application.pk,
        contact_name="Dr O'Hara",
        contact_email="chair@hwb.example.org",
        contact_role=BoardContactRole.CHAIR,
        by=owner,
    )
    answer_board_confirmation(token=confirmation.token, supported=False)
    programme_services.sign_up_to_community(
        programme=programme,
        name="Siân Jones",
        email="sian@example.org",
        organisation_name="Kent",
        job_title="",
        consent_to_contact=True,
    )
    programme_services.offer_peer_partnership(
        offer=PeerPartnerOffer(
            programme=programme,
            organisation_name="Cheshire East Council",
            approach_title="Healthy Schools",
            summary="Schools and public health.",
            contact_name="Alex Partner",
            contact_email="alex@example.org",
        ),
        thrive_categories=[],
    )
    written = {
        e.kind: (e.to_email, e.subject, e.body_text.splitlines()[0], e.scope)
        for e in OutboundEmail.objects.all()
    }
    assert written == {
        emails.REVIEWER_ASSIGNED: (
            reviewer.email,
            "reviewer_assigned for Rae Reviewer",
            "Fish & chips",
            programme,
        ),
        emails.BOARD_CONFIRMATION_REQUEST: (
            "chair@hwb.example.org",
            "board_confirmation_request for Dr O'Hara",
            "Fish & chips",
            programme,
        ),
        emails.BOARD_CONFIRMATION_ANSWERED: (
            owner.email,
            f"board_confirmation_answered for {owner.name}",
            "Fish & chips",
            programme,
        ),
        community.COMMUNITY_SIGNUP_CONFIRMATION: (
            "sian@example.org",
            "community_signup_confirmation for Siân Jones",
            "Fish & chips",
            programme,
        ),
        community.PEER_PARTNER_OFFER_CONFIRMATION: (
            "alex@example.org",
            "peer_partner_offer_confirmation for Alex Partner",
            "Fish & chips",
            programme,
        ),
    }
    # The board's link is in the body: staff see that it went, not what it says.
    assert OutboundEmail.objects.get(kind=emails.BOARD_CONFIRMATION_REQUEST).hide_body_from_staff


def test_default_wordings_keep_what_the_emails_said():
    programme = ProgrammeFactory(title="Children’s mental health")
    application = submitted_application(programme=programme)
    owner = council_user(organisation=application.organisation, name="Kim O'Neill")
    application.submitted_by = owner
    application.save()
    confirmation = request_board_confirmation(
        application_id=application.pk,
        contact_name="Sam Clerk",
        contact_role=BoardContactRole.MANAGER,
        contact_email="clerk@hwb.example.org",
        by=owner,
    )
    request = OutboundEmail.objects.get(kind=emails.BOARD_CONFIRMATION_REQUEST)
    council = application.organisation.name
    assert request.subject == (
        f"Please confirm your Health and Wellbeing Board’s support for {council}’s application"
    )
    assert "It has named you (Board manager) and asks you to confirm" in request.body_text
    assert (
        "What the council said about the board’s support: Confirmed\n"
        "The board agreed on 1 February.\n"
    ) in request.body_text
    assert re.search(
        r"\nhttp://127\.0\.0\.1:8000/applications/board/confirm/\S+/\n", request.body_text
    )
    assert "The link works until " in request.body_text

    answer_board_confirmation(token=confirmation.token, supported=False, comment="")
    answered = OutboundEmail.objects.get(kind=emails.BOARD_CONFIRMATION_ANSWERED)
    assert answered.subject == (
        "Your Health and Wellbeing Board does not support your application: "
        "Children’s mental health"
    )
    assert (
        "Sam Clerk (Board manager) has said that your Health and Wellbeing Board does not "
        f"support {council}’s application to “Children’s mental health”."
    ) in answered.body_text
    assert "Their comment: none\n" in answered.body_text


def test_draft_reminders_record_the_programme_as_their_scope():
    london = datetime.timezone(datetime.timedelta(hours=1))
    closes_at = datetime.datetime(2026, 6, 12, 17, tzinfo=london)
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC), tick=False):
        programme = ProgrammeFactory(closes_at=closes_at)
        person = council_user()
        ApplicationFactory(
            programme=programme,
            organisation=person.memberships.get().organisation,
            created_by=person,
        )
    with time_machine.travel(datetime.datetime(2026, 6, 11, 16, 5, tzinfo=datetime.UTC)):
        assert reminders.queue_due_draft_reminders() == 1
    assert OutboundEmail.objects.get(kind=emails.DRAFT_REMINDER).scope == programme


# --- Previews ---------------------------------------------------------------------------------


def preview(client, programme, kind, *, subject="((name))", body="x"):
    url = reverse("notifications:template", args=[kind, programme_type(), programme.pk])
    return client.post(url, {"subject": subject, "body": body, "action": "preview"})


def programme_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    from programmes.models import Programme

    return ContentType.objects.get_for_model(Programme).pk


def test_previews_use_a_real_application_of_the_programme(client, manager):
    programme = ProgrammeFactory()
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(name="Demoshire Council")
    )
    application.submitted_by = council_user(organisation=application.organisation, name="Ana")
    application.save()
    request_more_information(
        application_id=application.pk,
        section=Section.BOARD,
        question="Has the board met?",
        by=manager,
    )
    client.force_login(manager)
    response = preview(
        client,
        programme,
        emails.INFORMATION_REQUESTED,
        subject="((council)) ((reference))",
        body="((name)): ((section)): ((question))",
    )
    rendered = response.context["preview"]
    assert rendered.subject == f"Demoshire Council {application.reference}"
    assert rendered.body_text == "Ana: Health and Wellbeing Board support: Has the board met?"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION  # nothing changed


def test_the_board_request_preview_never_shows_a_real_link(client, manager):
    programme = ProgrammeFactory()
    application = submitted_application(programme=programme)
    confirmation = request_board_confirmation(
        application_id=application.pk,
        contact_name="Dr Rhiannon Price",
        contact_email="chair@hwb.example.org",
        contact_role=BoardContactRole.CHAIR,
        by=None,
    )
    client.force_login(manager)
    response = preview(
        client, programme, emails.BOARD_CONFIRMATION_REQUEST, body="((name)) ((link))"
    )
    rendered = response.context["preview"]
    assert rendered.body_text == (
        "Dr Rhiannon Price http://127.0.0.1:8000/applications/board/confirm/example/"
    )
    assert str(confirmation.token) not in response.content.decode()


def test_every_kind_of_this_app_is_editable_per_programme():
    kinds = {k.kind: k for k in editable.editable_kinds()}
    for kind in [
        emails.APPLICATION_SUBMITTED,
        emails.APPLICATION_WITHDRAWN,
        *emails.DECISION_KINDS.values(),
        emails.WAITLIST_PLACE_OFFERED,
        emails.INFORMATION_REQUESTED,
        emails.REVIEWER_ASSIGNED,
        emails.BOARD_CONFIRMATION_REQUEST,
        emails.BOARD_CONFIRMATION_ANSWERED,
        emails.DRAFT_REMINDER,
        community.COMMUNITY_SIGNUP_CONFIRMATION,
        community.PEER_PARTNER_OFFER_CONFIRMATION,
    ]:
        assert kinds[kind].scope_model.__name__ == "Programme", kind
