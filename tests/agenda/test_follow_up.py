""" "Uppföljning" (the network's open actions) on the published agenda and in its plain text."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.agenda.versions import draft_items, snapshot
from meetings.models import ActionItem, AgendaVersion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_meeting(neh, administration, coordinator):
    held = factories.make_meeting(neh, days_ahead=-10)
    item = factories.make_agenda_item(held, position=1, title="Solel")
    for title, status in (("Ta fram en mall", "open"), ("Redan klar sak", "done")):
        action = ActionItem.objects.create(
            meeting=held,
            agenda_item=item,
            title=title,
            status=status,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
            done_at=timezone.now() if status == "done" else None,
        )
        action.administrations.set([administration])
    meeting = factories.make_meeting(neh, days_ahead=14)
    factories.make_agenda_item(meeting, position=1, title="Information")
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    AgendaVersion.objects.create(
        meeting=meeting, number=1, published_by=coordinator, snapshot=snapshot(draft_items(meeting))
    )
    return meeting


def test_current_agenda_version_shows_the_open_actions_as_live_data(
    next_meeting, client_for, coordinator
):
    version = next_meeting.agenda_versions.get()
    frozen = version.snapshot
    html = client_for("representative").get(reverse("agenda_current", args=[next_meeting.pk]))
    html = html.content.decode()
    assert "Uppföljning" in html and "Ta fram en mall" in html
    assert "Listan visar läget nu" in html and "försenad" in html
    assert "Redan klar sak" not in html
    version.refresh_from_db()
    assert version.snapshot == frozen  # live data, not written into the version
    # An earlier version is a record as it was: no live list under it.
    AgendaVersion.objects.create(
        meeting=next_meeting, number=2, published_by=coordinator, snapshot=frozen
    )
    client = client_for("representative")
    old = client.get(reverse("agenda_version", args=[next_meeting.pk, 1])).content.decode()
    assert "Ta fram en mall" not in old
    current = client.get(reverse("agenda_current", args=[next_meeting.pk])).content.decode()
    assert "Ta fram en mall" in current


def test_agenda_text_lists_the_follow_up_with_its_date(next_meeting, client_for, administration):
    text = client_for("representative").get(reverse("agenda_text", args=[next_meeting.pk]))
    text = text.content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert f"Uppföljning: öppna åtgärder från tidigare möten (läget {today})" in text
    assert f"- Ta fram en mall ({administration.name}), klart senast" in text
    assert "(försenad)" in text and "Redan klar sak" not in text
