"""The service's clock and calendar: the Europe/London time zone, and dates and times as people
in England write them ("Friday 16 February 2018, 5pm").

The one place `LONDON` is defined. It lives in `programmes`, the foundation, because that is the
lowest layer with anything to date (a programme's deadlines are London wall-clock times), so every
app that shows or reckons a date may import it; `accounts` and `notifications` have no dates of
their own. The template filters (`{% load dates %}`) use these functions.
"""

import datetime
import zoneinfo

from django.utils import timezone

LONDON = zoneinfo.ZoneInfo("Europe/London")


def format_time(value: datetime.datetime | datetime.time) -> str:
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def format_date(value: datetime.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def format_datetime(value: datetime.datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date(value)}, {format_time(value)}"


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_date(value)


def long_datetime(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(value)
