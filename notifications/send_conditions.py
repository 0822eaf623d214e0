"""What an email of a given kind must still be true of when it is sent.

An email can wait in the outbox between being written and being sent (a broker outage, a retry
after a temporary SMTP failure, a hold), and some emails only make sense while something is still
so: a reminder to finish a draft is pointless once the council has submitted. The app that owns
that knowledge registers a condition for its kind of email; `send_outbound_email` asks it just
before sending and cancels the email with the reason if it no longer holds.

This keeps dependencies one way: notifications knows nothing about applications or programmes;
they register here. Registration happens when the registering app's `tasks` module is imported,
which `NotificationsConfig.ready` makes sure of in every process (web, worker, beat, tests).
"""

from collections.abc import Callable

from notifications.models import OutboundEmail

# A condition returns "" to send, or a reason not to, for staff ("the application was submitted").
Condition = Callable[[OutboundEmail], str]

_conditions: dict[str, Condition] = {}


def register(kind: str) -> Callable[[Condition], Condition]:
    """Decorator: `@send_conditions.register("draft_reminder")` on `def f(email) -> str`."""

    def decorator(condition: Condition) -> Condition:
        _conditions[kind] = condition
        return condition

    return decorator


def reason_not_to_send(email: OutboundEmail) -> str:
    condition = _conditions.get(email.kind)
    return condition(email) if condition else ""
