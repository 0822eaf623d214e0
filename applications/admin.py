from django.contrib import admin

from applications.models import Application, ApplicationEvent, EvidenceDocument, TeamMember


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """For superusers repairing data. Staff work in the app, where changes are recorded."""

    list_display = ["organisation", "programme", "status", "reference", "submitted_at"]
    list_filter = ["programme", "status"]
    search_fields = ["organisation__name", "reference"]
    inlines = [TeamMemberInline]


admin.site.register([EvidenceDocument, ApplicationEvent])
