"""Who may do what with programmes. Every view names one of these permissions."""

import rules

from accounts.rules import is_consultant, is_programme_manager, is_reviewer, is_signed_in

# Who acts for an organisation (programmes/views/membership.py). Council people choose or ask to
# join one; programme staff never act for organisations, so they are never sent to the picker.
# Which requests and memberships someone may decide or end is settled in the query
# (programmes.selectors.membership.requests_visible_to, memberships_removable_by): a member sees
# their own organisation's, a programme manager every one, anyone else none (a 404).
is_programme_staff = is_programme_manager | is_reviewer | is_consultant
rules.add_perm("programmes.join_organisation", is_signed_in & ~is_programme_staff)
rules.add_perm(
    "programmes.decide_membership_requests",
    (is_signed_in & ~is_programme_staff) | is_programme_manager,
)
rules.add_perm("programmes.manage_organisations", is_programme_manager)

rules.add_perm("programmes.manage_programmes", is_programme_manager)
rules.add_perm("programmes.manage_scoring_criteria", is_programme_manager)

# Workshops (programmes/views/workshops.py): programme managers set them up and see every
# booking and field visit offer. Anyone signed in may book delegates, cancel them and offer a
# field visit, but only for their own organisation: the views find bookings through it, so
# another organisation's delegates are a 404, and someone with no organisation chooses one first.
rules.add_perm("programmes.manage_workshops", is_programme_manager)
rules.add_perm("programmes.book_workshops", is_signed_in)
