"""`make bench`: server time and query count of the key pages at scale, beside a floor.

Builds a throwaway SQLite database in var/bench/ with 20 programmes of 100 applications (each
with a team of three and answers), 5,000 outbound emails and a few hundred sign-ups, then asks
each page 30 times through Django's full request handler and prints median and 95th percentile
server time and the number of SQL queries. The floor is a view that returns "ok" through the same
middleware, measured in the same run.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "bench.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerlearning.settings")
os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

REPEATS = 30
PROGRAMMES = 20
APPLICATIONS_PER_PROGRAMME = 100
EMAILS = 5_000


def build_dataset():
    from accounts.enums import StaffRole
    from applications.models import Application
    from notifications.models import OutboundEmail
    from programmes.models import CommunitySignup
    from tests.factories import (
        OrganisationFactory,
        ProgrammeFactory,
        UserFactory,
        complete_application,
        council_user,
    )

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        organisations = OrganisationFactory.create_batch(APPLICATIONS_PER_PROGRAMME)
        programmes = ProgrammeFactory.create_batch(PROGRAMMES)
        for programme in programmes:
            for organisation in organisations:
                complete_application(
                    Application.objects.create(
                        programme=programme,
                        organisation=organisation,
                        status="submitted",
                        submitted_at=timezone.now(),
                        reference=f"EOI-B-{programme.pk}-{organisation.pk}",
                    )
                )
        # The council's own application is a draft it is still filling in.
        Application.objects.filter(programme=programmes[0], organisation=organisations[0]).update(
            status="draft", submitted_at=None, reference=None
        )
        application = Application.objects.first()
        OutboundEmail.objects.bulk_create(
            OutboundEmail(
                kind="bench",
                to_email=f"p{n}@example.org",
                subject="Bench",
                body_text="Body",
                reason="Bench",
                related=application,
            )
            for n in range(EMAILS)
        )
        CommunitySignup.objects.bulk_create(
            CommunitySignup(
                programme=programmes[0],
                name=f"Person {n}",
                email=f"c{n}@example.org",
                organisation_name="Org",
                consent_to_contact=True,
            )
            for n in range(300)
        )
        manager = UserFactory(role=StaffRole.PROGRAMME_MANAGER)
        council = council_user(organisation=organisations[0])
        consultant = UserFactory(role=StaffRole.CONSULTANT)
        learning_day = _cohort_with_a_learning_day(programmes[0], organisations[1:9], consultant)
    return (
        manager,
        council,
        consultant,
        programmes[0],
        Application.objects.filter(programme=programmes[0], organisation=organisations[0]).get(),
        learning_day,
    )


def _cohort_with_a_learning_day(programme, organisations, consultant):
    """A cohort of eight projects with a consultant and three updates each, and a learning day
    to which their 24 team members are invited, half of them answered. Written directly: the
    services would queue emails."""
    import datetime

    from cohort.models import LearningDay, LearningDayInvitation, ProgressUpdate
    from cohort.services.projects import start_project

    projects = [
        start_project(application=programme.applications.get(organisation=organisation))
        for organisation in organisations
    ]
    starts_at = timezone.now() + datetime.timedelta(days=30)
    day = LearningDay.objects.create(
        programme=programme,
        sequence=1,
        title="Learning day 1",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        venue_name="Local Government House",
    )
    for project in projects:
        project.consultant = consultant
        project.save(update_fields=["consultant"])
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(
                project=project, status="green", summary=f"Update {n}", written_by=consultant
            )
            for n in range(3)
        )
        LearningDayInvitation.objects.bulk_create(
            LearningDayInvitation(
                learning_day=day,
                project=project,
                name=member.name,
                email=member.email.lower(),
                answer="accepted" if member.position % 2 else "awaiting",
                answered_at=timezone.now() if member.position % 2 else None,
                access_needs="Step-free access" if member.position == 1 else "",
            )
            for member in project.team.all()
        )
    return day


def measure(client: Client, url: str) -> tuple[float, float, int]:
    timings = []
    queries = 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main():
    setup_test_environment()
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    print(
        f"Building: {PROGRAMMES} programmes × {APPLICATIONS_PER_PROGRAMME} applications, "
        f"{EMAILS:,} emails…",
        flush=True,
    )
    manager, council, consultant, programme, application, learning_day = build_dataset()
    staff, applicant, consulting, anonymous = Client(), Client(), Client(), Client()
    staff.force_login(manager)
    applicant.force_login(council)
    consulting.force_login(consultant)
    project = learning_day.programme.projects.first()
    pages = [
        ("floor: minimal view", anonymous, "/bench-floor/"),
        ("home (open programmes)", anonymous, "/"),
        ("programme page", anonymous, programme.get_absolute_url()),
        ("council: task list", applicant, application.get_absolute_url()),
        ("council: team page", applicant, f"/applications/{application.pk}/your-team/"),
        (
            "council: check your answers",
            applicant,
            f"/applications/{application.pk}/check-your-answers/",
        ),
        ("staff: manage programmes", staff, "/manage/"),
        ("staff: applications list", staff, f"/applications/staff/programme/{programme.slug}/"),
        ("staff: application detail", staff, f"/applications/staff/{application.pk}/"),
        ("staff: outbox", staff, "/outbox/"),
        ("staff: community sign-ups", staff, f"/manage/{programme.slug}/community-of-learning/"),
        (
            "staff: cohort (100 candidates)",
            staff,
            f"/applications/staff/programme/{programme.slug}/cohort/",
        ),
        (
            "staff: suggested cohort",
            staff,
            f"/applications/staff/programme/{programme.slug}/cohort/?suggest=1&max_per_region=2",
        ),
        ("staff: moderation", staff, f"/applications/staff/programme/{programme.slug}/moderation/"),
        ("staff: projects (8)", staff, reverse("cohort:projects", args=[programme.slug])),
        ("staff: learning days", staff, reverse("cohort:learning_days", args=[programme.slug])),
        (
            "staff: invitations (24)",
            staff,
            reverse("cohort:learning_day_invitations", args=[programme.slug, learning_day.pk]),
        ),
        ("consultant: your projects", consulting, reverse("cohort:my_projects")),
        (
            "consultant: a project (3 updates)",
            consulting,
            reverse("cohort:project", args=[project.pk]),
        ),
    ]
    print(f"\n{'page':<32}{'median ms':>11}{'p95 ms':>9}{'× floor':>9}{'queries':>9}")
    floor_median = None
    for name, client, url in pages:
        median, p95, queries = measure(client, url)
        floor_median = floor_median or median
        print(f"{name:<32}{median:>11.1f}{p95:>9.1f}{median / floor_median:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
