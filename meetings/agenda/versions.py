"""The agenda people read: the draft's accepted items, published versions (frozen snapshots),
what changed between two versions, and the plain text for pasting into Outlook."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.mail import absolute_url
from meetings.goals import figures as goals
from meetings.models import AgendaItem, AgendaVersion, Meeting, seen_agenda


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
    """The latest version, read from the database whatever the meeting object says (the
    workflow numbers the next one from it). Readers ask `seen_agenda()`."""
    return meeting.agenda_versions.order_by("-number").first()


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


def as_text(meeting: Meeting, version: AgendaVersion, follow_up=None, documents=()) -> str:
    """The agenda as plain text, for pasting into an Outlook invitation.

    `follow_up`: the open actions under "Uppföljning" (meetings/agenda/follow_up.py), live data
    and not part of the version's snapshot, so labelled as the state when the text was made.
    Left out when None or empty. `documents`: those presented at the meeting
    (documents.workflow.meeting_documents); withdrawn ones are left out, and each links to its
    page on the site."""
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
    current = [d for d in documents if not d.is_withdrawn]
    item_ids = {item["id"] for item in version.items}
    under: dict[int, list] = {}
    for document in current:
        if document.agenda_item_id in item_ids:
            under.setdefault(document.agenda_item_id, []).append(document)
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
        for document in under.get(item["id"], []):
            lines.append("   " + _("Dokument: %(line)s") % {"line": document_line(document)})
        clock = end
    lines.append("")
    lines.append(
        _("Sammanlagt %(total)s av mötets %(length)s minuter.")
        % {"total": version.total_minutes, "length": meeting.duration_minutes}
    )
    lines += document_lines([d for d in current if d.agenda_item_id not in under])
    if follow_up:
        lines += ["", follow_up_heading()]
        for action in follow_up:
            line = _("- %(title)s (%(responsible)s), klart senast %(date)s") % {
                "title": action.title,
                "responsible": ", ".join(action.responsible),
                "date": f"{action.due_on:%Y-%m-%d}",
            }
            lines.append(line + (f" ({_('försenad')})" if action.is_overdue else ""))
    if follow_up and follow_up.others:
        lines.append(
            ngettext(
                "Nätverket har ytterligare %(count)s öppen åtgärd.",
                "Nätverket har ytterligare %(count)s öppna åtgärder.",
                follow_up.others,
            )
            % {"count": follow_up.others}
        )
    return "\n".join(lines) + "\n"


def document_lines(documents) -> list[str]:
    """The plain-text agenda's "Dokument" section: one line per document still in force."""
    current = [d for d in documents if not d.is_withdrawn]
    if not current:
        return []
    lines = ["", _("Dokument som presenteras på mötet:")]
    lines.extend(f"- {document_line(document)}" for document in current)
    return lines


def document_line(document) -> str:
    """A document in plain text: its title, kind, drafting step or reply deadline, and link."""
    details = [document.get_kind_display()]
    if document.drafting_status:
        details.append(document.get_drafting_status_display().lower())
    if document.is_consultation and document.deadline:
        details.append(_("svar senast %(date)s") % {"date": f"{document.deadline:%Y-%m-%d}"})
    url = absolute_url(document.get_absolute_url())
    return f"{document.title} ({', '.join(details)}): {url}"


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


def published_agenda(meeting: Meeting) -> tuple[AgendaVersion | None, list]:
    """For the meeting page: the current published version and its items (the snapshot)."""
    version = seen_agenda(meeting)
    return version, goals.attach_goal_figures(version.items) if version else []
