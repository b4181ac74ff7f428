from django.urls import path

from meetings.minutes import views as views_minutes

urlpatterns = [
    path("moten/<int:pk>/minnesanteckningar/", views_minutes.minutes_detail, name="minutes_detail"),
    path(
        "moten/<int:pk>/minnesanteckningar/version/<int:number>/",
        views_minutes.minutes_detail,
        name="minutes_version",
    ),
    path(
        "moten/<int:pk>/minnesanteckningar/skriv/", views_minutes.minutes_edit, name="minutes_edit"
    ),
    path(
        "moten/<int:pk>/minnesanteckningar/publicera/",
        views_minutes.minutes_publish,
        name="minutes_publish",
    ),
    path("moten/<int:pk>/atgarder/ny/", views_minutes.action_create, name="action_create"),
    path("atgarder/<int:pk>/klar/", views_minutes.action_done, name="action_done"),
    path("natverk/<slug:code>/atgarder/", views_minutes.action_list, name="action_list"),
]
