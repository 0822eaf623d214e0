from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from notifications.enums import EmailStatus


class OutboundEmail(models.Model):
    """One email to one recipient, recorded before it is sent so it can be audited and retried."""

    kind = models.CharField(max_length=80, help_text="Which template it was made from.")
    to_email = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    reason = models.CharField(max_length=300, help_text="Why the product sent it, for staff.")
    hide_body_from_staff = models.BooleanField(
        default=False, help_text="The body carries a sign-in or password-reset link."
    )
    status = models.CharField(max_length=20, choices=EmailStatus, default=EmailStatus.QUEUED)
    related_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    # What it belongs to, for the outbox's filter: the programme, set by the app that writes it
    # (notifications knows no programmes: see EmailTemplate's scope).
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scope_id = models.PositiveBigIntegerField(null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text="Files sent with it, as text: [{filename, content_type, content}], such as "
        "a learning day's calendar invitation.",
    )
    dedup_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="Kind, object, recipient and occasion of an email that must go only once.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(
        blank=True, help_text="The SMTP server's answer, or why not sent."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The programme manager who wrote it, for emails written in the outbox.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a temporary failure: when it is tried again."
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["related_type", "related_id"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["kind", "created_at"]),
            models.Index(fields=["scope_type", "scope_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outbound_email_sent_has_sent_at",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def message_id(self) -> str:
        return f"<outbound-{self.pk}@peerlearning>"


class EmailTemplate(models.Model):
    """A programme manager's wording for one kind of email, for one programme (the scope).

    The scope is a generic relation so that notifications, which every app uses, depends on none
    of them. Without a row, the default shipped in `templates/emails/editable/<kind>.txt` is used.
    Placeholders are written ((name)); the text is never run through Django's template engine.
    """

    kind = models.CharField(max_length=80)
    scope_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    scope_id = models.PositiveBigIntegerField()
    scope = GenericForeignKey("scope_type", "scope_id")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope_type", "scope_id"], name="one_email_template_per_scope"
            )
        ]

    def __str__(self):
        return f"{self.kind} for {self.scope_type_id}:{self.scope_id}"


class SchedulerHeartbeat(models.Model):
    """When scheduled work last ran, one row per beat process (its host and process id).

    A periodic task writes it every minute, so a stale time means beat (or every worker) has
    stopped and reminders are not being sent; two rows fresh at once mean two beats are running
    and would do scheduled work twice.
    """

    beat = models.CharField(max_length=200, unique=True, help_text="The beat's host:process id.")
    last_ran_at = models.DateTimeField()

    def __str__(self):
        return f"{self.beat} at {self.last_ran_at:%Y-%m-%d %H:%M:%S}"
