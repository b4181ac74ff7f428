"""Settings for `make bench`: the project's settings, its own database and URLconf.

The database is never the developer's `db.sqlite3`: `BENCH_DATABASE_URL` if set (e.g. a
PostgreSQL database), otherwise `bench.sqlite3` in the checkout.
"""

from config.env import env_database
from config.settings import *  # noqa: F403
from config.settings import ALLOWED_HOSTS, BASE_DIR

DATABASES = {
    "default": env_database("BENCH_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'bench.sqlite3'}")
}
ROOT_URLCONF = "tests.bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# Measure as in production: no debug-only work (query logging, template debug info).
DEBUG = False
for _template in TEMPLATES:  # noqa: F405
    _template.setdefault("OPTIONS", {})["debug"] = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The build step's e-mails (publishing minutes, say) go nowhere.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
