"""Learning days: scheduling, invitations and the answers to them."""

from django.urls import path

from cohort.views import invitation_answers, register, venues
from cohort.views import learning_days as views

urlpatterns = [
    path(
        "manage/<slug:slug>/learning-days/",
        views.LearningDaysView.as_view(),
        name="learning_days",
    ),
    path(
        "manage/<slug:slug>/learning-days/new/",
        views.LearningDayFormView.as_view(),
        name="learning_day_create",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/",
        views.LearningDayFormView.as_view(),
        name="learning_day_edit",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/cancel/",
        views.CancelLearningDayView.as_view(),
        name="learning_day_cancel",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/invite/",
        views.InviteCohortView.as_view(),
        name="learning_day_invite",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/invitations/",
        views.InvitationsView.as_view(),
        name="learning_day_invitations",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/register/",
        register.RegisterView.as_view(),
        name="learning_day_register",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/sign-in-sheet/",
        register.SignInSheetView.as_view(),
        name="learning_day_sign_in_sheet",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/attendance.csv",
        register.AttendanceCsvView.as_view(),
        name="learning_day_attendance_csv",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/venues/",
        venues.VenuesView.as_view(),
        name="learning_day_venues",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/venues/<int:venue_pk>/remove/",
        venues.RemoveCandidateVenueView.as_view(),
        name="learning_day_venue_remove",
    ),
    path(
        "manage/<slug:slug>/learning-days/<int:pk>/venues/<int:venue_pk>/use/",
        venues.UseCandidateVenueView.as_view(),
        name="learning_day_venue_use",
    ),
    # An invitee answers here, without an account: the signed value is the permission (see
    # InvitationLinkView).
    path(
        "learning-days/answer/<str:signed>/",
        invitation_answers.AnswerView.as_view(),
        name="learning_day_answer",
    ),
    path(
        "learning-days/answer/<str:signed>/needs/",
        invitation_answers.NeedsView.as_view(),
        name="learning_day_needs",
    ),
    path(
        "learning-days/answer/<str:signed>/someone-else/",
        invitation_answers.SubstituteView.as_view(),
        name="learning_day_substitute",
    ),
    path(
        "learning-days/answer/<str:signed>/answered/",
        invitation_answers.AnsweredView.as_view(),
        name="learning_day_answered",
    ),
]
