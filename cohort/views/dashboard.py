"""The programme dashboard for programme managers (SPEC §4.7). Read-only."""

from django.shortcuts import get_object_or_404, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from cohort.selectors.dashboard import programme_dashboard
from programmes.models import Programme


class DashboardView(PermissionRequiredMixin, View):
    permission_required = "cohort.view_dashboard"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "cohort/dashboard/dashboard.html",
            {"programme": programme, "dashboard": programme_dashboard(programme)},
        )
