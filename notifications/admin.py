from django.contrib import admin

from notifications.models import EmailTemplate, OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_email", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject", "dedup_key"]


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "scope_type", "scope_id", "updated_by", "updated_at"]
    list_filter = ["kind"]
