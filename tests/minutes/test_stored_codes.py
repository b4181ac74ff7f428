"""Published minutes store codes, not labels: each reader sees them in their own language."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from meetings.minutes import workflow as minutes
from meetings.models import Minutes, MinutesVersion
from tests.minutes.build import held_meeting_with_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_in_english(neh, coordinator, administration, representative):
    with translation.override("en"):
        return held_meeting_with_minutes(neh, coordinator, administration, people=[representative])


def _latest(meeting) -> dict:
    return MinutesVersion.objects.filter(minutes__meeting=meeting).order_by("-number")[0].content


def test_the_version_holds_codes_whatever_the_publishers_language(published_in_english):
    content = _latest(published_in_english)
    people = [person for group in content["attendance"] for person in group["people"]]
    assert {(person["role"], person["answer"]) for person in people} == {
        ("representative", "coming")
    }
    assert {action["status"] for action in content["actions"]} == {"open", "done"}
    assert all("status_label" not in action for action in content["actions"])


def test_labels_are_rendered_in_the_readers_language(client_for, published_in_english):
    url = reverse("minutes_detail", kwargs={"pk": published_in_english.pk})
    reader = client_for("staff")
    swedish = reader.get(url).content.decode()
    assert "(representant)" in swedish and "Kommer" in swedish and "Öppen" in swedish
    assert "Coming" not in swedish and "(representative)" not in swedish
    reader.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = reader.get(url).content.decode()
    assert "(representative)" in english and "Coming" in english and "Open" in english


def test_the_migration_turns_stored_labels_into_codes(published_in_english):
    version = MinutesVersion.objects.filter(minutes__meeting=published_in_english).first()
    content = version.content
    for group in content["attendance"]:
        for person in group["people"]:
            person.update(role="Substitute", answer="Kommer inte")
    for action in content["actions"]:
        action["status_label"] = "Öppen"
    MinutesVersion.objects.filter(pk=version.pk).update(content=content)
    migration = importlib.import_module("meetings.migrations.0013_minutes_content_stores_codes")
    migration.labels_to_codes(apps, None)
    version.refresh_from_db()
    people = [p for group in version.content["attendance"] for p in group["people"]]
    assert {(p["role"], p["answer"]) for p in people} == {("substitute", "not_coming")}
    assert all("status_label" not in action for action in version.content["actions"])


def test_a_draft_republished_unchanged_is_still_unchanged(published_in_english, coordinator):
    """Codes compare equal across languages: publishing again in Swedish finds nothing new."""
    draft = Minutes.objects.get(meeting=published_in_english)
    with translation.override("sv"), pytest.raises(minutes.MinutesError, match="Inget har ändrats"):
        minutes.publish(
            published_in_english, coordinator, "Ingen ändring.", 2, draft_version=draft.version
        )
