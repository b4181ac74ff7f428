from django.urls import path

from meetings.goals import views

urlpatterns = [
    path("natverk/<slug:code>/mal/", views.goal_list, name="goal_list"),
    path("natverk/<slug:code>/mal/nytt/", views.goal_create, name="goal_create"),
    path("natverk/<slug:code>/mal/rapport/", views.goal_report, name="goal_report"),
    path("natverk/<slug:code>/mal/rapport.csv", views.goal_report_csv, name="goal_report_csv"),
    path("mal/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("mal/<int:pk>/handlingsplan/", views.goal_action_link, name="goal_action_link"),
    path("mal/<int:pk>/handlingsplan/ny/", views.goal_action_create, name="goal_action_create"),
    path("indikatorer/<int:pk>/andra/", views.indicator_edit, name="indicator_edit"),
    path(
        "indikatorer/<int:pk>/varden/", views.indicator_value_record, name="indicator_value_record"
    ),
]
