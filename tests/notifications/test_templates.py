"""Editable email templates per programme: named ((placeholders)), unknown ones refused on save
by name, preview with a real object before saving, and escaping right in both bodies."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import BoardContactRole, Section
from applications.services import reminders
from applications.services.board import answer_board_confirmation, request_board_confirmation
from applications.services.information import request_more_information
from applications.services.reviews import assign_reviewer
from notifications import editable, services
from notifications.models import EmailTemplate, OutboundEmail
from programmes import services as programme_services
from programmes.models import Programme
from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    council_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db

KIND = reminders.KIND
EDITABLE_KINDS = [k.kind for k in editable.editable_kinds()]
EDITABLE_DIR = Path(__file__).resolve().parents[2] / "templates" / "emails" / "editable"


def edit_url(programme) -> str:
    scope_type = ContentType.objects.get_for_model(Programme).pk
    return reverse("notifications:template", args=[KIND, scope_type, programme.pk])


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Morgan Manager")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_the_default_wording_ships_as_a_file():
    wording = editable.default_wording(KIND)
    assert wording.subject.startswith("Reminder: your expression of interest in “((programme))”")
    assert "Applications close ((time left)): ((closing date))." in wording.body
    assert wording.template is None
    # Every placeholder in the default is one the email has.
    editable.check_placeholders(
        editable.editable_kind(KIND), subject=wording.subject, body=wording.body
    )


@pytest.mark.parametrize("kind", EDITABLE_KINDS)
def test_every_editable_kind_ships_a_default_that_uses_only_its_placeholders(kind):
    editable_kind = editable.editable_kind(kind)
    assert (EDITABLE_DIR / f"{kind}.txt").is_file()
    wording = editable.default_wording(kind)
    assert wording.subject and not wording.subject.startswith("Subject:")
    assert wording.body.strip()
    editable.check_placeholders(editable_kind, subject=wording.subject, body=wording.body)
    assert editable_kind.name and editable_kind.description
    assert all(meaning for meaning in editable_kind.placeholders.values())
    assert set(editable_kind.required) <= set(editable_kind.placeholders)


@pytest.fixture
def busy_programme(manager):
    """A programme with something real for every preview: a submitted application with a team,
    a reviewer, a board's answer, a question to the council, a draft, community sign-ups."""
    programme = ProgrammeFactory(title="Children’s mental health")
    application = submitted_application(
        programme=programme, organisation=OrganisationFactory(name="Demoshire Council")
    )
    owner = council_user(organisation=application.organisation, name="Ana O'Neill")
    application.submitted_by = owner
    application.save()
    assign_reviewer(
        application_id=application.pk,
        reviewer=UserFactory(role=StaffRole.REVIEWER, name="Rae Reviewer"),
        by=manager,
    )
    confirmation = request_board_confirmation(
        application_id=application.pk,
        contact_name="Dr Rhiannon Price",
        contact_email="chair@hwb.example.org",
        contact_role=BoardContactRole.CHAIR,
        by=owner,
    )
    answer_board_confirmation(token=confirmation.token, supported=True, comment="Agreed.")
    request_more_information(
        application_id=application.pk,
        section=Section.ISSUE,
        question="Which services?",
        by=manager,
    )
    person = council_user(name="Dee Drafter")
    ApplicationFactory(
        programme=programme, organisation=person.memberships.get().organisation, created_by=person
    )
    programme_services.sign_up_to_community(
        programme=programme,
        name="Siân Jones",
        email="sian@example.org",
        organisation_name="Kent",
        job_title="",
        consent_to_contact=True,
    )
    return programme


@pytest.mark.parametrize("kind", EDITABLE_KINDS)
@pytest.mark.parametrize("has_objects", [False, True], ids=["empty programme", "busy programme"])
def test_every_editable_kind_previews_with_every_placeholder_filled(kind, has_objects, request):
    programme = request.getfixturevalue("busy_programme") if has_objects else ProgrammeFactory()
    editable_kind = editable.editable_kind(kind)
    values = editable_kind.sample(programme)
    assert set(editable_kind.placeholders) <= set(values)
    assert all(isinstance(value, str) for value in values.values())
    rendered = editable.render(editable.default_wording(kind), values)
    for text in [rendered.subject, rendered.body_text, rendered.body_html]:
        assert not editable.PLACEHOLDER.search(text), (kind, text)
    assert programme.title in rendered.subject + rendered.body_text


def test_previews_of_the_applications_emails_use_the_programmes_own_objects(busy_programme):
    def sample(kind):
        return editable.editable_kind(kind).sample(busy_programme)

    assert sample("application_submitted")["council"] == "Demoshire Council"
    assert sample("application_submitted")["name"] == "Ana O'Neill"
    assert sample("information_requested")["question"] == "Which services?"
    assert sample("reviewer_assigned")["name"] == "Rae Reviewer"
    assert sample("board_confirmation_answered")["comment"] == "Agreed."
    assert sample("board_confirmation_request")["name"] == "Dr Rhiannon Price"
    assert sample("board_confirmation_request")["link"].endswith("/board/confirm/example/")
    assert sample("community_signup_confirmation")["name"] == "Siân Jones"
    assert sample("draft_reminder")["name"] == "Dee Drafter"
    # Nothing real to show: clearly made-up values.
    assert sample("peer_partner_offer_confirmation")["name"] == "Alex Example"


def test_unknown_placeholder_is_refused_on_save_naming_it(manager_client):
    programme = ProgrammeFactory()
    response = manager_client.post(
        edit_url(programme),
        {
            "subject": "Reminder for ((council))",
            "body": "Dear ((nmae)), ((link))",
            "action": "save",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Unknown placeholder ((nmae)). You can use ((name)), ((council))" in page
    assert not EmailTemplate.objects.exists()


def test_the_service_refuses_unknown_placeholders_too(manager):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as error:
        services.save_email_template(
            kind=KIND,
            scope=programme,
            subject="((deadline))",
            body="((name)) ((x)) ((y)) ((x))",
            by=manager,
        )
    assert error.value.message_dict["subject"][0].startswith("Unknown placeholder ((deadline)).")
    assert error.value.message_dict["body"][0].startswith("Unknown placeholders ((x)), ((y)).")


@pytest.mark.parametrize(
    "kind",
    ["board_confirmation_request", "learning_day_invitation", "learning_day_answer_reminder"],
)
def test_a_link_the_recipient_answers_through_cannot_be_removed(manager, kind):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as error:
        services.save_email_template(
            kind=kind, scope=programme, subject="Please answer", body="Dear ((name)).", by=manager
        )
    [message] = error.value.message_dict["body"]
    assert message.startswith("Keep ((link)) in the message: it is ")
    assert not EmailTemplate.objects.exists()
    services.save_email_template(
        kind=kind,
        scope=programme,
        subject="Please answer",
        body="Dear ((name)), answer at ((link)).",
        by=manager,
    )
    assert EmailTemplate.objects.get().body == "Dear ((name)), answer at ((link))."


def test_preview_uses_a_real_application_and_saves_nothing(manager_client):
    programme = ProgrammeFactory(title="Children’s mental health")
    organisation = OrganisationFactory(name="Demoshire County Council")
    ApplicationFactory(
        programme=programme,
        organisation=organisation,
        created_by=council_user(organisation=organisation, name="Alex Applicant"),
    )
    response = manager_client.post(
        edit_url(programme),
        {
            "subject": "((council)): ((time left))",
            "body": "Dear ((name)),\n\nIt closes ((closing date)).",
            "action": "preview",
        },
    )
    page = response.content.decode()
    preview = response.context["preview"]
    assert preview.subject == "Demoshire County Council: tomorrow"
    assert preview.body_text.startswith("Dear Alex Applicant,\n\nIt closes ")
    assert "Dear Alex Applicant," in page
    assert not EmailTemplate.objects.exists()


def test_text_is_escaped_once_in_html_and_not_at_all_in_plain_text():
    wording = editable.Wording(
        subject="((council)) & co",
        body="Fish & chips for ((council)).\n\nSee ((link))",
        template=None,
    )
    rendered = editable.render(
        wording,
        {"council": "<b>Smith & Sons</b>", "link": "https://example.org/a?b=1&c=2"},
    )
    assert rendered.subject == "<b>Smith & Sons</b> & co"
    assert rendered.body_text == (
        "Fish & chips for <b>Smith & Sons</b>.\n\nSee https://example.org/a?b=1&c=2"
    )
    assert "<p>Fish &amp; chips for &lt;b&gt;Smith &amp; Sons&lt;/b&gt;.</p>" in rendered.body_html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in rendered.body_html
    assert "&amp;amp;" not in rendered.body_html
    assert "<title>&lt;b&gt;Smith &amp; Sons&lt;/b&gt; &amp; co</title>" in rendered.body_html


def test_saved_wording_is_used_for_that_programme_only(
    manager_client, manager, django_capture_on_commit_callbacks
):
    london = datetime.timezone(datetime.timedelta(hours=1))
    closes_at = datetime.datetime(2026, 6, 12, 17, tzinfo=london)
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC), tick=False):
        own, other = (ProgrammeFactory(closes_at=closes_at) for _ in range(2))
        for programme in (own, other):
            person = council_user()
            ApplicationFactory(
                programme=programme,
                organisation=person.memberships.get().organisation,
                created_by=person,
            )
    response = manager_client.post(
        edit_url(own),
        {
            "subject": "Only ((time left)) left",
            "body": "Hello ((name)) & welcome.\r\n\r\nGo to ((link))",
            "action": "save",
        },
        follow=True,
    )
    assert "‘Reminder to finish a draft’ has been saved" in response.content.decode()
    template = EmailTemplate.objects.get()
    assert (template.scope, template.updated_by, template.body) == (
        own,
        manager,
        "Hello ((name)) & welcome.\n\nGo to ((link))",
    )

    with time_machine.travel(datetime.datetime(2026, 6, 11, 16, 5, tzinfo=datetime.UTC)):
        assert reminders.queue_due_draft_reminders() == 2
    mine = OutboundEmail.objects.get(related_id=own.applications.get().pk)
    theirs = OutboundEmail.objects.get(related_id=other.applications.get().pk)
    assert mine.subject == "Only tomorrow left"
    assert mine.body_text.startswith("Hello ")
    assert "&amp; welcome" in mine.body_html and "& welcome" in mine.body_text
    assert theirs.subject.startswith("Reminder: your expression of interest")


def test_going_back_to_the_default(manager_client, manager):
    programme = ProgrammeFactory()
    services.save_email_template(
        kind=KIND, scope=programme, subject="Own", body="((name))", by=manager
    )
    page = manager_client.get(edit_url(programme)).content.decode()
    assert "This programme has its own wording" in page
    assert 'value="Own"' in page
    response = manager_client.post(edit_url(programme), {"action": "reset"}, follow=True)
    assert "back to the default wording" in response.content.decode()
    assert not EmailTemplate.objects.exists()


def test_templates_list_queries_do_not_grow_with_programmes(manager_client, manager):
    url = reverse("notifications:templates")
    services.save_email_template(
        kind=KIND, scope=ProgrammeFactory(), subject="s", body="b", by=manager
    )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = manager_client.get(url)
        assert response.status_code == 200
        return len(captured), response

    one, _ = queries()
    for _ in range(3):
        services.save_email_template(
            kind=KIND, scope=ProgrammeFactory(), subject="s", body="b", by=manager
        )
    several, response = queries()
    assert one == several
    assert len(response.context["scopes"]) == 4


def test_templates_list_shows_one_programme_at_a_time_grouped_by_area(manager_client, manager):
    older = ProgrammeFactory(title="The 2018 call", closes_at=timezone.now())
    newer = ProgrammeFactory(
        title="The 2027 call", closes_at=timezone.now() + datetime.timedelta(days=300)
    )
    services.save_email_template(kind=KIND, scope=older, subject="s", body="b", by=manager)
    url = reverse("notifications:templates")

    newest_first = manager_client.get(url)
    assert newest_first.context["chosen"] == newer
    assert "Changed by Morgan Manager" not in newest_first.content.decode()

    value = next(v for v, scope in newest_first.context["scopes"] if scope == older)
    chosen = manager_client.get(url, {"programme": value})
    page = chosen.content.decode()
    assert chosen.context["chosen"] == older
    assert page.count("Changed by Morgan Manager") == 1
    groups = chosen.context["groups"]
    assert list(groups) == sorted(groups)
    assert "Learning days" in groups and "Decisions" in groups
    assert [row["kind"].kind for row in groups["Applying"]] == [
        "application_submitted",
        "application_withdrawn",
        "draft_reminder",
    ]
    assert sum(len(rows) for rows in groups.values()) == len(EDITABLE_KINDS)


def test_saving_returns_to_the_programmes_list_of_emails(manager_client):
    programme = ProgrammeFactory()
    response = manager_client.post(
        edit_url(programme),
        {"subject": "Reminder", "body": "Dear ((name)), ((link))", "action": "save"},
    )
    scope_type = ContentType.objects.get_for_model(Programme).pk
    assert response["Location"] == (
        f"{reverse('notifications:templates')}?programme={scope_type}-{programme.pk}"
    )


@pytest.mark.parametrize("who", ["council", StaffRole.REVIEWER, StaffRole.CONSULTANT])
def test_only_programme_managers_edit_templates(client, who):
    programme = ProgrammeFactory()
    client.force_login(council_user() if who == "council" else UserFactory(role=who))
    assert client.get(reverse("notifications:templates")).status_code == 403
    assert client.get(edit_url(programme)).status_code == 403
    response = client.post(edit_url(programme), {"subject": "s", "body": "b", "action": "save"})
    assert response.status_code == 403
    assert not EmailTemplate.objects.exists()


def test_unknown_kind_or_scope_is_not_found(manager_client):
    programme = ProgrammeFactory()
    scope_type = ContentType.objects.get_for_model(Programme).pk
    user_type = ContentType.objects.get_for_model(UserFactory._meta.model).pk
    for args in [
        ["no_such_email", scope_type, programme.pk],
        [KIND, user_type, programme.pk],
        [KIND, scope_type, programme.pk + 1000],
    ]:
        response = manager_client.get(reverse("notifications:template", args=args))
        assert response.status_code == 404, args
