"""Demo data for "Sedan ditt senaste besök": Miljöförvaltningen's NEH representative last
looked at NEH's overview three days ago, so on signing in she sees what the demo has
published since (the minutes, the new documents and consultation, the newest agenda
version). Called once, from `meetings.demo.build_demo`, after every feature's records."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from meetings.models import NetworkVisit

if TYPE_CHECKING:
    from meetings.demo import World

LAST_VISIT = datetime.timedelta(days=3)
VISIT_BEFORE = datetime.timedelta(days=10)


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    person = world.accounts.get("representant.miljo@example.org")
    neh = world.networks.get("NEH")
    if person is None or neh is None:
        return
    now = timezone.now()
    NetworkVisit.objects.get_or_create(
        user=person,
        network=neh,
        defaults={"seen_at": now - LAST_VISIT, "previous_seen_at": now - VISIT_BEFORE},
    )
