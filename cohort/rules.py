"""Who may do what with the cohort's delivery. Every view names one of these permissions."""

import rules

from accounts.rules import is_consultant, is_programme_manager, is_reviewer, is_signed_in

# Cohort projects (cohort/views/progress.py). Which projects a consultant may open is decided
# in the query (cohort.selectors.progress.projects_visible_to), not here.
rules.add_perm("cohort.manage_projects", is_programme_manager)
rules.add_perm("cohort.view_projects", is_consultant | is_programme_manager)
rules.add_perm("cohort.add_progress_update", is_consultant | is_programme_manager)

# Learning days (cohort/views/learning_days.py): scheduling, inviting, and seeing answers with
# access and dietary needs. Invitees answer through a signed link, which needs no permission.
rules.add_perm("cohort.manage_learning_days", is_programme_manager)

# Learning-day outputs (cohort/views/progress.py): the refined key question and the action
# plan, edited by programme managers and the project's consultant (which projects: decided in the
# query, as above). The council's read-only view of its project is for anyone signed in except
# reviewers; cohort.selectors.progress.projects_for_council_view limits it to the members of
# the project's organisation (and staff who may see the project), so another council gets a 404.


rules.add_perm("cohort.edit_action_plan", is_consultant | is_programme_manager)
rules.add_perm("cohort.view_our_project", is_signed_in & ~is_reviewer)

# Cross-cutting themes and helpful questions (cohort/views/themes.py): programme managers keep
# each programme's lists; a project's consultant (or a programme manager) tags the project with
# the programme's themes. Which projects a consultant may tag is decided in the query
# (cohort.selectors.progress.projects_visible_to), and checked again under the project's lock
# by cohort.services.themes.set_project_themes.
rules.add_perm("cohort.manage_themes", is_programme_manager)
rules.add_perm("cohort.tag_project_themes", is_consultant | is_programme_manager)

# The programme dashboard and the end-of-programme report.
rules.add_perm("cohort.view_dashboard", is_programme_manager)

# The programme's pool of peer approaches (cohort/views/peer_approaches.py): add, change,
# archive and restore, import from a spreadsheet, turn peer partner offers into approaches.
rules.add_perm("cohort.manage_peer_approaches", is_programme_manager)

# Peer engagements (cohort/views/peer_engagements.py): a project's consultant and programme
# managers propose visits and calls to peers and record them. Which projects a consultant may
# open is decided in the query (cohort.selectors.progress.projects_visible_to) and checked again
# under the project's lock by cohort.services.peer_engagements. The council sees its engagements
# read-only in its project view (cohort.view_our_project); the peer's contact answers through a
# signed link, which needs no permission.
rules.add_perm("cohort.manage_peer_engagements", is_consultant | is_programme_manager)

# Peer matching (cohort/views/peer_matching.py): the suggested matching of the cohort's projects
# to the programme's peer approaches, and the manager's choices, locks and ruled-out pairs.
rules.add_perm("cohort.manage_peer_matching", is_programme_manager)
