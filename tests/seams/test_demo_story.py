"""The demo tells a true story: built as `manage.py seed_demo` builds it, it keeps every rule
the app enforces and the seams' invariants (tests/seams/invariants.py)."""

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
