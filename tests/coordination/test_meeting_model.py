"""The meeting's state machine, its calendar sequence and the optimistic version check."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting, MeetingStateError, StaleMeetingError
from tests import factories
from tests.coordination.conftest import future

pytestmark = pytest.mark.django_db


def test_publish_theme_sets_status_moment_sequence_and_version(planned):
    planned.publish_theme()
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PUBLISHED
    assert abs((timezone.now() - planned.published_at).total_seconds()) < 5
    assert (planned.sequence, planned.version) == (1, 2)
    assert planned.theme_days_ahead == 40


def test_publish_theme_refuses_empty_theme(planned):
    planned.theme_title = "  "
    planned.save()
    with pytest.raises(MeetingStateError, match="behöver ett tema"):
        planned.publish_theme()
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PLANNED and planned.published_at is None


def test_publish_theme_refuses_published_and_past_meetings(published, neh):
    with pytest.raises(MeetingStateError, match="Bara ett planerat"):
        published.publish_theme()
    past = factories.make_meeting(neh, days_ahead=-3, status=Meeting.Status.PLANNED)
    with pytest.raises(MeetingStateError, match="redan börjat"):
        past.publish_theme()


def test_reschedule_moves_raises_sequence_and_returns_old_time(published):
    old = (published.starts_at, published.ends_at)
    returned = published.reschedule(future(50), future(50, 11), "Sal Vänern")
    published.refresh_from_db()
    assert returned == old
    assert published.starts_at == future(50) and published.place == "Sal Vänern"
    assert published.sequence == 1 and published.version == 2


def test_reschedule_refuses_planned_past_and_backwards_times(planned, published):
    with pytest.raises(MeetingStateError, match="Bara ett publicerat"):
        planned.reschedule(future(50), future(50, 11), "")
    with pytest.raises(MeetingStateError, match="sluta efter"):
        published.reschedule(future(50, 11), future(50, 10), "")
    with pytest.raises(MeetingStateError, match="redan har passerat"):
        published.reschedule(future(-2), future(-2, 11), "")
    with pytest.raises(MeetingStateError, match="ny tid"):
        published.reschedule(published.starts_at, published.ends_at, published.place)
    published.refresh_from_db()
    assert published.sequence == 0 and published.version == 1


def test_cancel_keeps_meeting_with_reason_and_raises_sequence(published):
    published.cancel("  För få anmälda.  ")
    published.refresh_from_db()
    assert published.status == Meeting.Status.CANCELLED
    assert published.cancellation_reason == "För få anmälda."
    assert published.cancelled_at is not None and published.sequence == 1


def test_cancel_refuses_planned_cancelled_past_and_empty_reason(planned, published, neh):
    with pytest.raises(MeetingStateError, match="Bara ett publicerat"):
        planned.cancel("x")
    with pytest.raises(MeetingStateError, match="Ange varför"):
        published.cancel("   ")
    past = factories.make_meeting(neh, days_ahead=-3)
    with pytest.raises(MeetingStateError, match="redan ägt rum"):
        past.cancel("x")
    published.cancel("x")
    with pytest.raises(MeetingStateError, match="redan inställt"):
        published.cancel("y")


def test_save_changes_refuses_a_stale_version(published):
    first = Meeting.objects.get(pk=published.pk)
    second = Meeting.objects.get(pk=published.pk)
    first.theme_title = "Först"
    first.save_changes(["theme_title"])
    second.theme_title = "Sen"
    with pytest.raises(StaleMeetingError, match="ändrats av någon annan"):
        second.save_changes(["theme_title"])
    published.refresh_from_db()
    assert published.theme_title == "Först" and published.version == 2


def test_save_changes_raises_sequence_only_for_calendar_fields(published):
    published.published_at = published.published_at - datetime.timedelta(days=1)
    published.save_changes(["published_at"])
    assert published.sequence == 0
    published.place = "Ny plats"
    published.save_changes(["place", "published_at"], changed={"place"})
    published.refresh_from_db()
    assert (published.sequence, published.version) == (1, 3)


def test_state_change_on_stale_copy_is_refused(published):
    stale = Meeting.objects.get(pk=published.pk)
    published.cancel("Sjukdom")
    with pytest.raises(StaleMeetingError):
        stale.reschedule(future(60), future(60, 11), "")
    assert Meeting.objects.get(pk=published.pk).status == Meeting.Status.CANCELLED


def test_theme_published_late_compares_with_network_lead_time(published):
    published.published_at = published.starts_at - datetime.timedelta(days=10)
    assert published.theme_published_late
    published.published_at = published.starts_at - datetime.timedelta(days=30)
    assert not published.theme_published_late
