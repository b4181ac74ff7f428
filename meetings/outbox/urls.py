from django.urls import path

from meetings.outbox import views

urlpatterns = [
    path(
        "natverk/<slug:code>/samordning/misslyckade-utskick/",
        views.failed_deliveries,
        name="outbox_failed",
    ),
    path(
        "natverk/<slug:code>/samordning/misslyckade-utskick/skicka-igen/",
        views.retry_all_deliveries,
        name="outbox_retry_all",
    ),
    path(
        "natverk/<slug:code>/samordning/misslyckade-utskick/<int:pk>/skicka-igen/",
        views.retry_delivery,
        name="outbox_retry",
    ),
]
