"""The content of feeds and downloads, rule by rule, read back by two parsers."""

import datetime

import pytest
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.models import Meeting
from tests import factories
from tests.calendar.ics import UTC, events, parse, raw_property_lines, stockholm_from_vtimezone

pytestmark = pytest.mark.django_db

STOCKHOLM = calendar.STOCKHOLM


@pytest.fixture
def meeting(neh):
    meeting = factories.make_meeting(
        neh,
        theme_title="Klimatanpassning i planeringen",
        theme_description="Hur möter vi skyfall och värmeböljor?",
        place="Stadshuset, sal Ängen",
        online_url="https://teams.example.org/mote/123",
    )
    meeting.work_areas.set(neh.work_areas.filter(name__in=["Klimatanpassning", "Giftfri miljö"]))
    factories.make_agenda_item(meeting, position=2, title="Skyfallskartering")
    factories.make_agenda_item(meeting, position=1, title="Välkommen och läget")
    factories.make_agenda_item(meeting, title="Ett förslag som inte är accepterat")
    factories.publish_agenda(meeting)
    return meeting


def network_feed(network) -> bytes:
    return calendar.feed(list(calendar.network_feed_meetings(network)), "NEH – test")


def test_feed_calendar_properties_both_parsers(meeting, neh):
    body = network_feed(neh)
    cal, other = parse(body)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == calendar.PRODID
    assert "METHOD" not in cal
    assert raw_property_lines(body, "X-WR-CALNAME") == ["X-WR-CALNAME:NEH – test"]
    assert raw_property_lines(body, "REFRESH-INTERVAL") == ["REFRESH-INTERVAL;VALUE=DURATION:PT1H"]
    assert raw_property_lines(body, "X-PUBLISHED-TTL") == ["X-PUBLISHED-TTL:PT1H"]
    assert other.contents["x-wr-calname"][0].value == "NEH – test"
    assert other.version.value == "2.0"


def test_vtimezone_is_written_with_rrules_not_rdates(meeting, neh):
    body = network_feed(neh)
    cal, _ = parse(body)
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Stockholm"
    kinds = {sub.name: sub for sub in zone.subcomponents}
    assert set(kinds) == {"DAYLIGHT", "STANDARD"}
    assert kinds["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert kinds["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert b"RDATE" not in body
    assert body.count(b"BEGIN:VTIMEZONE") == 1


def test_every_time_carries_the_stockholm_tzid(meeting, neh):
    body = network_feed(neh)
    for name in ("DTSTART", "DTEND"):
        lines = [line for line in raw_property_lines(body, name) if "T" in line.split(":")[-1]]
        event_lines = [line for line in lines if not line.startswith(f"{name}:1970")]
        assert event_lines
        assert all(line.startswith(f"{name};TZID=Europe/Stockholm:") for line in event_lines)


def test_event_properties_both_parsers(meeting, neh):
    meeting.sequence = 3
    meeting.save(update_fields=["sequence"])
    body = network_feed(neh)
    cal, other = parse(body)
    (event,) = events(cal)
    assert event["UID"] == f"{meeting.uid}@hallbarhetsnatverken"
    assert event["SEQUENCE"] == 3
    assert event["SUMMARY"] == "NEH: Klimatanpassning i planeringen"
    assert event["STATUS"] == "CONFIRMED"
    assert event["LOCATION"] == "Stadshuset, sal Ängen, https://teams.example.org/mote/123"
    assert event["URL"] == f"http://testserver-calendar.example/moten/{meeting.pk}/"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert event.decoded("LAST-MODIFIED") == meeting.updated_at.replace(microsecond=0)
    assert event.decoded("DTSTAMP") == meeting.updated_at.replace(microsecond=0)
    description = str(event["DESCRIPTION"])
    assert "Hur möter vi skyfall och värmeböljor?" in description
    assert "Arbetsområden: Klimatanpassning; Giftfri miljö" in description or (
        "Arbetsområden: Giftfri miljö; Klimatanpassning" in description
    )
    assert "Dagordning:\n1. Välkommen och läget\n2. Skyfallskartering" in description
    assert "inte är accepterat" not in description
    assert f"http://testserver-calendar.example/moten/{meeting.pk}/" in description
    (vevent,) = other.vevent_list
    assert vevent.uid.value == event["UID"]
    assert vevent.summary.value == event["SUMMARY"]
    assert vevent.description.value == description
    assert vevent.dtstart.value.astimezone(UTC) == meeting.starts_at
    assert int(vevent.sequence.value) == 3


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver-calendar.example"


def test_agenda_is_left_out_until_published(neh):
    draft = factories.make_meeting(neh, theme_title="Utan dagordning")
    factories.make_agenda_item(draft, position=1, title="Välkommen och läget")
    (event,) = events(parse(network_feed(neh))[0])
    assert "Dagordning" not in str(event["DESCRIPTION"])
    assert "Välkommen och läget" not in str(event["DESCRIPTION"])


def test_feed_download_and_invitation_show_the_published_agenda_not_the_draft(meeting, neh):
    """After publishing, the coordinator keeps working on the draft: nobody sees it until the
    next version is published."""
    meeting.agenda_items.filter(title="Skyfallskartering").update(title="Utkast: ny rubrik")
    factories.make_agenda_item(meeting, position=3, title="Utkast: ny punkt")
    bodies = {
        "feed": network_feed(neh),
        "download": calendar.meeting_file(meeting),
        "invitation": calendar.invitation(meeting, "a@example.org", "A", calendar.REQUEST),
    }
    for where, body in bodies.items():
        (event,) = events(parse(body)[0])
        description = str(event["DESCRIPTION"])
        assert "1. Välkommen och läget\n2. Skyfallskartering" in description, where
        assert "Utkast" not in description, where
    factories.publish_agenda(meeting, note="Ny rubrik och en ny punkt.")
    (event,) = events(parse(network_feed(neh))[0])
    assert "2. Utkast: ny rubrik\n3. Utkast: ny punkt" in str(event["DESCRIPTION"])


def test_cancelled_meeting_stays_30_days_then_leaves(meeting, neh):
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now() - datetime.timedelta(days=29)
    meeting.cancellation_reason = "För få anmälda."
    meeting.save()
    cal, other = parse(network_feed(neh))
    (event,) = events(cal)
    assert event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == "INSTÄLLT: NEH: Klimatanpassning i planeringen"
    assert "För få anmälda." in str(event["DESCRIPTION"])
    assert other.vevent.status.value == "CANCELLED"

    Meeting.objects.filter(pk=meeting.pk).update(
        cancelled_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert events(parse(network_feed(neh))[0]) == []


def test_feed_window_twelve_months_back_and_no_planned(neh, nsh):
    recent = factories.make_meeting(neh, days_ahead=-300, theme_title="Nyligen")
    factories.make_meeting(neh, days_ahead=-400, theme_title="Gammalt")
    far = factories.make_meeting(neh, days_ahead=700, theme_title="Långt fram")
    factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Utkast")
    factories.make_meeting(nsh, theme_title="Andra nätverket")
    cal, _ = parse(network_feed(neh))
    assert [str(e["SUMMARY"]) for e in events(cal)] == [
        f"NEH: {recent.theme_title}",
        f"NEH: {far.theme_title}",
    ]


def test_download_has_no_method_and_one_event(meeting):
    body = calendar.meeting_file(meeting)
    cal, other = parse(body)
    assert "METHOD" not in cal
    assert b"METHOD" not in body
    assert [e["UID"] for e in events(cal)] == [f"{meeting.uid}@hallbarhetsnatverken"]
    assert other.vevent.uid.value == f"{meeting.uid}@hallbarhetsnatverken"


def at(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("start", "end", "utc_start", "utc_end"),
    [
        # The day before summer time (CET, +01) and the last Sunday of March (CEST, +02).
        (at(2027, 3, 27, 10), at(2027, 3, 27, 12), (2027, 3, 27, 9), (2027, 3, 27, 11)),
        (at(2027, 3, 28, 10), at(2027, 3, 28, 12), (2027, 3, 28, 8), (2027, 3, 28, 10)),
        # Across the switch itself: 01:30 CET to 03:30 CEST is one hour.
        (
            at(2027, 3, 28, 1, 30),
            at(2027, 3, 28, 3, 30),
            (2027, 3, 28, 0, 30),
            (2027, 3, 28, 1, 30),
        ),
        # The last Sunday of October, back to CET, and the day before it.
        (at(2027, 10, 30, 10), at(2027, 10, 30, 12), (2027, 10, 30, 8), (2027, 10, 30, 10)),
        (at(2027, 10, 31, 10), at(2027, 10, 31, 12), (2027, 10, 31, 9), (2027, 10, 31, 11)),
        (at(2026, 10, 25, 10), at(2026, 10, 25, 12), (2026, 10, 25, 9), (2026, 10, 25, 11)),
    ],
)
def test_summer_time_switch_matches_utc(neh, start, end, utc_start, utc_end):
    meeting = factories.make_meeting(neh)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=end)
    meeting.refresh_from_db()
    body = calendar.meeting_file(meeting)
    cal, other = parse(body)
    expected = (datetime.datetime(*utc_start, tzinfo=UTC), datetime.datetime(*utc_end, tzinfo=UTC))
    # The local wall time is what the file says...
    (line,) = [x for x in raw_property_lines(body, "DTSTART") if "TZID" in x]
    assert line == f"DTSTART;TZID=Europe/Stockholm:{start:%Y%m%dT%H%M%S}"
    # ...and the file's own VTIMEZONE, expanded by dateutil, turns it into the right UTC.
    zone = stockholm_from_vtimezone(cal)
    (event,) = events(cal)
    for name, utc in zip(("DTSTART", "DTEND"), expected, strict=True):
        naive = event.decoded(name).replace(tzinfo=None)
        assert naive.replace(tzinfo=zone).astimezone(UTC) == utc
    # vobject builds its zone from the VTIMEZONE too.
    assert other.vevent.dtstart.value.astimezone(UTC) == expected[0]
    assert other.vevent.dtend.value.astimezone(UTC) == expected[1]


def test_long_swedish_theme_survives_folding(neh):
    title = ("Återbruk, källsortering och överskottsmat i förvaltningarnas kök " * 4)[:200]
    description = "Ärende: " + "Åäö éü – växthusgaser, ”citat”; semikolon, komma\\ " * 40
    meeting = factories.make_meeting(neh, theme_title=title, theme_description=description)
    body = network_feed(neh)
    cal, other = parse(body)
    (event,) = events(cal)
    assert event["SUMMARY"] == f"NEH: {title}"
    assert description in str(event["DESCRIPTION"])
    assert other.vevent.summary.value == f"NEH: {title}"
    assert description in other.vevent.description.value
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    assert str(meeting.uid) in str(event["UID"])
