"""The project's URLs plus a minimal view: the floor each page's time is compared with."""

from django.http import HttpResponse
from django.urls import path

from peerlearning.urls import urlpatterns as project_urlpatterns


def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-floor/", floor), *project_urlpatterns]
