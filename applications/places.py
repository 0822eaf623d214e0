"""What else happens when a council takes up its place in the cohort.

`applications` decides who is in the cohort; what the cohort then does together (projects,
learning days, progress) is the `cohort` app, which builds on this one. So the selection services
call `place_taken` and the cohort app registers what follows (starting the council's project) in
its `AppConfig.ready`: the same one-way arrangement as `notifications.recipient_groups`. The
receivers run inside the caller's transaction, under its locks, so a place and what follows from
it are written together or not at all.
"""

from collections.abc import Callable

Receiver = Callable[..., object]
_receivers: list[Receiver] = []


def register(receiver: Receiver) -> Receiver:
    """Decorator for a function called as `receiver(application=...)` when a council's place is
    confirmed (its selection sent, or a place offered from the waiting list)."""
    if receiver not in _receivers:
        _receivers.append(receiver)
    return receiver


def place_taken(*, application) -> None:
    for receiver in _receivers:
        receiver(application=application)
