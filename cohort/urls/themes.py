"""Cross-cutting themes and helpful questions: the programme's and each project's."""

from django.urls import path

from cohort.views import themes

urlpatterns = [
    path("manage/<slug:slug>/themes/", themes.ThemesView.as_view(), name="themes"),
    path("manage/<slug:slug>/themes/new/", themes.ThemeFormView.as_view(), name="add_theme"),
    path(
        "manage/<slug:slug>/themes/<int:pk>/", themes.ThemeFormView.as_view(), name="change_theme"
    ),
    path(
        "manage/<slug:slug>/themes/<int:pk>/remove/",
        themes.RemoveThemeView.as_view(),
        name="remove_theme",
    ),
    path(
        "manage/<slug:slug>/themes/<int:pk>/move/",
        themes.MoveThemeView.as_view(),
        name="move_theme",
    ),
    path(
        "manage/<slug:slug>/helpful-questions/new/",
        themes.HelpfulQuestionFormView.as_view(),
        name="add_helpful_question",
    ),
    path(
        "manage/<slug:slug>/helpful-questions/<int:pk>/",
        themes.HelpfulQuestionFormView.as_view(),
        name="change_helpful_question",
    ),
    path(
        "manage/<slug:slug>/helpful-questions/<int:pk>/remove/",
        themes.RemoveHelpfulQuestionView.as_view(),
        name="remove_helpful_question",
    ),
    path(
        "manage/<slug:slug>/helpful-questions/<int:pk>/move/",
        themes.MoveHelpfulQuestionView.as_view(),
        name="move_helpful_question",
    ),
    path("projects/<int:pk>/themes/", themes.ProjectThemesView.as_view(), name="project_themes"),
]
