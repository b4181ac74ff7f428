from django.urls import path

from meetings.reports import views

urlpatterns = [
    path("natverk/<slug:code>/rapport/", views.participation_report, name="participation_report"),
    path(
        "natverk/<slug:code>/rapport/utskrift/",
        views.term_report_print,
        name="term_report_print",
    ),
    path(
        "natverk/<slug:code>/rapport/narvaro.csv",
        views.attendance_csv,
        name="report_attendance_csv",
    ),
    path(
        "natverk/<slug:code>/rapport/arbetsomraden.csv",
        views.work_areas_csv,
        name="report_work_areas_csv",
    ),
]
