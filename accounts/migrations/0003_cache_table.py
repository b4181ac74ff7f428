"""The database cache's table, so `migrate` is all a new installation needs.

Rate limits count in the cache, which must be shared by every gunicorn worker (see CACHES in
config/settings.py). This runs `createcachetable`, which creates the table of every database
cache in CACHES and skips tables that exist; with Redis (CACHE_URL) it does nothing. After
switching CACHE_URL to another `db://` table later, run `manage.py createcachetable` once.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_calendar_delivery")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
