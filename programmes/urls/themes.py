"""Cross-cutting themes and helpful questions: the programme's and each project's."""

urlpatterns = []
