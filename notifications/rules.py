import rules

from accounts.rules import is_programme_manager

rules.add_perm("notifications.view_outbox", is_programme_manager)
