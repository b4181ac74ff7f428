from django.urls import path

from meetings.evaluations import views

urlpatterns = [
    path("moten/<int:pk>/utvardering/", views.evaluation_answer, name="evaluation_answer"),
    path("moten/<int:pk>/utvardering/skicka/", views.evaluation_send, name="evaluation_send"),
    path(
        "moten/<int:pk>/utvardering/resultat/",
        views.evaluation_results,
        name="evaluation_results",
    ),
    path("natverk/<slug:code>/utvarderingar/", views.evaluation_term, name="evaluation_term"),
    path(
        "natverk/<slug:code>/utvarderingar/fragor/",
        views.evaluation_settings,
        name="evaluation_settings",
    ),
]
