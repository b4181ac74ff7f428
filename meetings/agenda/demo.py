"""The agenda demo: version 1 of every published agenda, and a later change to the next NEH
meeting's agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.models import User
from meetings.agenda.versions import draft_items, snapshot
from meetings.models import AgendaItem, AgendaVersion, Meeting

if TYPE_CHECKING:
    from meetings.demo import World


def _build_agenda_versions(coordinator: User) -> None:
    """Version 1 for every published agenda; the next NEH meeting also has a later change."""
    meetings = Meeting.objects.filter(agenda_published_at__isnull=False).select_related("network")
    for meeting in meetings:
        AgendaVersion.objects.create(  # type: ignore[misc]
            meeting=meeting,
            number=1,
            published_at=meeting.agenda_published_at,
            published_by=coordinator,
            snapshot=snapshot(draft_items(meeting)),
        )
    changed = meetings.filter(network__code="NEH").upcoming().first()
    if changed is None:
        return
    # The change: the discussion gets less time, the consultation moves up, a report is added.
    items = {item.position: item for item in draft_items(changed)}
    items[3].allotted_minutes = 25
    items[3].position = None
    items[3].save(update_fields=["allotted_minutes", "position"])
    items[4].position = 3
    items[4].save(update_fields=["position"])
    items[3].position = 4
    items[3].save(update_fields=["position"])
    AgendaItem.objects.create(
        meeting=changed,
        title="Rapport från länets klimatnätverk",
        kind=AgendaItem.Kind.INFORMATION,
        wished_minutes=10,
        allotted_minutes=10,
        status=AgendaItem.Status.ACCEPTED,
        position=5,
        presenter="Hållbarhetsenheten",
    )
    AgendaVersion.objects.create(  # type: ignore[misc]
        meeting=changed,
        number=2,
        # Between version 1 and now.
        published_at=changed.agenda_published_at  # type: ignore[operator]
        + (timezone.now() - changed.agenda_published_at) / 2,  # type: ignore[operator]
        published_by=coordinator,
        change_note="Remissen tas före diskussionen, och en rapport från länet är tillagd.",
        snapshot=snapshot(draft_items(changed)),
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    _build_agenda_versions(world.coordinator)
