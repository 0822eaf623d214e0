import datetime

from django.db.models import QuerySet
from django.utils import timezone

from programmes.models import DeadlineExtension, Organisation, Programme


def open_programmes(*, at: datetime.datetime | None = None) -> QuerySet[Programme]:
    at = at or timezone.now()
    return Programme.objects.filter(is_published=True, opens_at__lte=at, closes_at__gt=at).order_by(
        "closes_at"
    )


def published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(is_published=True)


def closing_time_for(*, programme: Programme, organisation: Organisation) -> datetime.datetime:
    """The moment applications from this organisation stop being accepted."""
    extension = (
        DeadlineExtension.objects.filter(programme=programme, organisation=organisation)
        .values_list("closes_at", flat=True)
        .first()
    )
    return max(programme.closes_at, extension) if extension else programme.closes_at


def organisation_of(user) -> Organisation | None:
    """The organisation a council applicant acts for (one at a time in this version)."""
    if not user.is_authenticated:
        return None
    membership = user.memberships.select_related("organisation").order_by("created_at").first()
    return membership.organisation if membership else None


def organisations_to_choose_from() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_confirmed=True).order_by("name")
