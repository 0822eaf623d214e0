"""The one page that knows every role: where someone lands after signing in. It lives in the
project package because it sends people into every app, and no app should know the others'."""

from django.shortcuts import redirect
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.selectors.membership import membership_of, pending_request_of


class AfterSignInView(PermissionRequiredMixin, View):
    """Send each person to where their work is: staff to their own home page, never to the
    organisation picker; council people to their applications, their request to join, or the
    picker."""

    permission_required = "accounts.use_service"

    def get(self, request):
        user = request.user
        if user.is_programme_manager:
            return redirect("programmes:manage")
        if user.is_reviewer:
            return redirect("applications:reviews")
        if user.is_consultant:
            return redirect("cohort:my_projects")
        if membership_of(user):
            return redirect("applications:mine")
        pending = pending_request_of(user)
        if pending:
            return redirect("programmes:membership_request", pk=pending.pk)
        return redirect("programmes:choose_organisation")
