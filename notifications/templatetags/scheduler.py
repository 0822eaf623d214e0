"""`{% scheduler_state as scheduler %}`: whether scheduled work (reminders, the email sweeper)
ran lately, for templates/includes/scheduler_warning.html on programme managers' pages."""

from django import template

from notifications import selectors

register = template.Library()


@register.simple_tag
def scheduler_state() -> selectors.SchedulerState:
    return selectors.scheduler_state()
