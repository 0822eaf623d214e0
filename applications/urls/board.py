from django.urls import path

from applications.views import board

urlpatterns = [
    path(
        "<int:pk>/health-and-wellbeing-board/confirmation/",
        board.RequestBoardConfirmationView.as_view(),
        name="board_request",
    ),
    # The board's chair or manager answers here, without an account: the signed value is the
    # permission (see BoardLinkView).
    path("board/confirm/<str:signed>/", board.BoardLinkView.as_view(), name="board_confirm"),
]
