import pytest

from tests.mailserver import MailServer

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a loopback port, and the app's mail pointed at it."""
    server = MailServer()
    server.configure(settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker_backend(settings):
    """The production path: the delivery task is queued in the database for the worker."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """The worker calls `close_old_connections()` each cycle, as a request does, to drop broken
    connections. Inside a test's transaction that closes the test's own connection (PostgreSQL;
    SQLite's in-memory test database ignores it), so here, as Django's test client does for
    requests, it is a no-op."""
    monkeypatch.setattr("meetings.management.commands.run_worker.close_old_connections", noop)
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", noop)


def noop() -> None:
    return None
