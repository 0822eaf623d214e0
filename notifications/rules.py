import rules

from accounts.rules import is_programme_manager

rules.add_perm("notifications.view_outbox", is_programme_manager)
# Hold, release, cancel and retry emails in the outbox.
rules.add_perm("notifications.manage_outbox", is_programme_manager)
rules.add_perm("notifications.compose_email", is_programme_manager)
rules.add_perm("notifications.edit_email_templates", is_programme_manager)
