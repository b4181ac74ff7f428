from django.urls import path

from meetings.report_back import views

urlpatterns = [
    path(
        "moten/<int:pk>/aterrapport/",
        views.report_back_status,
        name="report_back_status",
    ),
    path(
        "moten/<int:pk>/aterrapport/<int:administration_pk>/",
        views.report_back_pack,
        name="report_back_pack",
    ),
    path(
        "moten/<int:pk>/aterrapport/<int:administration_pk>.txt",
        views.report_back_text,
        name="report_back_text",
    ),
    path(
        "moten/<int:pk>/aterrapport/presenterad/",
        views.report_back_mark,
        name="report_back_mark",
    ),
]
