"""The demo tells a true story: built as `manage.py seed_demo` builds it, it keeps every rule
the app enforces and the seams' invariants (tests/seams/invariants.py)."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.accounts.support import sign_in_as
from tests.seams import invariants

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo")
    return mailoutbox


def test_the_demo_keeps_the_seams_invariants(demo):
    invariants.check_questions()
    invariants.check_dates()
    invariants.check_meeting_plan()
    invariants.check_minutes_agree_with_attendance()
    reader = sign_in_as(Client(), User.objects.get(email="medarbetare@example.org"))
    invariants.check_meeting_pages(reader)
    invariants.check_mail_links(demo)


@pytest.mark.parametrize(
    "moment",
    [
        "2027-12-21T10:00:00+01:00",  # just before Christmas
        "2028-01-04T10:00:00+01:00",  # between the holidays
        "2027-06-20T10:00:00+02:00",  # after the spring's last meetings
        "2027-09-15T10:00:00+02:00",  # the middle of an autumn term
    ],
)
def test_the_demo_is_true_whatever_day_it_is_built(settings, moment):
    """The demo is laid around the day it is built: on any day of the year its story holds."""
    settings.DEBUG = True
    frozen = datetime.datetime.fromisoformat(moment)
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        call_command("seed_demo")
        invariants.check_questions()
        invariants.check_dates()
        invariants.check_meeting_plan()
        invariants.check_minutes_agree_with_attendance()
