from django.urls import path

from meetings.calendar import views

urlpatterns = [
    path("kalender/", views.calendar_page, name="calendar_page"),
    path("kalender/ny-lank/", views.calendar_new_link, name="calendar_new_link"),
    path("kalender/leverans/", views.calendar_delivery, name="calendar_delivery"),
    path("kalender/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path(
        "moten/<int:pk>/kalender.ics",
        views.meeting_calendar_file,
        name="meeting_calendar_file",
    ),
]
