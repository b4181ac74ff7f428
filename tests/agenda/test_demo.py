import pytest

from meetings.demo import build_demo
from meetings.models import AgendaVersion

pytestmark = pytest.mark.django_db


def test_demo_has_published_agenda_with_a_later_change():
    build_demo()
    changed = AgendaVersion.objects.get(number=2)
    assert changed.meeting.network.code == "NEH"
    assert changed.change_note
    first = changed.meeting.agenda_versions.get(number=1)
    assert first.snapshot != changed.snapshot
    # Every published agenda has its version 1.
    for version in AgendaVersion.objects.filter(number=1).select_related("meeting"):
        assert version.meeting.agenda_published_at == version.published_at
