"""\"Uppföljning\" on a network's next meeting: the open actions due by that meeting.

Live data, shown under the agenda (its page, the workspace and the plain text) but never part
of a published version's snapshot. Bounded by the meeting's day: what is due by then (overdue
included) is listed, the network's other open actions are counted and one click away on the
coordinators' action list, so the list does not grow with the years."""

import dataclasses
import datetime
import functools

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish
from config.dates import long_date
from config.prepared import instance_maker
from meetings.models import ActionItem, Meeting
from representatives.models import Administration

MAX_LISTED = 20  # actions under "Uppföljning"; the rest are counted, on the action list
URL_PLACEHOLDER = 987654321  # an id that stands for each action's in its link


@dataclasses.dataclass
class FollowUp:
    """The actions listed under "Uppföljning" and how many other open ones the network has
    (due later, or due already but beyond the first MAX_LISTED).

    Iterates and tests true like the list it holds, so templates and the plain text loop over
    it; true also when only `others` is non-zero (the section then says where they are)."""

    actions: list[ActionItem] = dataclasses.field(default_factory=list)
    others: int = 0

    def __iter__(self):
        return iter(self.actions)

    def __len__(self) -> int:
        return len(self.actions)

    def __bool__(self) -> bool:
        return bool(self.actions or self.others)

    def rows_html(self) -> SafeString:
        """The list's `<li>` rows (minutes/_follow_up.html), written here and not by a template
        loop: up to MAX_LISTED rows of a link, names and dates on every agenda and meeting
        page, for a fraction of what the loop's tags and filters cost. Swedish text (titles,
        names) is marked as such when the interface is not Swedish, as the `sv` filter does."""
        swedish = interface_is_swedish()
        overdue = format_html(' · <strong class="badge badge-warning">{}</strong>', _("försenad"))
        # Each row's link from one reversed URL (a placeholder id replaced), not one reverse()
        # a row.
        link = escape(reverse("action_done", args=[URL_PLACEHOLDER]))
        rows = []
        for action in self.actions:
            title: str = escape(action.title)
            responsible: str = escape(", ".join(action.responsible))  # type: ignore[attr-defined]
            if not swedish:
                title = _in_swedish(title)
                responsible = _in_swedish(responsible) if responsible else responsible
            url = link.replace(str(URL_PLACEHOLDER), str(action.pk))
            rows.append(
                f'<li><a class="agenda-title" href="{url}">{title}</a>\n'
                f'        <span class="agenda-meta">{responsible} · '
                f"{escape(action.due_text)}{overdue if action.is_overdue else ''} · "  # type: ignore[attr-defined]
                f"{escape(action.from_text)}</span></li>"  # type: ignore[attr-defined]
            )
        return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)

    def section_html(self, network_code: str, *, live: bool, linked: bool) -> SafeString:
        """The whole "Uppföljning" section (minutes/_follow_up.html, which calls this): the
        list or its absence, how many other open actions the network has, and for those who
        coordinate (`linked`) the link to the network's actions; `live`: said to be live data
        (on a published version). Nothing when there is nothing to follow up. The texts are
        the template's own, written as `{% translate %}` writes them (unescaped: ours); the
        values are escaped."""
        if not self:
            return SafeString("")
        live_text = ""
        if live:
            live_text = " " + _(
                "Listan visar läget nu och är inte en del av den publicerade versionen."
            )
        if self.actions:
            listed = f'<ul class="follow-up-list">\n    {self.rows_html()}\n  </ul>'
        else:
            listed = f"<p>{_('Inga åtgärder ska vara klara till det här mötet.')}</p>"
        more = ""
        if self.others or linked:
            others = ""
            if self.others:
                others = ngettext(
                    "Nätverket har ytterligare %(count)s öppen åtgärd.",
                    "Nätverket har ytterligare %(count)s öppna åtgärder.",
                    self.others,
                ) % {"count": escape(localize(self.others))}
            link = ""
            if linked:
                url = escape(reverse("action_list", args=[network_code.lower()]))
                link = f' <a href="{url}">{_("Alla åtgärder i nätverket")}</a>'
            more = f"<p>{others}{link}</p>"
        intro = _(
            "Öppna åtgärder från nätverkets tidigare möten som ska vara klara till det här mötet."
        )
        return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
            '<section aria-labelledby="follow-up-heading" class="follow-up">\n'
            f'  <h2 id="follow-up-heading">{_("Uppföljning")}</h2>\n'
            f"  <p>{intro}{live_text}</p>\n  {listed}\n  {more}\n</section>"
        )


def _in_swedish(html: str) -> str:
    return f'<span lang="{CONTENT_LANGUAGE}">{html}</span>'


def open_actions(meeting: Meeting) -> FollowUp:
    """The open actions shown under "Uppföljning" on `meeting`'s agenda.

    Only on the network's next meeting (not held, not cancelled, no other such meeting of the
    network before it): there, the open actions decided at an earlier meeting of the network
    and due on or before the meeting's day (overdue ones first, as they are due first; at most
    MAX_LISTED), plus the count of the network's other open actions. One query when something
    is due: the (action, administration) pairs, grouped here, each row carrying the count of
    all open actions; the count alone otherwise. Each action (only its id, title and due date
    loaded) gets `responsible` (its administrations' names), `is_overdue`, and `due_text` and
    `from_text` (its due date and its meeting's day as the list says them).

    The query is written in SQL: it is live data read on every agenda and meeting page, and
    building the same three nested querysets through the ORM cost several times what the
    database takes to answer them.
    """
    if meeting.is_cancelled or meeting.ends_at < timezone.now():
        return FollowUp()
    now = timezone.now()
    day = timezone.localdate(meeting.starts_at)
    ops = connection.ops
    starts_at = ops.adapt_datetimefield_value(meeting.starts_at)
    network_id, status = meeting.network_id, ActionItem.Status.OPEN.value
    tables = {
        "action": ActionItem._meta.db_table,
        "meeting": Meeting._meta.db_table,
        "pair": ActionItem.administrations.through._meta.db_table,
        "administration": Administration._meta.db_table,
    }
    # The open actions decided at an earlier meeting of the network; none unless this is the
    # network's next meeting (no meeting of the network, not cancelled, coming before it).
    open_here = """
        FROM {action} a JOIN {meeting} m ON m.id = a.meeting_id
        WHERE m.network_id = %s AND m.starts_at < %s AND a.status = %s
        AND NOT EXISTS (
            SELECT 1 FROM {meeting} e WHERE e.network_id = %s AND e.ends_at >= %s
            AND e.starts_at < %s AND NOT (e.status = %s)
        )
    """.format(**tables)  # noqa: S608 (table names from the models, values as parameters)
    open_params = [
        network_id,
        starts_at,
        status,
        network_id,
        ops.adapt_datetimefield_value(now),
        starts_at,
        Meeting.Status.CANCELLED.value,
    ]
    count_sql = f"SELECT COUNT(*) {open_here}"
    # The first MAX_LISTED due by the meeting's day, the most overdue first: overdue actions
    # that nobody closes must not make the list grow with the years. The count of all open
    # actions rides along on every row (one scalar subquery).
    pairs_sql = """
        SELECT la.id, la.title, la.due_on, lm.starts_at, ad.name, ({count_sql})
        FROM {pair} p
        JOIN {action} la ON la.id = p.actionitem_id
        JOIN {meeting} lm ON lm.id = la.meeting_id
        JOIN {administration} ad ON ad.id = p.administration_id
        WHERE p.actionitem_id IN (
            SELECT a.id {open_here} AND a.due_on <= %s ORDER BY a.due_on, a.id LIMIT {limit}
        )
        ORDER BY la.due_on, la.id, ad.name
    """.format(count_sql=count_sql, open_here=open_here, limit=int(MAX_LISTED), **tables)  # noqa: S608
    pairs_params = [*open_params, *open_params, ops.adapt_datefield_value(day)]
    today = timezone.localdate()
    actions: dict[int, ActionItem] = {}
    language = get_language()
    make = instance_maker(ActionItem, ["id", "title", "due_on"], using=None)  # type: ignore[arg-type]
    decided_days: dict = {}
    total = None
    with connection.cursor() as cursor:
        cursor.execute(pairs_sql, pairs_params)
        rows = cursor.fetchall()
        if not rows:  # nothing due: the count alone, a second query only then
            cursor.execute(count_sql, open_params)
            rows_count = cursor.fetchone()
    for action_id, title, due_on, decided_at, administration, count in rows:
        total = count
        action = actions.get(action_id)
        if action is None:
            due_on = _date(due_on)
            action = make((action_id, title, due_on))
            actions[action_id] = action
            action.responsible = []  # type: ignore[attr-defined]
            action.is_overdue = due_on < today  # type: ignore[attr-defined]
            action.due_text = _text(due_on, False, language)  # type: ignore[attr-defined]
            if (decided := decided_days.get(decided_at)) is None:  # a few meetings' actions
                decided = decided_days[decided_at] = _text(_day(decided_at), True, language)
            action.from_text = decided  # type: ignore[attr-defined]
        action.responsible.append(administration)  # type: ignore[attr-defined]
    if total is None:
        total = rows_count[0]
    return FollowUp(list(actions.values()), total - len(actions))


def _date(value) -> datetime.date:
    """A date column as the cursor gives it (SQLite may give its text)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _day(value) -> datetime.date:
    """A datetime column's local day; stored in UTC (SQLite gives it naive, or as text)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return timezone.localdate(value)


@functools.lru_cache(maxsize=1024)
def _text(value: datetime.date, decided: bool, language: str | None) -> str:
    """The follow-up list's "due by" text, or (`decided`) its "from the meeting" text, in the
    active `language` (in the key: the same day reads differently in each); remembered, as
    the same few days are written on every agenda and meeting page."""
    wording = _("från mötet %(date)s") if decided else _("klart senast %(date)s")
    return wording % {"date": long_date(value)}
