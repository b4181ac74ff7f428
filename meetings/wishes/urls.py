from django.urls import path

from meetings.wishes import views

urlpatterns = [
    path("natverk/<slug:code>/temaforslag/", views.theme_suggestions, name="theme_suggestions"),
    path(
        "natverk/<slug:code>/temaforslag/<int:pk>/stod/",
        views.theme_suggestion_support,
        name="theme_suggestion_support",
    ),
    path(
        "natverk/<slug:code>/temaforslag/<int:pk>/anta/",
        views.theme_suggestion_adopt,
        name="theme_suggestion_adopt",
    ),
    path(
        "natverk/<slug:code>/temaforslag/<int:pk>/avsluta/",
        views.theme_suggestion_close,
        name="theme_suggestion_close",
    ),
]
