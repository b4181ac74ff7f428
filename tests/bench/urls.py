"""The benchmark's URLconf: the app's URLs plus the floor page, which exists only here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.http import require_GET

FLOOR_TEMPLATE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<h1>Golv</h1>{% endblock content %}'
)


@require_GET
@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """A minimal signed-in page: the base template and no queries of its own."""
    return HttpResponse(FLOOR_TEMPLATE.render({}, request))


urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    path("", include("config.urls")),
]
