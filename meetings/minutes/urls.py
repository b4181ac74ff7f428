from django.urls import path

from meetings.minutes import views

urlpatterns = [
    path("moten/<int:pk>/minnesanteckningar/", views.minutes_detail, name="minutes_detail"),
    path(
        "moten/<int:pk>/minnesanteckningar/version/<int:number>/",
        views.minutes_detail,
        name="minutes_version",
    ),
    path("moten/<int:pk>/minnesanteckningar/skriv/", views.minutes_edit, name="minutes_edit"),
    path(
        "moten/<int:pk>/minnesanteckningar/publicera/",
        views.minutes_publish,
        name="minutes_publish",
    ),
    path("moten/<int:pk>/atgarder/ny/", views.action_create, name="action_create"),
    path("atgarder/<int:pk>/klar/", views.action_done, name="action_done"),
    path("atgarder/<int:pk>/andra/", views.action_edit, name="action_edit"),
    path("natverk/<slug:code>/atgarder/", views.action_list, name="action_list"),
]
