from django.urls import path

from meetings.report_back import views as views_report_back

urlpatterns = [
    path(
        "moten/<int:pk>/aterrapport/",
        views_report_back.report_back_status,
        name="report_back_status",
    ),
    path(
        "moten/<int:pk>/aterrapport/<int:administration_pk>/",
        views_report_back.report_back_pack,
        name="report_back_pack",
    ),
    path(
        "moten/<int:pk>/aterrapport/<int:administration_pk>.txt",
        views_report_back.report_back_text,
        name="report_back_text",
    ),
    path(
        "moten/<int:pk>/aterrapport/presenterad/",
        views_report_back.report_back_mark,
        name="report_back_mark",
    ),
]
