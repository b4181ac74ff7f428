"""The agenda workflow: proposals, triage, order, and published versions.

Every write that touches the order of a meeting's agenda first locks the meeting row and then
the agenda rows (`select_for_update`) in one transaction, so two coordinators working at once
queue up instead of overwriting each other. Forms carry what they were rendered from (an item's
position, the version number) and a form that no longer matches is refused as stale.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import agenda_mail
from meetings.goals import figures as goals
from meetings.models import AgendaItem, AgendaVersion, Meeting
from representatives.rules import current_appointment


class AgendaError(Exception):
    """A refused agenda action; the message is Swedish and meant for the person."""


# --- proposals ------------------------------------------------------------------------------


def proposals_close_at(meeting: Meeting) -> datetime.datetime:
    return meeting.starts_at - datetime.timedelta(days=meeting.network.proposal_close_days)


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
            "date": timezone.localtime(proposals_close_at(meeting)).strftime("%Y-%m-%d %H:%M"),
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
    item.save_without_historical_record(update_fields=["position"])
    later = (
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id, position__gt=gap)
        .order_by("position")
    )
    for other in later:  # ascending, so each step moves into a free place
        other.position -= 1
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


def defer(meeting: Meeting, item_pk: int, to_meeting: Meeting, reason: str, by) -> AgendaItem:
    """Defer a proposal (or an accepted item) to a later meeting of the same network.

    The item stays here as "deferred" so its proposer can follow it, and a proposal with the
    same content is put before the other meeting's coordinators.
    """
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        item = _lock_item(meeting, item_pk)
        if item.status not in (AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED):
            raise AgendaError(_("Punkten är redan behandlad av någon annan. Sidan är uppdaterad."))
        if (
            to_meeting.pk == meeting.pk
            or to_meeting.network_id != meeting.network_id
            or to_meeting.is_cancelled
            or to_meeting.is_past
        ):
            raise AgendaError(_("Välj ett kommande möte i samma nätverk."))
        _take_off_agenda(item)
        item.status = AgendaItem.Status.DEFERRED
        item.decision_reason = reason
        item.deferred_to = to_meeting
        item.save(update_fields=["status", "decision_reason", "deferred_to", "updated_at"])
        AgendaItem.objects.create(
            meeting=to_meeting,
            status=AgendaItem.Status.PROPOSED,
            title=item.title,
            description=item.description,
            kind=item.kind,
            wished_minutes=item.wished_minutes,
            work_area=item.work_area,
            is_management_question=item.is_management_question,
            proposed_by=item.proposed_by,
            administration=item.administration,
        )
        agenda_mail.send_decision(item)
    return item


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
        item.save_without_historical_record(update_fields=["position"])  # a step, not a change
        neighbour.position = mine
        neighbour.save(update_fields=["position"])
        item.position = theirs
        item.save(update_fields=["position", "updated_at"])
    # Where it now stands, counted (positions may have gaps after an admin's deletion).
    item.agenda_index = neighbour_index + 1
    item.agenda_length = len(items)
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


def draft_items(meeting: Meeting):
    return (
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
        .select_related("work_area", "administration")
        .order_by("position")
    )


def snapshot(items) -> list[dict]:
    return [
        {
            "id": item.pk,
            "position": index,
            "title": item.title,
            "description": item.description,
            "kind": item.kind,
            "minutes": item.minutes,
            "presenter": item.presenter,
            "work_area": item.work_area.name if item.work_area else "",
            "administration": item.administration.name if item.administration else "",
            "is_management_question": item.is_management_question,
            "goal_id": item.goal_id,
        }
        for index, item in enumerate(items, start=1)
    ]


def current_version(meeting: Meeting) -> AgendaVersion | None:
    return meeting.agenda_versions.order_by("-number").first()


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


@dataclass
class Changes:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    moved: list[dict] = field(default_factory=list)  # with "old_position"
    time_changed: list[dict] = field(default_factory=list)  # with "old_minutes"
    edited: list[dict] = field(default_factory=list)  # title, presenter or description

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.moved, self.time_changed, self.edited))


def diff(old: list[dict], new: list[dict]) -> Changes:
    """What changed between two snapshots.

    An item counts as moved only if its order among the items in both versions changed, so
    adding or removing a point does not mark everything after it as moved.
    """
    old_by_id = {item["id"]: item for item in old}
    new_by_id = {item["id"]: item for item in new}
    changes = Changes(
        added=[item for item in new if item["id"] not in old_by_id],
        removed=[item for item in old if item["id"] not in new_by_id],
    )
    old_common = [item["id"] for item in old if item["id"] in new_by_id]
    new_common = [item["id"] for item in new if item["id"] in old_by_id]
    for index, item_id in enumerate(new_common):
        before, after = old_by_id[item_id], new_by_id[item_id]
        if old_common.index(item_id) != index:
            changes.moved.append({**after, "old_position": before["position"]})
        if before["minutes"] != after["minutes"]:
            changes.time_changed.append({**after, "old_minutes": before["minutes"]})
        if any(before[key] != after[key] for key in ("title", "presenter", "description")):
            changes.edited.append(after)
    return changes


def changes_since_previous(version: AgendaVersion, previous: AgendaVersion | None) -> Changes:
    return diff(previous.snapshot if previous else [], version.snapshot)


def as_text(meeting: Meeting, version: AgendaVersion, follow_up=None) -> str:
    """The agenda as plain text, for pasting into an Outlook invitation.

    `follow_up`: the open actions under "Uppföljning" (meetings/actions.py `follow_up`), live
    data and not part of the version's snapshot, so labelled as the state when the text was
    made. Left out when None or empty."""
    local_start = timezone.localtime(meeting.starts_at)
    local_end = timezone.localtime(meeting.ends_at)
    lines = [
        _("Dagordning: %(title)s") % {"title": meeting.theme_title or meeting.network.name},
        f"{meeting.network.name}, {local_start:%Y-%m-%d %H:%M}–{local_end:%H:%M}",
    ]
    if meeting.place:
        lines.append(meeting.place)
    if meeting.online_url:
        lines.append(meeting.online_url)
    lines.append(
        _("Version %(number)s, publicerad %(date)s")
        % {
            "number": version.number,
            "date": f"{timezone.localtime(version.published_at):%Y-%m-%d}",
        }
    )
    lines.append("")
    clock = local_start
    for item in goals.attach_goal_figures(version.items):
        end = clock + datetime.timedelta(minutes=item["minutes"])
        line = (
            f"{item['position']}. {clock:%H:%M}–{end:%H:%M} {item['title']} ({item['kind_label']}"
        )
        if item["presenter"]:
            line += f", {item['presenter']}"
        lines.append(line + ")")
        if item["description"]:
            lines.extend(f"   {row}" for row in item["description"].splitlines() if row.strip())
        if item["goal_figures"] is not None:
            lines.extend(f"   {row}" for row in goal_text_lines(item["goal_figures"]))
        clock = end
    lines.append("")
    lines.append(
        _("Sammanlagt %(total)s av mötets %(length)s minuter.")
        % {"total": version.total_minutes, "length": meeting.duration_minutes}
    )
    if follow_up:
        lines += ["", follow_up_heading()]
        for action in follow_up:
            line = _("- %(title)s (%(responsible)s), klart senast %(date)s") % {
                "title": action.title,
                "responsible": ", ".join(action.responsible),
                "date": f"{action.due_on:%Y-%m-%d}",
            }
            lines.append(line + (f" ({_('försenad')})" if action.is_overdue else ""))
    return "\n".join(lines) + "\n"


def follow_up_heading() -> str:
    return _("Uppföljning: öppna åtgärder från tidigare möten (läget %(date)s)") % {
        "date": f"{timezone.localdate():%Y-%m-%d}"
    }


def goal_text_lines(figures) -> list[str]:
    """A goal follow-up's current figures, one line per indicator, for the plain-text agenda."""
    lines = [_("Målet: %(title)s") % {"title": figures.goal.title}]
    for item in figures.indicators:
        if item.latest is None:
            lines.append(_("%(name)s: inga värden ännu") % {"name": item.indicator.name})
            continue
        lines.append(
            _(
                "%(name)s: %(value)s %(unit)s (%(year)s), "
                "mål %(target)s till %(target_year)s – %(status)s"
            )
            % {
                "name": item.indicator.name,
                "value": item.latest_label,
                "unit": item.indicator.unit,
                "year": item.latest.year,
                "target": item.target_label,
                "target_year": figures.goal.target_year,
                "status": item.status_label,
            }
        )
    return lines
