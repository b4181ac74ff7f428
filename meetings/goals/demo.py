"""The demo's goal steering: NEH's carbon goal with two indicators, values over
several years and an action plan. Idempotent: running it again changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from meetings.models import ActionItem, AgendaItem, Goal, Indicator, IndicatorValue, Meeting
from networks.models import Network
from representatives.models import Administration

if TYPE_CHECKING:
    from meetings.demo import World


CARBON_GOAL = "Koldioxidmålet"
EMISSIONS = {2020: 45200, 2021: 43900, 2022: 40100, 2023: 37800, 2024: 33500}
FOSSIL_FREE = {2021: 55, 2023: 71, 2024: 78}


@transaction.atomic
def build_goals(today: datetime.date | None = None) -> Goal | None:
    today = today or timezone.localdate()
    neh = Network.objects.filter(code="NEH").first()
    if neh is None:
        return None
    existing = Goal.objects.filter(work_area__network=neh, title=CARBON_GOAL).first()
    if existing is not None:
        return existing
    areas = list(neh.work_areas.active())
    area = next((a for a in areas if a.name.startswith("Koldioxid")), None) or areas[0]
    goal = Goal.objects.create(
        work_area=area,
        title=CARBON_GOAL,
        description=(
            "Kommunorganisationen ska vara klimatneutral senast 2030: utsläppen av växthusgaser "
            "från egna verksamheter, fordon, fastigheter och tjänsteresor ska ned till noll netto."
        ),
        target_year=2030,
    )
    administrations = {a.short_name: a for a in Administration.objects.all()}
    miljo = administrations.get("MF")
    representative = User.objects.filter(email="representant.miljo@example.org").first()
    coordinator = User.objects.filter(email="samordnare@example.org").first()
    emissions = Indicator.objects.create(
        goal=goal,
        name="Växthusgasutsläpp från kommunorganisationen",
        unit="ton CO2e",
        baseline_year=2019,
        baseline_value=Decimal(48000),
        target_value=Decimal(0),
        direction=Indicator.Direction.LOWER,
        responsible_administration=miljo,
    )
    fossil_free = Indicator.objects.create(
        goal=goal,
        name="Andel fossilfria fordon i kommunens fordonsflotta",
        unit="procent",
        baseline_year=2019,
        baseline_value=Decimal(42),
        target_value=Decimal(100),
        direction=Indicator.Direction.HIGHER,
        responsible_administration=administrations.get("TF"),
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=emissions,
                year=year,
                value=Decimal(value),
                source="Kommunens klimatbokslut",
                entered_by=representative,
            )
            for year, value in EMISSIONS.items()
            if year < today.year
        ]
        + [
            IndicatorValue(
                indicator=fossil_free,
                year=year,
                value=Decimal(value),
                source="Fordonsregistret",
                entered_by=coordinator,
            )
            for year, value in FOSSIL_FREE.items()
            if year < today.year
        ]
    )
    _action_plan(goal, neh, administrations, coordinator, today)
    return goal


def _action_plan(goal, neh, administrations, coordinator, today) -> None:
    """Three actions decided at NEH's latest held meeting, and a goal follow-up on its agenda."""
    meeting = (
        Meeting.objects.filter(network=neh, status=Meeting.Status.PUBLISHED)
        .filter(ends_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if meeting is None:
        return
    position = (meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        title="Måluppföljning: Koldioxidmålet",
        description="Läget för utsläppen och handlingsplanen.",
        kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
        status=AgendaItem.Status.ACCEPTED,
        position=position,
        wished_minutes=20,
        goal=goal,
    )
    plan = [
        ("Ta fram en resepolicy med fossilfria tjänsteresor", ["MF", "KLF"], 90, False),
        ("Byta ut de sista oljepannorna i kommunens fastigheter", ["TF"], -30, True),
        ("Installera solceller på fem förskolor", ["SBF", "BUF"], 200, False),
    ]
    for title, shorts, days, done in plan:
        action = ActionItem.objects.create(
            meeting=meeting,
            agenda_item=item,
            title=title,
            # After the meeting that decided it, whatever today is.
            due_on=max(
                today + datetime.timedelta(days=days),
                timezone.localdate(meeting.starts_at) + datetime.timedelta(days=14),
            ),
            status=ActionItem.Status.DONE if done else ActionItem.Status.OPEN,
            done_at=timezone.now() if done else None,
            done_by=coordinator if done else None,
            created_by=coordinator,
            goal=goal,
        )
        action.administrations.set([administrations[s] for s in shorts if s in administrations])


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_goals(world.today)
