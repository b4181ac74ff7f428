"""Calendars for Outlook: subscription feeds, per-meeting downloads and e-mail invitations.

Everything is written with the icalendar library, with two deliberate choices:

- The `VTIMEZONE` for Europe/Stockholm is written by hand with `RRULE` rules. The library's
  automatic zone lists every transition as `RDATE`s, which Outlook ignores (it then shifts the
  times by an hour).
- A feed or download has no `METHOD`; only `invitation()` writes `METHOD:REQUEST`/`CANCEL`.
  Outlook treats any file with `METHOD:REQUEST` as an invitation meant for someone else.

In a calendar without `METHOD`, RFC 5545 makes `DTSTAMP` the object's last revision, so feeds
use `updated_at` for it: the same data gives the same bytes, which makes the ETag honest.

Who gets an invitation or a cancellation is decided in calendar/outlook.py; its e-mails
(calendar/notices.py) call `invitation()` and `attach_invitation()`. Every event's agenda is
the latest published version (`seen_agenda()`), never the draft. The personal feed reads
`invited_meetings_filter()`, which the colleague invitations extend.
"""

import datetime
import hashlib
import secrets
from email.utils import parseaddr
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vRecur,
)

from config.mail import absolute_url
from config.prepared import Prepared
from meetings.models import (
    AgendaVersion,
    CalendarToken,
    Document,
    Invitation,
    Meeting,
    MeetingQuerySet,
    seen_agenda,
    seen_agenda_prefetch,
)
from networks.models import Network, WorkArea
from representatives.models import Appointment

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
PRODID = "-//Hallbarhetsnatverken//Kalender//SV"
UID_DOMAIN = "hallbarhetsnatverken"
REFRESH_INTERVAL = datetime.timedelta(hours=1)
CANCELLED_KEPT = datetime.timedelta(days=30)
PAST_WINDOW = datetime.timedelta(days=365)

REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)


# --- Which meetings a feed holds -------------------------------------------------------------


def feed_meetings() -> MeetingQuerySet:
    """Meetings any feed may show: published ones from twelve months back and all coming ones,
    and cancelled ones for 30 days after the cancellation. Planned meetings never."""
    return (
        _in_feed_window(**_window(timezone.now()))
        .select_related("network")
        .prefetch_related("work_areas", seen_agenda_prefetch())
        .order_by("starts_at", "pk")
    )


def _window(now: datetime.datetime) -> dict[str, datetime.datetime]:
    return {"since": now - PAST_WINDOW, "cancelled_since": now - CANCELLED_KEPT}


def _in_feed_window(since: datetime.datetime, cancelled_since: datetime.datetime):
    return Meeting.objects.filter(starts_at__gte=since).filter(
        Q(status=Meeting.Status.PUBLISHED)
        | Q(status=Meeting.Status.CANCELLED, cancelled_at__gte=cancelled_since)
    )


def invited_meetings_filter(user) -> Q:
    """The meetings the user is invited to as a colleague (by their e-mail address), for the
    personal feed: a colleague who has an account sees those meetings there too."""
    return _invited(user.email)


def _invited(email: str) -> Q:
    return Q(pk__in=Invitation.objects.filter(email__iexact=email).values("meeting_id"))


def _personal(person_id: int, day: datetime.date, email: str) -> Q:
    """The meetings of every network where the person holds a seat on `day` or coordinates,
    and those they are invited to. Subqueries, not the ids read first: the feed's 304 then
    stays one aggregate query."""
    appointed = Appointment.objects.current(day).filter(person_id=person_id).values("network_id")
    coordinated = Network.coordinators.through.objects.filter(user_id=person_id).values(
        "network_id"
    )
    return Q(network_id__in=appointed) | Q(network_id__in=coordinated) | _invited(email)


def personal_feed_meetings(user) -> MeetingQuerySet:
    """The meetings of every network where the user holds a current appointment or
    coordinates, plus the meetings they are invited to."""
    return feed_meetings().filter(_personal(user.pk, timezone.localdate(), user.email))


# The same meetings' ids, compiled once: what the feed's 304 asks (`feed_validators`), which
# would otherwise build and compile the queryset above on every fetch (most of a 304's cost).
_PERSONAL_FEED_IDS = Prepared(
    lambda person_id, day, email, since, cancelled_since: (
        _in_feed_window(since, cancelled_since)
        .filter(_personal(person_id, day, email))
        .order_by()
        .values_list("pk")
    ),
    person_id=int,
    day=datetime.date,
    email=str,
    since=datetime.datetime,
    cancelled_since=datetime.datetime,
)


def personal_feed_meeting_ids(user) -> tuple[str, list]:
    """SQL and parameters choosing the ids of `personal_feed_meetings(user)`, for a subquery."""
    window = _window(timezone.now())
    return _PERSONAL_FEED_IDS.sql_with_params(
        person_id=user.pk,
        day=timezone.localdate(),
        # As the ORM passes an iexact's value on (escaped for LIKE where that is how it is
        # compared).
        email=connection.ops.prep_for_iexact_query(user.email),
        since=window["since"],
        cancelled_since=window["cancelled_since"],
    )


def network_feed_meetings(network: Network) -> MeetingQuerySet:
    return feed_meetings().filter(network=network)


def network_feed_deadlines(network: Network) -> QuerySet[Document]:
    """The network's consultation deadlines, from twelve months back and all coming."""
    since = timezone.localdate() - PAST_WINDOW
    return (
        Document.objects.consultations()
        .current()
        .filter(network=network, deadline__gte=since)
        .select_related("network")
        .order_by("deadline", "pk")
    )


# --- Writing events --------------------------------------------------------------------------


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{UID_DOMAIN}"


def stockholm_vtimezone() -> Timezone:
    """Europe/Stockholm as two yearly rules (EU summer time since 1996), which Outlook reads."""
    zone = Timezone()
    zone.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("tzname", "CEST")
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0, 0))
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("tzname", "CET")
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def meeting_summary(meeting: Meeting) -> str:
    summary = f"{meeting.network.code}: {meeting.theme_title or _('Nätverksmöte')}"
    if meeting.is_cancelled:
        return f"{_('INSTÄLLT:')} {summary}"
    return summary


def meeting_location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.place, meeting.online_url) if part)


def meeting_description(meeting: Meeting) -> str:
    """Clients ignore the URL property, so the meeting's address is written here too."""
    parts: list[str] = []
    if meeting.is_cancelled:
        cancelled = _("Mötet är inställt.")
        if meeting.cancellation_reason:
            cancelled = f"{cancelled} {meeting.cancellation_reason}"
        parts.append(cancelled)
    parts.append(meeting.theme_title or _("Temat är inte publicerat ännu"))
    if meeting.theme_description:
        parts.append(meeting.theme_description)
    areas = [area.name for area in meeting.work_areas.all()]
    if areas:
        parts.append(f"{_('Arbetsområden')}: {'; '.join(areas)}")
    version = seen_agenda(meeting)
    if version is not None and version.snapshot:
        lines = [f"{item['position']}. {item['title']}" for item in version.snapshot]
        parts.append(f"{_('Dagordning')}:\n" + "\n".join(lines))
    parts.append(f"{_('Mer om mötet')}: {absolute_url(meeting.get_absolute_url())}")
    return "\n\n".join(parts)


def meeting_event(meeting: Meeting, *, stamp: datetime.datetime | None = None) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp or meeting.updated_at)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", timezone.localtime(meeting.starts_at, STOCKHOLM))
    event.add("dtend", timezone.localtime(meeting.ends_at, STOCKHOLM))
    event.add("summary", meeting_summary(meeting))
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    event.add("description", meeting_description(meeting))
    event.add("url", absolute_url(meeting.get_absolute_url()))
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    elif meeting.is_published:
        event.add("status", "CONFIRMED")
    else:
        event.add("status", "TENTATIVE")
    event.add("transp", "OPAQUE")
    return event


def deadline_uid(document: Document) -> str:
    return f"deadline-{document.uid}@{UID_DOMAIN}"


def deadline_event(document: Document) -> Event:
    """A consultation's response deadline as an all-day entry (DTSTART;VALUE=DATE), shown as
    free time so it does not block the day in anyone's calendar."""
    event = Event()
    event.add("uid", deadline_uid(document))
    event.add("dtstamp", document.updated_at)
    event.add("created", document.created_at)
    event.add("last-modified", document.updated_at)
    event.add("dtstart", document.deadline)
    event.add("dtend", document.deadline + datetime.timedelta(days=1))  # type: ignore[operator]
    event.add(
        "summary", f"{document.network.code}: {_('Sista svarsdag för remiss')}: {document.title}"
    )
    url = absolute_url(document.get_absolute_url())
    event.add("description", f"{document.title}\n\n{_('Mer om remissen')}: {url}")
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def todo_event(item) -> Event:
    """A to-do with a date (meetings/todo/items.py `Item`) as an all-day entry, like a
    consultation's deadline: free time, with a link straight to the form. Its UID is the
    item's stable identity, so the entry updates in place and leaves when the to-do is done
    (a consultation's to-do has its own UID, apart from the network feed's deadline, since it
    leaves when the administration has answered)."""
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    if item.changed is not None:
        event.add("dtstamp", item.changed)
        event.add("last-modified", item.changed)
    else:
        event.add(
            "dtstamp", datetime.datetime.combine(item.due, datetime.time(), tzinfo=datetime.UTC)
        )
    event.add("dtstart", item.due)
    event.add("dtend", item.due + datetime.timedelta(days=1))
    event.add("summary", f"{item.network_code}: {item.kind_label}: {item.title}")
    url = absolute_url(item.url)
    event.add("description", f"{item.title}\n\n{item.action}: {url}")
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _calendar(name: str | None, *, method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", TZID)
        calendar.add(
            "refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    calendar.add_component(stockholm_vtimezone())
    return calendar


def _serialise(calendar: Calendar) -> bytes:
    # icalendar writes CRLF, folds at 75 octets without splitting a UTF-8 character, no BOM.
    return calendar.to_ical()


def feed(meetings, name: str, deadlines=(), todos=()) -> bytes:
    """A subscription feed: a named calendar without METHOD. `todos` are to-dos with a date
    (the personal feed's "Att göra")."""
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(name)
        for meeting in meetings:
            calendar.add_component(meeting_event(meeting))
        for document in deadlines:
            calendar.add_component(deadline_event(document))
        for item in todos:
            calendar.add_component(todo_event(item))
        return _serialise(calendar)


def dated_todos(items) -> list:
    """The to-dos a calendar shows: those with a date, each once."""
    return list({item.uid: item for item in items if item.due is not None}.values())


def meeting_file(meeting: Meeting) -> bytes:
    """The "add to calendar" download: one event, no METHOD (else Outlook sees an invitation)."""
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(None)
        calendar.add_component(meeting_event(meeting))
        return _serialise(calendar)


def feed_last_modified(token: CalendarToken, etag: str) -> datetime.datetime:
    """When the body this link serves last changed: never earlier than a Last-Modified it sent.

    The rows alone cannot say it: an event that leaves the feed (a cancellation older than 30
    days, a meeting of a seat the person left) leaves no newer row behind, and a client that
    sends only If-Modified-Since would keep the stale entry. So the cache remembers, per link,
    the ETag last served and since when; a new ETag moves that time on to now, at least a
    second past the last one (HTTP dates count whole seconds). A GET writes no record: a lost
    cache entry only means "changed now", which is never earlier than anything sent before.
    """
    key = f"calendar-feed-served:{token.pk}"
    served = cache.get(key)
    if served is not None and served[0] == etag:
        return datetime.datetime.fromtimestamp(served[1], tz=datetime.UTC)
    moment = int(timezone.now().timestamp())
    if served is not None:
        moment = max(moment, served[1] + 1)
    cache.set(key, (etag, moment), timeout=None)
    return datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)


# --- Invitations by e-mail -------------------------------------------------------------------


def organizer_address(network: Network) -> str:
    """The network's own mailbox, else the sender of every e-mail; never the recipient."""
    return network.organizer_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def invitation(meeting: Meeting, recipient_email: str, recipient_name: str, method: str) -> bytes:
    """The iTIP calendar for one recipient: METHOD:REQUEST (new or changed) or METHOD:CANCEL.

    The UID is the feeds' UID and the SEQUENCE the meeting's, so Outlook updates (or removes)
    the same entry. The caller raises `Meeting.sequence` before sending a change.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(None, method=method)
        event = meeting_event(meeting, stamp=timezone.now())
        if method == CANCEL:
            event["status"] = "CANCELLED"
            if not meeting.is_cancelled:
                event["summary"] = f"{_('INSTÄLLT:')} {event['summary']}"
        organizer = vCalAddress(f"mailto:{organizer_address(meeting.network)}")
        organizer.params["CN"] = meeting.network.name
        event.add("organizer", organizer)
        attendee = vCalAddress(f"mailto:{recipient_email}")
        if recipient_name:
            attendee.params["CN"] = recipient_name
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
        event.add("attendee", attendee)
        calendar.add_component(event)
        return _serialise(calendar)


def attach_invitation(message: EmailMultiAlternatives, ics: bytes, method: str) -> None:
    """Add the invitation as the `text/calendar` alternative, which makes Outlook show accept /
    decline and update the entry with the same UID."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    message.attach_alternative(ics.decode("utf-8"), f"text/calendar; method={method}")


# --- Feed tokens -----------------------------------------------------------------------------


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token(user, network: Network | None = None) -> str:
    """Revoke the user's link for this feed and make a new one. Returns the secret, which is
    stored nowhere: only its hash is."""
    secret = secrets.token_urlsafe(32)  # 256 random bits
    kind = CalendarToken.Kind.NETWORK if network else CalendarToken.Kind.PERSONAL
    with transaction.atomic():
        CalendarToken.objects.active().filter(user=user, kind=kind, network=network).update(
            revoked_at=timezone.now()
        )
        CalendarToken.objects.create(
            user=user, kind=kind, network=network, token_hash=hash_secret(secret)
        )
    return secret


def revoke_all_for_user(user) -> int:
    """Revoke every feed link of the user (account deactivation). Returns how many."""
    return CalendarToken.objects.active().filter(user=user).update(revoked_at=timezone.now())


def token_for_secret(secret: str) -> CalendarToken | None:
    """The active token of an active user for this secret, else None (whatever the reason)."""
    token = (
        CalendarToken.objects.active()
        .select_related("user", "network")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


# Raise when the way events are written changes, so every client fetches the feed again.
FORMAT_VERSION = 2


def feed_validators(
    meetings, token: CalendarToken, name: str, deadlines=None, todos=()
) -> tuple[str, datetime.datetime]:
    """A feed's ETag and Last-Modified from one aggregate query, without reading its rows.

    `meetings` and `deadlines` are the feed's querysets (not evaluated); `meetings` may instead
    be the SQL and parameters choosing its meetings' ids (`personal_feed_meeting_ids`). The
    feed's window bounds its meetings (a year back and what is coming), so they are few
    whatever the history.
    One query (plain SQL around the querysets' own SQL as subqueries: building it with the ORM
    cost more than running it) gives, for the meetings, their published agenda versions (what
    the entries show; the draft is not in the feed), their work-area links and the deadlines:
    how many, which (the sum of their ids), the latest change (`updated_at`, a version's
    `published_at`) and, where the records carry them, the sum of their edit versions and
    calendar sequences. A change, an addition, a removal or a swap moves the ETag; every edit of
    a meeting, network, work area or document moves its `version` (networks/versions.py), so a
    change that skips `auto_now` is seen too. Plus the calendar name, SITE_URL and
    FORMAT_VERSION, which change the text without changing a row.

    `todos` (the personal feed's dated to-dos): what each entry shows goes into the fingerprint
    (`todos_digest`). Given as a function, it is called with a digest of the meetings' part and
    returns the to-dos' digest, so what it keeps between fetches (a cache) can follow every
    change to the meetings, and a 304 need not read the to-dos themselves.

    Last-Modified comes from `feed_last_modified`: when this link's ETag last changed, never
    earlier than one it sent (the latest row alone can go backwards when an event leaves).
    """
    # The feed's meetings as a subquery of the one query (not read first: one round trip less).
    if isinstance(meetings, QuerySet):
        chosen_meetings, meeting_params = meetings.order_by().values("pk").query.sql_with_params()
    else:
        chosen_meetings, meeting_params = meetings
    meeting = Meeting._meta.db_table
    network = Network._meta.db_table
    version = AgendaVersion._meta.db_table
    link = Meeting.work_areas.through._meta.db_table
    area = WorkArea._meta.db_table
    document = Document._meta.db_table
    # Only table names (from the models), placeholders and the querysets' own compiled SQL (its
    # values are parameters) are put into the text: no input.
    sql = f"""
        SELECT 'm', COUNT(*), SUM(m.id), MAX(m.updated_at), SUM(m.version), SUM(m.sequence),
            SUM(n.version)
        FROM {meeting} m JOIN {network} n ON n.id = m.network_id WHERE m.id IN ({chosen_meetings})
        UNION ALL
        SELECT 'v', COUNT(*), SUM(id), MAX(published_at), 0, 0, 0 FROM {version}
        WHERE meeting_id IN ({chosen_meetings})
        UNION ALL
        SELECT 'a', COUNT(*), SUM(l.id), NULL, SUM(w.version), 0, 0
        FROM {link} l JOIN {area} w ON w.id = l.workarea_id
        WHERE l.meeting_id IN ({chosen_meetings})
    """  # noqa: S608
    params: list = [*meeting_params, *meeting_params, *meeting_params]
    if deadlines is not None:
        chosen, chosen_params = deadlines.order_by().values("pk").query.sql_with_params()
        sql += f"""
        UNION ALL
        SELECT 'd', COUNT(*), SUM(d.id), MAX(d.updated_at), SUM(d.version), SUM(n.version), 0
        FROM {document} d JOIN {network} n ON n.id = d.network_id WHERE d.id IN ({chosen})
        """  # noqa: S608
        params += chosen_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall(), key=lambda row: row[0])
    if callable(todos):
        shown = todos(hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
    else:
        shown = todos_digest(todos)
    fingerprint = (FORMAT_VERSION, settings.SITE_URL, name, token.created_at, rows, shown)
    etag = hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32]
    return etag, feed_last_modified(token, etag)


def todos_digest(todos) -> str:
    """A digest of what the feed's to-do entries show."""
    shown = [
        (i.uid, i.due, i.title, i.kind, str(i.action), i.url, i.network_code, i.changed)
        for i in todos
    ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def outlook_web_url(feed_https_url: str, name: str) -> str:
    """Outlook on the web's one-click subscription link."""
    query = urlencode({"url": feed_https_url, "name": name}, quote_via=quote)
    return f"https://outlook.office.com/calendar/0/addfromweb?{query}"


def feed_url(secret: str) -> str:
    return absolute_url(reverse("calendar_feed", kwargs={"secret": secret}))
