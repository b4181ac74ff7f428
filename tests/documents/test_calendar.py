"""Consultation deadlines in the network's calendar feed: all-day entries with a stable UID."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.models import Document
from tests import factories
from tests.calendar.ics import events, parse, raw_property_lines

pytestmark = pytest.mark.django_db


def feed(client, secret):
    return client.get(reverse("calendar_feed", kwargs={"secret": secret}))


@pytest.fixture
def consultation(neh, administration):
    return factories.make_consultation(
        neh,
        asked=[administration],
        title="Remiss: ny avfallsplan",
        deadline=timezone.localdate() + datetime.timedelta(days=21),
    )


def deadline_events(body: bytes):
    cal, other = parse(body)
    mine = [e for e in events(cal) if str(e["UID"]).startswith("deadline-")]
    theirs = [
        e for e in other.contents.get("vevent", []) if e.uid.value.startswith("deadline-")
    ]  # vobject's view of the same file
    return mine, theirs


def test_deadline_is_an_all_day_entry_in_the_network_feed(
    client, representative, neh, consultation
):
    factories.make_meeting(neh, theme_title="Ett möte")
    response = feed(client, calendar.new_token(representative, neh))
    assert response.status_code == 200
    mine, theirs = deadline_events(response.content)
    (event,) = mine
    assert event["DTSTART"].dt == consultation.deadline
    assert event["DTEND"].dt == consultation.deadline + datetime.timedelta(days=1)
    assert str(event["UID"]) == f"deadline-{consultation.uid}@hallbarhetsnatverken"
    assert str(event["SUMMARY"]) == "NEH: Sista svarsdag för remiss: Remiss: ny avfallsplan"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert consultation.get_absolute_url() in str(event["URL"])
    (other,) = theirs
    assert other.dtstart.value == consultation.deadline
    assert not isinstance(other.dtstart.value, datetime.datetime)
    lines = raw_property_lines(response.content, "DTSTART")
    assert f"DTSTART;VALUE=DATE:{consultation.deadline:%Y%m%d}" in lines
    # The meeting is still there beside it.
    cal, _ = parse(response.content)
    assert len(events(cal)) == 2


def test_uid_is_stable_when_the_deadline_moves(client, representative, neh, consultation):
    secret = calendar.new_token(representative, neh)
    before = feed(client, secret)
    Document.objects.filter(pk=consultation.pk).update(
        deadline=consultation.deadline + datetime.timedelta(days=7), updated_at=timezone.now()
    )
    after = feed(client, secret)
    (old,), _ = deadline_events(before.content)
    (new,), _ = deadline_events(after.content)
    assert old["UID"] == new["UID"]
    assert new["DTSTART"].dt == consultation.deadline + datetime.timedelta(days=7)
    assert before["ETag"] != after["ETag"]


def test_changed_deadline_changes_the_etag(client, representative, neh, consultation):
    """An edit moves the document's version (or its updated_at): the aggregate sees either."""
    secret = calendar.new_token(representative, neh)
    etag = feed(client, secret)["ETag"]
    url = reverse("calendar_feed", kwargs={"secret": secret})
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    Document.objects.filter(pk=consultation.pk).update(title="Nytt namn", version=F("version") + 1)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    consultation.refresh_from_db()
    consultation.title = "Ett namn till"
    consultation.save()
    again = client.get(url, headers={"If-None-Match": changed["ETag"]})
    assert again.status_code == 200


def test_only_consultations_of_the_network_and_not_long_past(
    client, representative, neh, nsh, administration, consultation
):
    factories.make_document(neh, title="En rapport")
    factories.make_consultation(nsh, asked=[administration], title="NSH-remiss")
    old = factories.make_consultation(neh, asked=[administration], title="Gammal remiss")
    Document.objects.filter(pk=old.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=400)
    )
    recent_past = factories.make_consultation(neh, asked=[administration], title="Nyss stängd")
    Document.objects.filter(pk=recent_past.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=10)
    )
    mine, _ = deadline_events(feed(client, calendar.new_token(representative, neh)).content)
    titles = sorted(str(e["SUMMARY"]).rsplit(": ", 1)[1] for e in mine)
    assert titles == ["Nyss stängd", "ny avfallsplan"]


def test_personal_feed_has_no_deadlines(client, representative, consultation):
    mine, _ = deadline_events(feed(client, calendar.new_token(representative)).content)
    assert mine == []


@pytest.mark.parametrize("size", [1, 8])
def test_network_feed_query_count_with_deadlines(
    client, representative, neh, administration, size, django_assert_num_queries
):
    for _ in range(size):
        factories.make_consultation(neh, asked=[administration])
        factories.make_meeting(neh)
    secret = calendar.new_token(representative, neh)
    feed(client, secret)  # the first fetch also notes what the link served (a cache write)
    # The token, the validators' one aggregate query (the feed's meetings and deadlines are
    # subqueries of it), the cache's note, and the body kept in the cache under the ETag.
    with django_assert_num_queries(4):
        response = feed(client, secret)
    mine, _ = deadline_events(response.content)
    assert len(mine) == size
