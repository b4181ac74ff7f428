from django.urls import path

from meetings.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("natverk/<slug:code>/", views.network_detail, name="network_detail"),
    path("natverk/<slug:code>/moten/", views.network_meetings, name="network_meetings"),
    path("natverk/<slug:code>/tidigare-moten/", views.network_archive, name="network_archive"),
    path(
        "natverk/<slug:code>/representanter/",
        views.network_representatives,
        name="network_representatives",
    ),
    path("natverk/<slug:code>/termin/<str:term>/", views.term_summary, name="term_summary"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]
