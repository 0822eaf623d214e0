"""Two-factor sign-in: programme staff must use an authenticator app; councils may choose to.

Staff see every council's applications and people's details, so a password alone is not enough.
allauth's MFA module does the work (TOTP, recovery codes, the code asked for at sign-in); this
module only decides who must have it and keeps them on the set-up pages until they do.

Whether someone still has to set it up is worked out once, when they sign in (any sign-in:
allauth's, the admin's, a test client's `force_login`), and kept in their session, so ordinary
pages cost no extra query. Someone who gains a staff role while signed in is asked at their next
sign-in.
"""

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect

SESSION_KEY = "two_factor_setup_needed"
# Pages someone who must set up two-factor may still open: allauth's own pages (set-up, recovery
# codes, sign-out, re-entering the password) and the static files they need.
ALLOWED_PREFIXES = ("/accounts/", "/static/")


def must_use_two_factor(user) -> bool:
    return user.is_authenticated and (
        user.is_programme_manager or user.is_reviewer or user.is_consultant
    )


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def remember_at_sign_in(sender, request, user, **kwargs) -> None:
    """Receiver of Django's `user_logged_in`: note whether this person must still set it up."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_KEY] = must_use_two_factor(user) and not has_two_factor(user)


class TwoFactorSetupMiddleware:
    """Sends staff who have not set up two-factor sign-in to the set-up page, from any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.session.get(SESSION_KEY)
            and not request.path.startswith(ALLOWED_PREFIXES)
            and request.user.is_authenticated
        ):
            if not has_two_factor(request.user):
                return redirect("mfa_activate_totp")
            request.session[SESSION_KEY] = False
        return self.get_response(request)
