"""The project's URLs plus a bare view: the baseline every benchmark row is compared to."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("lantern.urls"))]
