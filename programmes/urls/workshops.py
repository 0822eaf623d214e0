"""Workshops: open events with bookings by organisation, and offers to host field visits."""

from django.urls import path

from programmes.views import workshops as views

urlpatterns = [
    path("manage/<slug:slug>/workshops/", views.WorkshopsView.as_view(), name="workshops"),
    path(
        "manage/<slug:slug>/workshops/new/",
        views.WorkshopFormView.as_view(),
        name="workshop_create",
    ),
    path(
        "manage/<slug:slug>/workshops/<int:pk>/",
        views.WorkshopFormView.as_view(),
        name="workshop_edit",
    ),
    path(
        "manage/<slug:slug>/workshops/<int:pk>/bookings/",
        views.WorkshopBookingsView.as_view(),
        name="workshop_bookings",
    ),
    path(
        "manage/<slug:slug>/workshops/<int:pk>/bookings.csv",
        views.WorkshopBookingsCsvView.as_view(),
        name="workshop_bookings_csv",
    ),
    path(
        "manage/<slug:slug>/field-visits/",
        views.FieldVisitOffersView.as_view(),
        name="field_visit_offers",
    ),
    path(
        "programmes/<slug:slug>/workshops/",
        views.WorkshopListView.as_view(),
        name="workshop_list",
    ),
    path(
        "programmes/<slug:slug>/workshops/<int:pk>/book/",
        views.BookWorkshopView.as_view(),
        name="workshop_book",
    ),
    path(
        "programmes/<slug:slug>/workshops/<int:pk>/delegates/<int:booking_pk>/cancel/",
        views.CancelDelegateView.as_view(),
        name="workshop_cancel_delegate",
    ),
    path(
        "programmes/<slug:slug>/field-visit/",
        views.FieldVisitOfferView.as_view(),
        name="field_visit_offer",
    ),
]
