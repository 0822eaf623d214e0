import rules


# notifications builds on no other app of ours (not even accounts: see the README's layers), so
# it asks the user model's own role property rather than importing accounts.rules.
@rules.predicate
def is_programme_manager(user) -> bool:
    return user.is_authenticated and user.is_programme_manager


rules.add_perm("notifications.view_outbox", is_programme_manager)
# Hold, release, cancel and retry emails in the outbox.
rules.add_perm("notifications.manage_outbox", is_programme_manager)
rules.add_perm("notifications.compose_email", is_programme_manager)
rules.add_perm("notifications.edit_email_templates", is_programme_manager)
