"""Named sets of people a programme manager can write to from the outbox ("every team member of
the cohort"), without typing their addresses.

Apps that know who the people are register a provider here (the same one-way arrangement as
`send_conditions`): notifications lists the groups and never imports the apps that define them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""


@dataclass(frozen=True)
class RecipientGroup:
    key: str  # stable, for the form: "cohort-team:12"
    label: str  # for people: "Improving…: team members of the cohort"
    members: Callable[[], list[Recipient]]
    scope: models.Model | None = None  # what its emails belong to (a programme), for the outbox


Provider = Callable[[], Iterable[RecipientGroup]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Decorator for a function that returns the groups an app offers (read when the form is
    shown, so groups follow the data)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def available_groups() -> list[RecipientGroup]:
    return [group for provider in _providers for group in provider()]


def common_scope(keys: Iterable[str]) -> models.Model | None:
    """What the chosen groups all belong to (one programme), or None when they differ."""
    wanted = set(keys)
    scopes = {group.scope for group in available_groups() if group.key in wanted}
    return scopes.pop() if len(scopes) == 1 else None


def members_of(keys: Iterable[str]) -> list[Recipient]:
    """Everyone in the chosen groups, each address once (case does not matter)."""
    wanted = set(keys)
    seen: set[str] = set()
    people: list[Recipient] = []
    for group in available_groups():
        if group.key not in wanted:
            continue
        for person in group.members():
            if person.email and person.email.lower() not in seen:
                seen.add(person.email.lower())
                people.append(person)
    return people
