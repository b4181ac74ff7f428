from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from config import health
from config import views as config_views
from meetings import views as meeting_views

# The admin signs in through allauth (rate limits, and later two-factor), never its own form.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = gettext_lazy("Hållbarhetsnätverken")
admin.site.site_title = gettext_lazy("Hållbarhetsnätverken")

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("natverk/<slug:code>/", meeting_views.network_detail, name="network_detail"),
    path("moten/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("", include("meetings.calendar.urls")),
    path("", include("networks.urls")),
    path("", include("meetings.coordination.urls")),
    path("", include("meetings.agenda.urls")),
    path("", include("representatives.urls")),
    path("", include("meetings.participation.urls")),
    path("", include("meetings.reports.urls")),
    path("", include("meetings.wishes.urls")),
    path("", include("meetings.evaluations.urls")),
    path("tillganglighet/", config_views.accessibility_statement, name="accessibility_statement"),
    path("", include("meetings.documents.urls")),
    path("", include("meetings.report_back.urls")),
    path("", include("meetings.minutes.urls")),
    path("", include("meetings.questions.urls")),
    path("", include("meetings.goals.urls")),
    path("", include("representatives.lifecycle_urls")),
    path("", include("meetings.history.urls")),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]
