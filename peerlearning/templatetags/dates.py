"""Template filters for dates: `{{ value|long_date }}`, `{{ value|long_datetime }}`, written by
`programmes.dates`, the one module for the service's time zone and date formats."""

from django import template

from programmes import dates

register = template.Library()
register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
