"""The programme dashboard, its themes and helpful questions."""

urlpatterns = []
