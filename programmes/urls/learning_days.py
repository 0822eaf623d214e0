"""Learning days: scheduling, invitations and the answers to them."""

urlpatterns = []
