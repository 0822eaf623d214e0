from django.db import models


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    HELD = "held", "Held for review"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
