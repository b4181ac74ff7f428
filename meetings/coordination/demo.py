"""The coordinators' demo: the networks' mailboxes, a theme drafted inside the lead time (to
publish from the demo), and an archived work area."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone

from meetings.holidays import is_meeting_day
from meetings.models import (
    Meeting,
)
from meetings.terms import Term
from networks.models import Network

STOCKHOLM = ZoneInfo("Europe/Stockholm")

if TYPE_CHECKING:
    from meetings.demo import World


# How far apart a network's meetings are, at the least.
MIN_DAYS_BETWEEN_MEETINGS = 14


def _free_thursday(network: Network, today: datetime.date) -> datetime.date | None:
    """The first Thursday from about two weeks ahead that is a meeting day and at least two
    weeks from every other meeting of the network (none within half a year: None)."""
    taken = [
        timezone.localdate(starts_at)
        for starts_at in network.meetings.not_cancelled().values_list("starts_at", flat=True)
    ]
    day = today + datetime.timedelta(days=16)
    day += datetime.timedelta(days=(3 - day.weekday()) % 7)
    for _week in range(26):
        if is_meeting_day(day) and all(
            abs((day - other).days) >= MIN_DAYS_BETWEEN_MEETINGS for other in taken
        ):
            return day
        day += datetime.timedelta(days=7)
    return None


def _build_coordination_examples(networks: dict[str, Network], today: datetime.date) -> None:
    """What the coordinators' pages show: a theme drafted but not yet published inside the lead
    time (to publish from the demo), an archived work area, and the networks' own mailboxes."""
    for code, network in networks.items():
        network.organizer_email = f"{code.lower()}@example.org"
        network.save(update_fields=["organizer_email"])
    neh = networks["NEH"]
    # NEH's next term is only begun (its first meeting is published), so the coordinator has
    # the rest of it to plan in the demo. Planned meetings have no agenda yet.
    next_term = Term.of(today).next()
    Meeting.objects.filter(network=neh, status=Meeting.Status.PLANNED).in_term(next_term).delete()
    day = _free_thursday(neh, today)
    if day is None:
        return
    starts_at = datetime.datetime.combine(day, datetime.time(13), STOCKHOLM)
    meeting = Meeting.objects.create(
        network=neh,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=neh.default_meeting_minutes),
        place="Stadshuset, sal Mälaren",
        format=Meeting.Format.ON_SITE,
        theme_title="Upphandling med miljökrav",
        theme_description=(
            "Hur ställer förvaltningarna miljökrav i sina upphandlingar, och vad kan vi göra "
            "gemensamt? Ta med exempel från era egna upphandlingar."
        ),
    )
    meeting.work_areas.set(neh.work_areas.filter(name="Giftfri miljö"))
    neh.work_areas.create(
        name="Grön IT (tidigare arbetsområde)",
        position=99,
        archived_at=timezone.now() - datetime.timedelta(days=200),
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    _build_coordination_examples(world.networks, world.today)
