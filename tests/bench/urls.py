"""The benchmark's URLconf: the app's URLs (the floor is the accessibility statement, a real
page: the base template and static text, signed in)."""

from django.urls import include, path

urlpatterns = [
    path("", include("config.urls")),
]
