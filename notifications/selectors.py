import dataclasses
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from notifications import editable
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail, SchedulerHeartbeat

EMAILS_SHOWN = 50
OUTBOX_COLUMNS = (
    "kind",
    "to_email",
    "to_name",
    "subject",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "sent_at",
)


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


def held_email_ids(*, model: type[models.Model], object_ids, kinds) -> list[int]:
    """The emails of these kinds about these objects (ids, or a query of them) that are held for
    review, such as a programme's decisions waiting to be sent together."""
    return list(
        OutboundEmail.objects.filter(
            related_type=ContentType.objects.get_for_model(model),
            related_id__in=object_ids,
            kind__in=kinds,
            status=EmailStatus.HELD,
        ).values_list("pk", flat=True)
    )


def kind_label(kind: str) -> str:
    """The name an editable kind was registered with ("Reminder to finish a draft"); otherwise
    the kind itself in words ("composed" → "Composed")."""
    if registered := editable.editable_kind(kind):
        return registered.name
    return kind.replace("_", " ").replace("-", " ").capitalize()


@dataclasses.dataclass
class OutboxPage:
    emails: QuerySet[OutboundEmail]
    count: int
    kinds: list[tuple[str, str, int]]  # (kind, label, how many), for the filter


def scope_value(scope_type_id: int, scope_id: int) -> str:
    return f"{scope_type_id}-{scope_id}"


def scope_value_of(scope: models.Model) -> str:
    """The outbox's and the templates page's filter value for a programme ("12-3")."""
    return scope_value(ContentType.objects.get_for_model(scope).pk, scope.pk)


def outbox_scopes() -> list[tuple[str, str]]:
    """What the outbox's emails belong to (in practice, programmes), as (value, label) for its
    filter. One query for the pairs, then one per kind of scope."""
    pairs = (
        OutboundEmail.objects.filter(scope_type__isnull=False)
        .order_by()
        .values_list("scope_type", "scope_id")
        .distinct()
    )
    ids_by_type: dict[int, set[int]] = {}
    for type_id, scope_id in pairs:
        ids_by_type.setdefault(type_id, set()).add(scope_id)
    choices = []
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for scope in model._default_manager.filter(pk__in=ids):
            choices.append((scope_value(type_id, scope.pk), str(scope)))
    return sorted(choices, key=lambda choice: choice[1])


def outbox(*, status: str = "", kind: str = "", search: str = "", scope: str = "") -> OutboxPage:
    """The outbox, newest first, filtered; with how many emails of each kind match the rest.

    Two queries whatever the size: the emails (one page of them, later), and a count by kind
    that gives both the kind filter's options and the total, so the list needs no COUNT of its
    own.
    """
    emails = OutboundEmail.objects.all()
    scope_type_id, _, scope_id = scope.partition("-")
    if scope_type_id.isdigit() and scope_id.isdigit():
        emails = emails.filter(scope_type_id=int(scope_type_id), scope_id=int(scope_id))
    if status in EmailStatus.values:
        emails = emails.filter(status=status)
    if search := search.strip():
        emails = emails.filter(
            Q(to_email__icontains=search)
            | Q(to_name__icontains=search)
            | Q(subject__icontains=search)
        )
    by_kind = dict(
        emails.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    if kind:
        emails = emails.filter(kind=kind)
        count = by_kind.get(kind, 0)
    else:
        count = sum(by_kind.values())
    kinds = [(k, kind_label(k), n) for k, n in sorted(by_kind.items())]
    if kind and kind not in by_kind:
        kinds.append((kind, kind_label(kind), 0))
    return OutboxPage(
        emails=emails.order_by("-created_at", "-id").only(*OUTBOX_COLUMNS),
        count=count,
        kinds=kinds,
    )


@dataclasses.dataclass(frozen=True)
class SchedulerState:
    """What the operators and programme managers are told about scheduled work."""

    last_ran_at: datetime.datetime | None
    beats_running: int
    stale_after: datetime.timedelta

    @property
    def stale(self) -> bool:
        return self.last_ran_at is None or timezone.now() - self.last_ran_at > self.stale_after

    @property
    def age(self) -> datetime.timedelta | None:
        return None if self.last_ran_at is None else timezone.now() - self.last_ran_at


def scheduler_state() -> SchedulerState:
    """When scheduled work last ran, and how many beats ran it lately (one query).

    Stale after SCHEDULER_STALE_SECONDS (10 minutes); a beat counts as running when its
    heartbeat is within three heartbeat intervals, so a restarted beat is not counted twice for
    long.
    """
    now = timezone.now()
    recent = now - datetime.timedelta(seconds=3 * settings.SCHEDULER_HEARTBEAT_SECONDS)
    found = SchedulerHeartbeat.objects.aggregate(
        last=models.Max("last_ran_at"),
        running=Count("pk", filter=Q(last_ran_at__gte=recent)),
    )
    return SchedulerState(
        last_ran_at=found["last"],
        beats_running=found["running"],
        stale_after=datetime.timedelta(seconds=settings.SCHEDULER_STALE_SECONDS),
    )


def oldest_queued_email_at() -> datetime.datetime | None:
    """When the oldest email still waiting to be sent was written (None: nothing waits).

    Held emails are not waiting for the service but for a programme manager, so they are left
    out."""
    return (
        OutboundEmail.objects.filter(status__in=[EmailStatus.QUEUED, EmailStatus.SENDING])
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
