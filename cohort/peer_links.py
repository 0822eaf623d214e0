"""The signed link with which a peer approach's contact answers a proposed engagement, without an
account.

The engagement's ID signed with a timestamp (`TimestampSigner`, salt "peer-engagement"), so it
cannot be guessed, altered or pointed at another engagement, and it stops working after
`LINK_VALID_FOR`. The salt differs from learning-day invitation links, so one kind of link never
opens the other.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

SIGNING_SALT = "peer-engagement"
LINK_VALID_FOR = datetime.timedelta(days=60)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SIGNING_SALT)


def sign_engagement(engagement) -> str:
    return _signer().sign(str(engagement.pk))


def answer_path(engagement) -> str:
    return reverse("cohort:peer_engagement_answer", kwargs={"signed": sign_engagement(engagement)})


def answer_link(engagement) -> str:
    return settings.SITE_URL + answer_path(engagement)


def example_answer_link() -> str:
    """What previews show for ((link)): the shape of an answer link, answering nothing."""
    path = reverse("cohort:peer_engagement_answer", kwargs={"signed": "example"})
    return settings.SITE_URL + path


def read_engagement_link(signed: str) -> int:
    """The engagement ID in a signed link.

    Raises `signing.SignatureExpired` when the link is older than `LINK_VALID_FOR`, and
    `signing.BadSignature` when it was altered, cut short or made for something else.
    """
    try:
        return int(_signer().unsign(signed, max_age=LINK_VALID_FOR))
    except ValueError as malformed:
        raise signing.BadSignature("Not a peer engagement link") from malformed
