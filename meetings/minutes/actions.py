"""Action items (åtgärder) decided at a meeting, and their follow-up at the next one.

Coordinators create an action from an agenda item of a held meeting: what, which
administration(s) answer for it, and by when (not before the meeting). It is marked done,
with a comment, by a coordinator of the network or by a current representative or substitute
of an administration that answers for it. Open actions of a network show by themselves under
"Uppföljning" on the agenda of the network's next meeting until they are done
(meetings/agenda/follow_up.py).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.minutes.workflow import not_held_reason
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
        action.is_overdue = action.status == ActionItem.Status.OPEN and action.due_on < today  # type: ignore[attr-defined]
        action.responsible_names = ", ".join(names.get(action.pk, []))  # type: ignore[attr-defined]
    open_ = [a for a in actions if a.status == ActionItem.Status.OPEN]
    done = sorted(
        (a for a in actions if a.status == ActionItem.Status.DONE),
        key=lambda a: a.done_at,  # type: ignore[arg-type,return-value]
        reverse=True,
    )
    return open_ + done
