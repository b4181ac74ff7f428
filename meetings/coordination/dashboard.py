"""The coordinators' dashboard's lookups, each compiled once (config/prepared.py).

The dashboard is small (a term's meetings, the planned ones, the administrations lacking a
seat, the work areas), but it asked six querysets of meetings, seats and work areas: Django
took several times as long to build and compile them as the database to answer. Each is a
lookup of a fixed shape with the network, the moment and the day as values;
`tests/coordination/test_dashboard.py` holds them to the querysets they stand for.
"""

import datetime
import functools
import operator

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from config.dates import local_midnight
from config.prepared import Prepared
from meetings.models import Meeting
from meetings.terms import Term
from networks.models import WorkArea
from representatives.models import Administration, Appointment


def _starting_in(network_id: int, start: datetime.datetime, end: datetime.datetime):
    """The network's meetings that start in [start, end): a term's (`in_term`, with the
    term's local midnights as values)."""
    return Meeting.objects.filter(network_id=network_id, starts_at__gte=start, starts_at__lt=end)


_TERM = {"network_id": int, "start": datetime.datetime, "end": datetime.datetime}
TERM_MEETINGS = Prepared(lambda **term: _starting_in(**term).order_by("starts_at"), **_TERM)
# How many meetings a term has that are not cancelled (no row when none).
TERM_COUNT = Prepared(
    lambda **term: (
        _starting_in(**term)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by()
        .values("network_id")
        .annotate(count=Count("pk"))
        .values_list("count")
    ),
    **_TERM,
)
UNPUBLISHED = Prepared(
    lambda network_id, now: Meeting.objects.filter(
        network_id=network_id, status=Meeting.Status.PLANNED, starts_at__gte=now
    ).order_by("starts_at"),
    network_id=int,
    now=datetime.datetime,
)

# Per role, the name of the flag that says whether an administration holds it.
ROLE_FLAGS = {role: f"has_{role.value}" for role in Appointment.Role}


def _lacking(network_id: int, today: datetime.date):
    """The active administrations lacking a current seat of some role in the network, each
    with a flag per role (the database looks the seats up: no seat is read)."""
    seated = Appointment.objects.current(today).filter(
        network_id=network_id, administration=OuterRef("pk")
    )
    return (
        Administration.objects.active()
        .annotate(
            **{flag: Exists(seated.filter(role=role.value)) for role, flag in ROLE_FLAGS.items()}
        )
        .filter(
            functools.reduce(operator.or_, (Q(**{flag: False}) for flag in ROLE_FLAGS.values()))
        )
        .only("pk", "name")
    )


LACKING = Prepared(_lacking, network_id=int, today=datetime.date)
# The network's active work areas, each with when it was last the theme of a published
# meeting that has started (`last_theme`, None if never).
COVERAGE = Prepared(
    lambda network_id, now: (
        WorkArea.objects.active()
        .filter(network_id=network_id)
        .annotate(
            last_theme=Max(
                "meetings__starts_at",
                filter=Q(meetings__status=Meeting.Status.PUBLISHED, meetings__starts_at__lte=now),
            )
        )
    ),
    network_id=int,
    now=datetime.datetime,
)


def term_values(network_id: int, term: Term) -> dict:
    return {
        "network_id": network_id,
        "start": local_midnight(term.first_day),
        "end": local_midnight(term.last_day + datetime.timedelta(days=1)),
    }


def term_count(network_id: int, term: Term) -> int:
    rows = TERM_COUNT.rows(**term_values(network_id, term))
    return rows[0][0] if rows else 0


def vacancies(network_id: int, today: datetime.date | None = None) -> list[tuple]:
    """(administration, the labels of the roles it lacks), by name."""
    today = today or timezone.localdate()
    return [
        (
            administration,
            [role.label for role, flag in ROLE_FLAGS.items() if not getattr(administration, flag)],
        )
        for administration in LACKING.objects(network_id=network_id, today=today)
    ]
