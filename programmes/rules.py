"""Who may do what with programmes. Every view names one of these permissions."""

import rules

from accounts.rules import is_programme_manager, is_signed_in

rules.add_perm("programmes.manage_programmes", is_programme_manager)
rules.add_perm("programmes.join_organisation", is_signed_in)
rules.add_perm("programmes.manage_scoring_criteria", is_programme_manager)

# Workshops (programmes/views/workshops.py): programme managers set them up and see every
# booking and field visit offer. Anyone signed in may book delegates, cancel them and offer a
# field visit, but only for their own organisation: the views find bookings through it, so
# another organisation's delegates are a 404, and someone with no organisation chooses one first.
rules.add_perm("programmes.manage_workshops", is_programme_manager)
rules.add_perm("programmes.book_workshops", is_signed_in)
