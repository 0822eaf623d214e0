from django.urls import path

from applications.views import information

urlpatterns = [
    path(
        "staff/<int:pk>/more-information/",
        information.RequestInformationView.as_view(),
        name="request_information",
    ),
    path(
        "<int:pk>/more-information/",
        information.SendInformationView.as_view(),
        name="send_information",
    ),
]
