"""allauth's account adapter: its emails (verification, password reset) go through the outbox.

Here, in the project package, because it joins two apps that must not know each other: accounts
(whose sign-up and sign-in allauth runs) and notifications (the outbox).
"""

import dataclasses
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction

from accounts.two_factor import must_use_two_factor
from notifications.services import queue_rendered_email


@dataclasses.dataclass(frozen=True)
class ServiceSite:
    """What allauth's emails call `current_site`. Without django.contrib.sites (and its table)
    allauth fell back on one with no name, and every account email read "Hello from !"."""

    name: str
    domain: str
    url: str


def service_site() -> ServiceSite:
    return ServiceSite(
        name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc, url=settings.SITE_URL
    )


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails (verification, password reset) through the outbox like every other,
    naming the service."""

    def send_mail(self, template_prefix, email, context):
        context = {**context, "current_site": service_site()}
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        with transaction.atomic():
            queue_rendered_email(
                kind=template_prefix.rsplit("/", 1)[-1],
                to_email=email,
                subject=message.subject,
                body_text=message.body,
                body_html=html,
                reason="Account security: sent when someone signs up or asks to reset a password.",
            )


class MFAAdapter(DefaultMFAAdapter):
    """Programme staff must keep their authenticator app: they may replace it, not remove it."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not must_use_two_factor(authenticator.user)

    def get_totp_issuer(self) -> str:
        return settings.SITE_NAME
