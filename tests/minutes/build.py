"""A held meeting with published minutes (v1 and a corrected v2) and actions, for the page,
query and accessibility tests."""

import datetime

from django.utils import timezone

from meetings.minutes import actions
from meetings.minutes import workflow as minutes
from meetings.models import ActionItem, Attendance, Minutes
from tests import factories


def draft_form(meeting, data: dict) -> dict:
    """The draft form's data from a page rendered now: with the draft's version."""
    return factories.at_version(Minutes.objects.filter(meeting=meeting).first(), data)


def publish_form(meeting, data: dict) -> dict:
    """The publish form's data from a page rendered now: with the saved draft's version."""
    return factories.at_version(
        Minutes.objects.filter(meeting=meeting).first(), data, field="draft_version"
    )


def held_meeting_with_minutes(network, coordinator, administration, *, items=2, people=()):
    """A meeting held a week ago: `items` agenda items with notes, outcomes and an action
    each for `administration` (the first one done), and minutes published twice."""
    meeting = factories.make_meeting(network, days_ahead=-7, theme_title="Hållet möte")
    agenda_items = [
        factories.make_agenda_item(meeting, position=n + 1, title=f"Punkt {n + 1}")
        for n in range(items)
    ]
    for person in people:
        Attendance.objects.create(meeting=meeting, person=person, answer="coming", attended=True)
    entries = {
        item.pk: {"note": f"**Anteckning** om {item.title}.", "outcome": "Beslut: ja."}
        for item in agenda_items
    }
    draft = minutes.save_draft(
        meeting, coordinator, "Mötet leddes av *samordnaren*.", entries, seen_version=0
    )
    due = timezone.localdate() + datetime.timedelta(days=14)
    created = [
        actions.create(
            meeting,
            coordinator,
            agenda_item=item,
            title=f"Åtgärd för {item.title}",
            administrations=[administration],
            due_on=due,
        )
        for item in agenda_items
    ]
    if created:
        created[0] = actions.mark_done(created[0], coordinator, "Gjort.")
    minutes.publish(meeting, coordinator, "", 0, draft_version=draft.version)
    draft = minutes.save_draft(
        meeting,
        coordinator,
        "Mötet leddes av samordnaren (rättat).",
        entries,
        seen_version=draft.version,
    )
    minutes.publish(
        meeting, coordinator, "Rättade sammanfattningen.", 1, draft_version=draft.version
    )
    meeting.open_action = next(
        (a for a in created if a.status == ActionItem.Status.OPEN), created[0] if created else None
    )
    return meeting
