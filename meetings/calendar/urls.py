from django.urls import path

from meetings.calendar import views as calendar_views

urlpatterns = [
    path("kalender/", calendar_views.calendar_page, name="calendar_page"),
    path("kalender/ny-lank/", calendar_views.calendar_new_link, name="calendar_new_link"),
    path("kalender/leverans/", calendar_views.calendar_delivery, name="calendar_delivery"),
    path("kalender/<str:secret>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path(
        "moten/<int:pk>/kalender.ics",
        calendar_views.meeting_calendar_file,
        name="meeting_calendar_file",
    ),
]
