"""Workshops: programme managers set them up and see the bookings; councils nominate delegates
and offer to host field visits.

The programme managers' pages name `programmes.manage_workshops`. The list of a programme's
workshops is public. Booking, cancelling and offering a field visit name
`programmes.book_workshops` (anyone signed in) and act only for the person's own organisation:
its delegates are found through the organisation in the query, so another organisation's booking
is a 404, and a person with no organisation is asked to choose one first.
"""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.emails.workshops import when_text, where_text
from programmes.enums import BookingStatus
from programmes.errors import add_to_form
from programmes.exports import spreadsheet_safe
from programmes.forms.workshops import DelegateForm, FieldVisitOfferForm, WorkshopForm
from programmes.models import Programme, Workshop, WorkshopBooking
from programmes.selectors import organisation_of, published_programmes
from programmes.selectors.workshops import (
    bookings_for_staff,
    delegates_of,
    field_visit_offers_of,
    published_workshops,
    workshops_of,
)
from programmes.services.workshops import (
    WorkshopError,
    book_delegate,
    cancel_booking,
    offer_field_visit,
    save_workshop,
)
from programmes.views.public import PublicView


def _described(workshop: Workshop) -> Workshop:
    workshop.when = when_text(workshop)
    workshop.where = where_text(workshop)
    return workshop


# --- Programme managers ------------------------------------------------------------------------


class WorkshopsManagerView(PermissionRequiredMixin, View):
    permission_required = "programmes.manage_workshops"

    def get_workshop(self, slug: str, pk: int) -> Workshop:
        return get_object_or_404(
            Workshop.objects.select_related("programme"), programme__slug=slug, pk=pk
        )


class WorkshopsView(WorkshopsManagerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "programmes/workshops/manage_list.html",
            {
                "programme": programme,
                "workshops": [_described(w) for w in workshops_of(programme)],
                "offers_count": programme.field_visit_offers.count(),
            },
        )


class WorkshopFormView(WorkshopsManagerView):
    """Add a workshop (no pk) or change one."""

    def get_objects(self, slug, pk):
        if pk is None:
            programme = get_object_or_404(Programme, slug=slug)
            return programme, Workshop(programme=programme)
        workshop = self.get_workshop(slug, pk)
        return workshop.programme, workshop

    def get(self, request, slug, pk=None):
        programme, workshop = self.get_objects(slug, pk)
        return self.render_page(programme, workshop, WorkshopForm(workshop=workshop))

    def post(self, request, slug, pk=None):
        programme, workshop = self.get_objects(slug, pk)
        form = WorkshopForm(request.POST, workshop=workshop)
        if form.is_valid():
            try:
                saved = save_workshop(
                    programme_id=programme.pk, workshop_id=workshop.pk, details=form.details()
                )
            except WorkshopError as error:
                add_to_form(form, error)
            else:
                messages.success(request, f"‘{saved.title}’ has been saved.")
                return redirect("programmes:workshops", slug=programme.slug)
        return self.render_page(programme, workshop, form)

    def render_page(self, programme, workshop, form):
        return render(
            self.request,
            "programmes/workshops/form.html",
            {
                "programme": programme,
                "workshop": workshop,
                "form": form,
                "has_errors": bool(form.errors),
            },
            status=400 if form.errors else 200,
        )


class WorkshopBookingsView(WorkshopsManagerView):
    def get(self, request, slug, pk):
        workshop = _described(self.get_workshop(slug, pk))
        groups = bookings_for_staff(workshop)
        statuses = [b.status for _, bookings in groups for b in bookings]
        return render(
            request,
            "programmes/workshops/bookings.html",
            {
                "programme": workshop.programme,
                "workshop": workshop,
                "groups": groups,
                "booked_count": statuses.count(BookingStatus.BOOKED),
                "waiting_count": statuses.count(BookingStatus.WAITING),
                "cancelled_count": statuses.count(BookingStatus.CANCELLED),
            },
        )


class WorkshopBookingsCsvView(WorkshopsManagerView):
    def get(self, request, slug, pk):
        workshop = self.get_workshop(slug, pk)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["Organisation", "Name", "Job title", "Email", "Status", "Booked"])
        for organisation, bookings in bookings_for_staff(workshop):
            for booking in bookings:
                writer.writerow(
                    [
                        spreadsheet_safe(organisation.name),
                        spreadsheet_safe(booking.name),
                        spreadsheet_safe(booking.job_title),
                        spreadsheet_safe(booking.email),
                        booking.get_status_display(),
                        timezone.localtime(booking.created_at).isoformat(timespec="minutes"),
                    ]
                )
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="workshop-bookings-{workshop.programme.slug}-{workshop.pk}.csv"'
        )
        return response


class FieldVisitOffersView(WorkshopsManagerView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        return render(
            request,
            "programmes/workshops/field_visit_offers.html",
            {"programme": programme, "offers": field_visit_offers_of(programme)},
        )


# --- Councils ----------------------------------------------------------------------------------


class WorkshopListView(PublicView):
    """A programme's published workshops; a signed-in member sees their organisation's delegates."""

    def get(self, request, slug):
        programme = get_object_or_404(published_programmes(), slug=slug)
        organisation = organisation_of(request.user)
        delegates = delegates_of(organisation=organisation, programme=programme)
        workshops = []
        for workshop in published_workshops(programme):
            _described(workshop)
            workshop.our_delegates = delegates.get(workshop.pk, [])
            workshops.append(workshop)
        offer = (
            programme.field_visit_offers.filter(organisation=organisation).first()
            if organisation
            else None
        )
        return render(
            request,
            "programmes/workshops/list.html",
            {
                "programme": programme,
                "workshops": workshops,
                "organisation": organisation,
                "offer": offer,
                "now": timezone.now(),
            },
        )


class CouncilWorkshopView(PermissionRequiredMixin, View):
    """Acts for the signed-in person's organisation; without one, they are asked to choose."""

    permission_required = "programmes.book_workshops"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = organisation_of(request.user)
            if self.organisation is None:
                messages.info(request, "Tell us which organisation you work for first.")
                choose = reverse("programmes:choose_organisation")
                return redirect(f"{choose}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def get_workshop(self, slug: str, pk: int) -> Workshop:
        return get_object_or_404(
            published_workshops(
                get_object_or_404(published_programmes(), slug=slug)
            ).select_related("programme"),
            pk=pk,
        )


class BookWorkshopView(CouncilWorkshopView):
    """Nominate delegates for a workshop; see and cancel the organisation's own."""

    def get(self, request, slug, pk):
        workshop = self.get_workshop(slug, pk)
        return self.render_page(workshop, DelegateForm())

    def post(self, request, slug, pk):
        workshop = self.get_workshop(slug, pk)
        form = DelegateForm(request.POST)
        if form.is_valid():
            try:
                booking = book_delegate(
                    workshop_id=workshop.pk,
                    organisation=self.organisation,
                    by=request.user,
                    **form.cleaned_data,
                )
            except WorkshopError as error:
                add_to_form(form, error)
            else:
                if booking.status == BookingStatus.WAITING:
                    messages.success(
                        request,
                        f"The workshop is full, so {booking.name} is on the waiting list. "
                        "We have emailed them, and will again if a place comes free.",
                    )
                else:
                    messages.success(
                        request,
                        f"{booking.name} has a place at ‘{workshop.title}’. We have emailed "
                        "them to confirm it.",
                    )
                return redirect("programmes:workshop_book", slug=slug, pk=workshop.pk)
        return self.render_page(workshop, form)

    def render_page(self, workshop, form):
        delegates = delegates_of(organisation=self.organisation, programme=workshop.programme)
        now = timezone.now()
        return render(
            self.request,
            "programmes/workshops/book.html",
            {
                "programme": workshop.programme,
                "workshop": _described(workshop),
                "organisation": self.organisation,
                "delegates": delegates.get(workshop.pk, []),
                "form": form,
                "is_closed": now >= workshop.booking_closes_at,
                "has_started": now >= workshop.starts_at,
                "places_left": max(workshop.capacity - workshop.booked_count, 0),
                "has_errors": bool(form.errors),
            },
            status=400 if form.errors else 200,
        )


class CancelDelegateView(CouncilWorkshopView):
    def get_booking(self, slug, pk, booking_pk) -> WorkshopBooking:
        workshop = self.get_workshop(slug, pk)
        booking = get_object_or_404(
            workshop.bookings.filter(status__in=[BookingStatus.BOOKED, BookingStatus.WAITING]),
            pk=booking_pk,
            organisation=self.organisation,
        )
        booking.workshop = workshop
        return booking

    def get(self, request, slug, pk, booking_pk):
        booking = self.get_booking(slug, pk, booking_pk)
        return render(
            request,
            "programmes/workshops/cancel.html",
            {
                "programme": booking.workshop.programme,
                "workshop": _described(booking.workshop),
                "booking": booking,
            },
        )

    def post(self, request, slug, pk, booking_pk):
        booking = self.get_booking(slug, pk, booking_pk)
        try:
            cancel_booking(booking_id=booking.pk, by=request.user)
        except WorkshopError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"{booking.name}’s place has been cancelled. We have emailed them."
            )
        return redirect("programmes:workshop_book", slug=slug, pk=pk)


class FieldVisitOfferView(CouncilWorkshopView):
    """Offer the organisation as a field visit host, or change its offer."""

    def get_programme(self, slug) -> Programme:
        return get_object_or_404(published_programmes(), slug=slug)

    def get(self, request, slug):
        programme = self.get_programme(slug)
        offer = programme.field_visit_offers.filter(organisation=self.organisation).first()
        if offer:
            initial = {
                "what_they_would_show": offer.what_they_would_show,
                "contact_name": offer.contact_name,
                "contact_email": offer.contact_email,
            }
        else:
            initial = {"contact_name": request.user.name, "contact_email": request.user.email}
        return self.render_page(programme, offer, FieldVisitOfferForm(initial=initial))

    def post(self, request, slug):
        programme = self.get_programme(slug)
        offer = programme.field_visit_offers.filter(organisation=self.organisation).first()
        form = FieldVisitOfferForm(request.POST)
        if form.is_valid():
            try:
                offer_field_visit(
                    programme_id=programme.pk,
                    organisation=self.organisation,
                    by=request.user,
                    **form.cleaned_data,
                )
            except WorkshopError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    f"Thank you. {self.organisation.name}’s offer to host a field visit has been "
                    "saved.",
                )
                return redirect("programmes:workshop_list", slug=programme.slug)
        return self.render_page(programme, offer, form)

    def render_page(self, programme, offer, form):
        return render(
            self.request,
            "programmes/workshops/field_visit_offer.html",
            {
                "programme": programme,
                "offer": offer,
                "organisation": self.organisation,
                "form": form,
                "has_errors": bool(form.errors),
            },
            status=400 if form.errors else 200,
        )
