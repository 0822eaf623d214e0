import rules

from accounts.rules import is_programme_manager, is_signed_in

rules.add_perm("applications.apply", is_signed_in)
rules.add_perm("applications.review_applications", is_programme_manager)
rules.add_perm("applications.extend_deadlines", is_programme_manager)
rules.add_perm("applications.select_cohort", is_programme_manager)
