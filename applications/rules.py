import rules

from accounts.rules import is_programme_manager, is_reviewer, is_signed_in

rules.add_perm("applications.apply", is_signed_in)
rules.add_perm("applications.review_applications", is_programme_manager)
rules.add_perm("applications.extend_deadlines", is_programme_manager)
rules.add_perm("applications.select_cohort", is_programme_manager)


# Reviewing (assessment, part 3). Reviewers are the "Reviewers" group; which applications a
# reviewer may open is decided in the query (their own Review rows), not here.
rules.add_perm("applications.review", is_reviewer)
rules.add_perm("applications.assign_reviewers", is_programme_manager)
rules.add_perm("applications.moderate_reviews", is_programme_manager)
