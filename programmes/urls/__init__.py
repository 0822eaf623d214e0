"""URLs of the programmes app; workshops have a module of their own."""

from django.urls import path

from programmes.enums import StatementKind
from programmes.urls import membership, workshops
from programmes.views import criteria, public, staff, statements

app_name = "programmes"

urlpatterns = [
    path("programmes/<slug:slug>/", public.ProgrammeDetailView.as_view(), name="detail"),
    path(
        "privacy/",
        statements.StatementView.as_view(kind=StatementKind.PRIVACY),
        name="privacy_notice",
    ),
    path(
        "accessibility/",
        statements.StatementView.as_view(kind=StatementKind.ACCESSIBILITY),
        name="accessibility_statement",
    ),
    path(
        "manage/statements/<str:kind>/",
        statements.EditStatementView.as_view(),
        name="edit_statement",
    ),
    path(
        "programmes/<slug:slug>/community-of-learning/",
        public.CommunitySignupView.as_view(),
        name="community_signup",
    ),
    path(
        "programmes/<slug:slug>/community-of-learning/done/",
        public.CommunitySignupDoneView.as_view(),
        name="community_signup_done",
    ),
    path(
        "programmes/<slug:slug>/peer-partner/",
        public.PeerPartnerOfferView.as_view(),
        name="peer_partner_offer",
    ),
    path(
        "programmes/<slug:slug>/peer-partner/done/",
        public.PeerPartnerOfferDoneView.as_view(),
        name="peer_partner_offer_done",
    ),
    path("manage/", staff.ManageProgrammesView.as_view(), name="manage"),
    path("manage/new/", staff.ProgrammeFormView.as_view(), name="create"),
    path(
        "manage/organisations/",
        staff.OrganisationsToConfirmView.as_view(),
        name="organisations_to_confirm",
    ),
    path("manage/<slug:slug>/edit/", staff.ProgrammeFormView.as_view(), name="edit"),
    path(
        "manage/<slug:slug>/community-of-learning/",
        staff.CommunitySignupsView.as_view(),
        name="community_signups",
    ),
    path(
        "manage/<slug:slug>/community-of-learning.csv",
        staff.CommunitySignupsCsvView.as_view(),
        name="community_signups_csv",
    ),
    path(
        "manage/<slug:slug>/peer-partners/",
        staff.PeerPartnerOffersView.as_view(),
        name="peer_partner_offers",
    ),
    path(
        "manage/<slug:slug>/scoring-criteria/",
        criteria.CriteriaListView.as_view(),
        name="criteria",
    ),
    path(
        "manage/<slug:slug>/scoring-criteria/new/",
        criteria.CriterionFormView.as_view(),
        name="criterion_create",
    ),
    path(
        "manage/<slug:slug>/scoring-criteria/<int:pk>/",
        criteria.CriterionFormView.as_view(),
        name="criterion_edit",
    ),
    path(
        "manage/<slug:slug>/scoring-criteria/<int:pk>/delete/",
        criteria.DeleteCriterionView.as_view(),
        name="criterion_delete",
    ),
    *membership.urlpatterns,
    *workshops.urlpatterns,
]
