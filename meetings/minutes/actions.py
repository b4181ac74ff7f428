"""Action items (åtgärder) decided at a meeting, and their follow-up at the next one.

Coordinators create an action from an agenda item of a held meeting: what, which
administration(s) answer for it, and by when (not before the meeting). It is marked done,
with a comment, by a coordinator of the network or by a current representative or substitute
of an administration that answers for it. Open actions of a network show by themselves under
"Uppföljning" on the agenda of the network's next meeting until they are done
(meetings/agenda/follow_up.py). While it is open, the network's coordinators can correct it:
what, which administrations answer for it (after a reorganisation, a merged administration's
actions are given to the one it merged into this way), and by when.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from config.prepared import Prepared, numbered, numbering, rows_by_shape
from meetings.minutes.workflow import not_held_reason
from meetings.models import ActionItem, AgendaItem, Meeting
from networks.history import one_row
from networks.versions import claim_version


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


def edit(action: ActionItem, *, version: int, title: str, administrations, due_on) -> ActionItem:
    """A coordinator's correction of an open action (what, who, by when), as one history row."""
    check_due_on(action.meeting, due_on)
    if not administrations:
        raise ActionError(_("Välj minst en förvaltning som svarar för åtgärden."))
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=action.pk)
        if locked.status != ActionItem.Status.OPEN:
            raise ActionError(_("Åtgärden är redan klar och kan inte ändras."))
        claim_version(locked, version, pgettext_lazy("stale record", "Åtgärden"))
        with one_row(locked):
            locked.title = title
            locked.due_on = due_on
            locked.save(update_fields=["title", "due_on", "version", "updated_at"])
            locked.administrations.set(administrations)
    return locked


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


def _of_network(network):
    # Only what the list shows (action_list.html): a page of rows, whatever the history.
    return _of_network_id(network.pk)


def _of_network_id(network_id: int):
    return (
        ActionItem.objects.filter(meeting__network_id=network_id)
        .select_related("meeting")
        .only("title", "status", "due_on", "done_at", "done_comment", "meeting__starts_at")
    )


def _open_of(network_id: int):
    return _of_network_id(network_id).filter(status=ActionItem.Status.OPEN).order_by("due_on", "pk")


def _done_of(network_id: int):
    return (
        _of_network_id(network_id).filter(status=ActionItem.Status.DONE).order_by("-done_at", "-pk")
    )


def open_of_network(network):
    """The network's open actions, the one due first first (a queryset, for paging)."""
    return _open_of(network.pk)


def done_of_network(network):
    """The network's done actions, the latest marked done first (a queryset, for paging)."""
    return _done_of(network.pk)


def first_open(limit: int | None, network_id: int):
    """The first `limit` of `open_of_network` (compiled once by `config.prepared.by_shape`)."""
    return _open_of(network_id)[:limit]


def first_done(limit: int | None, network_id: int):
    """The first `limit` of `done_of_network` (compiled once by `config.prepared.by_shape`)."""
    return _done_of(network_id)[:limit]


# The network's open and done actions counted in one query compiled once (config/prepared.py):
# what `open_of_network(...).count()` and `done_of_network(...).count()` give.
_COUNTS = Prepared(
    lambda network_id: (
        ActionItem.objects.filter(meeting__network_id=network_id)
        .order_by()
        .values("meeting__network_id")
        .annotate(
            open=Count("pk", filter=Q(status=ActionItem.Status.OPEN)),
            done=Count("pk", filter=Q(status=ActionItem.Status.DONE)),
        )
        .values_list("open", "done")
    ),
    network_id=int,
)


def counts_of_network(network) -> tuple[int, int]:
    """How many open and done actions the network has."""
    return (_COUNTS.rows(network_id=network.pk) or [(0, 0)])[0]


def describe(rows: Iterable[ActionItem]) -> list[ActionItem]:
    """The rows as the list shows them: each gets `responsible_names` (its administrations'
    names, by name, read in one query of (action, name) pairs, cheaper than a prefetch that
    builds a model and a manager for every action) and `is_overdue`."""
    listed = list(rows)
    if not listed:
        return listed
    names: dict[int, list[str]] = {}
    for action_id, name in rows_by_shape(
        _responsible_names, **numbering("action_", [a.pk for a in listed])
    ):
        names.setdefault(action_id, []).append(name)
    today = timezone.localdate()
    for action in listed:
        action.is_overdue = action.status == ActionItem.Status.OPEN and action.due_on < today  # type: ignore[attr-defined]
        action.responsible_names = ", ".join(names.get(action.pk, []))  # type: ignore[attr-defined]
    return listed


def _responsible_names(limit: None, **actions: int):
    """(action, administration's name) of the numbered actions (`action_0`, ...), by name."""
    return (
        ActionItem.administrations.through.objects.filter(
            actionitem__in=numbered(actions, "action_")
        )
        .order_by("administration__name", "administration_id")
        .values_list("actionitem_id", "administration__name")
    )
