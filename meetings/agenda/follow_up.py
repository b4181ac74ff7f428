"""\"Uppföljning\" on a network's next meeting: the open actions decided at its earlier meetings.

Live data, shown under the agenda (its page, the workspace and the plain text) but never part
of a published version's snapshot."""

import datetime

from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext as _

from config.dates import long_date
from meetings.models import ActionItem, Meeting


def open_actions(meeting: Meeting) -> list[ActionItem]:
    """The open actions shown under "Uppföljning" on `meeting`'s agenda.

    Only on the network's next meeting (not held, not cancelled, no other such meeting of the
    network before it): there, every open action decided at an earlier meeting of the network.
    One query: the (action, administration) pairs, grouped here; each action (only its id,
    title and due date loaded) gets `responsible` (its administrations' names), `is_overdue`,
    and `due_text` and `from_text` (its due date and its meeting's day as the list says them).
    """
    if meeting.is_cancelled or meeting.ends_at < timezone.now():
        return []
    now = timezone.now()
    earlier_coming = Meeting.objects.filter(
        network_id=meeting.network_id, ends_at__gte=now, starts_at__lt=meeting.starts_at
    ).exclude(status=Meeting.Status.CANCELLED)
    pairs = (
        ActionItem.administrations.through.objects.filter(
            actionitem__meeting__network_id=meeting.network_id,
            actionitem__meeting__starts_at__lt=meeting.starts_at,
            actionitem__status=ActionItem.Status.OPEN,
        )
        .filter(~Exists(earlier_coming))
        .order_by("actionitem__due_on", "actionitem_id", "administration__name")
        # Plain values, not three models per pair: hundreds of open actions on a busy network.
        .values_list(
            "actionitem_id",
            "actionitem__title",
            "actionitem__due_on",
            "actionitem__meeting__starts_at",
            "administration__name",
        )
    )
    today = timezone.localdate()
    actions: dict[int, ActionItem] = {}
    texts: dict[object, str] = {}  # a date is formatted and translated once, not once a row
    fields = ["id", "title", "due_on"]
    for action_id, title, due_on, decided_at, administration in pairs:
        action = actions.get(action_id)
        if action is None:
            action = ActionItem.from_db(None, fields, (action_id, title, due_on))
            actions[action_id] = action
            action.responsible = []  # type: ignore[attr-defined]
            action.is_overdue = due_on < today  # type: ignore[attr-defined]
            action.due_text = _text(texts, due_on)  # type: ignore[attr-defined]
            action.from_text = _text(texts, decided_at)  # type: ignore[attr-defined]
        action.responsible.append(administration)  # type: ignore[attr-defined]
    return list(actions.values())


def _text(texts: dict, value) -> str:
    """The follow-up list's "due by" (a date) or "from the meeting" (a datetime) text."""
    if value not in texts:
        if isinstance(value, datetime.datetime):
            texts[value] = _("från mötet %(date)s") % {"date": long_date(value)}
        else:
            texts[value] = _("klart senast %(date)s") % {"date": long_date(value)}
    return texts[value]
