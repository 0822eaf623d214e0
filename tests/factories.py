import datetime
from importlib import import_module

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.enums import StaffRole
from accounts.models import User
from applications.enums import ApplicationStatus, BoardSupport, Section, TeamRole
from applications.models import Application, EvidenceSource, TeamMember
from programmes.enums import OrganisationKind, Region
from programmes.models import ChallengeArea, Membership, Organisation, Programme, ThriveCategory

# The authenticator-app secret of staff made by UserFactory (base32, as allauth stores it).
STAFF_TOTP_SECRET = "PEERLEARNINGTESTSECRETABCDEFGHIJ"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    @factory.post_generation
    def role(user, create, extracted: StaffRole | None, **kwargs):
        if create and extracted:
            user.groups.add(Group.objects.get(name=extracted.value))

    @factory.post_generation
    def two_factor(user, create, extracted: bool | None, **kwargs):
        """Staff must have an authenticator app before any staff page (accounts.two_factor), so
        staff made here have one, with STAFF_TOTP_SECRET, unless `two_factor=False`."""
        wanted = extracted if extracted is not None else bool(user.groups.exists())
        if create and wanted:
            TOTP.activate(user, STAFF_TOTP_SECRET)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire County Council {n}")
    kind = OrganisationKind.COUNTY
    region = Region.NORTH_WEST


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Peer learning programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "Councils learn from each other."
    description = "About the programme."
    contact_email = "peerlearning@example.org"
    is_published = True
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    decisions_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    runs_from = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=35))
    runs_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))

    @factory.post_generation
    def challenge_areas(programme, create, extracted, **kwargs):
        if create:
            for position, name in enumerate(
                extracted or ["Finding advice and information", "Timely access to help"]
            ):
                ChallengeArea.objects.create(programme=programme, name=name, position=position)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    application = factory.SubFactory(ApplicationFactory)
    position = 1
    role = TeamRole.ELECTED_MEMBER
    name = factory.Faker("name", locale="en_GB")
    job_title = "Cabinet Member for Children"
    organisation_name = "Testshire County Council"
    email = factory.Sequence(lambda n: f"team{n}@example.org")
    why_key = "Leads on children's services."


def council_user(organisation: Organisation | None = None, **kwargs) -> User:
    """A signed-up, verified council applicant linked to an organisation."""
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, organisation=organisation or OrganisationFactory())
    return user


def complete_application(application: Application) -> Application:
    """Fill every section with valid answers, as a council would."""
    application.key_question = "How can we improve access to timely help?"
    application.why_critical = "Waiting times are long and families tell us they feel lost."
    application.identification_description = "Our JSNA and consultation with young people."
    application.evidence_section_done = True
    application.board_support = BoardSupport.CONFIRMED
    application.board_support_detail = "The board agreed on 1 February."
    application.section_versions = {section.value: 1 for section in Section}
    application.save()
    application.identification_sources.set(EvidenceSource.objects.filter(slug__in=["jsna"]))
    application.thrive_categories.set(ThriveCategory.objects.filter(slug="getting_help"))
    for position, role in enumerate(
        [TeamRole.ELECTED_MEMBER, TeamRole.SENIOR_OFFICER, TeamRole.SENIOR_PARTNER], start=1
    ):
        TeamMemberFactory(
            application=application,
            position=position,
            role=role,
            email=f"member{position}.{application.pk}@example.org",
        )
    return application


def submitted_application(**kwargs) -> Application:
    application = complete_application(ApplicationFactory(**kwargs))
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.reference = f"EOI-TEST-{application.pk:04d}"
    application.save()
    return application


def restore_reference_data() -> None:
    """Put back the rows data migrations create (THRIVE categories, evidence sources, staff
    groups): transactional tests, such as the browser and integration tiers, flush them."""
    thrive = import_module("programmes.migrations.0002_thrive_categories").THRIVE
    for position, (slug, name, description) in enumerate(thrive, start=1):
        ThriveCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    sources = import_module("applications.migrations.0002_evidence_sources").SOURCES
    for position, (slug, name) in enumerate(sources, start=1):
        EvidenceSource.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for name in import_module("accounts.migrations.0002_staff_groups").STAFF_GROUPS:
        Group.objects.get_or_create(name=name)
