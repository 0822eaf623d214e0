"""Who acts for an organisation. A member sees and changes everything of their organisation's, so
nobody becomes one by choosing it from a list: they join from an address at one of its domains,
or ask and are approved by a member (or, where there are none, a programme manager)."""

import csv
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import StaffRole
from notifications.models import OutboundEmail
from programmes.enums import MembershipAction, MembershipRequestStatus
from programmes.models import (
    Membership,
    MembershipEvent,
    MembershipRequest,
    Organisation,
    OrganisationDomain,
)
from programmes.services import membership as services
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    complete_application,
    council_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def barnsley():
    organisation = OrganisationFactory(name="Barnsley Metropolitan Borough Council")
    OrganisationDomain.objects.create(organisation=organisation, domain="barnsley.gov.uk")
    return organisation


@pytest.fixture
def barnsley_application(barnsley):
    return complete_application(ApplicationFactory(organisation=barnsley))


@pytest.fixture
def member(barnsley):
    return council_user(organisation=barnsley, email="lead@barnsley.gov.uk", name="Lee Lead")


def application_url(application):
    return reverse("applications:overview", args=[application.pk])


def emails_to(address):
    return list(OutboundEmail.objects.filter(to_email=address).order_by("pk"))


def history(organisation):
    return list(
        MembershipEvent.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- Taking over a council: every path is closed ------------------------------------------------


def test_stranger_choosing_a_council_is_asked_to_request_and_sees_nothing(
    client, barnsley, barnsley_application, member
):
    stranger = UserFactory(email="someone@elsewhere.org.uk")
    client.force_login(stranger)

    response = client.post(reverse("programmes:choose_organisation"), {"organisation": barnsley.pk})

    assert response.status_code == 302
    assert response.url.startswith(reverse("programmes:ask_to_join", args=[barnsley.pk]))
    assert not Membership.objects.filter(user=stranger).exists()
    assert client.get(application_url(barnsley_application)).status_code == 404
    assert client.get(reverse("applications:mine")).status_code == 302  # back to the picker


def test_stranger_with_a_request_waiting_still_sees_nothing(
    client, barnsley, barnsley_application, member
):
    stranger = UserFactory(email="someone@elsewhere.org.uk")
    services.request_membership(user=stranger, organisation=barnsley, role="Analyst")
    client.force_login(stranger)

    assert client.get(application_url(barnsley_application)).status_code == 404
    page = client.get(reverse("programmes:your_organisation"), follow=True).content.decode()
    assert "lead@barnsley.gov.uk" not in page
    assert "Waiting for a decision" in page


@pytest.mark.parametrize("role", [StaffRole.REVIEWER, StaffRole.CONSULTANT])
def test_reviewers_and_consultants_cannot_join_or_ask(client, barnsley, barnsley_application, role):
    staff = UserFactory(role=role, email=f"{role.name.lower()}@barnsley.gov.uk")
    client.force_login(staff)

    assert client.get(reverse("programmes:choose_organisation")).status_code == 403
    chosen = client.post(reverse("programmes:choose_organisation"), {"organisation": barnsley.pk})
    asked = client.post(reverse("programmes:ask_to_join", args=[barnsley.pk]), {"role": "Staff"})

    assert (chosen.status_code, asked.status_code) == (403, 403)
    assert not Membership.objects.filter(user=staff).exists()
    assert not MembershipRequest.objects.filter(user=staff).exists()


def test_removed_member_loses_access_at_once(client, barnsley, barnsley_application, member):
    colleague = council_user(organisation=barnsley, email="colleague@barnsley.gov.uk")
    client.force_login(colleague)
    assert client.get(application_url(barnsley_application)).status_code == 200

    services.remove_member(
        membership=Membership.objects.get(user=colleague, organisation=barnsley), by=member
    )

    assert client.get(application_url(barnsley_application)).status_code == 404
    assert client.get(reverse("programmes:your_organisation")).status_code == 302


def test_unverified_address_at_the_domain_must_ask(client, barnsley, member):
    person = UserFactory(email="new.starter@barnsley.gov.uk")
    EmailAddress.objects.filter(user=person).update(verified=False)
    client.force_login(person)

    response = client.post(reverse("programmes:choose_organisation"), {"organisation": barnsley.pk})

    assert response.url.startswith(reverse("programmes:ask_to_join", args=[barnsley.pk]))
    assert not Membership.objects.filter(user=person).exists()


def test_join_service_refuses_an_address_elsewhere(barnsley):
    with pytest.raises(ValidationError):
        services.join_organisation(user=UserFactory(), organisation=barnsley)
    assert not Membership.objects.exists()


# --- Joining from the organisation's domain ----------------------------------------------------


@pytest.mark.parametrize("email", ["new.starter@barnsley.gov.uk", "head@schools.barnsley.gov.uk"])
def test_address_at_the_domain_or_a_subdomain_joins_at_once(
    client, barnsley, barnsley_application, member, email
):
    person = UserFactory(email=email, name="Nia Starter")
    client.force_login(person)

    response = client.post(reverse("programmes:choose_organisation"), {"organisation": barnsley.pk})

    assert response.status_code == 302
    assert person.memberships.get().organisation == barnsley
    assert client.get(application_url(barnsley_application)).status_code == 200
    assert history(barnsley) == [MembershipAction.JOINED_BY_DOMAIN]
    (told,) = emails_to("lead@barnsley.gov.uk")
    assert (
        told.subject
        == "Nia Starter now acts for Barnsley Metropolitan Borough Council on Peer Learning"
    )
    assert email in told.body_text and "remove them" in told.body_text


def test_lookalike_domain_is_not_the_organisations(client, barnsley):
    person = UserFactory(email="someone@notbarnsley.gov.uk")
    client.force_login(person)
    client.post(reverse("programmes:choose_organisation"), {"organisation": barnsley.pk})
    assert not Membership.objects.filter(user=person).exists()


def test_joining_another_organisation_leaves_the_first_on_record(barnsley, member):
    wakefield = OrganisationFactory(name="Wakefield Council")
    OrganisationDomain.objects.create(organisation=wakefield, domain="wakefield.gov.uk")
    mover = council_user(organisation=wakefield, email="mover@barnsley.gov.uk")

    services.join_organisation(user=mover, organisation=barnsley)

    assert list(mover.memberships.values_list("organisation__name", flat=True)) == [barnsley.name]
    assert history(wakefield) == [MembershipAction.LEFT]


# --- Asking to join ----------------------------------------------------------------------------


def test_ask_to_join_page_says_who_decides_and_emails_each_member(client, barnsley, member):
    second = council_user(organisation=barnsley, email="second@barnsley.gov.uk")
    person = UserFactory(email="partner@nhs.net", name="Pat Partner")
    client.force_login(person)

    page = client.get(reverse("programmes:ask_to_join", args=[barnsley.pk])).content.decode()
    assert "We will email the 2 people who already act for Barnsley" in page
    assert "lead@barnsley.gov.uk" not in page  # who they are is not the asker's business

    response = client.post(
        reverse("programmes:ask_to_join", args=[barnsley.pk]),
        {"role": "Children’s commissioning lead, NHS Barnsley"},
    )

    membership_request = MembershipRequest.objects.get(user=person)
    assert response.url == reverse("programmes:membership_request", args=[membership_request.pk])
    assert membership_request.status == MembershipRequestStatus.PENDING
    for address in ["lead@barnsley.gov.uk", second.email]:
        (email,) = emails_to(address)
        assert (
            email.subject
            == "Pat Partner asks to act for Barnsley Metropolitan Borough Council on Peer Learning"
        )
        assert "Children’s commissioning lead, NHS Barnsley" in email.body_text
        assert reverse("programmes:your_organisation") in email.body_text
    page = client.get(response.url).content.decode()
    assert "The 2 people who already act for Barnsley" in page and "have been emailed" in page
    assert history(barnsley) == [MembershipAction.REQUESTED]


def test_organisation_with_no_members_is_decided_by_a_programme_manager(client):
    organisation = OrganisationFactory(name="Rutland County Council")
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER, email="pm@lga.gov.uk")
    person = UserFactory(email="officer@hotmail.com")
    client.force_login(person)

    page = client.get(reverse("programmes:ask_to_join", args=[organisation.pk])).content.decode()
    assert "a programme manager at the Local Government Association will decide" in page
    client.post(reverse("programmes:ask_to_join", args=[organisation.pk]), {"role": "Officer"})

    (email,) = emails_to(manager.email)
    assert reverse("programmes:manage_organisation", args=[organisation.pk]) in email.body_text
    assert "a programme manager decides" in email.body_text


def test_asking_without_a_role_keeps_the_page_and_says_what_to_do(client, barnsley):
    client.force_login(UserFactory())
    response = client.post(reverse("programmes:ask_to_join", args=[barnsley.pk]), {"role": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your job title and team" in page and "govuk-error-summary" in page
    assert not MembershipRequest.objects.exists()


def test_asking_twice_keeps_one_request(client, barnsley, member):
    person = UserFactory()
    first = services.request_membership(user=person, organisation=barnsley, role="Analyst")
    again = services.request_membership(user=person, organisation=barnsley, role="Analyst")
    assert first == again and MembershipRequest.objects.count() == 1
    client.force_login(person)
    response = client.get(reverse("programmes:ask_to_join", args=[barnsley.pk]))
    assert response.url == reverse("programmes:membership_request", args=[first.pk])


def test_person_withdraws_their_request(client, barnsley, member):
    person = UserFactory()
    membership_request = services.request_membership(
        user=person, organisation=barnsley, role="Analyst"
    )
    client.force_login(person)
    client.post(reverse("programmes:withdraw_membership_request", args=[membership_request.pk]))
    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequestStatus.WITHDRAWN
    assert history(barnsley) == [MembershipAction.REQUESTED, MembershipAction.WITHDRAWN]


def test_someone_elses_request_is_not_found(client, barnsley, member):
    membership_request = services.request_membership(
        user=UserFactory(), organisation=barnsley, role="Analyst"
    )
    client.force_login(UserFactory())
    url = reverse("programmes:membership_request", args=[membership_request.pk])
    withdraw = reverse("programmes:withdraw_membership_request", args=[membership_request.pk])
    assert client.get(url).status_code == 404
    assert client.post(withdraw).status_code == 404
    membership_request.refresh_from_db()
    assert membership_request.is_pending


# --- Deciding ----------------------------------------------------------------------------------


@pytest.fixture
def waiting(barnsley, member):
    person = UserFactory(email="partner@nhs.net", name="Pat Partner")
    return services.request_membership(user=person, organisation=barnsley, role="CAMHS lead")


def decide(client, membership_request, decision):
    return client.post(
        reverse("programmes:decide_membership_request", args=[membership_request.pk]),
        {"decision": decision},
    )


def test_member_approves_and_the_person_gets_access(
    client, barnsley, barnsley_application, member, waiting
):
    second = council_user(organisation=barnsley, email="second@barnsley.gov.uk")
    OutboundEmail.objects.all().delete()
    client.force_login(member)

    page = client.get(reverse("programmes:your_organisation")).content.decode()
    assert "Pat Partner" in page and "CAMHS lead" in page
    response = decide(client, waiting, "approve")

    assert response.url == reverse("programmes:your_organisation")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == (MembershipRequestStatus.APPROVED, member)
    client.force_login(waiting.user)
    assert client.get(application_url(barnsley_application)).status_code == 200
    (told,) = emails_to("partner@nhs.net")
    assert told.subject == "You now act for Barnsley Metropolitan Borough Council on Peer Learning"
    assert len(emails_to(second.email)) == 1  # the other member hears of it
    assert emails_to(member.email) == []  # the one who approved does not need telling
    assert history(barnsley)[-1] == MembershipAction.APPROVED


def test_member_declines_and_the_person_is_told(
    client, barnsley, barnsley_application, member, waiting
):
    client.force_login(member)
    decide(client, waiting, "decline")
    waiting.refresh_from_db()
    assert waiting.status == MembershipRequestStatus.DECLINED
    assert not Membership.objects.filter(user=waiting.user).exists()
    (told,) = emails_to("partner@nhs.net")
    assert (
        told.subject == "Your request to act for Barnsley Metropolitan Borough Council was declined"
    )
    assert history(barnsley)[-1] == MembershipAction.DECLINED


def test_programme_manager_approves_from_the_organisation_page(client, barnsley, waiting):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(manager)
    page = client.get(
        reverse("programmes:manage_organisation", args=[barnsley.pk])
    ).content.decode()
    assert "Pat Partner" in page
    response = decide(client, waiting, "approve")
    assert response.url == reverse("programmes:manage_organisation", args=[barnsley.pk])
    assert Membership.objects.filter(user=waiting.user, organisation=barnsley).exists()


def test_second_decision_is_refused_with_a_message(client, barnsley, member, waiting):
    services.decline_membership_request(membership_request=waiting, by=member)
    client.force_login(member)
    response = decide(client, waiting, "approve")
    assert not Membership.objects.filter(user=waiting.user).exists()
    page = client.get(response.url).content.decode()
    assert "This request has already been declined" in page


def test_another_councils_member_cannot_decide(client, barnsley, waiting):
    outsider = council_user(email="lead@wakefield.gov.uk")
    client.force_login(outsider)
    assert decide(client, waiting, "approve").status_code == 404
    with pytest.raises(PermissionDenied):
        services.approve_membership_request(membership_request=waiting, by=outsider)
    waiting.refresh_from_db()
    assert waiting.is_pending


@pytest.mark.parametrize("role", [StaffRole.REVIEWER, StaffRole.CONSULTANT])
def test_reviewers_and_consultants_cannot_decide(client, waiting, role):
    client.force_login(UserFactory(role=role))
    assert decide(client, waiting, "approve").status_code == 403
    waiting.refresh_from_db()
    assert waiting.is_pending


# --- Removing ----------------------------------------------------------------------------------


def test_member_removes_a_colleague_after_confirming(client, barnsley, member):
    colleague = council_user(organisation=barnsley, email="old@barnsley.gov.uk", name="Olly Old")
    membership = Membership.objects.get(user=colleague)
    client.force_login(member)

    page = client.get(reverse("programmes:remove_member", args=[membership.pk])).content.decode()
    assert "Are you sure you want to remove Olly Old?" in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(reverse("programmes:remove_member", args=[membership.pk]))

    assert response.url == reverse("programmes:your_organisation")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    (told,) = emails_to("old@barnsley.gov.uk")
    assert (
        told.subject
        == "You no longer act for Barnsley Metropolitan Borough Council on Peer Learning"
    )
    assert "Lee Lead removed you" in told.body_text
    event = MembershipEvent.objects.get(action=MembershipAction.REMOVED)
    assert (event.person, event.actor) == (colleague, member)


def test_member_leaves(client, barnsley, member):
    client.force_login(member)
    membership = Membership.objects.get(user=member)
    page = client.get(reverse("programmes:remove_member", args=[membership.pk])).content.decode()
    assert "Are you sure you want to leave" in page
    response = client.post(reverse("programmes:remove_member", args=[membership.pk]))
    assert response.url == reverse("programmes:choose_organisation")
    assert not Membership.objects.filter(user=member).exists()
    assert emails_to(member.email) == []
    assert history(barnsley) == [MembershipAction.LEFT]


def test_another_councils_member_cannot_remove(client, barnsley, member):
    client.force_login(council_user())
    membership = Membership.objects.get(user=member)
    assert client.get(reverse("programmes:remove_member", args=[membership.pk])).status_code == 404
    assert client.post(reverse("programmes:remove_member", args=[membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_your_organisation_lists_colleagues_and_history(client, barnsley, member, waiting):
    council_user(organisation=barnsley, email="second@barnsley.gov.uk", name="Sam Second")
    services.decline_membership_request(membership_request=waiting, by=member)
    client.force_login(member)
    page = client.get(reverse("programmes:your_organisation")).content.decode()
    assert "Lee Lead (you)" in page and "Sam Second" in page and "second@barnsley.gov.uk" in page
    assert (
        "Lee Lead (lead@barnsley.gov.uk) declined Pat Partner (partner@nhs.net)’s request" in page
    )
    assert "barnsley.gov.uk join at once" in page


# --- Domains -----------------------------------------------------------------------------------


def test_programme_manager_sets_domains(client, barnsley):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    client.force_login(manager)
    response = client.post(
        reverse("programmes:organisation_domains", args=[barnsley.pk]),
        {"domains": "barnsley.gov.uk\n@Barnsley-Schools.org.uk, www.barnsley.gov.uk"},
    )
    assert response.url == reverse("programmes:manage_organisation", args=[barnsley.pk])
    assert list(barnsley.domains.values_list("domain", flat=True)) == [
        "barnsley-schools.org.uk",
        "barnsley.gov.uk",
    ]
    assert history(barnsley) == [MembershipAction.DOMAINS_CHANGED]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("gov.uk", "gov.uk is shared by many organisations"),
        ("nhs.net", "nhs.net is shared by many organisations"),
        ("gmail.com", "gmail.com is shared by many organisations"),
        ("uk", "‘uk’ is not an email domain"),
        ("barnsley gov uk", "‘barnsley’ is not an email domain"),
        ("wakefield.gov.uk", "wakefield.gov.uk is already a domain of Wakefield Council"),
    ],
)
def test_bad_domains_are_refused_next_to_the_field_and_kept(client, barnsley, typed, message):
    wakefield = OrganisationFactory(name="Wakefield Council")
    OrganisationDomain.objects.create(organisation=wakefield, domain="wakefield.gov.uk")
    client.force_login(UserFactory(role=StaffRole.PROGRAMME_MANAGER))
    response = client.post(
        reverse("programmes:organisation_domains", args=[barnsley.pk]), {"domains": typed}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'") and "govuk-error-summary" in page
    assert typed in page
    assert list(barnsley.domains.values_list("domain", flat=True)) == ["barnsley.gov.uk"]


def test_load_organisations_carries_domains(tmp_path):
    path = tmp_path / "organisations.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "kind", "region", "gss_code", "latitude", "longitude", "domains"])
        writer.writerow(["Kent County Council", "county", "south_east", "", "", "", "kent.gov.uk"])
        writer.writerow(["Medway Council", "unitary", "south_east", "", "", "", ""])
    call_command("load_organisations", file=path, stdout=io.StringIO())
    assert list(OrganisationDomain.objects.values_list("organisation__name", "domain")) == [
        ("Kent County Council", "kent.gov.uk")
    ]


def test_shipped_list_of_organisations_has_valid_unique_domains():
    call_command("load_organisations", stdout=io.StringIO())
    assert OrganisationDomain.objects.count() >= 150
    barnsley = Organisation.objects.get(name="Barnsley Metropolitan Borough Council")
    assert list(barnsley.domains.values_list("domain", flat=True)) == ["barnsley.gov.uk"]


# --- Where people land after signing in --------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (StaffRole.PROGRAMME_MANAGER, "programmes:manage"),
        (StaffRole.REVIEWER, "applications:reviews"),
        (StaffRole.CONSULTANT, "cohort:my_projects"),
    ],
)
def test_staff_land_on_their_own_home_page(client, role, expected):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("after_sign_in")).url == reverse(expected)


def test_council_people_land_by_where_they_stand(client, barnsley, member):
    client.force_login(member)
    assert client.get(reverse("after_sign_in")).url == reverse("applications:mine")
    asker = UserFactory()
    membership_request = services.request_membership(
        user=asker, organisation=barnsley, role="Analyst"
    )
    client.force_login(asker)
    assert client.get(reverse("after_sign_in")).url == reverse(
        "programmes:membership_request", args=[membership_request.pk]
    )
    client.force_login(UserFactory())
    assert client.get(reverse("after_sign_in")).url == reverse("programmes:choose_organisation")


# --- Every page, every role --------------------------------------------------------------------

ROLES = ["anonymous", "member", "other_council", "asker", "reviewer", "consultant", "manager"]


@pytest.fixture
def world(barnsley, member, waiting):
    return {
        "anonymous": None,
        "member": member,
        "other_council": council_user(email="lead@wakefield.gov.uk"),
        "asker": waiting.user,
        "reviewer": UserFactory(role=StaffRole.REVIEWER),
        "consultant": UserFactory(role=StaffRole.CONSULTANT),
        "manager": UserFactory(role=StaffRole.PROGRAMME_MANAGER),
    }


def page_statuses(barnsley, member, waiting):
    membership = Membership.objects.get(user=member)
    pk = barnsley.pk
    # url: {role: expected status of GET}; 302 for anonymous is the sign-in page.
    return {
        reverse("programmes:choose_organisation"): {
            "member": 200, "other_council": 200, "asker": 200,
            "reviewer": 403, "consultant": 403, "manager": 403,
        },
        reverse("programmes:ask_to_join", args=[pk]): {
            "member": 200, "other_council": 200, "asker": 302,
            "reviewer": 403, "consultant": 403, "manager": 403,
        },
        reverse("programmes:membership_request", args=[waiting.pk]): {
            "member": 404, "other_council": 404, "asker": 200,
            "reviewer": 403, "consultant": 403, "manager": 403,
        },
        reverse("programmes:your_organisation"): {
            "member": 200, "other_council": 200, "asker": 302,
            "reviewer": 403, "consultant": 403, "manager": 403,
        },
        reverse("programmes:remove_member", args=[membership.pk]): {
            "member": 200, "other_council": 404, "asker": 404,
            "reviewer": 403, "consultant": 403, "manager": 200,
        },
        reverse("programmes:manage_organisations"): {
            "member": 403, "other_council": 403, "asker": 403,
            "reviewer": 403, "consultant": 403, "manager": 200,
        },
        reverse("programmes:membership_requests"): {
            "member": 403, "other_council": 403, "asker": 403,
            "reviewer": 403, "consultant": 403, "manager": 200,
        },
        reverse("programmes:manage_organisation", args=[pk]): {
            "member": 403, "other_council": 403, "asker": 403,
            "reviewer": 403, "consultant": 403, "manager": 200,
        },
        reverse("programmes:organisation_domains", args=[pk]): {
            "member": 403, "other_council": 403, "asker": 403,
            "reviewer": 403, "consultant": 403, "manager": 200,
        },
    }  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_membership_pages_by_role(client, world, barnsley, member, waiting, role):
    if world[role]:
        client.force_login(world[role])
    for url, expected in page_statuses(barnsley, member, waiting).items():
        status = client.get(url).status_code
        if role == "anonymous":
            assert status == 302, url
        else:
            assert status == expected[role], (url, role)


@pytest.mark.parametrize("role", ROLES)
def test_membership_changes_by_role(client, world, barnsley, member, waiting, role):
    """Only a member or a programme manager decides; nobody else changes anything."""
    if world[role]:
        client.force_login(world[role])
    membership = Membership.objects.get(user=member)
    decide_status = decide(client, waiting, "decline").status_code
    domains_status = client.post(
        reverse("programmes:organisation_domains", args=[barnsley.pk]), {"domains": "x.gov.uk"}
    ).status_code
    waiting.refresh_from_db()
    if role in ("member", "manager"):
        assert decide_status == 302 and waiting.status == MembershipRequestStatus.DECLINED
    else:
        assert decide_status in {"anonymous": (302,), "reviewer": (403,), "consultant": (403,)}.get(
            role, (404,)
        )
        assert waiting.is_pending
    if role == "manager":
        assert domains_status == 302
    else:
        assert domains_status in (302, 403) and list(
            barnsley.domains.values_list("domain", flat=True)
        ) == ["barnsley.gov.uk"]
    if role not in ("member", "manager"):
        remove = client.post(reverse("programmes:remove_member", args=[membership.pk]))
        assert remove.status_code in (302, 403, 404)
        assert Membership.objects.filter(pk=membership.pk).exists()


# --- Escaping and query counts -----------------------------------------------------------------


def test_typed_text_is_escaped_in_emails_and_pages(client, barnsley, member):
    asker = UserFactory(name="<b>Bold</b>")
    services.request_membership(
        user=asker, organisation=barnsley, role="<script>alert(1)</script> http://evil.test"
    )
    (email,) = emails_to(member.email)
    assert "<script>" not in email.body_html and "&lt;script&gt;" in email.body_html
    assert 'href="http://evil.test' not in email.body_html
    client.force_login(member)
    page = client.get(reverse("programmes:your_organisation")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;b&gt;Bold&lt;/b&gt;" in page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_people(organisation, n):
    for _ in range(n):
        MembershipFactory(organisation=organisation)
        services.request_membership(user=UserFactory(), organisation=organisation, role="Officer")


def test_membership_pages_make_a_fixed_number_of_queries(client, barnsley, member):
    manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
    pages = [
        (member, reverse("programmes:your_organisation")),
        (manager, reverse("programmes:manage_organisations")),
        (manager, reverse("programmes:membership_requests")),
        (manager, reverse("programmes:manage_organisation", args=[barnsley.pk])),
    ]
    add_people(barnsley, 1)
    one = []
    for user, url in pages:
        client.force_login(user)
        one.append(count_queries(client, url))
    add_people(barnsley, 4)
    OrganisationFactory.create_batch(3)
    several = []
    for user, url in pages:
        client.force_login(user)
        several.append(count_queries(client, url))
    assert one == several


def test_a_line_break_in_a_proposed_name_is_refused_and_kept(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("programmes:choose_organisation"),
        {
            "not_listed": "on",
            "new_name": "Northshire\r\nBcc: x@example.org",
            "new_kind": "voluntary",
            "new_region": "north_east",
        },
    )
    page = response.content.decode()
    assert "Enter the organisation’s name on one line" in page and "govuk-error-summary" in page
    assert not Organisation.objects.filter(name__startswith="Northshire").exists()
