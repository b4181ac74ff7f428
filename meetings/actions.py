"""Action items (åtgärder) decided at a meeting, and their follow-up at the next one.

Coordinators create an action from an agenda item of a held meeting: what, which
administration(s) answer for it, and by when (not before the meeting). It is marked done,
with a comment, by a coordinator of the network or by a current representative or substitute
of an administration that answers for it. Open actions of a network show by themselves under
"Uppföljning" on the agenda of the network's next meeting until they are done.
"""

import datetime

from django.db import transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _

from meetings.minutes import not_held_reason
from meetings.models import ActionItem, AgendaItem, Meeting


class ActionError(Exception):
    """A refused action-item change; the message is Swedish and meant for the person."""


def create(
    meeting: Meeting, by, *, agenda_item: AgendaItem, title: str, administrations, due_on
) -> ActionItem:
    reason = not_held_reason(meeting)
    if reason:
        raise ActionError(reason)
    if agenda_item.meeting_id != meeting.pk or agenda_item.status != AgendaItem.Status.ACCEPTED:
        raise ActionError(_("Punkten finns inte på mötets dagordning."))
    check_due_on(meeting, due_on)
    if not administrations:
        raise ActionError(_("Välj minst en förvaltning som svarar för åtgärden."))
    with transaction.atomic():
        action = ActionItem.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            title=title,
            due_on=due_on,
            created_by=by,
        )
        action.administrations.set(administrations)
    return action


def check_due_on(meeting: Meeting, due_on: datetime.date) -> None:
    if due_on < timezone.localdate(meeting.starts_at):
        raise ActionError(_("Sista dag kan inte ligga före mötet."))


def mark_done(action: ActionItem, by, comment: str) -> ActionItem:
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=action.pk)
        if locked.status == ActionItem.Status.DONE:
            raise ActionError(_("Åtgärden är redan markerad som klar."))
        locked.status = ActionItem.Status.DONE
        locked.done_comment = comment
        locked.done_at = timezone.now()
        locked.done_by = by
        locked.save(update_fields=["status", "done_comment", "done_at", "done_by", "updated_at"])
    return locked


def follow_up(meeting: Meeting) -> list[ActionItem]:
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
            action.responsible = []
            action.is_overdue = due_on < today
            action.due_text = _text(texts, due_on)
            action.from_text = _text(texts, decided_at)
        action.responsible.append(administration)
    return list(actions.values())


def _text(texts: dict, value) -> str:
    """The follow-up list's "due by" (a date) or "from the meeting" (a datetime) text."""
    if value not in texts:
        if isinstance(value, datetime.datetime):
            day = date_format(timezone.localtime(value), "j F Y")
            texts[value] = _("från mötet %(date)s") % {"date": day}
        else:
            texts[value] = _("klart senast %(date)s") % {"date": localize(value)}
    return texts[value]


def for_network(network) -> list[ActionItem]:
    """The network's actions, open first (by due date), then done (latest first). Each gets
    `responsible_names` (its administrations' names, by name) and `is_overdue`."""
    actions = list(
        ActionItem.objects.filter(meeting__network=network)
        .select_related("meeting")
        # Only what the list shows (_action_rows.html): hundreds of rows on a busy network.
        .only("title", "status", "due_on", "done_at", "done_comment", "meeting__starts_at")
        .order_by("status", "due_on", "pk")
    )
    # The responsible administrations' names in one query of (action, name) pairs, cheaper
    # than a prefetch that builds a model and a manager for every action.
    names: dict[int, list[str]] = {}
    for action_id, name in (
        ActionItem.administrations.through.objects.filter(actionitem__meeting__network=network)
        .order_by("administration__name", "administration_id")
        .values_list("actionitem_id", "administration__name")
    ):
        names.setdefault(action_id, []).append(name)
    today = timezone.localdate()
    for action in actions:
        action.is_overdue = action.status == ActionItem.Status.OPEN and action.due_on < today
        action.responsible_names = ", ".join(names.get(action.pk, []))
    open_ = [a for a in actions if a.status == ActionItem.Status.OPEN]
    done = sorted(
        (a for a in actions if a.status == ActionItem.Status.DONE),
        key=lambda a: a.done_at,
        reverse=True,
    )
    return open_ + done
