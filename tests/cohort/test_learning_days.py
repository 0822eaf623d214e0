"""Learning days: scheduling, inviting the cohort with an .ics, answering through a signed link,
updates and cancellations that replace the calendar entry, the managers' invitations page, and
the 2018 demo days."""

import datetime
import html
import re

import icalendar
import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from cohort import invitation_links
from cohort.emails import learning_days as ld_emails
from cohort.enums import InvitationAnswer
from cohort.invitation_calendar import event_uid, invitation_calendar
from cohort.models import LearningDay, LearningDayInvitation, Project, ProjectMember
from cohort.services import learning_days as service
from cohort.services import register as register_service
from cohort.services.learning_days import LearningDayDetails, LearningDayError, Substitute
from demo.learning_days import load_learning_days_2018
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Thursday 2 April 2026, in British Summer Time; "now" in these tests is before it.
STARTS = datetime.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
ENDS = datetime.datetime(2026, 4, 2, 16, 0, tzinfo=LONDON)
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LINK = re.compile(r"https?://\S+?(/learning-days/answer/\S+?/)\s")


@pytest.fixture(autouse=True)
def before_the_day():
    with time_machine.travel(NOW, tick=False):
        yield


def project_in(programme, *, organisation_name=None, team=()):
    """A cohort project with a team: `team` is a list of (name, email) pairs."""
    organisation = OrganisationFactory(**({"name": organisation_name} if organisation_name else {}))
    project = Project.objects.create(
        programme=programme, organisation=organisation, key_question="How can we help sooner?"
    )
    for position, (name, email) in enumerate(team, start=1):
        ProjectMember.objects.create(
            project=project,
            position=position,
            name=name,
            email=email,
            job_title="Head of Service",
            organisation_name=organisation.name,
        )
    return project


def details(**overrides) -> LearningDayDetails:
    fields = {
        "sequence": 1,
        "title": "Learning day 1",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "venue_name": "Local Government House",
        "venue_address": "18 Smith Square\nLondon\nSW1P 3HZ",
        "agenda": "Refine the key questions.",
    }
    return LearningDayDetails(**{**fields, **overrides})


@pytest.fixture
def programme():
    return ProgrammeFactory(contact_email="peerlearning@example.org")


@pytest.fixture
def cohort(programme):
    """Two councils: one of three people (an apostrophe in a name), one of two."""
    first = project_in(
        programme,
        organisation_name="Barnsley Council",
        team=[
            ("Siobhan O'Neill", "Siobhan.ONeill@Barnsley.example.org"),
            ("Raj Patel", "raj@barnsley.example.org"),
            ("Ann Lee", "ann@barnsley.example.org"),
        ],
    )
    second = project_in(
        programme,
        organisation_name="Durham County Council",
        team=[("Tom Hall", "tom@durham.example.org"), ("Eve Stone", "eve@durham.example.org")],
    )
    return [first, second]


@pytest.fixture
def day(programme):
    return service.schedule_learning_day(programme_id=programme.pk, details=details())


def invited(day, capture) -> list[LearningDayInvitation]:
    with capture(execute=True):
        service.invite_cohort(learning_day_id=day.pk)
    return list(day.invitations.order_by("pk"))


def calendar_of(message) -> icalendar.Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content())


def event_of(calendar: icalendar.Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def answer_url(invitation, name="cohort:learning_day_answer") -> str:
    return reverse(name, kwargs={"signed": invitation_links.sign_invitation(invitation)})


# --- Scheduling -------------------------------------------------------------------------------


def test_schedule_learning_day_saves_the_details(programme):
    day = service.schedule_learning_day(programme_id=programme.pk, details=details())
    day.refresh_from_db()
    assert (day.sequence, day.title, day.calendar_sequence) == (1, "Learning day 1", 0)
    assert day.starts_at == datetime.datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    assert day.ends_at == datetime.datetime(2026, 4, 2, 15, 0, tzinfo=UTC)
    assert day.invitations.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": STARTS}, "ends_time", "The end time must be after the start time"),
        (
            {"venue_name": "", "online_link": ""},
            "venue_name",
            "Enter the venue’s name, or an online link",
        ),
        (
            {"venue_latitude": "51.5"},
            "venue_longitude",
            "Enter both the latitude and the longitude, or neither",
        ),
    ],
)
def test_schedule_learning_day_refuses_bad_details(programme, overrides, field, message):
    with pytest.raises(LearningDayError) as error:
        service.schedule_learning_day(programme_id=programme.pk, details=details(**overrides))
    assert (error.value.field, error.value.message) == (field, message)
    assert LearningDay.objects.count() == 0


def test_schedule_learning_day_refuses_a_second_day_with_the_same_number(programme, day):
    with pytest.raises(LearningDayError) as error:
        service.schedule_learning_day(programme_id=programme.pk, details=details(title="Again"))
    assert error.value.message == "This programme already has a learning day 1"


def test_an_online_day_needs_no_venue(programme):
    day = service.schedule_learning_day(
        programme_id=programme.pk,
        details=details(venue_name="", venue_address="", online_link="https://meet.example.org/1"),
    )
    assert day.online_link == "https://meet.example.org/1"


# --- Invitations and their calendar file ------------------------------------------------------


def test_invite_cohort_invites_every_team_member_once_with_a_calendar_entry(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    # The same person in two teams is invited once; a team member already invited is skipped.
    ProjectMember.objects.create(
        project=cohort[1], position=3, name="Raj Patel", email="RAJ@barnsley.example.org"
    )
    invitations = invited(day, django_capture_on_commit_callbacks)

    assert [(i.name, i.email, i.project_id, i.answer) for i in invitations] == [
        ("Siobhan O'Neill", "siobhan.oneill@barnsley.example.org", cohort[0].pk, "awaiting"),
        ("Raj Patel", "raj@barnsley.example.org", cohort[0].pk, "awaiting"),
        ("Ann Lee", "ann@barnsley.example.org", cohort[0].pk, "awaiting"),
        ("Tom Hall", "tom@durham.example.org", cohort[1].pk, "awaiting"),
        ("Eve Stone", "eve@durham.example.org", cohort[1].pk, "awaiting"),
    ]
    assert len(smtp_sink.messages) == 5
    [message] = smtp_sink.to("siobhan.oneill@barnsley.example.org")
    assert message["Subject"].strip() == f"You are invited to Learning day 1 of “{programme.title}”"
    body = message.get_body(("plain",)).get_content()
    assert "When: Thursday 2 April 2026, 10am to 4pm" in body
    assert "Where: Local Government House, 18 Smith Square, London, SW1P 3HZ" in body
    assert LINK.search(body).group(1) == answer_url(invitations[0])
    # The link lets whoever holds it answer: staff see that the email went, not its body.
    email = OutboundEmail.objects.get(to_email="siobhan.oneill@barnsley.example.org")
    assert (email.kind, email.hide_body_from_staff, email.related) == (
        "learning_day_invitation",
        True,
        invitations[0],
    )

    [part] = [p for p in message.iter_attachments()]
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "learning-day-1.ics"
    calendar = calendar_of(message)
    event = event_of(calendar)
    assert str(calendar["method"]) == "REQUEST"
    assert event.decoded("dtstart") == STARTS
    assert str(event.decoded("dtstart").tzinfo) == "Europe/London"
    assert event.decoded("dtstart").astimezone(UTC) == datetime.datetime(
        2026, 4, 2, 9, 0, tzinfo=UTC
    )
    assert event.decoded("dtend").astimezone(UTC) == datetime.datetime(
        2026, 4, 2, 15, 0, tzinfo=UTC
    )
    assert "TZID=Europe/London:20260402T100000" in part.get_content().replace("\r\n ", "")
    assert str(event["uid"]) == event_uid(invitations[0])
    assert event["sequence"] == 0
    assert str(event["organizer"]) == "mailto:peerlearning@example.org"
    assert str(event["attendee"]) == "mailto:siobhan.oneill@barnsley.example.org"
    assert str(event["location"]) == "Local Government House, 18 Smith Square, London, SW1P 3HZ"
    assert str(event["summary"]) == f"Learning day 1: {programme.title}"

    # Inviting again invites nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert service.invite_cohort(learning_day_id=day.pk) == 0
    assert day.invitations.count() == 5
    assert len(smtp_sink.messages) == 5


def test_invite_cohort_reaches_team_members_added_later(
    programme, cohort, day, django_capture_on_commit_callbacks
):
    invited(day, django_capture_on_commit_callbacks)
    ProjectMember.objects.create(
        project=cohort[1], position=3, name="New Person", email="new@durham.example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert service.invite_cohort(learning_day_id=day.pk) == 1
    assert day.invitations.filter(email="new@durham.example.org").exists()


def test_invite_cohort_refuses_a_cancelled_or_started_day(programme, cohort, day):
    service.cancel_learning_day(learning_day_id=day.pk)
    with pytest.raises(LearningDayError, match="cancelled"):
        service.invite_cohort(learning_day_id=day.pk)
    other = service.schedule_learning_day(programme_id=programme.pk, details=details(sequence=2))
    with time_machine.travel(STARTS, tick=False), pytest.raises(LearningDayError, match="started"):
        service.invite_cohort(learning_day_id=other.pk)
    assert LearningDayInvitation.objects.count() == 0


def test_online_day_calendar_entry_has_the_link_as_location(programme, cohort):
    day = service.schedule_learning_day(
        programme_id=programme.pk,
        details=details(venue_name="", venue_address="", online_link="https://meet.example.org/1"),
    )
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    event = event_of(
        icalendar.Calendar.from_ical(invitation_calendar(invitation=invitation, learning_day=day))
    )
    assert str(event["location"]) == "https://meet.example.org/1"
    assert str(event["url"]) == "https://meet.example.org/1"


def test_a_winter_day_is_written_in_greenwich_mean_time(programme, cohort):
    day = service.schedule_learning_day(
        programme_id=programme.pk,
        details=details(
            starts_at=datetime.datetime(2026, 12, 3, 10, 0, tzinfo=LONDON),
            ends_at=datetime.datetime(2026, 12, 3, 16, 0, tzinfo=LONDON),
        ),
    )
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    event = event_of(
        icalendar.Calendar.from_ical(invitation_calendar(invitation=invitation, learning_day=day))
    )
    assert event.decoded("dtstart").astimezone(UTC) == datetime.datetime(
        2026, 12, 3, 10, 0, tzinfo=UTC
    )


# --- Changes and cancellation -----------------------------------------------------------------


def test_moving_an_invited_day_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    invitations = invited(day, django_capture_on_commit_callbacks)
    first_uid = str(event_of(calendar_of(smtp_sink.to("tom@durham.example.org")[0]))["uid"])
    service.answer_invitation(invitation_id=invitations[1].pk, answer=InvitationAnswer.DECLINED)
    smtp_sink.clear()

    later = details(
        starts_at=STARTS + datetime.timedelta(hours=1), ends_at=ENDS + datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        day = service.change_learning_day(learning_day_id=day.pk, details=later)

    assert day.calendar_sequence == 1
    # Everyone but the person who declined.
    assert sorted(rcpt for rcpts, _ in smtp_sink.messages for rcpt in rcpts) == [
        "ann@barnsley.example.org",
        "eve@durham.example.org",
        "siobhan.oneill@barnsley.example.org",
        "tom@durham.example.org",
    ]
    [message] = smtp_sink.to("tom@durham.example.org")
    assert message["Subject"].strip() == f"Learning day 1 of “{programme.title}” has changed"
    assert "When: Thursday 2 April 2026, 11am to 5pm" in message.get_body(("plain",)).get_content()
    calendar = calendar_of(message)
    event = event_of(calendar)
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == first_uid
    assert event["sequence"] == 1
    assert event.decoded("dtstart").astimezone(UTC) == datetime.datetime(
        2026, 4, 2, 10, 0, tzinfo=UTC
    )

    # Moving it again raises the sequence again; a change of agenda alone sends nothing.
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day = service.change_learning_day(
            learning_day_id=day.pk, details=details(venue_name="Leeds Civic Hall")
        )
        same_place = details(venue_name="Leeds Civic Hall", agenda="A new agenda")
        day = service.change_learning_day(learning_day_id=day.pk, details=same_place)
    assert day.calendar_sequence == 2
    assert event_of(calendar_of(smtp_sink.to("tom@durham.example.org")[0]))["sequence"] == 2
    assert len(smtp_sink.messages) == 4


def test_changing_a_day_nobody_is_invited_to_sends_nothing(
    day, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        day = service.change_learning_day(
            learning_day_id=day.pk, details=details(starts_at=STARTS - datetime.timedelta(hours=1))
        )
    assert day.calendar_sequence == 0
    assert smtp_sink.messages == []


def test_cancelling_sends_every_invitee_a_cancellation(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    invitations = invited(day, django_capture_on_commit_callbacks)
    service.answer_invitation(invitation_id=invitations[0].pk, answer=InvitationAnswer.DECLINED)
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day = service.cancel_learning_day(learning_day_id=day.pk)
    assert (day.is_cancelled, day.calendar_sequence) == (True, 1)
    assert len(smtp_sink.messages) == 5
    [message] = smtp_sink.to("siobhan.oneill@barnsley.example.org")
    assert message["Subject"].strip() == f"Cancelled: Learning day 1 of “{programme.title}”"
    [part] = list(message.iter_attachments())
    assert part.get_param("method") == "CANCEL"
    calendar = calendar_of(message)
    event = event_of(calendar)
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == event_uid(invitations[0])
    assert event["sequence"] == 1
    with pytest.raises(LearningDayError, match="already been cancelled"):
        service.cancel_learning_day(learning_day_id=day.pk)
    with pytest.raises(LearningDayError, match="cancelled and cannot be changed"):
        service.change_learning_day(learning_day_id=day.pk, details=details())


def test_an_invitation_waiting_in_the_outbox_is_not_sent_once_the_day_is_cancelled(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    service.invite_cohort(learning_day_id=day.pk)  # the emails wait: no commit callbacks run
    service.cancel_learning_day(learning_day_id=day.pk)
    from notifications.services import send_outbound_email

    for email in OutboundEmail.objects.filter(kind="learning_day_invitation"):
        assert send_outbound_email(email_id=email.pk) is False
    assert set(
        OutboundEmail.objects.filter(kind="learning_day_invitation").values_list(
            "status", flat=True
        )
    ) == {"cancelled"}


# --- Answers ----------------------------------------------------------------------------------


def test_answer_invitation_records_needs_only_for_people_coming(cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    service.answer_invitation(
        invitation_id=invitation.pk,
        answer=InvitationAnswer.ACCEPTED,
        access_needs=" Step-free access ",
        dietary_needs="Vegan",
    )
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.access_needs, invitation.dietary_needs) == (
        "accepted",
        "Step-free access",
        "Vegan",
    )
    assert invitation.answered_at == NOW
    # Saying yes again without needs keeps them; declining forgets them.
    service.answer_invitation(invitation_id=invitation.pk, answer=InvitationAnswer.ACCEPTED)
    invitation.refresh_from_db()
    assert invitation.access_needs == "Step-free access"
    service.answer_invitation(invitation_id=invitation.pk, answer=InvitationAnswer.DECLINED)
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.access_needs, invitation.dietary_needs) == (
        "declined",
        "",
        "",
    )


def test_answers_close_when_the_day_starts(cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    with time_machine.travel(STARTS, tick=False), pytest.raises(LearningDayError, match="started"):
        service.answer_invitation(invitation_id=invitation.pk, answer=InvitationAnswer.ACCEPTED)


def test_sending_someone_else_invites_them_in_their_own_right(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    invitations = invited(day, django_capture_on_commit_callbacks)
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.answer_invitation(
            invitation_id=invitations[0].pk,
            answer=InvitationAnswer.SENT_SOMEONE_ELSE,
            substitute=Substitute(name="Jo Deputy", email="Jo@Barnsley.example.org", role="Lead"),
        )
    original = LearningDayInvitation.objects.get(pk=invitations[0].pk)
    substitute = LearningDayInvitation.objects.get(email="jo@barnsley.example.org")
    assert original.answer == "sent_someone_else"
    assert (substitute.name, substitute.role, substitute.project, substitute.substitute_for) == (
        "Jo Deputy",
        "Lead",
        cohort[0],
        original,
    )
    assert substitute.answer == "awaiting"
    [message] = smtp_sink.to("jo@barnsley.example.org")
    assert LINK.search(message.get_body(("plain",)).get_content()).group(1) == answer_url(
        substitute
    )
    assert event_of(calendar_of(message))["uid"] != event_uid(original)

    # Someone already invited cannot be sent, nor can the invitee send themself.
    for email, message_text in [
        ("tom@durham.example.org", "tom@durham.example.org has already been invited"),
        ("Raj@barnsley.example.org", "not your own"),
    ]:
        with pytest.raises(LearningDayError, match=message_text):
            service.answer_invitation(
                invitation_id=invitations[1].pk,
                answer=InvitationAnswer.SENT_SOMEONE_ELSE,
                substitute=Substitute(name="X", email=email),
            )


def test_after_sending_someone_else_the_invitation_is_theirs(
    programme, cohort, day, django_capture_on_commit_callbacks
):
    """A second substitute, or the invitee coming as well, would count one place twice."""
    invitations = invited(day, django_capture_on_commit_callbacks)
    first = invitations[0]
    service.answer_invitation(
        invitation_id=first.pk,
        answer=InvitationAnswer.SENT_SOMEONE_ELSE,
        substitute=Substitute(name="Jo Deputy", email="jo@barnsley.example.org"),
    )
    for again in [
        {"answer": InvitationAnswer.ACCEPTED},
        {"answer": InvitationAnswer.DECLINED},
        {
            "answer": InvitationAnswer.SENT_SOMEONE_ELSE,
            "substitute": Substitute(name="Kit Other", email="kit@barnsley.example.org"),
        },
    ]:
        with pytest.raises(LearningDayError, match="already sent someone in your place"):
            service.answer_invitation(invitation_id=first.pk, **again)
    assert list(first.substitutes.values_list("email", flat=True)) == ["jo@barnsley.example.org"]
    first.refresh_from_db()
    assert first.answer == InvitationAnswer.SENT_SOMEONE_ELSE


def test_the_time_and_place_of_a_day_that_has_started_cannot_change(
    programme, cohort, day, django_capture_on_commit_callbacks
):
    invited(day, django_capture_on_commit_callbacks)
    emails_before = OutboundEmail.objects.count()
    with time_machine.travel(STARTS + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(LearningDayError, match="its time and place cannot be changed"):
            service.change_learning_day(
                learning_day_id=day.pk, details=details(venue_name="Another venue")
            )
        # The record can still be corrected, without telling anyone.
        service.change_learning_day(
            learning_day_id=day.pk, details=details(agenda="What happened on the day.")
        )
    day.refresh_from_db()
    assert (day.venue_name, day.agenda, day.calendar_sequence) == (
        "Local Government House",
        "What happened on the day.",
        0,
    )
    assert OutboundEmail.objects.count() == emails_before


def test_invitations_can_be_held_for_review(
    programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert service.invite_cohort(learning_day_id=day.pk, hold=True) == 5
    invitations = OutboundEmail.objects.filter(kind=ld_emails.INVITATION)
    assert {e.status for e in invitations} == {"held"}
    assert smtp_sink.messages == []


def test_the_wording_preview_never_shows_a_real_answer_link(
    programme, cohort, day, django_capture_on_commit_callbacks
):
    """A programme manager previewing the wording must not get a link that answers for someone."""
    [invitation, *_] = invited(day, django_capture_on_commit_callbacks)
    values = ld_emails.preview_values(programme)
    assert values["name"] == invitation.name
    assert invitation_links.answer_path(invitation) not in values["link"]
    assert values["link"].endswith("/learning-days/answer/example/")


# --- The invitee's pages ----------------------------------------------------------------------


def test_invitee_accepts_through_the_link_and_states_needs(client, cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="Siobhan O'Neill", email="s@example.org"
    )
    url = answer_url(invitation)
    page = client.get(url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cache-Control"] == "no-store"
    content = page.content.decode()
    assert "Can you come to Learning day 1?" in content
    assert html.escape("Siobhan O'Neill") in content
    assert "Thursday 2 April 2026, 10am to 4pm" in content

    missing = client.post(url, {})
    assert missing.status_code == 400
    assert "Select whether you can come" in missing.content.decode()

    response = client.post(url, {"answer": "accepted"})
    assert response.url == answer_url(invitation, "cohort:learning_day_needs")
    invitation.refresh_from_db()
    assert invitation.answer == "accepted"

    response = client.post(
        response.url, {"access_needs": "A hearing loop", "dietary_needs": "Vegetarian"}
    )
    assert response.url == answer_url(invitation, "cohort:learning_day_answered")
    invitation.refresh_from_db()
    assert (invitation.access_needs, invitation.dietary_needs) == ("A hearing loop", "Vegetarian")
    done = client.get(response.url)
    assert done.status_code == 200
    assert done["Cache-Control"] == "no-store"
    assert "You are coming to Learning day 1" in done.content.decode()
    assert "A hearing loop" in done.content.decode()


def test_invitee_declines_and_can_change_their_mind(client, cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    url = answer_url(invitation)
    response = client.post(url, {"answer": "declined"})
    assert response.url == answer_url(invitation, "cohort:learning_day_answered")
    assert "You are not coming" in client.get(response.url).content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == "declined"
    # The needs page is only for people coming.
    assert client.get(answer_url(invitation, "cohort:learning_day_needs")).url == url
    client.post(url, {"answer": "accepted"})
    invitation.refresh_from_db()
    assert invitation.answer == "accepted"


def test_invitee_sends_someone_else_through_the_link(
    client, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    response = client.post(answer_url(invitation), {"answer": "sent_someone_else"})
    substitute_url = answer_url(invitation, "cohort:learning_day_substitute")
    assert response.url == substitute_url
    invitation.refresh_from_db()
    assert invitation.answer == "awaiting"  # nothing changes until they say who

    own = client.post(substitute_url, {"name": "Me", "email": "A@example.org"})
    assert own.status_code == 400
    assert "not your own" in own.content.decode()
    assert 'value="Me"' in own.content.decode()  # nothing typed is lost

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            substitute_url, {"name": "Jo Deputy", "role": "Lead", "email": "jo@example.org"}
        )
    assert response.url == answer_url(invitation, "cohort:learning_day_answered")
    invitation.refresh_from_db()
    assert invitation.answer == "sent_someone_else"
    assert len(smtp_sink.to("jo@example.org")) == 1
    assert "Jo Deputy is invited in your place" in client.get(response.url).content.decode()


def test_the_invitees_own_link_shows_what_was_recorded_once_someone_is_sent(client, cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    service.answer_invitation(
        invitation_id=invitation.pk,
        answer=InvitationAnswer.SENT_SOMEONE_ELSE,
        substitute=Substitute(name="Jo Deputy", email="jo@example.org"),
    )
    answered = answer_url(invitation, "cohort:learning_day_answered")
    for name in ["cohort:learning_day_answer", "cohort:learning_day_substitute"]:
        assert client.get(answer_url(invitation, name)).url == answered
        assert client.post(answer_url(invitation, name), {"answer": "accepted"}).url == answered
    page = client.get(answered).content.decode()
    assert "Jo Deputy is invited in your place" in page
    assert "change your answer" not in page
    assert "The invitation is now theirs" in page
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.SENT_SOMEONE_ELSE


def test_a_tampered_link_gets_a_clear_page(client, cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    signed = invitation_links.sign_invitation(invitation)
    for bad in [signed[:-3] + "abc", signed[:-8], "nonsense", signing.dumps(invitation.pk)]:
        response = client.get(reverse("cohort:learning_day_answer", kwargs={"signed": bad}))
        assert response.status_code == 400, bad
        assert "This link is not valid" in response.content.decode()
        assert response["Cache-Control"] == "no-store"
        posted = client.post(
            reverse("cohort:learning_day_answer", kwargs={"signed": bad}),
            {"answer": "declined"},
        )
        assert posted.status_code == 400
    invitation.refresh_from_db()
    assert invitation.answer == "awaiting"


def test_one_persons_link_cannot_answer_another_persons_invitation(client, cohort, day):
    mine = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    theirs = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="B", email="b@example.org"
    )
    signed = invitation_links.sign_invitation(mine)
    value, rest = signed.split(":", 1)
    forged = f"{theirs.pk}:{rest}"
    assert value == str(mine.pk)
    url = reverse("cohort:learning_day_answer", kwargs={"signed": forged})
    assert client.post(url, {"answer": "declined"}).status_code == 400
    theirs.refresh_from_db()
    assert theirs.answer == "awaiting"
    # A link signed for something else with the same key does not open an invitation either.
    other = signing.TimestampSigner(salt="board-confirmation").sign(str(theirs.pk))
    url = reverse("cohort:learning_day_answer", kwargs={"signed": other})
    assert client.get(url).status_code == 400


def test_an_expired_link_gets_a_clear_page(client, cohort, programme):
    far = service.schedule_learning_day(
        programme_id=programme.pk,
        details=details(
            sequence=3,
            starts_at=STARTS + datetime.timedelta(days=365),
            ends_at=ENDS + datetime.timedelta(days=365),
        ),
    )
    invitation = LearningDayInvitation.objects.create(
        learning_day=far, project=cohort[0], name="A", email="a@example.org"
    )
    url = answer_url(invitation)
    with time_machine.travel(NOW + invitation_links.LINK_VALID_FOR + datetime.timedelta(hours=1)):
        response = client.get(url)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_links_to_a_started_or_cancelled_day_say_so(client, cohort, day):
    invitation = LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="A", email="a@example.org"
    )
    url = answer_url(invitation)
    with time_machine.travel(STARTS, tick=False):
        response = client.post(url, {"answer": "declined"})
    assert response.status_code == 410
    assert "Answers are closed" in response.content.decode()
    service.cancel_learning_day(learning_day_id=day.pk)
    response = client.get(url)
    assert response.status_code == 410
    assert "This learning day has been cancelled" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == "awaiting"


# --- The programme managers' pages ------------------------------------------------------------


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def form_data(**overrides) -> dict:
    data = {
        "sequence": "1",
        "title": "Learning day 1",
        "day_0": "2",
        "day_1": "4",
        "day_2": "2026",
        "starts_time": "10am",
        "ends_time": "4pm",
        "venue_name": "Local Government House",
        "venue_address": "18 Smith Square\nLondon",
        "venue_latitude": "51.49616",
        "venue_longitude": "-0.12823",
        "online_link": "",
        "agenda": "Refine the key questions.",
    }
    return {**data, **overrides}


def test_manager_schedules_a_learning_day(manager_client, programme):
    url = reverse("cohort:learning_day_create", args=[programme.slug])
    page = manager_client.get(url)
    assert page.status_code == 200
    assert 'value="Learning day 1"' in page.content.decode()
    response = manager_client.post(url, form_data())
    assert response.url == reverse("cohort:learning_days", args=[programme.slug])
    day = programme.learning_days.get()
    assert day.starts_at == datetime.datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    assert day.ends_at == datetime.datetime(2026, 4, 2, 15, 0, tzinfo=UTC)
    assert str(day.venue_latitude) == "51.49616"
    listing = manager_client.get(response.url).content.decode()
    assert "Thursday 2 April 2026, 10am to 4pm" in listing
    assert "‘Learning day 1’ has been scheduled." in listing


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"ends_time": "9am"}, "The end time must be after the start time"),
        ({"venue_name": "", "online_link": ""}, "Enter the venue’s name, or an online link"),
        ({"day_0": "31", "day_1": "2"}, "day"),
        ({"starts_time": "25pm"}, "Enter a time like 5pm or 17:00"),
        ({"venue_longitude": ""}, "Enter both the latitude and the longitude, or neither"),
        ({"online_link": "not a link", "venue_name": ""}, "Enter a web address"),
    ],
)
def test_schedule_form_shows_errors_and_keeps_what_was_typed(
    manager_client, programme, overrides, error
):
    url = reverse("cohort:learning_day_create", args=[programme.slug])
    response = manager_client.post(url, form_data(agenda="Keep this agenda", **overrides))
    content = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in content
    assert error in content
    assert "Keep this agenda" in content
    assert "<title>Error: " in content
    assert programme.learning_days.count() == 0


def test_manager_changes_a_day_and_invitees_are_told(
    manager_client, programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    invited(day, django_capture_on_commit_callbacks)
    smtp_sink.clear()
    url = reverse("cohort:learning_day_edit", args=[programme.slug, day.pk])
    page = manager_client.get(url).content.decode()
    assert 'value="10am"' in page and 'value="4pm"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(url, form_data(starts_time="11am"), follow=True)
    assert "has been emailed the new details" in response.content.decode()
    day.refresh_from_db()
    assert day.calendar_sequence == 1
    assert len(smtp_sink.messages) == 5


def test_manager_invites_the_cohort_and_sees_answers_and_needs(
    manager_client, programme, cohort, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("cohort:learning_day_invite", args=[programme.slug, day.pk]), follow=True
        )
    content = response.content.decode()
    assert "5 people have been invited to ‘Learning day 1’." in content
    siobhan = day.invitations.get(email="siobhan.oneill@barnsley.example.org")
    service.answer_invitation(
        invitation_id=siobhan.pk, answer="accepted", access_needs="Step-free access"
    )
    tom = day.invitations.get(email="tom@durham.example.org")
    service.answer_invitation(invitation_id=tom.pk, answer="declined")
    content = manager_client.get(
        reverse("cohort:learning_day_invitations", args=[programme.slug, day.pk])
    ).content.decode()
    assert html.escape("Siobhan O'Neill") in content
    assert "Step-free access" in content
    assert content.index("Barnsley Council") < content.index("Durham County Council")
    counts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content.split('id="answer-counts"')[1]))
    assert "Invited 5 Not answered yet 3 Coming 1 Not coming 1 Sending someone else 0" in counts


def test_manager_holds_the_invitations_to_check_them_first(
    manager_client, programme, cohort, day, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("cohort:learning_day_invite", args=[programme.slug, day.pk]),
            {"hold": "yes"},
            follow=True,
        )
    assert "5 invitations are held for review in the outbox." in response.content.decode()
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"held"}
    assert smtp_sink.messages == []


def test_manager_cancels_a_day(manager_client, programme, cohort, day):
    url = reverse("cohort:learning_day_cancel", args=[programme.slug, day.pk])
    assert "Cancel ‘Learning day 1’?" in manager_client.get(url).content.decode()
    response = manager_client.post(url, follow=True)
    assert "‘Learning day 1’ has been cancelled." in response.content.decode()
    day.refresh_from_db()
    assert day.is_cancelled


def test_a_day_of_another_programme_is_not_found(manager_client, programme, day):
    other = ProgrammeFactory()
    for name in ["learning_day_edit", "learning_day_cancel", "learning_day_invitations"]:
        url = reverse(f"cohort:{name}", args=[other.slug, day.pk])
        assert manager_client.get(url).status_code == 404, name
    url = reverse("cohort:learning_day_invite", args=[other.slug, day.pk])
    assert manager_client.post(url).status_code == 404


# --- Permissions ------------------------------------------------------------------------------

ROLES = ["anonymous", "council", "reviewer", "consultant", "manager"]


def user_for(role):
    return {
        "anonymous": lambda: None,
        "council": council_user,
        "reviewer": lambda: UserFactory(role=StaffRole.REVIEWER),
        "consultant": lambda: UserFactory(role=StaffRole.CONSULTANT),
        "manager": lambda: UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }[role]()


@pytest.mark.parametrize("role", ROLES)
def test_manager_pages_by_role(client, programme, cohort, day, role):
    user = user_for(role)
    if user:
        client.force_login(user)
    slug = programme.slug
    pages = [
        reverse("cohort:learning_days", args=[slug]),
        reverse("cohort:learning_day_create", args=[slug]),
        reverse("cohort:learning_day_edit", args=[slug, day.pk]),
        reverse("cohort:learning_day_cancel", args=[slug, day.pk]),
        reverse("cohort:learning_day_invitations", args=[slug, day.pk]),
    ]
    posts = [
        reverse("cohort:learning_day_invite", args=[slug, day.pk]),
        reverse("cohort:learning_day_cancel", args=[slug, day.pk]),
        reverse("cohort:learning_day_create", args=[slug]),
    ]
    for url in pages:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (url, response.status_code)
    for url in posts:
        response = client.post(url, form_data(sequence="2"))
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 302 and "/accounts/" not in response.url, url
        else:
            assert response.status_code == 403, (url, response.status_code)
    day.refresh_from_db()
    assert (day.invitations.count(), day.is_cancelled) == (
        (5, True) if role == "manager" else (0, False)
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_answer_pages_open_with_the_link_whoever_is_signed_in(client, cohort, day, role):
    user = user_for(role)
    if user:
        client.force_login(user)
    invitation = LearningDayInvitation.objects.create(
        learning_day=day,
        project=cohort[0],
        name="A",
        email="a@example.org",
        answer="accepted",
        answered_at=NOW,
    )
    for name in [
        "cohort:learning_day_answer",
        "cohort:learning_day_needs",
        "cohort:learning_day_substitute",
        "cohort:learning_day_answered",
    ]:
        assert client.get(answer_url(invitation, name)).status_code == 200, name


# --- Query counts -----------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_invitations_page_queries_are_constant(manager_client, programme, day):
    url = reverse("cohort:learning_day_invitations", args=[programme.slug, day.pk])
    counter = iter(range(1000))

    def add(n):
        for _ in range(n):
            i = next(counter)
            project = project_in(programme, team=[])
            original = LearningDayInvitation.objects.create(
                learning_day=day,
                project=project,
                name=f"P{i}",
                email=f"p{i}@example.org",
                answer="sent_someone_else",
                answered_at=NOW,
            )
            LearningDayInvitation.objects.create(
                learning_day=day,
                project=project,
                name=f"S{i}",
                email=f"s{i}@example.org",
                substitute_for=original,
            )

    add(1)
    one = count_queries(manager_client, url)
    add(4)
    several = count_queries(manager_client, url)
    assert one == several == 7  # with the day's change history (programme managers only)


def test_learning_days_page_queries_are_constant(manager_client, programme, cohort):
    url = reverse("cohort:learning_days", args=[programme.slug])
    sequence = iter(range(1, 100))

    def add(n):
        for _ in range(n):
            day = service.schedule_learning_day(
                programme_id=programme.pk, details=details(sequence=next(sequence))
            )
            LearningDayInvitation.objects.create(
                learning_day=day, project=cohort[0], name="A", email="a@example.org"
            )

    add(1)
    one = count_queries(manager_client, url)
    add(4)
    assert count_queries(manager_client, url) == one == 6


# --- The 2018 demo ----------------------------------------------------------------------------


def test_demo_learning_days_2018(programme, smtp_sink):
    councils = [
        "Barnsley Metropolitan Borough Council",
        "Essex County Council",
        "Surrey County Council",
    ]
    for n, name in enumerate(councils):
        project_in(
            programme,
            organisation_name=name,
            team=[(f"Person {n}{k}", f"person{n}{k}@Example.org") for k in range(3)],
        )
    load_learning_days_2018(programme)
    load_learning_days_2018(programme)  # a second run changes nothing

    first, second = programme.learning_days.order_by("sequence")
    assert (first.title, first.starts_at, first.ends_at) == (
        "Learning day 1",
        datetime.datetime(2018, 3, 12, 10, 0, tzinfo=UTC),
        datetime.datetime(2018, 3, 12, 16, 0, tzinfo=UTC),
    )
    assert (second.title, second.starts_at) == (
        "Learning day 2",
        datetime.datetime(2018, 6, 12, 9, 0, tzinfo=UTC),  # BST
    )
    assert first.invitations.count() == second.invitations.count() == 9
    assert set(first.invitations.values_list("answer", flat=True)) == {"accepted"}
    declined = second.invitations.filter(answer="declined")
    assert set(declined.values_list("project__organisation__name", flat=True)) == {
        "Essex County Council"
    }
    assert declined.count() == 3
    assert second.invitations.filter(answer="accepted").count() == 6
    assert first.invitations.exclude(access_needs="", dietary_needs="").count() >= 2
    assert not declined.exclude(access_needs="", dietary_needs="").exists()
    assert all(
        i.invited_at < i.answered_at < i.learning_day.starts_at
        for i in LearningDayInvitation.objects.all()
    )
    assert set(first.invitations.values_list("email", flat=True)) == {
        f"person{n}{k}@example.org" for n in range(3) for k in range(3)
    }
    assert OutboundEmail.objects.count() == 0
    assert smtp_sink.messages == []
    # The registers were taken: everyone who accepted came, Essex's team sent apologies on day 2.
    assert set(first.invitations.values_list("attendance", flat=True)) == {"present"}
    assert set(second.invitations.values_list("project__organisation__name", "attendance")) == {
        ("Barnsley Metropolitan Borough Council", "present"),
        ("Essex County Council", "apologies"),
        ("Surrey County Council", "present"),
    }
    assert {i.attendance_recorded_at for i in first.invitations.all()} == {first.ends_at}
    assert {i.attendance_recorded_at for i in second.invitations.all()} == {second.ends_at}


def test_demo_registers_leave_marks_already_made(programme):
    project_in(programme, organisation_name="Surrey County Council", team=[("A", "a@x.org")])
    load_learning_days_2018(programme)
    invitation = LearningDayInvitation.objects.get(learning_day__sequence=1)
    register_service.record_attendance(
        learning_day_id=invitation.learning_day_id, marks={invitation.pk: "absent"}
    )
    load_learning_days_2018(programme)
    invitation.refresh_from_db()
    assert invitation.attendance == "absent"


# --- Editable wording -------------------------------------------------------------------------

KINDS = [
    "learning_day_invitation",
    "learning_day_changed",
    "learning_day_cancelled",
    "learning_day_answer_reminder",
    "learning_day_reminder",
]


@pytest.mark.parametrize("kind", KINDS)
def test_the_wording_preview_works_with_and_without_invitations(
    manager_client, programme, cohort, kind
):
    from django.contrib.contenttypes.models import ContentType

    from notifications import editable

    url = reverse(
        "notifications:template",
        args=[kind, ContentType.objects.get_for_model(programme).pk, programme.pk],
    )
    assert manager_client.get(url).status_code == 200
    default = editable.default_wording(kind)
    preview = {"subject": default.subject, "body": default.body, "action": "preview"}

    def previewed() -> str:
        response = manager_client.post(url, preview)
        assert response.status_code == 200
        return response.content.decode()

    has_place = "((where))" in default.body
    assert ("Local Government House" in previewed()) == has_place  # an example day
    day = service.schedule_learning_day(
        programme_id=programme.pk, details=details(venue_name="Leeds Civic Hall")
    )
    LearningDayInvitation.objects.create(
        learning_day=day, project=cohort[0], name="Ann Lee", email="ann@example.org"
    )
    content = previewed()
    assert ("Leeds Civic Hall" in content) == has_place
    assert "Thursday 2 April 2026, 10am to 4pm" in content
    assert "Dear Ann Lee" in content
