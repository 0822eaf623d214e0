"""allauth's account adapter: its emails (verification, password reset) go through the outbox.

Here, in the project package, because it joins two apps that must not know each other: accounts
(whose sign-up and sign-in allauth runs) and notifications (the outbox).
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from notifications.services import queue_rendered_email


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails (verification, password reset) through the outbox like every other."""

    def send_mail(self, template_prefix, email, context):
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
