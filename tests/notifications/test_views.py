"""The outbox for programme managers: filters, bulk hold and release, retry, cancel, compose."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from notifications import services
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from tests.factories import ProgrammeFactory, UserFactory, council_user
from tests.notifications.scripted_smtp import REJECTED

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def write(to_email="officer@example.org", *, status=EmailStatus.QUEUED, **fields) -> OutboundEmail:
    arguments = {
        "kind": "application_submitted",
        "to_email": to_email,
        "subject": "Expression of interest received",
        "body_text": "Hello",
        "reason": "Test",
    } | fields
    return OutboundEmail.objects.create(status=status, **arguments)


@pytest.fixture
def manager():
    return UserFactory(role=StaffRole.PROGRAMME_MANAGER, name="Morgan Manager")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def statuses(*emails) -> list[str]:
    return [OutboundEmail.objects.get(pk=e.pk).status for e in emails]


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["council", StaffRole.REVIEWER, StaffRole.CONSULTANT], ids=["council", "rev", "cons"]
)
def test_only_programme_managers_reach_the_outbox(client, who):
    email = write()
    client.force_login(council_user() if who == "council" else UserFactory(role=who))
    for url in [
        reverse("notifications:outbox"),
        reverse("notifications:email", args=[email.pk]),
        reverse("notifications:compose"),
    ]:
        assert client.get(url).status_code == 403, url
    for url, data in [
        (reverse("notifications:actions"), {"action": "cancel", "emails": [email.pk]}),
        (reverse("notifications:compose"), {"recipients": "a@example.org", "subject": "s"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert statuses(email) == [EmailStatus.QUEUED]
    assert OutboundEmail.objects.count() == 1


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(reverse("notifications:compose"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The list ---------------------------------------------------------------------------------


def test_outbox_filters_by_status_kind_and_recipient(manager_client):
    write("alex@example.org", subject="Received A")
    write("sam@example.org", subject="Received B", status=EmailStatus.SENT, sent_at=SENT_AT)
    write("sam@example.org", kind="draft_reminder", subject="Reminder")
    write("pat@example.org", kind="draft_reminder", subject="Reminder", to_name="Pat Sam-Jones")

    def subjects(**query):
        response = manager_client.get(reverse("notifications:outbox"), query)
        assert response.status_code == 200
        return sorted(email.subject for email in response.context["page"])

    assert subjects(status="sent") == ["Received B"]
    assert subjects(kind="draft_reminder") == ["Reminder", "Reminder"]
    assert subjects(q="sam") == ["Received B", "Reminder", "Reminder"]
    assert subjects(q="sam", kind="application_submitted") == ["Received B"]
    assert subjects(q="sam", kind="application_submitted", status="queued") == []
    response = manager_client.get(reverse("notifications:outbox"), {"q": "sam"})
    assert response.context["kinds"] == [
        ("application_submitted", "Expression of interest received", 1),
        ("draft_reminder", "Reminder to finish a draft", 2),
    ]
    assert response.context["page"].paginator.count == 3
    assert "Reminder to finish a draft (2)" in response.content.decode()


def test_outbox_pages_keep_the_filters(manager_client):
    for n in range(51):
        write(f"p{n}@example.org", kind="draft_reminder")
    response = manager_client.get(reverse("notifications:outbox"), {"kind": "draft_reminder"})
    assert "?kind=draft_reminder&amp;page=2" in response.content.decode()
    second = manager_client.get(
        reverse("notifications:outbox"), {"kind": "draft_reminder", "page": 2}
    )
    assert len(second.context["page"]) == 1


def count_queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", [{}, {"status": "failed"}, {"kind": "draft_reminder", "q": "example"}]
)
def test_outbox_queries_do_not_grow_with_emails(manager_client, query):
    url = reverse("notifications:outbox")
    write(
        status=EmailStatus.FAILED,
        kind="draft_reminder",
        last_error=REJECTED,
        scope=ProgrammeFactory(),
    )
    one = count_queries(manager_client, url, query)
    for n in range(4):
        programme = ProgrammeFactory()
        write(
            f"p{n}@example.org", status=EmailStatus.FAILED, kind="draft_reminder", scope=programme
        )
        write(f"q{n}@example.org", kind=f"kind_{n}", scope=programme)
    # 7 + the scheduler's heartbeat and the oldest queued email
    assert count_queries(manager_client, url, query) == one == 9


def test_outbox_filters_by_programme(manager_client):
    cohort_call, other_call = ProgrammeFactory(title="Cohort call"), ProgrammeFactory(title="Other")
    write("mine@example.org", scope=cohort_call)
    write("theirs@example.org", scope=other_call)
    write("nobodys@example.org")

    everything = manager_client.get(reverse("notifications:outbox"))
    value = next(v for v, label in everything.context["scopes"] if label == "Cohort call")
    filtered = manager_client.get(reverse("notifications:outbox"), {"programme": value})

    assert [e.to_email for e in filtered.context["page"]] == ["mine@example.org"]
    page = filtered.content.decode()
    assert f'<option value="{value}" selected>Cohort call</option>' in page
    assert "Clear filters" in page


def test_failed_email_shows_the_servers_answer(manager_client, scripted_sink):
    email = services.queue_rendered_email(
        kind="test", to_email="reject-me@example.org", subject="Hi", body_text="b", reason="r"
    )  # sent on commit: in a test transaction, never; send it now
    assert services.send_outbound_email(email_id=email.pk) is False
    listing = manager_client.get(reverse("notifications:outbox"), {"status": "failed"})
    assert REJECTED in listing.content.decode()
    page = manager_client.get(reverse("notifications:email", args=[email.pk])).content.decode()
    assert "Why it failed" in page and REJECTED in page
    assert "Try sending it again" in page


# --- Hold, release, cancel, retry -------------------------------------------------------------


def act(client, action, emails, **extra):
    return client.post(
        reverse("notifications:actions"),
        {"action": action, "emails": [e.pk for e in emails], **extra},
        follow=True,
    )


def test_hold_then_release_in_bulk(manager_client, smtp_sink, django_capture_on_commit_callbacks):
    queued = [write(f"q{n}@example.org") for n in range(3)]
    sent = write("done@example.org", status=EmailStatus.SENT, sent_at=SENT_AT)

    response = act(manager_client, "hold", [*queued, sent])
    assert "3 emails held for review." in response.content.decode()
    assert statuses(*queued, sent) == ["held", "held", "held", "sent"]

    with django_capture_on_commit_callbacks(execute=True):
        response = act(manager_client, "release", queued[:2])
    assert "2 emails released." in response.content.decode()
    assert statuses(*queued) == ["sent", "sent", "held"]
    assert [len(smtp_sink.to(f"q{n}@example.org")) for n in range(3)] == [1, 1, 0]


def test_a_held_email_is_not_sent_by_its_queued_task(smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as tasks:
        email = services.queue_rendered_email(
            kind="test", to_email="a@example.org", subject="s", body_text="b", reason="r"
        )
    assert services.hold_emails(email_ids=[email.pk]) == 1
    for task in tasks:
        task()
    assert statuses(email) == [EmailStatus.HELD]
    assert smtp_sink.to("a@example.org") == []


def test_cancel_queued_and_held_but_not_sent(manager_client):
    queued, held = write("a@example.org"), write("b@example.org", status=EmailStatus.HELD)
    sent = write("c@example.org", status=EmailStatus.SENT, sent_at=SENT_AT)
    response = act(manager_client, "cancel", [queued, held, sent])
    assert "2 emails cancelled." in response.content.decode()
    assert statuses(queued, held, sent) == ["cancelled", "cancelled", "sent"]


def test_retry_a_failed_email(manager_client, smtp_sink, django_capture_on_commit_callbacks):
    failed = write(status=EmailStatus.FAILED, attempts=services.MAX_ATTEMPTS, last_error=REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            manager_client,
            "retry",
            [failed],
            next=reverse("notifications:email", args=[failed.pk]),
        )
    assert response.redirect_chain == [(reverse("notifications:email", args=[failed.pk]), 302)]
    assert "1 email queued to be sent again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (EmailStatus.SENT, 1, "")
    assert len(smtp_sink.to("officer@example.org")) == 1


def test_an_action_that_applies_to_nothing_says_so(manager_client):
    sent = write(status=EmailStatus.SENT, sent_at=SENT_AT)
    response = act(manager_client, "retry", [sent])
    assert (
        "No emails were queued to be sent again: this only applies to emails that are failed."
        in (response.content.decode())
    )
    response = act(manager_client, "release", [])
    assert "Select at least one email" in response.content.decode()


def test_actions_only_go_back_to_this_site(manager_client):
    email = write()
    response = manager_client.post(
        reverse("notifications:actions"),
        {"action": "hold", "emails": [email.pk], "next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("notifications:outbox")


def test_email_page_offers_the_actions_for_its_status(manager_client):
    held, queued = write(status=EmailStatus.HELD), write()
    held_page = manager_client.get(reverse("notifications:email", args=[held.pk])).content.decode()
    assert "Release it" in held_page and "Cancel it" in held_page
    assert "Hold it for review" not in held_page
    queued_page = manager_client.get(reverse("notifications:email", args=[queued.pk]))
    assert "Hold it for review" in queued_page.content.decode()


# --- Compose ----------------------------------------------------------------------------------


def compose(client, **data):
    form = {
        "recipients": "alex@example.org\nsam@example.org",
        "subject": "Learning day 2",
        "body": "Hello",
        "hold": "yes",
    } | data
    return client.post(reverse("notifications:compose"), form, follow=True)


def test_compose_holds_one_email_each_for_review(manager_client, manager):
    response = compose(
        manager_client,
        recipients=" alex@example.org \n\nSam@Example.org\nsam@example.org\n",
        body="Tom & Jerry <script>alert(1)</script>\n\nSecond paragraph",
    )
    assert "2 emails held for review." in response.content.decode()
    emails = OutboundEmail.objects.order_by("to_email")
    assert [(e.to_email, e.status, e.kind) for e in emails] == [
        ("Sam@Example.org", "held", "composed"),
        ("alex@example.org", "held", "composed"),
    ]
    email = emails[0]
    assert email.subject == "Learning day 2"
    assert email.created_by == manager
    assert email.reason == "Written in the outbox by Morgan Manager."
    assert email.body_text.startswith("Tom & Jerry <script>alert(1)</script>\n\nSecond paragraph")
    assert "<p>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</p>" in email.body_html
    assert "<p>Second paragraph</p>" in email.body_html


def test_compose_can_send_at_once(manager_client, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = compose(manager_client, hold="no", subject="Café & co")
    assert "2 emails queued to be sent." in response.content.decode()
    [message] = smtp_sink.to("sam@example.org")
    assert message["Subject"] == "Café & co"
    assert message.get_body(("plain",)).get_content().splitlines()[:3] == [
        "Hello",
        "",
        "Peer Learning team",
    ]


def test_compose_names_the_lines_that_are_not_addresses(manager_client):
    response = compose(manager_client, recipients="alex@example.org\nnot an address\nsam@")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Not email addresses: ‘not an address’, ‘sam@’" in page
    assert OutboundEmail.objects.count() == 0


def test_compose_requires_every_field(manager_client):
    response = manager_client.post(reverse("notifications:compose"), {})
    page = response.content.decode()
    for message in [
        "Choose a group or enter at least one email address",
        "Enter a subject",
        "Enter a message",
    ]:
        assert message in page
