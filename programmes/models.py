from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.enums import (
    BookingStatus,
    MembershipAction,
    MembershipRequestStatus,
    OrganisationKind,
    Region,
    StatementKind,
)

MEGABYTE = 1024 * 1024


def default_draft_reminder_days() -> list[int]:
    return [7, 1]


class Organisation(models.Model):
    """A council or another body (NHS trust, school trust, voluntary sector organisation)."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind)
    region = models.CharField("English region", max_length=30, choices=Region)
    gss_code = models.CharField("GSS code", max_length=9, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    is_confirmed = models.BooleanField(
        default=True, help_text="Organisations proposed by applicants wait for a programme manager."
    )
    is_fictional = models.BooleanField(default=False, help_text="Demo data only.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person acting for an organisation: a council applicant, once linked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} for {self.organisation}"


class OrganisationDomain(models.Model):
    """An email domain the organisation's staff use (for example barnsley.gov.uk).

    Someone whose verified address is at the domain, or at one of its subdomains, may join the
    organisation at once; anyone else asks, and the organisation's members decide.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253)

    class Meta:
        ordering = ["domain"]
        constraints = [
            # One organisation per domain: otherwise an address would let its owner into two.
            models.UniqueConstraint(Lower("domain"), name="organisation_domain_unique_ci"),
            models.CheckConstraint(
                condition=Q(domain=Lower("domain")) & ~Q(domain__contains="@") & ~Q(domain=""),
                name="organisation_domain_is_a_lower_case_host_name",
            ),
        ]

    def __str__(self):
        return self.domain


class MembershipRequest(models.Model):
    """Someone asking to act for an organisation; its members (or a programme manager) decide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_requests"
    )
    role = models.CharField("Job title and team", max_length=200)
    status = models.CharField(
        max_length=20, choices=MembershipRequestStatus, default=MembershipRequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="membership_request_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="membership_request_decided_when_not_pending",
            ),
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.status == MembershipRequestStatus.PENDING


class MembershipEvent(models.Model):
    """The history of who acts for an organisation: joins, requests, decisions, removals."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_events"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=MembershipAction)
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.description


class ServiceStatement(models.Model):
    """A programme manager's wording and contact details for one of the service's statements
    (privacy notice, accessibility statement). Without a row, or with empty wording, the page
    shows the wording shipped in programmes/statements/<kind>.md."""

    kind = models.CharField(max_length=20, choices=StatementKind, unique=True)
    text = models.TextField(
        "Wording",
        blank=True,
        help_text="Markdown: ‘## ’ starts a heading, ‘- ’ a list item, a blank line a paragraph.",
    )
    contact_email = models.EmailField("Contact email address")
    contact_phone = models.CharField("Contact telephone number", max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        "Working days to reply",
        default=10,
        help_text="How soon someone who writes can expect a reply.",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(response_days__gte=1, response_days__lte=60),
                name="service_statement_response_days_range",
            )
        ]

    def __str__(self):
        return self.get_kind_display()


class ThriveCategory(models.Model):
    slug = models.SlugField(primary_key=True, max_length=40)
    name = models.CharField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "THRIVE categories"

    def __str__(self):
        return self.name


class Programme(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(help_text="One or two sentences for the list of programmes.")
    description = models.TextField(help_text="The call: what the programme is and how to apply.")
    contact_email = models.EmailField()
    is_published = models.BooleanField(
        default=False, help_text="Only published programmes appear to the public."
    )
    opens_at = models.DateTimeField("applications open")
    closes_at = models.DateTimeField("closing date")
    decisions_due = models.DateField("decisions due")
    runs_from = models.DateField()
    runs_until = models.DateField()
    cohort_min = models.PositiveSmallIntegerField("smallest cohort", default=6)
    cohort_max = models.PositiveSmallIntegerField("largest cohort", default=8)
    word_limit = models.PositiveIntegerField(default=1000)
    max_file_bytes = models.PositiveIntegerField("largest evidence file", default=10 * MEGABYTE)
    max_application_bytes = models.PositiveIntegerField(
        "evidence allowed per application", default=30 * MEGABYTE
    )
    max_per_region = models.PositiveSmallIntegerField(
        "most councils from one region",
        null=True,
        blank=True,
        default=2,
        help_text="For geographical spread when selecting the cohort. Leave empty for no limit.",
    )
    draft_reminder_days = models.JSONField(
        "reminders before closing (days)",
        default=default_draft_reminder_days,
        blank=True,
        help_text="Councils with a draft are reminded this many days before the closing time.",
    )
    progress_update_every_weeks = models.PositiveSmallIntegerField(
        "progress updates every (weeks)",
        default=4,
        help_text="Consultants are asked for a project's progress update this often while the "
        "programme runs.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="programme_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(runs_until__gte=F("runs_from")), name="programme_run_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(cohort_min__gte=1, cohort_max__gte=F("cohort_min")),
                name="programme_cohort_size_valid",
            ),
            models.CheckConstraint(condition=Q(word_limit__gte=1), name="programme_word_limit_set"),
            models.CheckConstraint(
                condition=Q(max_file_bytes__gte=1, max_application_bytes__gte=F("max_file_bytes")),
                name="programme_upload_limits_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.is_published and self.opens_at <= at < self.closes_at


class ChallengeArea(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="challenge_areas"
    )
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="challenge_area_unique")
        ]

    def __str__(self):
        return self.name


class DeadlineExtension(models.Model):
    """A later closing date-time for one organisation, granted by a programme manager."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="deadline_extensions"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    closes_at = models.DateTimeField("new closing date")
    reason = models.CharField(max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_extension_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} until {self.closes_at}"


class CommunitySignup(models.Model):
    """Someone joining the online community of learning that shares updates from a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="community_signups"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation_name = models.CharField("organisation", max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    consent_to_contact = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "programme", Lower("email"), name="one_community_signup_per_email"
            ),
            models.CheckConstraint(
                condition=Q(consent_to_contact=True), name="community_signup_has_consent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation_name})"


class PeerPartnerOffer(models.Model):
    """An organisation offering to share an approach that works, as a peer partner."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="peer_partner_offers"
    )
    organisation_name = models.CharField("organisation", max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approach_title = models.CharField("name of the approach", max_length=200)
    summary = models.TextField("summary of the approach")
    thrive_categories = models.ManyToManyField(ThriveCategory, blank=True, related_name="+")
    themes = models.CharField(max_length=500, blank=True)
    contact_name = models.CharField(max_length=200)
    contact_job_title = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    can_host_visit = models.BooleanField(default=False)
    can_take_call = models.BooleanField(default=False)
    visit_capacity = models.PositiveSmallIntegerField("visits it can take", default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visit_capacity__lte=50), name="peer_offer_visit_capacity_sane"
            )
        ]

    def __str__(self):
        return f"{self.approach_title} ({self.organisation_name})"


class ScoringCriterion(models.Model):
    """One thing reviewers score, 1 (poor) to 5 (strong), with its weight in the overall score."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="scoring_criteria"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What reviewers should look for.")
    weight = models.PositiveSmallIntegerField(default=1)
    strong = models.CharField("what a 5 (strong) looks like", max_length=500, blank=True)
    satisfactory = models.CharField(
        "what a 3 (satisfactory) looks like", max_length=500, blank=True
    )
    poor = models.CharField("what a 1 (poor) looks like", max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "scoring criteria"
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="criterion_title_unique"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.title


class Workshop(models.Model):
    """An event open to any council (seed 001): delegates are nominated before a booking
    deadline, up to a number per organisation and the workshop's capacity, then a waiting list."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="workshops")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue_name = models.CharField(max_length=200)
    venue_address = models.TextField(blank=True)
    booking_closes_at = models.DateTimeField("bookings close")
    capacity = models.PositiveSmallIntegerField(help_text="How many delegates in all.")
    delegates_per_organisation = models.PositiveSmallIntegerField(default=2)
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="workshop_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__lte=F("starts_at")),
                name="workshop_bookings_close_before_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshop_capacity_set"),
            models.CheckConstraint(
                condition=Q(delegates_per_organisation__gte=1),
                name="workshop_delegates_per_organisation_set",
            ),
        ]

    def __str__(self):
        return self.title


class WorkshopBooking(models.Model):
    """One delegate nominated by an organisation for a workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="bookings")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="workshop_bookings"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(help_text="Stored in lower case: one place per address.")
    job_title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=BookingStatus, default=BookingStatus.BOOKED)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=~Q(status=BookingStatus.CANCELLED),
                name="one_place_per_delegate_per_workshop",
            ),
        ]

    def __str__(self):
        return f"{self.name} at {self.workshop}"


class FieldVisitOffer(models.Model):
    """A council offering to host a field visit (seed 001: the research's second phase)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="field_visit_offers"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="field_visit_offers"
    )
    what_they_would_show = models.TextField()
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_field_visit_offer_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} offers a field visit"
