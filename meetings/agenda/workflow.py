"""The agenda workflow: proposals, triage, order, and publishing a version.

Every write that touches the order of a meeting's agenda first locks the meeting row and then
the agenda rows (`select_for_update`) in one transaction, so two coordinators working at once
queue up instead of overwriting each other. Forms carry what they were rendered from (an item's
position, the version number) and a form that no longer matches is refused as stale.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.dates import moment
from config.prepared import Prepared
from meetings.agenda import mail as agenda_mail
from meetings.agenda.versions import current_version, draft_items, snapshot
from meetings.models import AgendaItem, AgendaVersion, Meeting, QuestionEvent
from representatives.rules import current_appointment


class AgendaError(Exception):
    """A refused agenda action; the message is Swedish and meant for the person."""


# --- proposals ------------------------------------------------------------------------------


def proposals_close_at(meeting: Meeting) -> datetime.datetime:
    return meeting.proposals_close_at


def proposals_closed_reason(meeting: Meeting, now: datetime.datetime | None = None) -> str:
    """Why proposals cannot be made for the meeting now, or "" while they are open."""
    now = now or timezone.now()
    if meeting.is_cancelled:
        return _("Mötet är inställt, så det går inte att föreslå punkter.")
    if not meeting.is_published:
        return _("Mötet är inte publicerat än, så det går inte att föreslå punkter.")
    if meeting.starts_at <= now:
        return _("Mötet har redan varit, så det går inte att föreslå punkter.")
    if proposals_close_at(meeting) <= now:
        return _(
            "Förslag till dagordningen stängde %(date)s, %(days)s dagar före mötet. "
            "Kontakta samordnarna om något är brådskande."
        ) % {
            "date": moment(proposals_close_at(meeting)),
            "days": meeting.network.proposal_close_days,
        }
    return ""


PROPOSAL_FIELDS = [
    "title",
    "description",
    "kind",
    "wished_minutes",
    "work_area",
    "is_management_question",
]


def propose(meeting: Meeting, user, values: dict) -> AgendaItem:
    """A representative or substitute proposes an item for the meeting."""
    appointment = current_appointment(user, meeting.network)
    if appointment is None:
        raise AgendaError(_("Bara nätverkets representanter och ersättare kan föreslå punkter."))
    reason = proposals_closed_reason(meeting)
    if reason:
        raise AgendaError(reason)
    _check_work_area(meeting, values.get("work_area"))
    return AgendaItem.objects.create(
        meeting=meeting,
        status=AgendaItem.Status.PROPOSED,
        proposed_by=user,
        administration=appointment.administration,
        **{name: values.get(name) for name in PROPOSAL_FIELDS},
    )


def update_proposal(item: AgendaItem, user, values: dict) -> AgendaItem:
    with transaction.atomic():
        locked = _lock_own_proposal(item, user)
        reason = proposals_closed_reason(locked.meeting)
        if reason:
            raise AgendaError(reason)
        _check_work_area(locked.meeting, values.get("work_area"))
        for name in PROPOSAL_FIELDS:
            setattr(locked, name, values.get(name))
        locked.save(update_fields=[*PROPOSAL_FIELDS, "updated_at"])
    return locked


def withdraw(item: AgendaItem, user) -> AgendaItem:
    with transaction.atomic():
        locked = _lock_own_proposal(item, user)
        locked.status = AgendaItem.Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
    return locked


def _lock_own_proposal(item: AgendaItem, user) -> AgendaItem:
    locked = (
        AgendaItem.objects.select_for_update().select_related("meeting__network").get(pk=item.pk)
    )
    if locked.proposed_by_id != user.pk:
        raise AgendaError(_("Du kan bara ändra dina egna förslag."))
    if locked.status != AgendaItem.Status.PROPOSED:
        raise AgendaError(
            _("Förslaget är redan behandlat (%(status)s) och kan inte längre ändras.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _check_work_area(meeting: Meeting, work_area) -> None:
    if work_area is not None and (
        work_area.network_id != meeting.network_id or work_area.is_archived
    ):
        raise AgendaError(_("Arbetsområdet hör inte till nätverket."))


# --- triage ---------------------------------------------------------------------------------


def _lock_meeting(meeting: Meeting) -> Meeting:
    """Lock the meeting row: every change to its agenda's order queues behind this."""
    return Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)


def _lock_item(meeting: Meeting, item_pk: int) -> AgendaItem:
    try:
        return AgendaItem.objects.select_for_update().get(pk=item_pk, meeting=meeting)
    except AgendaItem.DoesNotExist:
        raise AgendaError(_("Punkten finns inte längre på det här mötet.")) from None


def _next_position(meeting: Meeting) -> int:
    top = meeting.agenda_items.filter(position__isnull=False).aggregate(top=Max("position"))
    return (top["top"] or 0) + 1


def _take_off_agenda(item: AgendaItem) -> None:
    """Remove an accepted item from the order and close the gap it leaves."""
    if item.position is None:
        return
    gap = item.position
    item.position = None
    # The caller saves the item's new state next; that one history row shows the change.
    item.save_without_historical_record(update_fields=["position"])  # type: ignore[attr-defined]
    later = (
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id, position__gt=gap)
        .order_by("position")
    )
    for other in later:  # ascending, so each step moves into a free place
        other.position -= 1  # type: ignore[operator]
        other.save(update_fields=["position"])


def accept(meeting: Meeting, item_pk: int, by) -> AgendaItem:
    """Accept a proposal: it joins the end of the (draft) agenda."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        item = _lock_item(meeting, item_pk)
        if item.status != AgendaItem.Status.PROPOSED:
            raise AgendaError(
                _("Förslaget är redan behandlat av någon annan. Sidan är uppdaterad.")
            )
        item.status = AgendaItem.Status.ACCEPTED
        item.position = _next_position(meeting)
        item.allotted_minutes = item.allotted_minutes or item.wished_minutes
        item.decision_reason = ""
        item.save(
            update_fields=[
                "status",
                "position",
                "allotted_minutes",
                "decision_reason",
                "updated_at",
            ]
        )
        agenda_mail.send_decision(item)
    return item


def deferral_targets(meeting: Meeting):
    """The meetings an item of `meeting` may be deferred to: the same network's later meetings
    whose theme is published (so everyone, the proposer too, can open them) and which are
    neither cancelled nor over."""
    return _deferral_targets(meeting.network_id, meeting.starts_at, timezone.now())


def _deferral_targets(network_id: int, after: datetime.datetime, now: datetime.datetime):
    # `MeetingQuerySet.upcoming()` with its clock passed in (a prepared query's value).
    return (
        Meeting.objects.filter(
            network_id=network_id,
            status=Meeting.Status.PUBLISHED,
            starts_at__gt=after,
            ends_at__gte=now,
        )
        .order_by("starts_at")
        .select_related("network")
    )


# `deferral_targets` for the coordinators' workspace, compiled once per connection.
_DEFERRAL_TARGETS = Prepared(
    _deferral_targets, network_id=int, after=datetime.datetime, now=datetime.datetime
)


def deferral_target_list(meeting: Meeting) -> list[Meeting]:
    """`deferral_targets(meeting)`, read by a query compiled once (the workspace's)."""
    return _DEFERRAL_TARGETS.objects(
        network_id=meeting.network_id, after=meeting.starts_at, now=timezone.now()
    )


DEFERRAL_REFUSED = gettext_lazy(
    "Punkten kan bara flyttas till ett senare möte i samma nätverk som har publicerat "
    "tema och inte är inställt."
)


def defer(meeting: Meeting, item_pk: int, to_meeting: Meeting, reason: str, by) -> AgendaItem:
    """Defer a proposal (or an accepted item) to a later meeting of the same network.

    The item stays here as "deferred" so its proposer can follow it, and a proposal with the
    same content is put before the other meeting's coordinators. A management group's question
    carried by the item moves with it: it now travels on the new proposal, and its trail says
    so.
    """
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        item = _lock_item(meeting, item_pk)
        if item.status not in (AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED):
            raise AgendaError(_("Punkten är redan behandlad av någon annan. Sidan är uppdaterad."))
        # Read again: the target may have been moved or cancelled since the form was shown.
        target = deferral_targets(meeting).filter(pk=to_meeting.pk).first()
        if target is None:
            raise AgendaError(str(DEFERRAL_REFUSED))
        to_meeting = target
        _take_off_agenda(item)
        item.status = AgendaItem.Status.DEFERRED
        item.decision_reason = reason
        item.deferred_to = to_meeting
        item.save(update_fields=["status", "decision_reason", "deferred_to", "updated_at"])
        moved = item.propose_again_at(to_meeting)
        _move_questions(item, moved, by)
        agenda_mail.send_decision(item)
    return item


def _move_questions(item: AgendaItem, moved: AgendaItem, by) -> None:
    """The questions carried by a deferred item now travel on its proposal at the new meeting."""
    note = _("Punkten flyttades till mötet %(date)s.") % {
        "date": timezone.localtime(moved.meeting.starts_at).strftime("%Y-%m-%d")
    }
    for question in item.questions.select_for_update().order_by("pk"):
        question.agenda_item = moved
        question.save(update_fields=["agenda_item", "updated_at"])
        QuestionEvent.objects.create(
            question=question, state=question.state, actor=by, note=note, meeting=moved.meeting
        )


def decline(meeting: Meeting, item_pk: int, reason: str, by) -> AgendaItem:
    if not reason.strip():
        raise AgendaError(_("Skriv varför förslaget avböjs."))
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        item = _lock_item(meeting, item_pk)
        if item.status not in (AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED):
            raise AgendaError(_("Punkten är redan behandlad av någon annan. Sidan är uppdaterad."))
        _take_off_agenda(item)
        item.status = AgendaItem.Status.DECLINED
        item.decision_reason = reason
        item.save(update_fields=["status", "decision_reason", "updated_at"])
        agenda_mail.send_decision(item)
    return item


def add_item(meeting: Meeting, by, values: dict) -> AgendaItem:
    """A coordinator's own item goes straight onto the end of the agenda."""
    if meeting.is_cancelled:
        raise AgendaError(_("Mötet är inställt."))
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        _check_work_area(meeting, values.get("work_area"))
        return AgendaItem.objects.create(
            meeting=meeting,
            status=AgendaItem.Status.ACCEPTED,
            position=_next_position(meeting),
            wished_minutes=values["allotted_minutes"],
            **values,
        )


UP, DOWN = "up", "down"


def move(meeting: Meeting, item_pk: int, direction: str, expected_position: int) -> AgendaItem:
    """Swap an accepted item with its neighbour above or below.

    `expected_position` is where the form saw the item; if someone else moved things since,
    the move is refused rather than applied to an order the person never saw.
    """
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        items = list(
            AgendaItem.objects.select_for_update()
            .filter(meeting=meeting, position__isnull=False)
            .order_by("position")
        )
        by_pk = {item.pk: item for item in items}
        item = by_pk.get(item_pk)
        if item is None:
            raise AgendaError(_("Punkten finns inte längre på dagordningen."))
        if item.position != expected_position:
            raise AgendaError(
                _("Någon annan har ändrat ordningen under tiden. Sidan är uppdaterad; försök igen.")
            )
        index = items.index(item)
        neighbour_index = index - 1 if direction == UP else index + 1
        if not 0 <= neighbour_index < len(items):
            raise AgendaError(_("Punkten står redan först eller sist."))
        neighbour = items[neighbour_index]
        mine, theirs = item.position, neighbour.position
        # Through an empty place, since (meeting, position) is unique at every step.
        item.position = None
        item.save_without_historical_record(update_fields=["position"])  # type: ignore[attr-defined]  # a step, not a change
        neighbour.position = mine
        neighbour.save(update_fields=["position"])
        item.position = theirs
        item.save(update_fields=["position", "updated_at"])
    # Where it now stands, counted (positions may have gaps after an admin's deletion).
    item.agenda_index = neighbour_index + 1  # type: ignore[attr-defined]
    item.agenda_length = len(items)  # type: ignore[attr-defined]
    return item


def set_time(meeting: Meeting, item_pk: int, allotted_minutes: int, presenter: str) -> AgendaItem:
    with transaction.atomic():
        item = _lock_item(meeting, item_pk)
        if item.status != AgendaItem.Status.ACCEPTED:
            raise AgendaError(_("Punkten står inte längre på dagordningen."))
        item.allotted_minutes = allotted_minutes
        item.presenter = presenter
        item.save(update_fields=["allotted_minutes", "presenter", "updated_at"])
    return item


# --- versions -------------------------------------------------------------------------------


def publish(meeting: Meeting, by, change_note: str, based_on: int) -> AgendaVersion:
    """Publish the draft as the next version; members are told by e-mail.

    `based_on` is the version number the coordinator's form showed (0 before the first): a
    second coordinator publishing the same draft gets a refusal, not a duplicate version.
    """
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if not meeting.is_published:
            raise AgendaError(_("Publicera mötets tema innan dagordningen publiceras."))
        if meeting.is_past:
            raise AgendaError(_("Mötet har redan varit."))
        latest = current_version(meeting)
        latest_number = latest.number if latest else 0
        if based_on != latest_number:
            raise AgendaError(
                _("Någon annan har publicerat version %(number)s under tiden. Sidan är uppdaterad.")
                % {"number": latest_number}
            )
        items = snapshot(draft_items(meeting))
        if not items:
            raise AgendaError(_("Dagordningen har inga punkter än."))
        if latest is not None:
            if not change_note.strip():
                raise AgendaError(_("Beskriv kort vad som har ändrats sedan förra versionen."))
            if latest.snapshot == items:
                raise AgendaError(
                    _("Inget har ändrats sedan version %(number)s.") % {"number": latest_number}
                )
        version = AgendaVersion.objects.create(
            meeting=meeting,
            number=latest_number + 1,
            published_by=by,
            change_note=change_note.strip(),
            snapshot=items,
        )
        if meeting.agenda_published_at is None:
            meeting.agenda_published_at = version.published_at
            meeting.save(update_fields=["agenda_published_at", "updated_at"])
        agenda_mail.send_version_published(version)
    return version
