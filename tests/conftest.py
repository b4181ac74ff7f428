"""The standard people of every test: one per role, as STYLE.md asks.

Roles: anonymous, staff without a role, representative and substitute (Miljöförvaltningen in
NEH), director (of Miljöförvaltningen), coordinator (of NEH only, so object-level refusals for
NSH can be tested), and administrator (superuser).
"""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck, settings

from tests import factories
from tests.accounts.support import sign_in_as

# Hypothesis: a modest number of examples in `make test` (seconds, not minutes);
# HYPOTHESIS_PROFILE=long runs many more. Its example database stays outside the repository's
# tracked files (.hypothesis/ is ignored). Tests take database fixtures, hence the health check.
settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def neh():
    return factories.network("NEH")


@pytest.fixture
def nsh():
    return factories.network("NSH")


@pytest.fixture
def director(db):
    return factories.standard_director()


@pytest.fixture
def administration(director):
    return factories.standard_administration(director)


@pytest.fixture
def other_administration(db):
    return factories.make_administration("Socialförvaltningen")


@pytest.fixture
def representative(administration, neh):
    return factories.standard_representative(administration, neh)


@pytest.fixture
def substitute(administration, neh):
    return factories.standard_substitute(administration, neh)


@pytest.fixture
def coordinator(neh):
    return factories.standard_coordinator(neh)


@pytest.fixture
def staff(db):
    return factories.standard_staff()


@pytest.fixture
def admin_user(db):
    return factories.standard_admin()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The cache is a table in the test database (rate limits count there); a reused test
    # database (--reuse-db) would bring the last run's counts along. When no selected test uses
    # the database (the single sign-on module alone, say), pytest-django sets none up, and the
    # configured database is left alone.
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        return
    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (Swedish). A request leaves its language
    active in the thread that served it (LocaleMiddleware activates it), so after a request in
    English the next test's own formatting (a date it expects on a page) would be English."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is deliberately slow; tests check behaviour, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def deliver_on_commit(settings):
    """E-mail leaves through the outbox: recorded with the change, delivered by a task enqueued
    on commit. In production the database backend queues that task for the worker; here the
    immediate backend runs it at once, so a test that runs the on-commit callbacks (as a real
    request does) finds the messages in `mail.outbox`. tests/outbox/ drive the real worker."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def network_people(representative, substitute, other_administration, neh):
    """Three current people in NEH, one ended appointment, one NSH-only representative."""
    third = factories.make_user("tredje@example.org", "Tora Tredje")
    factories.make_appointment(third, other_administration, neh)
    ended = factories.make_appointment(
        factories.make_user("slutat@example.org", "Sluta Slutat"),
        other_administration,
        neh,
        "substitute",
    )
    ended.end()
    factories.make_appointment(
        factories.make_user("nsh@example.org", "Nils NSH"),
        other_administration,
        factories.network("NSH"),
    )
    return [representative, substitute, third]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Uploaded files of every test go to a folder of its own, never the checkout's media/.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


ROLES = ["anonymous", "staff", "representative", "substitute", "director", "coordinator", "admin"]


@pytest.fixture
def user_for_role(request):
    """Resolve a role name to a user (None for anonymous), for parametrised tests."""

    def resolve(role: str):
        if role == "anonymous":
            return None
        return request.getfixturevalue("admin_user" if role == "admin" else role)

    return resolve


@pytest.fixture
def client_for(client, user_for_role):
    """A test client signed in as the given role. Coordinators and administrators get a
    session that used a second factor, as they need (accounts/mfa.py); `password_only_client`
    gives them one that did not."""

    def sign_in(role: str):
        user = user_for_role(role)
        if user is not None:
            sign_in_as(client, user)
        return client

    return sign_in


@pytest.fixture
def password_only_client(client, user_for_role):
    """A test client signed in as the given role with the password alone (no second factor)."""

    def sign_in(role: str):
        client.force_login(user_for_role(role))
        return client

    return sign_in


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated data (serialized_rollback=True).

    A transactional test flushes the database when it ends. Without serialized rollback that
    flush re-creates the content types with new ids and drops the networks of the data
    migrations, and the next serialized test in the same worker then fails to restore them
    (a duplicate content type). With it, every flush leaves an empty database that the next
    test fills with the same rows again, whatever order the workers run the tests in."""
    careless = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        transactional = marker.kwargs.get("transaction") or (marker.args and marker.args[0])
        if transactional and not marker.kwargs.get("serialized_rollback"):
            careless.append(item.nodeid)
    if careless:
        raise pytest.UsageError(
            "Transactional tests must use serialized_rollback=True:\n  " + "\n  ".join(careless)
        )
