"""Feed links: secret tokens, HTTP behaviour, logging, and which meetings each feed holds."""

import datetime
import logging
import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from meetings.calendar import ics as calendar
from meetings.models import CalendarToken, Meeting
from networks.versions import claim_version
from tests import factories
from tests.calendar.ics import events, parse

pytestmark = pytest.mark.django_db


def feed_path(secret: str) -> str:
    return reverse("calendar_feed", kwargs={"secret": secret})


def summaries(response, *, todos: bool = False) -> list[str]:
    """The entries' summaries: the meetings and deadlines, or (`todos`) the to-dos only."""
    cal, _ = parse(response.content)
    return [
        str(event["SUMMARY"])
        for event in events(cal)
        if str(event["UID"]).startswith("todo-") == todos
    ]


@pytest.fixture
def meetings(neh, nsh):
    return {
        "neh": factories.make_meeting(neh, theme_title="Biologisk mångfald"),
        "nsh": factories.make_meeting(nsh, theme_title="Barnrätt"),
        "planned": factories.make_meeting(
            neh, status=Meeting.Status.PLANNED, theme_title="Hemligt utkast"
        ),
    }


# --- Tokens ------------------------------------------------------------------------------------


def test_token_is_random_and_stored_only_as_its_hash(representative):
    secret = calendar.new_token(representative)
    token = CalendarToken.objects.get()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", secret)  # 32 random bytes = 256 bits
    assert token.token_hash == calendar.hash_secret(secret)
    assert len(token.token_hash) == 64
    stored = [str(value) for value in CalendarToken.objects.values_list().get()]
    assert not any(secret in value for value in stored)
    assert calendar.new_token(representative) != secret


def test_feed_url_carries_the_secret_and_ends_in_ics(representative):
    secret = calendar.new_token(representative)
    assert feed_path(secret) == f"/kalender/{secret}.ics"


def test_new_link_revokes_the_old_one_at_once(client, representative, meetings):
    old = calendar.new_token(representative)
    assert client.get(feed_path(old)).status_code == 200
    new = calendar.new_token(representative)
    response = client.get(feed_path(old))
    assert response.status_code == 404
    assert client.get(feed_path(new)).status_code == 200
    assert CalendarToken.objects.active().count() == 1
    assert CalendarToken.objects.filter(revoked_at__isnull=False).count() == 1


def test_personal_and_network_links_are_separate(client, representative, neh, meetings):
    personal = calendar.new_token(representative)
    network = calendar.new_token(representative, neh)
    calendar.new_token(representative, neh)  # a new network link leaves the personal one alone
    assert client.get(feed_path(personal)).status_code == 200
    assert client.get(feed_path(network)).status_code == 404


def test_revoke_all_for_user(client, representative, neh, nsh, meetings):
    secrets = [calendar.new_token(representative, n) for n in (None, neh, nsh)]
    assert calendar.revoke_all_for_user(representative) == 3
    for secret in secrets:
        assert client.get(feed_path(secret)).status_code == 404


def test_inactive_user_gets_404_even_before_revocation(client, representative, meetings):
    secret = calendar.new_token(representative)
    representative.is_active = False
    representative.save(update_fields=["is_active"])
    response = client.get(feed_path(secret))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/kalender/" + "A" * 43 + ".ics",  # well formed, unknown
        "/kalender/kort.ics",
        "/kalender/" + "A" * 44 + ".ics",
        "/kalender/" + "A" * 42 + "!.ics",
        "/kalender/" + "A" * 43 + ".ics.ics",
    ],
)
def test_unknown_or_malformed_token_gives_the_same_404(client, representative, path):
    calendar.new_token(representative)
    unknown = client.get("/kalender/" + "B" * 43 + ".ics")
    response = client.get(path)
    assert response.status_code == 404
    assert response.content == unknown.content
    assert response.content == b"Not Found\n"


def test_url_without_a_secret_is_not_a_feed(client):
    response = client.get("/kalender/.ics")
    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content


# --- HTTP --------------------------------------------------------------------------------------


def test_feed_answers_without_session_and_ignores_authorization(client, representative, meetings):
    secret = calendar.new_token(representative)
    response = client.get(
        feed_path(secret),
        headers={"Authorization": "Basic Zm9vOmJhcg==", "Accept-Encoding": "gzip, deflate"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Encoding" not in response
    assert "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert summaries(response) == ["NEH: Biologisk mångfald"]


def test_feed_head_request(client, representative, meetings):
    secret = calendar.new_token(representative)
    response = client.head(feed_path(secret))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_conditional_requests_get_304_until_something_changes(client, representative, meetings):
    secret = calendar.new_token(representative)
    # HTTP dates count whole seconds: let the earlier state be an hour old.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Meeting.objects.update(updated_at=an_hour_ago)
    CalendarToken.objects.update(created_at=an_hour_ago)
    first = client.get(feed_path(secret))
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = client.get(feed_path(secret), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    since = client.get(feed_path(secret), headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304

    meeting = meetings["neh"]
    meeting.place = "Rådhuset"
    meeting.sequence += 1
    meeting.save()
    changed = client.get(feed_path(secret), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert events(parse(changed.content)[0])[0]["LOCATION"] == "Rådhuset"
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(last_modified)
    later = client.get(feed_path(secret), headers={"If-Modified-Since": last_modified})
    assert later.status_code == 200


def test_last_modified_never_goes_backwards_when_an_event_leaves_the_feed(
    client, representative, neh
):
    """A cancellation leaves the feed 30 days on; the feed's newest row is then older than
    what the client was sent, and a client asking only If-Modified-Since got 304 and kept
    the cancelled entry."""
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    factories.make_meeting(neh, theme_title="Står kvar")
    cancelled = factories.make_meeting(
        neh,
        theme_title="Inställt möte",
        status=Meeting.Status.CANCELLED,
        cancelled_at=timezone.now() - datetime.timedelta(days=29),
    )
    Meeting.objects.exclude(pk=cancelled.pk).update(updated_at=an_hour_ago)
    secret = calendar.new_token(representative)
    CalendarToken.objects.update(created_at=an_hour_ago)
    first = client.get(feed_path(secret))
    assert "Inställt möte" in first.content.decode()

    # Two days later the cancellation is past its 30 days and leaves the feed.
    Meeting.objects.filter(pk=cancelled.pk).update(
        cancelled_at=timezone.now() - datetime.timedelta(days=31)
    )
    later = client.get(feed_path(secret), headers={"If-Modified-Since": first["Last-Modified"]})
    assert later.status_code == 200
    assert "Inställt möte" not in later.content.decode()
    assert later["ETag"] != first["ETag"]
    assert parse_http_date(later["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    again = client.get(feed_path(secret), headers={"If-Modified-Since": later["Last-Modified"]})
    assert again.status_code == 304
    assert again["Last-Modified"] == later["Last-Modified"]


def etag_after(client, secret, change) -> tuple[str, str]:
    before = client.get(feed_path(secret))["ETag"]
    change()
    response = client.get(feed_path(secret), headers={"If-None-Match": before})
    assert response.status_code == 200
    return before, response["ETag"]


def test_etag_follows_agenda_work_areas_and_versioned_updates(
    client, representative, neh, meetings
):
    """The validators come from an aggregate (latest change, counts, versions), so each edit
    the app makes is seen: a save moves `updated_at`, an edit form moves `version`
    (networks/versions.py) even where a record has no `updated_at` (work areas)."""
    secret = calendar.new_token(representative)
    meeting = meetings["neh"]
    item = factories.make_agenda_item(meeting, position=1, title="Första punkten")
    factories.publish_agenda(meeting)
    area = neh.work_areas.first()
    meeting.work_areas.add(area)

    def rename_item():  # in the draft, then published as the next version
        item.title = "Omdöpt punkt"
        item.save()
        factories.publish_agenda(meeting, note="Ny rubrik.")

    def rename_area():  # as the work area's edit form does: claim the version, then save
        with transaction.atomic():
            claim_version(area, area.version)
            area.name = "Nytt namn på området"
            area.save(update_fields=["name"])

    def versioned_update():  # a queryset update that skips auto_now but moves the version
        Meeting.objects.filter(pk=meeting.pk).update(place="Ny plats", version=F("version") + 1)

    for change, text in [
        (rename_item, "Omdöpt punkt"),
        (rename_area, "Nytt namn på området"),
        (versioned_update, "Ny plats"),
    ]:
        before, after = etag_after(client, secret, change)
        assert before != after
        assert text in client.get(feed_path(secret)).content.decode()


def test_calendars_are_left_out_of_compression(settings):
    """Pages are gzipped, feeds never (Outlook): only our subclass, which skips text/calendar,
    compresses (tests/production/test_compression.py)."""
    compressing = [m for m in settings.MIDDLEWARE if "GZip" in m or "ompress" in m]
    assert compressing == ["config.compression.CompressPagesMiddleware"]


# --- Logging -----------------------------------------------------------------------------------


def test_404_for_a_token_url_does_not_log_the_secret(client, caplog):
    secret = "S" * 43
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(feed_path(secret))
    assert response.status_code == 404
    messages = [record.getMessage() for record in caplog.records]
    assert messages == ["Not Found: /kalender/[hemlig].ics"]
    assert not any(secret in repr(record.__dict__) for record in caplog.records)


def test_server_log_line_is_masked():
    from config.logging import MaskSecrets

    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /kalender/abcDEF_-123.ics HTTP/1.1", "200", "512"),
        None,
    )
    assert MaskSecrets().filter(record)
    assert record.getMessage() == '"GET /kalender/[hemlig].ics HTTP/1.1" 200 512'
    other = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /kalender/ HTTP/1.1", "200", "512"),
        None,
    )
    assert MaskSecrets().filter(other)
    assert other.getMessage() == '"GET /kalender/ HTTP/1.1" 200 512'


def test_logging_settings_attach_the_mask(settings):
    loggers = settings.LOGGING["loggers"]
    assert "mask_secrets" in loggers["django.request"]["filters"]
    assert "mask_secrets" in loggers["django.server"]["filters"]
    assert any(
        type(f).__name__ == "MaskSecrets" for f in logging.getLogger("django.server").filters
    )


# --- Which meetings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("representative", ["NEH: Biologisk mångfald"]),
        ("substitute", ["NEH: Biologisk mångfald"]),
        ("coordinator", ["NEH: Biologisk mångfald"]),
        ("director", []),
        ("staff", []),
    ],
)
def test_personal_feed_holds_the_networks_of_the_person(
    client, user_for_role, role, expected, meetings
):
    secret = calendar.new_token(user_for_role(role))
    response = client.get(feed_path(secret))
    assert summaries(response) == expected
    assert "Hemligt utkast" not in response.content.decode()


def test_personal_feed_follows_current_appointments_only(client, administration, nsh, meetings):
    person = factories.make_user()
    appointment = factories.make_appointment(person, administration, nsh)
    secret = calendar.new_token(person)
    assert summaries(client.get(feed_path(secret))) == ["NSH: Barnrätt"]
    appointment.end()
    assert summaries(client.get(feed_path(secret))) == []


def test_personal_feed_includes_meetings_the_person_is_invited_to(
    client, staff, representative, administration, meetings
):
    from meetings.models import Invitation

    secret = calendar.new_token(staff)
    assert summaries(client.get(feed_path(secret))) == []
    Invitation.objects.create(
        meeting=meetings["nsh"],
        invited_by=representative,
        administration=administration,
        full_name=staff.full_name,
        email=staff.email.upper(),  # addresses compare without case
        reason="Temat rör ditt område.",
        token_hash=Invitation.hash_token("en-hemlig-token"),
    )
    assert summaries(client.get(feed_path(secret))) == ["NSH: Barnrätt"]


def test_network_feed_holds_that_network_only(client, staff, nsh, meetings):
    secret = calendar.new_token(staff, nsh)
    response = client.get(feed_path(secret))
    cal, _ = parse(response.content)
    assert [str(e["SUMMARY"]) for e in events(cal)] == ["NSH: Barnrätt"]
    assert str(cal["X-WR-CALNAME"]) == f"NSH – {nsh.name}"


def test_feed_shows_a_change_on_the_next_fetch(client, representative, meetings):
    secret = calendar.new_token(representative)
    client.get(feed_path(secret))
    meeting = meetings["neh"]
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save()
    cal, _ = parse(client.get(feed_path(secret)).content)
    (event,) = events(cal)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


# --- The body kept in the cache under the link and its ETag ---------------------------------------


def test_cached_body_follows_an_edit_of_a_meeting(client, representative, meetings):
    secret = calendar.new_token(representative)
    first = client.get(feed_path(secret))
    assert client.get(feed_path(secret)).content == first.content  # from the cache
    meeting = meetings["neh"]
    meeting.theme_title = "Cirkulär ekonomi"
    meeting.save()
    changed = client.get(feed_path(secret))
    assert changed["ETag"] != first["ETag"]
    assert summaries(changed) == ["NEH: Cirkulär ekonomi"]


def test_cached_bodies_are_not_shared_between_people(client, representative, staff, meetings):
    """Two links whose validators could match still read each their own entry."""
    mine = calendar.new_token(representative)
    theirs = calendar.new_token(staff)
    assert summaries(client.get(feed_path(mine))) == ["NEH: Biologisk mångfald"]
    assert summaries(client.get(feed_path(theirs))) == []
    assert summaries(client.get(feed_path(mine))) == ["NEH: Biologisk mångfald"]


def test_cached_bodies_keep_the_languages_apart(client, settings, representative, meetings):
    """The personal feed's name follows the language chosen; its ETag and so its cache entry
    differ with it."""
    secret = calendar.new_token(representative)
    swedish = client.get(feed_path(secret))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(feed_path(secret))
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    again = client.get(feed_path(secret))
    assert str(parse(swedish.content)[0]["X-WR-CALNAME"]) == "Mina nätverksmöten"
    assert str(parse(english.content)[0]["X-WR-CALNAME"]) == "My network meetings"
    assert again.content == swedish.content


# --- Query counts ------------------------------------------------------------------------------


def build(network, size: int) -> None:
    for n in range(size):
        meeting = factories.make_meeting(network, days_ahead=5 + n)
        meeting.work_areas.set(network.work_areas.all()[:2])
        factories.make_agenda_item(meeting, position=1)
        factories.make_agenda_item(meeting, position=2)
        factories.publish_agenda(meeting)
        cancelled = factories.make_meeting(
            network,
            days_ahead=-5 - n,
            status=Meeting.Status.CANCELLED,
            cancelled_at=timezone.now() - datetime.timedelta(days=1),
        )
        cancelled.work_areas.set(network.work_areas.all()[:1])


# The personal feed's to-dos are cached with a digest of what they show: a 304 reads the digest
# only. A full answer reads its body from the cache (one entry per link and ETag); only when
# that entry is missing does it read the rows and the to-dos.
PERSONAL_FEED = 5
PERSONAL_304 = 4


@pytest.mark.parametrize("size", [1, 8])
# A client polling an unchanged feed: one aggregate query (the feed's meetings a subquery of
# it) decides the validators, and the cache's note of what the link served (its Last-Modified
# never goes backwards) is read, not written; the first fetch writes that note and the body.
# The network feed's consultation deadlines ride in the aggregate; the personal feed reads its
# to-dos' digest from the cache.
@pytest.mark.parametrize(("kind", "queries"), [("personal", PERSONAL_FEED), ("network", 4)])
def test_feed_query_count_does_not_grow(
    client, coordinator, representative, neh, size, kind, queries, django_assert_num_queries
):
    build(neh, size)
    secret = calendar.new_token(representative, neh if kind == "network" else None)
    client.get(feed_path(secret))
    with django_assert_num_queries(queries):
        response = client.get(feed_path(secret))
    assert len(summaries(response)) == 2 * size


@pytest.mark.parametrize("size", [1, 8])
# Each write to the database cache is a few queries (its cull check, the read, the write).
@pytest.mark.parametrize(("kind", "queries"), [("personal", 34), ("network", 18)])
def test_feed_body_written_anew_reads_a_fixed_number_of_queries(
    client, coordinator, representative, neh, size, kind, queries, django_assert_num_queries
):
    """Without its cached body (lapsed or culled) the feed reads its rows: flat in the data."""
    build(neh, size)
    secret = calendar.new_token(representative, neh if kind == "network" else None)
    client.get(feed_path(secret))
    cache.clear()  # the body, the to-dos and the note of what was served, all lapsed
    with django_assert_num_queries(queries):
        response = client.get(feed_path(secret))
    assert len(summaries(response)) == 2 * size


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize("kind", ["personal", "network"])
def test_feed_304_reads_no_rows(
    client, coordinator, representative, neh, size, kind, django_assert_num_queries
):
    """A 304 is the token, one aggregate query (the feed's meetings a subquery of it) and the
    cache's note of what the link last served, whatever the feed holds."""
    build(neh, size)
    secret = calendar.new_token(representative, neh if kind == "network" else None)
    etag = client.get(feed_path(secret))["ETag"]
    # The token, the aggregate (the networks the person coordinates are a subquery of it), the
    # cache's note; the personal feed's to-dos are what its entries show, so they are read too.
    with django_assert_num_queries(3 if kind == "network" else PERSONAL_304) as captured:
        response = client.get(feed_path(secret), headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    queries = [query["sql"] for query in captured.captured_queries]
    assert any("COUNT(" in sql.upper() for sql in queries)
    if kind == "network":
        assert not any('"meetings_meeting"."place"' in sql for sql in queries)  # no row read


def test_feed_etag_moves_with_each_kind_of_change(client, representative, neh):
    build(neh, 2)
    secret = calendar.new_token(representative, neh)
    seen = {client.get(feed_path(secret))["ETag"]}
    meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).first()
    area = meeting.work_areas.first()
    changes = [
        lambda: meeting.work_areas.remove(area),  # a link less
        lambda: factories.publish_agenda(meeting),  # a new published agenda version
        lambda: factories.make_meeting(neh, days_ahead=90),  # a meeting more
        lambda: neh.work_areas.filter(pk=area.pk).update(version=F("version") + 1),  # area edited
        lambda: type(neh).objects.filter(pk=neh.pk).update(version=F("version") + 1),  # network
    ]
    for change in changes:
        change()
        etag = client.get(feed_path(secret))["ETag"]
        assert etag not in seen
        seen.add(etag)
