"""Reminders run for a day: `now` is 09.00 today (Europe/Stockholm), after the 07.00 start."""

import pytest
from django.utils import timezone

from tests.reminders.support import local


@pytest.fixture
def now():
    return local(timezone.localdate(), 9)
