"""Factories for reviewing: scoring criteria, reviews and scores, and reviewers."""

import factory
from django.utils import timezone

from accounts.enums import StaffRole
from applications.enums import ReviewStatus
from applications.models import CriterionScore, Review
from programmes.models import ScoringCriterion
from tests.factories import ApplicationFactory, MembershipFactory, ProgrammeFactory, UserFactory


class ScoringCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoringCriterion

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    description = "What reviewers should look for."
    weight = 1
    strong = "Clear, specific and well evidenced."
    satisfactory = "Clear but general."
    poor = "Unclear."
    position = factory.Sequence(lambda n: n)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory, role=StaffRole.REVIEWER)


class CriterionScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionScore

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(ScoringCriterionFactory)
    score = 3
    justification = "A fair answer."


def reviewer(organisation=None, **kwargs):
    """A user in the Reviewers group, optionally a member of an organisation."""
    user = UserFactory(role=StaffRole.REVIEWER, **kwargs)
    if organisation is not None:
        MembershipFactory(user=user, organisation=organisation)
    return user


def submitted_review(*, application, reviewer, scores: dict, comments: str = "") -> Review:
    """A submitted review with `scores` {criterion: (score, justification)}."""
    review = ReviewFactory(
        application=application,
        reviewer=reviewer,
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
        comments=comments,
    )
    for criterion, (score, justification) in scores.items():
        CriterionScoreFactory(
            review=review, criterion=criterion, score=score, justification=justification
        )
    return review
