"""Predicates about who someone is; each app's rules build its permissions from these."""

import rules


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated


@rules.predicate
def is_programme_manager(user) -> bool:
    return user.is_authenticated and user.is_programme_manager


@rules.predicate
def is_consultant(user) -> bool:
    return user.is_authenticated and user.is_consultant


@rules.predicate
def is_reviewer(user) -> bool:
    return user.is_authenticated and user.is_reviewer
