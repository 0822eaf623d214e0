"""The signed link with which an invitee answers a learning-day invitation, without an account.

The invitation's ID signed with a timestamp (`TimestampSigner`, salt "learning-day-invitation"),
so it cannot be guessed, altered or pointed at someone else's invitation, and it stops working
after `LINK_VALID_FOR`.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from cohort.models import LearningDayInvitation

SIGNING_SALT = "learning-day-invitation"
LINK_VALID_FOR = datetime.timedelta(days=180)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


def sign_invitation(invitation: LearningDayInvitation) -> str:
    return _signer().sign(str(invitation.pk))


def answer_path(invitation: LearningDayInvitation) -> str:
    return reverse("cohort:learning_day_answer", kwargs={"signed": sign_invitation(invitation)})


def answer_link(invitation: LearningDayInvitation) -> str:
    return settings.SITE_URL + answer_path(invitation)


def example_answer_link() -> str:
    """What previews show for ((link)): the shape of an answer link, answering nothing."""
    return settings.SITE_URL + reverse("cohort:learning_day_answer", kwargs={"signed": "example"})


def read_invitation_link(signed: str) -> int:
    """The invitation ID in a signed link.

    Raises `signing.SignatureExpired` when the link is older than `LINK_VALID_FOR`, and
    `signing.BadSignature` when it was altered, cut short or made for something else.
    """
    try:
        return int(_signer().unsign(signed, max_age=LINK_VALID_FOR))
    except ValueError as malformed:
        raise signing.BadSignature("Not a learning day invitation link") from malformed
