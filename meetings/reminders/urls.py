from django.urls import path

from meetings.reminders import views

urlpatterns = [
    path("paminnelser/", views.reminder_preferences, name="reminder_preferences"),
]
