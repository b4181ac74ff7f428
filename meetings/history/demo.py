"""Demo data for the change history: the coordinator's edit of an upcoming NEH meeting, so
its history page (Samordning › Ändringshistorik) shows who changed what, not only that the
demo created it. Called once, from `meetings.demo.build_demo`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from meetings.models import Meeting
from networks.models import Network

if TYPE_CHECKING:
    from meetings.demo import World


def build_history_example(neh: Network, coordinator) -> None:
    meeting = (
        Meeting.objects.filter(
            network=neh, status=Meeting.Status.PUBLISHED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return
    meeting._history_user = coordinator  # type: ignore[attr-defined]  # as if through the edit form, signed in
    meeting.place = "Stadshuset, sal Mälaren"
    meeting.theme_description = (
        meeting.theme_description + "\n\nVi byter till en större sal: många har anmält sig."
    ).strip()
    meeting.save_changes(["place", "theme_description"])


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_history_example(world.networks["NEH"], world.coordinator)
