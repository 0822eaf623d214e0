"""Cohort projects: consultants and progress updates."""

urlpatterns = []
