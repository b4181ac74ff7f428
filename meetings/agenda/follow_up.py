"""\"Uppföljning\" on a network's next meeting: the open actions due by that meeting.

Live data, shown under the agenda (its page, the workspace and the plain text) but never part
of a published version's snapshot. Bounded by the meeting's day: what is due by then (overdue
included) is listed, the network's other open actions are counted and one click away on the
coordinators' action list, so the list does not grow with the years."""

import dataclasses
import datetime

from django.db.models import Count, Exists, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from config.dates import long_date
from meetings.models import ActionItem, Meeting

MAX_LISTED = 20  # actions under "Uppföljning"; the rest are counted, on the action list


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
    """
    if meeting.is_cancelled or meeting.ends_at < timezone.now():
        return FollowUp()
    now = timezone.now()
    day = timezone.localdate(meeting.starts_at)
    earlier_coming = Meeting.objects.filter(
        network_id=meeting.network_id, ends_at__gte=now, starts_at__lt=meeting.starts_at
    ).exclude(status=Meeting.Status.CANCELLED)
    open_here = ActionItem.objects.filter(
        meeting__network_id=meeting.network_id,
        meeting__starts_at__lt=meeting.starts_at,
        status=ActionItem.Status.OPEN,
    ).filter(~Exists(earlier_coming))  # none unless this is the network's next meeting
    all_open = (
        open_here.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The first MAX_LISTED due by the meeting's day, the most overdue first: overdue actions
    # that nobody closes must not make the list grow with the years.
    listed = open_here.filter(due_on__lte=day).order_by("due_on", "pk").values("pk")[:MAX_LISTED]
    pairs = (
        ActionItem.administrations.through.objects.filter(actionitem_id__in=listed)
        .order_by("actionitem__due_on", "actionitem_id", "administration__name")
        # Plain values, not three models per pair. The count of all open actions rides along
        # on every row (one scalar subquery).
        .values_list(
            "actionitem_id",
            "actionitem__title",
            "actionitem__due_on",
            "actionitem__meeting__starts_at",
            "administration__name",
            Coalesce(Subquery(all_open), 0),
        )
    )
    today = timezone.localdate()
    actions: dict[int, ActionItem] = {}
    texts: dict[object, str] = {}  # a date is formatted and translated once, not once a row
    fields = ["id", "title", "due_on"]
    total = None
    for action_id, title, due_on, decided_at, administration, count in pairs:
        total = count
        action = actions.get(action_id)
        if action is None:
            action = ActionItem.from_db(None, fields, (action_id, title, due_on))
            actions[action_id] = action
            action.responsible = []  # type: ignore[attr-defined]
            action.is_overdue = due_on < today  # type: ignore[attr-defined]
            action.due_text = _text(texts, due_on)  # type: ignore[attr-defined]
            action.from_text = _text(texts, decided_at)  # type: ignore[attr-defined]
        action.responsible.append(administration)  # type: ignore[attr-defined]
    if total is None:  # nothing due: the count alone, a second query only then
        total = next(iter(all_open), {"n": 0})["n"]
    return FollowUp(list(actions.values()), total - len(actions))


def _text(texts: dict, value) -> str:
    """The follow-up list's "due by" (a date) or "from the meeting" (a datetime) text."""
    if value not in texts:
        if isinstance(value, datetime.datetime):
            texts[value] = _("från mötet %(date)s") % {"date": long_date(value)}
        else:
            texts[value] = _("klart senast %(date)s") % {"date": long_date(value)}
    return texts[value]
