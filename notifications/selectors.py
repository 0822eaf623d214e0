from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from notifications.models import OutboundEmail

EMAILS_SHOWN = 50


def latest_emails_about(obj: models.Model, *, limit: int = EMAILS_SHOWN) -> list[OutboundEmail]:
    """The newest emails about an object, oldest first, for a page that lists them."""
    newest = emails_about(obj).order_by("-created_at", "-id")[:limit]
    return list(
        reversed(
            newest.only(
                "kind",
                "to_email",
                "to_name",
                "subject",
                "status",
                "hide_body_from_staff",
                "created_at",
                "sent_at",
            )
        )
    )


def emails_about(obj: models.Model) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.filter(
        related_type=ContentType.objects.get_for_model(obj), related_id=obj.pk
    ).order_by("created_at", "id")
