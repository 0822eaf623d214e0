from django.shortcuts import redirect
from django.views import View
from rules.contrib.views import PermissionRequiredMixin


class AfterSignInView(PermissionRequiredMixin, View):
    """Send each person to where their work is."""

    permission_required = "programmes.join_organisation"

    def get(self, request):
        if request.user.is_programme_manager:
            return redirect("programmes:manage")
        if request.user.is_reviewer:
            return redirect("applications:reviews")
        if not request.user.memberships.exists():
            return redirect("programmes:choose_organisation")
        return redirect("applications:mine")
