"""Who may do what with programmes. Every view names one of these permissions."""

import rules

from accounts.rules import is_consultant, is_programme_manager, is_signed_in

rules.add_perm("programmes.manage_programmes", is_programme_manager)
rules.add_perm("programmes.join_organisation", is_signed_in)
rules.add_perm("programmes.manage_scoring_criteria", is_programme_manager)

# Cohort projects (programmes/views/progress.py). Which projects a consultant may open is decided
# in the query (programmes.selectors.progress.projects_visible_to), not here.
rules.add_perm("programmes.manage_projects", is_programme_manager)
rules.add_perm("programmes.view_projects", is_consultant | is_programme_manager)
rules.add_perm("programmes.add_progress_update", is_consultant | is_programme_manager)

# Learning days (programmes/views/learning_days.py): scheduling, inviting, and seeing answers with
# access and dietary needs. Invitees answer through a signed link, which needs no permission.
rules.add_perm("programmes.manage_learning_days", is_programme_manager)
