"""The programmes app's kinds of email, registered with notifications when imported: the wording
a programme manager can edit (notifications.editable) and what must still hold when each is sent
(notifications.send_conditions). One module per area of work."""

from programmes.emails import community, workshops  # noqa: F401
