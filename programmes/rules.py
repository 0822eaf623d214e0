"""Who may do what with programmes. Every view names one of these permissions."""

import rules

from accounts.rules import is_programme_manager, is_signed_in

rules.add_perm("programmes.manage_programmes", is_programme_manager)
rules.add_perm("programmes.join_organisation", is_signed_in)
rules.add_perm("programmes.manage_scoring_criteria", is_programme_manager)
