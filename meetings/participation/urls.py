from django.urls import path

from meetings.participation import views

urlpatterns = [
    path("mina-natverk/", views.my_networks, name="my_networks"),
    path("moten/<int:pk>/svar/", views.attendance_answer, name="attendance_answer"),
    path("moten/<int:pk>/narvaro/", views.attendance_record, name="attendance_record"),
    path("moten/<int:pk>/bjud-in/", views.invitation_create, name="invitation_create"),
    path(
        "moten/<int:pk>/inbjudan/<str:token>/",
        views.invitation_meeting,
        name="invitation_meeting",
    ),
]
