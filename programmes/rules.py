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

# Cohort projects (programmes/views/progress.py). Which projects a consultant may open is decided
# in the query (programmes.selectors.progress.projects_visible_to), not here.
rules.add_perm("programmes.manage_projects", is_programme_manager)
rules.add_perm("programmes.view_projects", is_consultant | is_programme_manager)
rules.add_perm("programmes.add_progress_update", is_consultant | is_programme_manager)

# Learning days (programmes/views/learning_days.py): scheduling, inviting, and seeing answers with
# access and dietary needs. Invitees answer through a signed link, which needs no permission.
rules.add_perm("programmes.manage_learning_days", is_programme_manager)

# Learning-day outputs (programmes/views/progress.py): the refined key question and the action
# plan, edited by programme managers and the project's consultant (which projects: decided in the
# query, as above). The council's read-only view of its project is for anyone signed in except
# reviewers; programmes.selectors.progress.projects_for_council_view limits it to the members of
# the project's organisation (and staff who may see the project), so another council gets a 404.


rules.add_perm("programmes.edit_action_plan", is_consultant | is_programme_manager)
rules.add_perm("programmes.view_our_project", is_signed_in & ~is_reviewer)

# Workshops (programmes/views/workshops.py): programme managers set them up and see every
# booking and field visit offer. Anyone signed in may book delegates, cancel them and offer a
# field visit, but only for their own organisation: the views find bookings through it, so
# another organisation's delegates are a 404, and someone with no organisation chooses one first.
rules.add_perm("programmes.manage_workshops", is_programme_manager)
rules.add_perm("programmes.book_workshops", is_signed_in)

# Cross-cutting themes and helpful questions (programmes/views/themes.py): programme managers keep
# each programme's lists; a project's consultant (or a programme manager) tags the project with
# the programme's themes. Which projects a consultant may tag is decided in the query
# (programmes.selectors.progress.projects_visible_to), and checked again under the project's lock
# by programmes.services.themes.set_project_themes.
rules.add_perm("programmes.manage_themes", is_programme_manager)
rules.add_perm("programmes.tag_project_themes", is_consultant | is_programme_manager)
