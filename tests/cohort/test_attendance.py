"""Learning days on the day: the register (marks saved together, walk-ins), the printable sign-in
sheet, the attendance export, and attendance per project."""

import csv
import datetime
import html
import io
import re

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from cohort.enums import Attendance, InvitationAnswer
from cohort.models import LearningDayInvitation, Project, ProjectMember
from cohort.selectors.learning_days import attendance_by_project
from cohort.services import learning_days as service
from cohort.services import register as register_service
from cohort.services.learning_days import LearningDayDetails, LearningDayError
from cohort.services.register import WalkIn
from notifications.models import OutboundEmail
from programmes.dates import LONDON
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, council_user

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Thursday 2 April 2026, 10am to 4pm BST; "now" in these tests is 11am that day.
STARTS = datetime.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
ENDS = datetime.datetime(2026, 4, 2, 16, 0, tzinfo=LONDON)
NOW = datetime.datetime(2026, 4, 2, 10, 0, tzinfo=UTC)  # 11am in London
ANSWERED = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def during_the_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def programme():
    return ProgrammeFactory(contact_email="peerlearning@example.org")


def schedule(programme, **overrides):
    fields = {
        "sequence": 1,
        "title": "Learning day 1",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "venue_name": "Local Government House",
        "venue_address": "18 Smith Square\nLondon\nSW1P 3HZ",
    }
    return service.schedule_learning_day(
        programme_id=programme.pk, details=LearningDayDetails(**{**fields, **overrides})
    )


@pytest.fixture
def day(programme):
    return schedule(programme)


def project_in(programme, organisation_name=None):
    organisation = OrganisationFactory(**({"name": organisation_name} if organisation_name else {}))
    return Project.objects.create(
        programme=programme, organisation=organisation, key_question="How can we help sooner?"
    )


def invite(day, project, name, email, answer=InvitationAnswer.ACCEPTED, **fields):
    return LearningDayInvitation.objects.create(
        learning_day=day,
        project=project,
        name=name,
        email=email,
        role=fields.pop("role", "Head of Service"),
        answer=answer,
        answered_at=None if answer == InvitationAnswer.AWAITING else ANSWERED,
        **fields,
    )


@pytest.fixture
def cohort(programme):
    return [
        project_in(programme, "Barnsley Council"),
        project_in(programme, "Essex County Council"),
    ]


@pytest.fixture
def people(day, cohort):
    """Barnsley: Siobhan (coming), Raj (not answered), Ann (sent Sam in her place; Sam coming).
    Essex: Tom and Eve, both declined."""
    barnsley, essex = cohort
    siobhan = invite(day, barnsley, "Siobhan O'Neill", "siobhan@barnsley.example.org")
    raj = invite(day, barnsley, "Raj Patel", "raj@barnsley.example.org", InvitationAnswer.AWAITING)
    ann = invite(
        day, barnsley, "Ann Lee", "ann@barnsley.example.org", InvitationAnswer.SENT_SOMEONE_ELSE
    )
    sam = invite(day, barnsley, "Sam Green", "sam@barnsley.example.org", substitute_for=ann)
    tom = invite(day, essex, "Tom Hall", "tom@essex.example.org", InvitationAnswer.DECLINED)
    eve = invite(day, essex, "Eve Stone", "eve@essex.example.org", InvitationAnswer.DECLINED)
    return {"siobhan": siobhan, "raj": raj, "ann": ann, "sam": sam, "tom": tom, "eve": eve}


def attendance_of(*invitations) -> list[str]:
    return [LearningDayInvitation.objects.get(pk=i.pk).attendance for i in invitations]


def text_of(content: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content))).strip()


# --- record_attendance ------------------------------------------------------------------------


def test_record_attendance_saves_each_mark_with_the_time(day, people):
    p = people
    changed = register_service.record_attendance(
        learning_day_id=day.pk,
        marks={p["siobhan"].pk: "present", p["raj"].pk: "absent", p["tom"].pk: "apologies"},
    )
    assert changed == 3
    assert attendance_of(p["siobhan"], p["raj"], p["tom"], p["eve"]) == [
        "present",
        "absent",
        "apologies",
        "",
    ]
    p["siobhan"].refresh_from_db()
    p["eve"].refresh_from_db()
    assert p["siobhan"].attendance_recorded_at == NOW
    assert p["eve"].attendance_recorded_at is None


def test_saving_the_same_mark_again_keeps_when_it_was_recorded(day, people):
    siobhan = people["siobhan"]
    register_service.record_attendance(learning_day_id=day.pk, marks={siobhan.pk: "present"})
    later = NOW + datetime.timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        assert (
            register_service.record_attendance(
                learning_day_id=day.pk, marks={siobhan.pk: "present"}
            )
            == 0
        )
        assert (
            register_service.record_attendance(learning_day_id=day.pk, marks={siobhan.pk: "absent"})
            == 1
        )
    siobhan.refresh_from_db()
    assert (siobhan.attendance, siobhan.attendance_recorded_at) == ("absent", later)
    register_service.record_attendance(learning_day_id=day.pk, marks={siobhan.pk: ""})
    siobhan.refresh_from_db()
    assert (siobhan.attendance, siobhan.attendance_recorded_at) == ("", None)


def test_record_attendance_ignores_invitations_to_other_days(programme, day, people, cohort):
    other_day = schedule(programme, sequence=2, title="Learning day 2")
    elsewhere = invite(other_day, cohort[0], "Raj Patel", "raj@barnsley.example.org")
    changed = register_service.record_attendance(
        learning_day_id=day.pk,
        marks={elsewhere.pk: "present", people["raj"].pk: "present", 999_999: "present"},
    )
    assert changed == 1
    assert attendance_of(elsewhere, people["raj"]) == ["", "present"]


@pytest.mark.parametrize("value", ["came", "PRESENT", "accepted", "None"])
def test_record_attendance_refuses_a_value_that_is_not_an_attendance(day, people, value):
    with pytest.raises(LearningDayError) as refused:
        register_service.record_attendance(
            learning_day_id=day.pk,
            marks={people["siobhan"].pk: "present", people["raj"].pk: value},
        )
    assert refused.value.message == "Choose present, absent or sent apologies for each person"
    assert attendance_of(people["siobhan"], people["raj"]) == ["", ""]  # nothing written


def test_the_register_opens_when_the_day_begins(client, programme, cohort):
    """A register saved months ahead would make the dashboard and report say who came."""
    future = schedule(
        programme,
        starts_at=STARTS + datetime.timedelta(days=7),
        ends_at=ENDS + datetime.timedelta(days=7),
    )
    invitation = invite(future, cohort[0], "Raj Patel", "raj@barnsley.example.org")
    with pytest.raises(LearningDayError, match="once the day has begun, on Thursday 9 April 2026"):
        register_service.record_attendance(
            learning_day_id=future.pk, marks={invitation.pk: "present"}
        )
    assert attendance_of(invitation) == [""]
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    page = client.get(
        reverse("cohort:learning_day_register", args=[programme.slug, future.pk])
    ).content.decode()
    assert "You can take the register from Thursday 9 April 2026" in page
    assert 'id="register"' not in page and 'id="walk-in"' not in page
    # On the day itself, before the 10am start, arrivals can already be marked.
    with time_machine.travel(datetime.datetime(2026, 4, 9, 8, 30, tzinfo=UTC), tick=False):
        register_service.record_attendance(
            learning_day_id=future.pk, marks={invitation.pk: "present"}
        )
    assert attendance_of(invitation) == ["present"]


def test_record_attendance_refuses_a_cancelled_day(programme, cohort):
    future = schedule(
        programme,
        starts_at=STARTS + datetime.timedelta(days=7),
        ends_at=ENDS + datetime.timedelta(days=7),
    )
    invitation = invite(future, cohort[0], "Raj Patel", "raj@barnsley.example.org")
    service.cancel_learning_day(learning_day_id=future.pk)
    with pytest.raises(LearningDayError, match="cancelled"):
        register_service.record_attendance(
            learning_day_id=future.pk, marks={invitation.pk: "present"}
        )
    assert attendance_of(invitation) == [""]


def test_the_register_of_a_cancelled_day_has_nothing_to_save(manager_client, programme, cohort):
    future = schedule(
        programme,
        starts_at=STARTS + datetime.timedelta(days=7),
        ends_at=ENDS + datetime.timedelta(days=7),
    )
    invite(future, cohort[0], "Raj Patel", "raj@barnsley.example.org")
    service.cancel_learning_day(learning_day_id=future.pk)
    content = manager_client.get(register_url(future)).content.decode()
    assert "This learning day was cancelled, so there is no register to take." in content
    assert "Save the register" not in content
    assert "Add them as present" not in content


def test_two_registers_saved_one_after_the_other_last_write_wins_per_person(day, people):
    """Two managers open the register; each save changes only the people it names, and the later
    save wins for a person both name. (On PostgreSQL the rows are also locked with SELECT … FOR
    UPDATE, so two saves at the same moment take turns rather than interleave.)"""
    p = people
    # The first manager's page marks Siobhan present and Raj absent.
    register_service.record_attendance(
        learning_day_id=day.pk, marks={p["siobhan"].pk: "present", p["raj"].pk: "absent"}
    )
    # The second manager, whose page showed Raj unmarked, marks Raj present and Tom absent.
    register_service.record_attendance(
        learning_day_id=day.pk, marks={p["raj"].pk: "present", p["tom"].pk: "absent"}
    )
    assert attendance_of(p["siobhan"], p["raj"], p["tom"]) == ["present", "present", "absent"]


@pytest.mark.skipif(
    not connection.features.has_select_for_update,
    reason="SQLite has no row locks (it locks the whole database when writing)",
)
def test_record_attendance_locks_the_invitations_it_marks(day, people):
    with CaptureQueriesContext(connection) as queries:
        register_service.record_attendance(
            learning_day_id=day.pk, marks={people["raj"].pk: "present"}
        )
    assert any(
        "FOR UPDATE" in query["sql"] and "learningdayinvitation" in query["sql"]
        for query in queries
    )


# --- record_walk_in ---------------------------------------------------------------------------


def test_a_walk_in_is_added_present_and_nobody_is_emailed(
    day, people, cohort, django_capture_on_commit_callbacks, smtp_sink
):
    smtp_sink.clear()
    with django_capture_on_commit_callbacks(execute=True):
        walk_in = register_service.record_walk_in(
            learning_day_id=day.pk,
            walk_in=WalkIn(
                name="  Kim   Cho ", email="Kim.Cho@Essex.example.org", project_id=cohort[1].pk
            ),
        )
    walk_in.refresh_from_db()
    assert (walk_in.name, walk_in.email, walk_in.project, walk_in.role) == (
        "Kim Cho",
        "kim.cho@essex.example.org",
        cohort[1],
        "",
    )
    assert (walk_in.answer, walk_in.answered_at, walk_in.invited_at) == ("accepted", NOW, NOW)
    assert (walk_in.attendance, walk_in.attendance_recorded_at) == ("present", NOW)
    assert OutboundEmail.objects.count() == 0
    assert smtp_sink.messages == []


def test_a_walk_in_already_invited_is_refused(day, people, cohort):
    with pytest.raises(LearningDayError) as refused:
        register_service.record_walk_in(
            learning_day_id=day.pk,
            walk_in=WalkIn(name="Raj", email="RAJ@barnsley.example.org", project_id=cohort[0].pk),
        )
    assert refused.value.field == "email"
    assert "already on the register" in refused.value.message
    assert day.invitations.count() == 6


def test_a_walk_in_from_outside_the_cohort_is_refused(day, people):
    stranger = project_in(ProgrammeFactory(), "Kent County Council")
    with pytest.raises(LearningDayError) as refused:
        register_service.record_walk_in(
            learning_day_id=day.pk,
            walk_in=WalkIn(name="Kim", email="kim@kent.example.org", project_id=stranger.pk),
        )
    assert (refused.value.field, refused.value.message) == (
        "project",
        "Choose an organisation in the cohort",
    )


def test_walk_ins_wait_for_the_day_and_not_on_a_cancelled_one(programme, cohort):
    tomorrow = schedule(
        programme,
        starts_at=STARTS + datetime.timedelta(days=1),
        ends_at=ENDS + datetime.timedelta(days=1),
    )
    walk_in = WalkIn(name="Kim", email="kim@example.org", project_id=cohort[0].pk)
    with pytest.raises(LearningDayError, match="once the day has begun"):
        register_service.record_walk_in(learning_day_id=tomorrow.pk, walk_in=walk_in)
    service.cancel_learning_day(learning_day_id=tomorrow.pk)
    with (
        time_machine.travel(STARTS + datetime.timedelta(days=1), tick=False),
        pytest.raises(LearningDayError, match="cancelled"),
    ):
        register_service.record_walk_in(learning_day_id=tomorrow.pk, walk_in=walk_in)
    # Early on the morning of the day (before it starts) is fine.
    early = schedule(
        programme,
        sequence=3,
        starts_at=STARTS + datetime.timedelta(hours=5),
        ends_at=ENDS + datetime.timedelta(hours=5),
    )
    assert (
        register_service.record_walk_in(learning_day_id=early.pk, walk_in=walk_in).attendance
        == "present"
    )


# --- The register page ------------------------------------------------------------------------


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    return client


def register_url(day):
    return reverse("cohort:learning_day_register", args=[day.programme.slug, day.pk])


def checked(content: str, invitation) -> str | None:
    """The value of the radio checked for `invitation` on the register, or None."""
    match = re.search(
        rf'name="attendance-{invitation.pk}" type="radio" value="(\w*)" checked', content
    )
    return match.group(1) if match else None


def test_the_register_lists_everyone_invited_by_organisation(manager_client, day, people):
    content = manager_client.get(register_url(day)).content.decode()
    assert html.escape("Siobhan O'Neill") in content
    assert content.index("Barnsley Council") < content.index("Essex County Council")
    for name in ["Siobhan O", "Raj Patel", "Ann Lee", "Sam Green", "Tom Hall", "Eve Stone"]:
        assert name in content
    assert "In place of Ann Lee" in content
    assert "Head of Service. Not coming</div>" in content
    assert "Head of Service. Not answered yet</div>" in content
    # Only people who declined start as "Sent apologies"; everyone else starts unmarked.
    assert [
        checked(content, people[n]) for n in ["siobhan", "raj", "ann", "sam", "tom", "eve"]
    ] == [
        None,
        None,
        None,
        None,
        "apologies",
        "apologies",
    ]
    summary = text_of(content.split('id="attendance-counts"')[1].split("</dl>")[0])
    assert summary == "> Present 0 Absent 0 Sent apologies 0 Not recorded 6"
    by_org = text_of(content.split('id="attendance-by-organisation"')[1].split("</ul>")[0])
    assert by_org == "> Barnsley Council: 0 of 4 present Essex County Council: 0 of 2 present"
    assert 'class="govuk-radios govuk-radios--small govuk-radios--inline"' in content
    assert "Save the register" in content


def test_saving_the_register_records_every_mark_on_the_page(manager_client, day, people):
    p = people
    response = manager_client.post(
        register_url(day),
        {
            f"attendance-{p['siobhan'].pk}": "present",
            f"attendance-{p['sam'].pk}": "present",
            f"attendance-{p['raj'].pk}": "absent",
            f"attendance-{p['tom'].pk}": "apologies",
            f"attendance-{p['eve'].pk}": "apologies",
            "attendance-nonsense": "present",
        },
        follow=True,
    )
    assert response.redirect_chain == [(register_url(day), 302)]
    content = response.content.decode()
    assert "The register for ‘Learning day 1’ has been saved." in content
    assert attendance_of(*p.values()) == [
        "present",
        "absent",
        "",
        "present",
        "apologies",
        "apologies",
    ]
    summary = text_of(content.split('id="attendance-counts"')[1].split("</dl>")[0])
    assert summary == "> Present 2 Absent 1 Sent apologies 2 Not recorded 1"
    assert "Barnsley Council: 2 of 4 present" in content
    assert "Essex County Council: 0 of 2 present" in content
    assert checked(content, p["raj"]) == "absent"


def test_a_tampered_register_is_refused_with_a_message(manager_client, day, people):
    response = manager_client.post(
        register_url(day),
        {
            f"attendance-{people['siobhan'].pk}": "present",
            f"attendance-{people['raj'].pk}": "maybe",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "Choose present, absent or sent apologies for each person" in content
    assert attendance_of(people["siobhan"], people["raj"]) == ["", ""]


def test_a_walk_in_is_added_from_the_register(manager_client, day, people, cohort):
    response = manager_client.post(
        register_url(day),
        {
            "walk-in-name": "Kim Cho",
            "walk-in-project": str(cohort[1].pk),
            "walk-in-role": "Commissioner",
            "walk-in-email": "kim@essex.example.org",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Kim Cho has been added to the register as present." in content
    assert "Essex County Council: 1 of 3 present" in content
    kim = day.invitations.get(email="kim@essex.example.org")
    assert (kim.role, kim.attendance, kim.project) == ("Commissioner", "present", cohort[1])
    assert checked(content, kim) == "present"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"walk-in-name": ""}, "Enter the full name of the person who came"),
        ({"walk-in-email": ""}, "Enter their email address"),
        ({"walk-in-email": "kim"}, "Enter an email address in the correct format"),
        ({"walk-in-project": ""}, "Choose their organisation"),
        ({"walk-in-project": "999999"}, "Choose an organisation in the cohort"),
        ({"walk-in-email": "tom@essex.example.org"}, "is already on the register"),
    ],
)
def test_the_walk_in_form_shows_errors(manager_client, day, people, cohort, overrides, error):
    data = {
        "walk-in-name": "Kim Cho",
        "walk-in-project": str(cohort[1].pk),
        "walk-in-role": "",
        "walk-in-email": "kim@essex.example.org",
    }
    response = manager_client.post(register_url(day), {**data, **overrides})
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert error in content
    assert "<title>Error: " in content
    assert day.invitations.count() == 6


def test_the_walk_in_form_offers_only_the_cohort(manager_client, day, people, cohort):
    project_in(ProgrammeFactory(), "Kent County Council")
    content = manager_client.get(register_url(day)).content.decode()
    assert f'<option value="{cohort[1].pk}">Essex County Council</option>' in content
    assert "Kent County Council" not in content


# --- The sign-in sheet ------------------------------------------------------------------------


def test_the_sign_in_sheet_lists_people_coming_or_yet_to_answer(manager_client, day, people):
    url = reverse("cohort:learning_day_sign_in_sheet", args=[day.programme.slug, day.pk])
    content = manager_client.get(url).content.decode()
    assert "Learning day 1: sign-in sheet" in content
    assert "Thursday 2 April 2026, 10am to 4pm" in content
    assert "Local Government House" in content and "18 Smith Square" in content
    assert html.escape("Siobhan O'Neill") in content
    assert "Raj Patel" in content and "Sam Green" in content
    for not_coming in ["Ann Lee", "Tom Hall", "Eve Stone"]:
        assert not_coming not in content
    # Essex's team all declined: no table for it.
    assert "Essex County Council" not in content
    headers = re.findall(r'<th scope="col" class="govuk-table__header[^"]*">(\w+)</th>', content)
    assert headers[:4] == ["Name", "Role", "Organisation", "Signature"]
    assert "data-print" in content and "Print this page" in content


# --- The attendance export ---------------------------------------------------------------------


def test_the_attendance_csv_has_every_invitee_and_no_needs(manager_client, day, people, cohort):
    people["siobhan"].access_needs = "Step-free access"
    people["siobhan"].dietary_needs = "Vegetarian"
    people["siobhan"].save()
    invite(day, cohort[1], "=HYPERLINK(1)", "formula@essex.example.org", role="+44 123")
    register_service.record_attendance(
        learning_day_id=day.pk,
        marks={people["siobhan"].pk: "present", people["tom"].pk: "apologies"},
    )
    url = reverse("cohort:learning_day_attendance_csv", args=[day.programme.slug, day.pk])
    response = manager_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="attendance-{day.programme.slug}-1.csv"'
    )
    content = response.content.decode("utf-8-sig")
    assert "Step-free" not in content and "Vegetarian" not in content
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Name",
        "Email",
        "Job title",
        "Organisation",
        "In place of",
        "Answer",
        "Attendance",
        "Attendance recorded (UK time)",
    ]
    assert ["|".join(row) for row in rows[1:]] == [
        "Ann Lee|ann@barnsley.example.org|Head of Service|Barnsley Council||"
        "Sending someone else|Not recorded|",
        "Raj Patel|raj@barnsley.example.org|Head of Service|Barnsley Council||"
        "Not answered yet|Not recorded|",
        "Sam Green|sam@barnsley.example.org|Head of Service|Barnsley Council|Ann Lee|"
        "Coming|Not recorded|",
        "Siobhan O'Neill|siobhan@barnsley.example.org|Head of Service|Barnsley Council||"
        "Coming|Present|2026-04-02 11:00",
        "'=HYPERLINK(1)|formula@essex.example.org|'+44 123|Essex County Council||"
        "Coming|Not recorded|",
        "Eve Stone|eve@essex.example.org|Head of Service|Essex County Council||"
        "Not coming|Not recorded|",
        "Tom Hall|tom@essex.example.org|Head of Service|Essex County Council||"
        "Not coming|Sent apologies|2026-04-02 11:00",
    ]


# --- Attendance per project and on the invitations page -------------------------------------


def test_attendance_by_project_counts_the_teams_people_who_came(programme, day, people, cohort):
    barnsley, essex = cohort
    register_service.record_attendance(
        learning_day_id=day.pk,
        marks={people["siobhan"].pk: "present", people["sam"].pk: "present"},
    )
    ahead = schedule(
        programme,
        sequence=2,
        title="Learning day 2",
        starts_at=STARTS + datetime.timedelta(days=60),
        ends_at=ENDS + datetime.timedelta(days=60),
    )
    invite(ahead, barnsley, "Raj Patel", "raj@barnsley.example.org")
    schedule(programme, sequence=3, title="Learning day 3")  # nobody invited: not listed
    with CaptureQueriesContext(connection) as queries:
        rows = attendance_by_project(barnsley)
    assert len(queries) == 1
    assert [(d.title, present, invited) for d, present, invited in rows] == [
        ("Learning day 1", 2, 4),
        ("Learning day 2", 0, 1),
    ]
    assert [(d.has_started, d.recorded_count) for d, _, _ in rows] == [(True, 2), (False, 0)]
    assert [(d.title, p, i) for d, p, i in attendance_by_project(essex)] == [
        ("Learning day 1", 0, 2)
    ]
    page = text_of(
        render_to_string("cohort/learning_days/_project_attendance.html", {"attendance": rows})
    )
    assert page == (
        "Learning days Learning day 1 2 of 4 came "
        "Learning day 2 1 invited; the day is on Monday 1 June 2026"
    )
    essex_page = text_of(
        render_to_string(
            "cohort/learning_days/_project_attendance.html",
            {"attendance": attendance_by_project(essex)},
        )
    )
    assert essex_page == "Learning days Learning day 1 2 invited; the register has not been taken"
    empty = render_to_string("cohort/learning_days/_project_attendance.html", {"attendance": []})
    assert "The team has not been invited to a learning day yet." in empty


def test_the_invitations_page_shows_attendance_and_links_to_the_register(
    manager_client, day, people
):
    register_service.record_attendance(learning_day_id=day.pk, marks={people["raj"].pk: "absent"})
    url = reverse("cohort:learning_day_invitations", args=[day.programme.slug, day.pk])
    content = manager_client.get(url).content.decode()
    row = text_of(re.search(r"<tr[^>]*>(?:(?!</tr>).)*Raj Patel.*?</tr>", content, re.S).group(0))
    assert row.endswith("Absent")
    assert register_url(day) in content
    assert reverse("cohort:learning_day_sign_in_sheet", args=[day.programme.slug, day.pk]) in (
        content
    )
    listing = manager_client.get(
        reverse("cohort:learning_days", args=[day.programme.slug])
    ).content.decode()
    assert register_url(day) in listing


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
def test_on_the_day_pages_by_role(client, day, people, cohort, role):
    user = user_for(role)
    if user:
        client.force_login(user)
    args = [day.programme.slug, day.pk]
    gets = [
        reverse("cohort:learning_day_register", args=args),
        reverse("cohort:learning_day_sign_in_sheet", args=args),
        reverse("cohort:learning_day_attendance_csv", args=args),
    ]
    posts = [
        (
            reverse("cohort:learning_day_register", args=args),
            {f"attendance-{people['raj'].pk}": "present"},
        ),
        (
            reverse("cohort:learning_day_register", args=args),
            {
                "walk-in-name": "Kim Cho",
                "walk-in-project": str(cohort[0].pk),
                "walk-in-email": "kim@example.org",
            },
        ),
        (reverse("cohort:learning_day_sign_in_sheet", args=args), {}),
        (reverse("cohort:learning_day_attendance_csv", args=args), {}),
    ]
    for url in gets:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (url, response.status_code)
    for number, (url, data) in enumerate(posts):
        response = client.post(url, data)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        elif role == "manager":
            # The register saves; the sheet and the export are read-only.
            assert response.status_code == (302 if number < 2 else 405), url
        else:
            assert response.status_code == 403, (url, response.status_code)
    assert attendance_of(people["raj"]) == (["present"] if role == "manager" else [""])
    assert day.invitations.filter(email="kim@example.org").exists() == (role == "manager")


def test_a_day_of_another_programme_is_not_found(manager_client, day, people):
    other = ProgrammeFactory()
    for name in [
        "learning_day_register",
        "learning_day_sign_in_sheet",
        "learning_day_attendance_csv",
    ]:
        url = reverse(f"cohort:{name}", args=[other.slug, day.pk])
        assert manager_client.get(url).status_code == 404, name
    url = reverse("cohort:learning_day_register", args=[other.slug, day.pk])
    response = manager_client.post(url, {f"attendance-{people['raj'].pk}": "present"})
    assert response.status_code == 404
    assert attendance_of(people["raj"]) == [""]


# --- Query counts -----------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The same with one project's invitees or five's (see `add`).
        ("learning_day_register", 6),
        ("learning_day_sign_in_sheet", 5),
        ("learning_day_attendance_csv", 5),
    ],
)
def test_on_the_day_pages_queries_are_constant(manager_client, programme, day, name, expected):
    url = reverse(f"cohort:{name}", args=[programme.slug, day.pk])
    counter = iter(range(1000))

    def add(n):
        for _ in range(n):
            i = next(counter)
            project = project_in(programme)
            ProjectMember.objects.create(project=project, position=1, name=f"M{i}")
            original = invite(
                day, project, f"P{i}", f"p{i}@example.org", InvitationAnswer.SENT_SOMEONE_ELSE
            )
            invite(day, project, f"S{i}", f"s{i}@example.org", substitute_for=original)
            invite(day, project, f"D{i}", f"d{i}@example.org", InvitationAnswer.DECLINED)
            invite(
                day,
                project,
                f"A{i}",
                f"a{i}@example.org",
                attendance=Attendance.PRESENT,
                attendance_recorded_at=NOW,
            )

    add(1)
    one = count_queries(manager_client, url)
    add(4)
    several = count_queries(manager_client, url)
    assert one == several == expected
