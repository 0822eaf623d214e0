"""Workshops: open events with bookings by organisation, and offers to host field visits."""

urlpatterns = []
