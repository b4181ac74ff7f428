"""Minutes of a held meeting: the coordinators' draft, and its published, frozen versions.

Only coordinators of the meeting's network write the draft (never shown to anyone else).
Publishing freezes the draft, the attendance and the meeting's actions into a
`MinutesVersion` and tells the network's members by e-mail (recorded in the outbox with it).
Published versions are never changed: a correction is version N+1 with a note saying what was
corrected, and every earlier version stays readable at its own address. Publishing also moves
the questions carried by the agenda items along to their outcome (meetings/minutes/outcomes.py).
"""

from django.db import connection, transaction
from django.db.models import DateTimeField, PositiveIntegerField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.mail import absolute_url, message, render_subject, render_text
from meetings.agenda import follow_up
from meetings.minutes import outcomes as question_minutes
from meetings.models import ActionItem, AgendaItem, Meeting, Minutes, MinutesEntry, MinutesVersion
from meetings.outbox import outbox
from meetings.participation.workflow import answers_by_administration
from meetings.questions import steps as questions
from networks.versions import StaleRecordError, claim_version
from representatives.recipients import network_recipients


class MinutesError(Exception):
    """A refused minutes action; the message is Swedish and meant for the person."""


def not_held_reason(meeting: Meeting) -> str:
    """Why the meeting can have no minutes (yet), or "" for a held meeting."""
    if meeting.is_cancelled:
        return _("Mötet är inställt, så det har inga minnesanteckningar.")
    if meeting.ends_at >= timezone.now():
        return _("Mötet har inte hållits än. Minnesanteckningar skrivs efter mötet.")
    return ""


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The items the meeting dealt with: its accepted agenda, in order."""
    return list(
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).order_by(
            "position", "created_at"
        )
    )


def draft_for(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


def entries_by_item(minutes: Minutes | None) -> dict[int, MinutesEntry]:
    if minutes is None:
        return {}
    return {entry.agenda_item_id: entry for entry in minutes.entries.all()}


def stale_draft_message() -> str:
    return _(
        "Utkastet har ändrats av någon annan under tiden. Din text står kvar nedan: kopiera "
        "det du vill behålla, läs in sidan igen och gör om din ändring."
    )


def save_draft(
    meeting: Meeting, by, summary: str, entries: dict[int, dict], *, seen_version: int
) -> Minutes:
    """Save the draft: the summary and, per accepted agenda item id, its note and outcome.

    `seen_version` is the draft's version the form was rendered from (0 before the first save);
    if another coordinator saved since, nothing is saved (the optimistic version check)."""
    reason = not_held_reason(meeting)
    if reason:
        raise MinutesError(reason)
    items = {item.pk for item in agenda_items(meeting)}
    if not set(entries) <= items:
        raise MinutesError(_("Punkten finns inte på mötets dagordning."))
    with transaction.atomic():
        # The meeting's row lock makes the first save of the draft one at a time.
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        minutes = draft_for(meeting)
        current = minutes.version if minutes is not None else 0
        if seen_version != current:  # refused before any write
            raise MinutesError(stale_draft_message())
        if minutes is None:
            minutes = Minutes(meeting=meeting)
        else:
            try:
                claim_version(minutes, seen_version)
            except StaleRecordError:
                raise MinutesError(stale_draft_message()) from None
        minutes.summary = summary
        minutes.written_by = by
        minutes.save()
        existing = entries_by_item(minutes)
        for item_pk, values in entries.items():
            entry = existing.get(item_pk) or MinutesEntry(minutes=minutes, agenda_item_id=item_pk)
            entry.note = values.get("note", "")
            entry.outcome = values.get("outcome", "")
            entry.save()
    return minutes


def attendance_content(meeting: Meeting) -> list[dict]:
    """Per administration: its people in the network, their answers and the tick list.

    Roles and answers are stored as their codes, never as labels: a published version is read
    in the reader's language (meetings/templatetags/minutes_labels.py), whatever the
    publisher's was."""
    return [
        {
            "administration": group.administration.name,
            "people": [
                {
                    "name": seat.appointment.person.full_name or seat.appointment.person.email,
                    "role": seat.appointment.role,
                    "answer": seat.attendance.answer if seat.attendance else "",
                    "attended": seat.attendance.attended if seat.attendance else None,
                }
                for seat in group.seats
            ],
        }
        for group in answers_by_administration(meeting)
    ]


def actions_content(meeting: Meeting) -> list[dict]:
    actions = (
        ActionItem.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("administrations")
        .order_by("due_on", "pk")
    )
    return [
        {
            "id": action.pk,
            "title": action.title,
            "agenda_item": action.agenda_item.title if action.agenda_item else "",
            "administrations": sorted(a.name for a in action.administrations.all()),
            "due_on": action.due_on.isoformat(),
            "status": action.status,
        }
        for action in actions
    ]


def content(meeting: Meeting, minutes: Minutes) -> dict:
    """What a published version holds, word for word."""
    entries = entries_by_item(minutes)
    return {
        "attendance": attendance_content(meeting),
        "summary": minutes.summary,
        "entries": [
            {
                "agenda_item": item.pk,
                "position": index,
                "title": item.title,
                "note": entries[item.pk].note if item.pk in entries else "",
                "outcome": entries[item.pk].outcome if item.pk in entries else "",
            }
            for index, item in enumerate(agenda_items(meeting), start=1)
        ],
        "actions": actions_content(meeting),
    }


def latest_version(meeting: Meeting) -> MinutesVersion | None:
    return (
        MinutesVersion.objects.filter(minutes__meeting=meeting)
        .select_related("published_by")
        .order_by("-number")
        .first()
    )


def publish(
    meeting: Meeting, by, correction_note: str, based_on: int, *, draft_version: int
) -> MinutesVersion:
    """Freeze the saved draft as the next version and tell the network's members.

    `based_on` is the version number the coordinator's form showed (0 before the first), so a
    second coordinator publishing at the same moment is refused instead of duplicating.
    `draft_version` is the saved draft the page showed: a draft another coordinator saved
    since is not published unseen.
    """
    reason = not_held_reason(meeting)
    if reason:
        raise MinutesError(reason)
    correction_note = correction_note.strip()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        minutes = draft_for(meeting)
        if minutes is None:
            raise MinutesError(_("Spara minnesanteckningarna innan du publicerar dem."))
        if minutes.version != draft_version:
            raise MinutesError(
                _(
                    "Utkastet har ändrats av någon annan sedan du läste in sidan. Läs igenom "
                    "det och publicera igen."
                )
            )
        latest = minutes.versions.order_by("-number").first()
        latest_number = latest.number if latest else 0
        if based_on != latest_number:
            raise MinutesError(
                _("Någon annan har publicerat version %(number)s under tiden. Sidan är uppdaterad.")
                % {"number": latest_number}
            )
        frozen = content(meeting, minutes)
        if latest is not None:
            if not correction_note:
                raise MinutesError(
                    _("Skriv vad som har rättats. En rättelse blir en ny version med en notering.")
                )
            if latest.content == frozen:
                raise MinutesError(
                    _("Inget har ändrats sedan version %(number)s.") % {"number": latest_number}
                )
        version = MinutesVersion.objects.create(
            minutes=minutes,
            number=latest_number + 1,
            content=frozen,
            correction_note=correction_note if latest is not None else "",
            published_by=by,
        )
        try:
            question_minutes.carry_outcomes(meeting, by, version, latest)
        except questions.QuestionError as error:
            raise MinutesError(str(error)) from None
        _send_published(meeting, version)
    return version


def _send_published(meeting: Meeting, version: MinutesVersion) -> None:
    """One e-mail per member of the network, with the link, through the outbox."""
    recipients = [person.email for person in network_recipients(meeting.network)]
    if not recipients:
        return
    path = reverse("minutes_detail", kwargs={"pk": meeting.pk})
    with translation.override("sv"):
        context = {
            "meeting": meeting,
            "version": version,
            "url": absolute_url(path),
        }
        subject = render_subject("meetings/minutes/email/published_subject.txt", context)
        body = render_text("meetings/minutes/email/published.txt", context)
    messages = [message(subject, body, to=[address]) for address in recipients]
    outbox.record(messages, kind="minutes.published", obj=version, version=version.number)


def latest_minutes_annotations() -> dict:
    """The number and publication time of a meeting's latest minutes version, as annotations of
    the meeting's own query (`meeting_minutes_context` then asks nothing).

    Written as SQL: the same two subqueries built through the ORM cost the meeting page about a
    millisecond to build and compile, more than the database takes to answer them."""
    quote = connection.ops.quote_name
    latest = (
        "SELECT v.{column} FROM {version} v JOIN {minutes} mi ON mi.id = v.minutes_id "
        "WHERE mi.meeting_id = {meeting}.id ORDER BY v.number DESC LIMIT 1"
    )
    tables = {
        "version": quote(MinutesVersion._meta.db_table),
        "minutes": quote(Minutes._meta.db_table),
        "meeting": quote(Meeting._meta.db_table),  # the meeting query's own table
    }
    return {
        # Table names from the models, no values: nothing from outside reaches the SQL.
        "latest_minutes_number": RawSQL(  # noqa: S611
            latest.format(column="number", **tables), (), output_field=PositiveIntegerField()
        ),
        "latest_minutes_published_at": RawSQL(  # noqa: S611
            latest.format(column="published_at", **tables), (), output_field=DateTimeField()
        ),
    }


def meeting_minutes_context(meeting: Meeting) -> dict:
    """The meeting page's minutes link (held meetings) and "Uppföljning" (the next meeting)."""
    if meeting.is_past:
        if hasattr(meeting, "latest_minutes_number"):  # read with the meeting
            number = meeting.latest_minutes_number
            published_at = meeting.latest_minutes_published_at  # type: ignore[attr-defined]
            version = (
                None if number is None else MinutesVersion(number=number, published_at=published_at)
            )
        else:
            version = (
                MinutesVersion.objects.filter(minutes__meeting=meeting).order_by("-number").first()
            )
        return {"minutes_version": version, "follow_up": []}
    return {"minutes_version": None, "follow_up": follow_up.open_actions(meeting)}
