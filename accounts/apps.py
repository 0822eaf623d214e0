from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Imported here, not at the top, because it imports models, which Django loads only after
        # every app's config (the usual place for receivers). Sign-in is Django's and allauth's,
        # so its hook is Django's signal; the rules are in accounts.two_factor and
        # accounts.sessions.
        from accounts import sessions, two_factor

        user_logged_in.connect(two_factor.remember_at_sign_in, dispatch_uid="two-factor-state")
        user_logged_in.connect(sessions.start_clock_at_sign_in, dispatch_uid="session-clock")
