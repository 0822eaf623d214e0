"""The cohort app's kinds of email, registered with notifications when imported: the wording
a programme manager can edit (notifications.editable) and what must still hold when each is sent
(notifications.send_conditions). One module per area of work."""

from cohort.emails import learning_days, peer_engagements, progress  # noqa: F401
