"""Who acts for an organisation: the council's pages and the programme managers'."""

from django.urls import path

from programmes.views import membership

urlpatterns = [
    path("organisation/", membership.ChooseOrganisationView.as_view(), name="choose_organisation"),
    path(
        "organisation/<int:pk>/ask-to-join/",
        membership.AskToJoinView.as_view(),
        name="ask_to_join",
    ),
    path(
        "organisation/requests/<int:pk>/",
        membership.MembershipRequestView.as_view(),
        name="membership_request",
    ),
    path(
        "organisation/requests/<int:pk>/withdraw/",
        membership.WithdrawMembershipRequestView.as_view(),
        name="withdraw_membership_request",
    ),
    path(
        "organisation/requests/<int:pk>/decide/",
        membership.DecideMembershipRequestView.as_view(),
        name="decide_membership_request",
    ),
    path(
        "organisation/members/",
        membership.YourOrganisationView.as_view(),
        name="your_organisation",
    ),
    path(
        "organisation/members/<int:pk>/remove/",
        membership.RemoveMemberView.as_view(),
        name="remove_member",
    ),
    path(
        "manage/organisations/all/",
        membership.OrganisationsView.as_view(),
        name="manage_organisations",
    ),
    path(
        "manage/organisations/requests/",
        membership.MembershipRequestsView.as_view(),
        name="membership_requests",
    ),
    path(
        "manage/organisations/<int:pk>/",
        membership.OrganisationView.as_view(),
        name="manage_organisation",
    ),
    path(
        "manage/organisations/<int:pk>/domains/",
        membership.OrganisationDomainsView.as_view(),
        name="organisation_domains",
    ),
]
