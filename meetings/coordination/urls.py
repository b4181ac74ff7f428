from django.urls import path

from meetings.coordination import views

urlpatterns = [
    path(
        "natverk/<slug:code>/samordning/",
        views.coordination_dashboard,
        name="coordination_dashboard",
    ),
    path("natverk/<slug:code>/planera/", views.plan_term, name="plan_term"),
    path("natverk/<slug:code>/nytt-mote/", views.meeting_new, name="meeting_new"),
    path("moten/<int:pk>/redigera/", views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/publicera/", views.meeting_publish, name="meeting_publish"),
    path("moten/<int:pk>/flytta/", views.meeting_reschedule, name="meeting_reschedule"),
    path("moten/<int:pk>/stall-in/", views.meeting_cancel, name="meeting_cancel"),
]
