from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy

from config import health
from config import views as config_views

# The admin signs in through allauth (rate limits, and later two-factor), never its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = gettext_lazy("Hållbarhetsnätverken")
admin.site.site_title = gettext_lazy("Hållbarhetsnätverken")

urlpatterns = [
    path("", include("meetings.urls")),
    path("", include("networks.urls")),
    path("", include("representatives.urls")),
    path("tillganglighet/", config_views.accessibility_statement, name="accessibility_statement"),
    path("", include("representatives.lifecycle_urls")),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"
