import uuid
from functools import cached_property
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from applications.enums import (
    ApplicationStatus,
    BoardConfirmationStatus,
    BoardContactRole,
    BoardSupport,
    EvidencePurpose,
    ReviewStatus,
    TeamRole,
)
from notifications.models import OutboundEmail
from programmes.models import (
    ChallengeArea,
    Organisation,
    Programme,
    ScoringCriterion,
    ThriveCategory,
)


class EvidenceSource(models.Model):
    """How an issue was identified: consultation with young people, the JSNA, a CQC report…"""

    slug = models.SlugField(primary_key=True, max_length=40)
    name = models.CharField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class Application(models.Model):
    """An organisation's expression of interest in a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        max_length=20, choices=ApplicationStatus, default=ApplicationStatus.DRAFT, db_index=True
    )
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)

    key_question = models.TextField(blank=True)
    why_critical = models.TextField(blank=True)
    identification_sources = models.ManyToManyField(EvidenceSource, blank=True, related_name="+")
    identification_description = models.TextField(blank=True)
    evidence_section_done = models.BooleanField(default=False)
    board_support = models.CharField(max_length=20, choices=BoardSupport, blank=True)
    board_support_detail = models.TextField(blank=True)
    thrive_categories = models.ManyToManyField(ThriveCategory, blank=True, related_name="+")
    challenge_areas = models.ManyToManyField(ChallengeArea, blank=True, related_name="+")

    # Each section's edit count: two people of the same council editing one section at once are
    # told, rather than one silently overwriting the other.
    section_versions = models.JSONField(default=dict, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    # Assessment and decision.
    reopened_section = models.CharField(
        max_length=40, blank=True, help_text="The section reopened for more information."
    )
    decision_message = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_released_at = models.DateTimeField(null=True, blank=True)
    waitlist_position = models.PositiveSmallIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                name="one_application_per_organisation_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT)
                | Q(submitted_at__isnull=False, reference__isnull=False),
                name="application_sent_in_has_submission_time_and_reference",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.programme}"

    def get_absolute_url(self):
        return reverse("applications:overview", kwargs={"pk": self.pk})

    @cached_property
    def board_requests(self) -> list["BoardConfirmation"]:
        """The requests to the board, latest first, each with the status of its email."""
        return list(self.board_confirmations.with_request_email_status())

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def can_withdraw(self) -> bool:
        if self.status == ApplicationStatus.SELECTED:
            return self.decision_released_at is not None
        return self.status in ApplicationStatus.withdrawable()

    @property
    def status_for_council(self) -> str:
        """The status a council sees: assessment stays private until decisions are sent."""
        if self.status == ApplicationStatus.SHORTLISTED or (
            self.status in ApplicationStatus.decided() and not self.decision_released_at
        ):
            return "Being assessed"
        return self.get_status_display()


class TeamMember(models.Model):
    """One of the three people who will take part: ideally a councillor, an officer, a partner."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    position = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, choices=TeamRole, blank=True)
    name = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    why_key = models.TextField("why they are key to the issue", blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="team_position_unique"
            ),
            models.UniqueConstraint(
                "application",
                Lower("email"),
                condition=~Q(email=""),
                name="team_member_email_unique_ci",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=3), name="team_of_three"
            ),
        ]

    def __str__(self):
        return self.name or f"Team member {self.position}"


def evidence_path(instance: "EvidenceDocument", filename: str) -> str:
    # Stored under a generated name: nothing a council typed reaches the file system.
    extension = PurePosixPath(filename).suffix.lower()
    return f"evidence/{instance.application.programme_id}/{uuid.uuid4().hex}{extension}"


class EvidenceDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    purpose = models.CharField(
        max_length=20, choices=EvidencePurpose, default=EvidencePurpose.EVIDENCE
    )
    file = models.FileField(upload_to=evidence_path, max_length=200)
    display_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty")]

    def __str__(self):
        return self.display_name


class ApplicationEvent(models.Model):
    """The history of an application: who did what, and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.description


class Review(models.Model):
    """One reviewer's assessment of one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.ASSIGNED)
    conflict_reason = models.CharField(max_length=500, blank=True)
    comments = models.TextField("overall comments", blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="submitted_review_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.application}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    justification = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="score_between_one_and_five"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class InformationRequest(models.Model):
    """The programme manager asks the council a question about one section."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="information_requests"
    )
    section = models.CharField(max_length=40)
    question = models.TextField()
    status_before = models.CharField(
        max_length=20,
        choices=ApplicationStatus,
        default=ApplicationStatus.SUBMITTED,
        help_text="Where the application goes back to once the council answers.",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self):
        return self.question[:80]


class BoardConfirmationQuerySet(models.QuerySet):
    def with_request_email_status(self):
        """Each request with the status of the email that asked for it (`request_email_status`:
        "failed" when it could not be delivered, so the council can correct the address)."""
        request_email = OutboundEmail.objects.filter(
            related_type=ContentType.objects.get_for_model(Application),
            related_id=OuterRef("application_id"),
            kind=BOARD_CONFIRMATION_REQUEST_KIND,
            to_email=OuterRef("contact_email"),
            created_at__gte=OuterRef("requested_at"),
        ).order_by("-created_at", "-id")
        return self.annotate(request_email_status=Subquery(request_email.values("status")[:1]))


# applications.emails.BOARD_CONFIRMATION_REQUEST (emails imports models, so it is repeated here).
BOARD_CONFIRMATION_REQUEST_KIND = "board_confirmation_request"


class BoardConfirmation(models.Model):
    """A request to the Health and Wellbeing Board's chair or manager to confirm its support."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="board_confirmations"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_role = models.CharField(max_length=20, choices=BoardContactRole)
    status = models.CharField(
        max_length=20, choices=BoardConfirmationStatus, default=BoardConfirmationStatus.PENDING
    )
    comment = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = BoardConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.contact_name} for {self.application}"
