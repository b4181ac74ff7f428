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
