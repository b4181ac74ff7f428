"""The calendar page, the secret-link feeds and the per-meeting download.

The feeds answer without a session: Outlook cannot sign in, so the secret in the path is the
only credential. Unknown, revoked, malformed and inactive-user links all give the same 404.
"""

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import audit
from config.http import AuthenticatedHttpRequest
from meetings.calendar import ics as calendar
from meetings.calendar import outlook
from meetings.calendar.forms import PERSONAL, CalendarDeliveryForm, NewLinkForm
from meetings.models import CalendarToken, Meeting
from meetings.todo import items as todo
from networks.models import Network
from representatives.rules import directed_administrations

# secrets.token_urlsafe(32) gives 43 characters; anything else is not one of ours.
SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A personal feed's dated to-dos are computed from seven kinds of record (meetings/todo/), which
# no single aggregate covers; a calendar client polls the feed every few minutes to hours, so
# they are kept in the cache this long per link: a 304 then reads one cache entry instead of
# eight queries, and a to-do done in the app leaves the subscribed calendar within this time.
FEED_TODOS_SECONDS = 300
# The feed carries the most urgent to-dos of each list, not every one ever left open: a
# calendar of hundreds of old overdue actions helps nobody (Mina nätverk pages through all).
FEED_TODOS = 50
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# A feed's body is a function of its ETag: the fingerprint (ics.feed_validators) covers every
# row the entries show (meetings, published agenda versions, work areas, deadlines, networks by
# their edit versions), the shown to-dos, the calendar name, SITE_URL, the link and the format,
# and the feed is always written in LANGUAGE_CODE. So the written body is kept in the cache
# under the link and its ETag: a full answer to a client whose copy was lost then reads one
# entry instead of the rows, and any change moves the ETag and so the key.
FEED_BODY_SECONDS = 24 * 60 * 60


def _feeds(user, fresh: dict[str, str]) -> list[dict]:
    """One entry per feed the user may subscribe to, with the new secret link when there is one."""
    networks = list(Network.objects.all())
    active = {
        (token.network_id or PERSONAL): token
        for token in CalendarToken.objects.active().filter(user=user)
    }
    entries: list[dict[str, Any]] = [
        {"key": PERSONAL, "title": _("Mina möten"), "name": _("Mina nätverksmöten")}
    ]
    entries += [
        {"key": n.code, "title": n.name, "name": f"{n.code} – {n.name}", "pk": n.pk}
        for n in networks
    ]
    for entry in entries:
        entry["token"] = active.get(entry.get("pk", PERSONAL))
        secret = fresh.get(entry["key"])
        if secret:
            https = calendar.feed_url(secret)
            entry["url"] = https
            entry["webcal"] = "webcal://" + https.split("://", 1)[1]
            entry["outlook"] = calendar.outlook_web_url(https, entry["name"])
    return entries


def _render_page(request, *, fresh=None, delivery_form=None, status=200) -> HttpResponse:
    context = {
        "feeds": _feeds(request.user, fresh or {}),
        "delivery_form": delivery_form or CalendarDeliveryForm(instance=request.user),
    }
    template = "meetings/calendar/page.html"
    if request.htmx and request.method == "POST":
        template += "#feeds" if fresh is not None else "#delivery"
    response = render(request, template, context, status=status)
    # A page that may show a secret link is never stored anywhere.
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_safe
@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    return _render_page(request)


@require_POST
@login_required
def calendar_new_link(request: HttpRequest) -> HttpResponse:
    """Revoke the feed's old link and show the new one.

    Rendered, not redirected: only the hash is stored, so the secret can be shown this once
    and must not travel through the session or a message stored in the database.
    """
    form = NewLinkForm(request.POST, networks=list(Network.objects.all()))
    if not form.is_valid():
        messages.error(request, _("Välj en av kalendrarna."))
        return redirect("calendar_page")
    secret = calendar.new_token(request.user, form.network())
    audit.log(
        "calendar_link_reset", user=request.user, request=request, feed=form.cleaned_data["feed"]
    )
    return _render_page(request, fresh={form.cleaned_data["feed"]: secret})


@require_POST
@login_required
def calendar_delivery(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CalendarDeliveryForm(request.POST, instance=request.user)
    if not form.is_valid():
        return _render_page(request, delivery_form=form)
    # Through outlook: the copies already in Outlook are removed, or sent again.
    outlook.change_delivery(request.user, form.cleaned_data["calendar_delivery"])
    if request.htmx:
        return _render_page(request, delivery_form=form)
    messages.success(request, _("Ditt val är sparat."))
    return redirect("calendar_page")


def _feed_todos_key(token: CalendarToken, meetings_key: str) -> str:
    return f"calendar-feed-todos:{token.pk}:{meetings_key}"


def _read_feed_todos(token: CalendarToken) -> list:
    administrations = directed_administrations(token.user)
    seats = todo.director_seats(administrations) if administrations else []
    return calendar.dated_todos(
        [
            *todo.for_person(token.user, limit=FEED_TODOS),
            *todo.for_director(seats, limit=FEED_TODOS),
        ]
    )


def _feed_todos_digest(token: CalendarToken, meetings_key: str, found: list) -> str:
    """ "Att göra" with a date, the person's own and, for a director, their administrations':
    the digest of what the entries show. The to-dos and their digest are cached per link and
    state of its meetings (`meetings_key`) for FEED_TODOS_SECONDS, so a change to a meeting
    shows at once and one to a to-do's own record within that time; a 304 reads only the
    digest. The to-dos read here are put in `found`, for the answer's body."""
    key = _feed_todos_key(token, meetings_key)
    digest = cache.get(key + ":digest")
    if digest is None:
        todos = _read_feed_todos(token)
        digest = calendar.todos_digest(todos)
        cache.set_many({key: todos, key + ":digest": digest}, FEED_TODOS_SECONDS)
        found[:] = todos
    return digest


@require_safe
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """A subscription feed. No session, no login redirect; an Authorization header is ignored."""
    token = calendar.token_for_secret(secret) if SECRET_FORMAT.match(secret) else None
    if token is None:
        # The same short answer whatever the reason; not the HTML page, which echoes the path.
        return HttpResponseNotFound(b"Not Found\n", content_type="text/plain; charset=utf-8")
    # The 304 is decided from one aggregate query; the rows are read only to write the feed.
    todos: list = []
    todos_key: list[str] = []

    def todos_for(meetings_key: str) -> str:
        todos_key.append(meetings_key)
        return _feed_todos_digest(token, meetings_key, todos)

    if token.network is not None:
        meetings = calendar.network_feed_meetings(token.network)
        deadlines = calendar.network_feed_deadlines(token.network)
        name = f"{token.network.code} – {token.network.name}"
        chosen: Any = meetings
    else:
        meetings = None  # the queryset is built only when the feed is written
        deadlines = None
        name = _("Mina nätverksmöten")
        chosen = calendar.personal_feed_meeting_ids(token.user)
    personal = token.network is None
    validators = calendar.feed_validators(
        chosen, token, name, deadlines, todos_for if personal else ()
    )
    etag, last_modified = quote_etag(validators[0]), validators[1]
    response = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp())
    )
    if response is None:
        body_key = f"calendar-feed-body:{token.pk}:{validators[0]}"
        body = cache.get(body_key)
        if body is None:
            if meetings is None:
                meetings = calendar.personal_feed_meetings(token.user)
            body = _feed_body(token, meetings, name, deadlines, todos, todos_key)
            cache.set(body_key, body, FEED_BODY_SECONDS)
        response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, private=True)
    return response


def _feed_body(token, meetings, name, deadlines, todos: list, todos_key: list[str]) -> bytes:
    """The feed's text, from its rows (and the to-dos the validators read or cached)."""
    if token.network is None and not todos:
        # The digest came from the cache: the to-dos are there too.
        todos = cache.get(_feed_todos_key(token, todos_key[0]))
        if todos is None:
            todos = _read_feed_todos(token)
    return calendar.feed(list(meetings), name, list(deadlines or ()), todos)


@require_safe
@login_required
def meeting_calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Lägg till i kalender": one meeting as an .ics download, for whoever may see the meeting."""
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user)
        .select_related("network")
        .prefetch_related("work_areas"),
        pk=pk,
    )
    response = HttpResponse(calendar.meeting_file(meeting), content_type=CALENDAR_CONTENT_TYPE)
    # Named by the day people know it by (Stockholm), not by UTC: 00:30 is still that day.
    filename = f"{meeting.network.code}-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.ics"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True)
    return response
