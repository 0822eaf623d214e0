from django.contrib import admin

from programmes.models import (
    CommunitySignup,
    DeadlineExtension,
    Membership,
    Organisation,
    PeerPartnerOffer,
    Programme,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "is_confirmed", "is_fictional"]
    list_filter = ["kind", "region", "is_confirmed"]
    search_fields = ["name", "gss_code"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "closes_at", "is_published"]


admin.site.register([Membership, DeadlineExtension, CommunitySignup, PeerPartnerOffer])
