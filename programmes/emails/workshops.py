"""Kinds of email about workshops (see programmes.services.workshops), each with wording a
programme manager can edit per programme; the defaults are templates/emails/editable/<kind>.txt.

- `workshop_booked`: to a delegate nominated for a workshop, confirming their place.
- `workshop_waiting_list`: to a delegate nominated when the workshop was full.
- `workshop_place_offered`: to the first on the waiting list when a place comes free.
- `workshop_booking_cancelled`: to a delegate whose place (or waiting-list place) is cancelled.
"""

from notifications import editable
from programmes.models import Programme
from programmes.services import workshops as service

KINDS = [
    (
        service.BOOKED,
        "Place at a workshop confirmed",
        "Sent to a delegate when their organisation books them a place at a workshop.",
    ),
    (
        service.WAITING,
        "On the waiting list for a workshop",
        "Sent to a delegate nominated when the workshop was already full: they are on its "
        "waiting list.",
    ),
    (
        service.PLACE_OFFERED,
        "A place at a workshop has come free",
        "Sent to the first delegate on a workshop’s waiting list when a place comes free: the "
        "place is theirs.",
    ),
    (
        service.BOOKING_CANCELLED,
        "Place at a workshop cancelled",
        "Sent to a delegate when their organisation cancels their place at a workshop.",
    ),
]

for kind, name, description in KINDS:
    editable.register(
        editable.EditableKind(
            group="Workshops",
            kind=kind,
            name=name,
            description=description,
            placeholders=service.PLACEHOLDERS,
            scope_model=Programme,
            scopes=lambda: Programme.objects.order_by("-closes_at", "title"),
            sample=service.preview_values,
        )
    )
