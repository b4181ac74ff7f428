"""The demo's story: a search for "solcell" as the staff account finds the published minutes
and nothing unpublished; the coordinator also finds the draft correction."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from meetings.minutes.demo import DRAFT_CORRECTION
from meetings.models import MinutesVersion
from tests.accounts.support import sign_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo")


def search_as(email: str, query: str) -> str:
    client = sign_in_as(Client(), User.objects.get(email=email))
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_staff_finds_the_published_minutes_and_nothing_unpublished(demo):
    version = MinutesVersion.objects.get(number=2)
    html = search_as("medarbetare@example.org", "solcell")
    assert reverse("minutes_detail", kwargs={"pk": version.minutes.meeting_id}) in html
    assert "<mark>solceller</mark>" in html
    assert "stadshusets tak" not in html
    assert reverse("minutes_edit", kwargs={"pk": version.minutes.meeting_id}) not in html
    assert "Utkast, inte publicerat" not in html


def test_the_coordinator_also_finds_the_draft_correction(demo):
    assert "stadshusets" in DRAFT_CORRECTION
    html = search_as("samordnare@example.org", "solcellerna")
    assert "stadshusets tak" in html
    assert "Utkast, inte publicerat" in html
