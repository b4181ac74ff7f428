"""Who may act for an administration, and who holds a seat in a network.

Views ask these predicates, never the roles directly.
"""

import datetime

import rules
from django.utils import timezone

from config.prepared import Joined, Prepared, columns, from_row
from networks.rules import coordinated_network_ids
from representatives.models import Administration, Appointment

# Asked on nearly every page, so compiled once (config/prepared.py).
_DIRECTED = Prepared(
    lambda user_id: (
        Administration.objects.filter(director_id=user_id)
        .order_by("name")
        .values_list(*columns(Administration))
    ),
    user_id=int,
)
_SEAT = Joined(Appointment, "administration", "network")
_SEATS = Prepared(
    lambda person_id, today: (
        Appointment.objects.current(today)
        .filter(person_id=person_id)
        .order_by("role", "pk")
        .values_list(*_SEAT.columns)
    ),
    person_id=int,
    today=datetime.date,
)


def directed_administrations(user) -> list[Administration]:
    """The administrations the user directs, by name, read once per request (cached on the
    user)."""
    if not user.is_authenticated:
        return []
    cached = user.__dict__.get("_directed_administrations")
    if cached is None:
        cached = [from_row(Administration, row) for row in _DIRECTED.rows(user_id=user.pk)]
        user.__dict__["_directed_administrations"] = cached
    return cached


def directed_administration_ids(user) -> frozenset[int]:
    """The ids of the administrations the user directs (kept beside the list)."""
    if not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_directed_administration_ids")
    if cached is None:
        cached = frozenset(administration.pk for administration in directed_administrations(user))
        user.__dict__["_directed_administration_ids"] = cached
    return cached


def current_seats(user) -> list[Appointment]:
    """The user's current appointments in every network, with their administrations and
    networks, read once per request (cached on the user): a person holds a few, and a page asks
    about them several ways (in which networks, as which administration, the seat in one
    network)."""
    if not user.is_authenticated:
        return []
    cached = user.__dict__.get("_current_seats")
    if cached is None:
        today = timezone.localdate()
        cached = [_SEAT.instance(row) for row in _SEATS.rows(person_id=user.pk, today=today)]
        user.__dict__["_current_seats"] = cached
    return cached


def seated_network_ids(user) -> frozenset[int]:
    """The ids of the networks where the user has a current appointment."""
    return frozenset(seat.network_id for seat in current_seats(user))


def current_appointment(user, network) -> Appointment | None:
    """The user's current appointment (representative or substitute) in the network, if any
    (the representative's before the substitute's)."""
    if network is None:
        return None
    return next((seat for seat in current_seats(user) if seat.network_id == network.pk), None)


def seated_administration_ids(user, network) -> frozenset[int]:
    """The administrations the user answers for in the network: those where the user is the
    current representative or substitute."""
    if network is None:
        return frozenset()
    return frozenset(
        seat.administration_id for seat in current_seats(user) if seat.network_id == network.pk
    )


@rules.predicate
def is_director(user, administration) -> bool:
    return administration is not None and administration.pk in directed_administration_ids(user)


@rules.predicate
def is_network_member(user, network) -> bool:
    """A current representative or substitute of some administration in the network."""
    return network is not None and network.pk in seated_network_ids(user)


rules.add_perm("representatives.direct_administration", is_director)
rules.add_perm("representatives.represent_in_network", is_network_member)


@rules.predicate
def may_manage_administrations(user) -> bool:
    """The list of administrations is shared by both networks: any network's coordinator keeps
    it (a reorganisation concerns them all), and so do administrators."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(coordinated_network_ids(user))


rules.add_perm("representatives.manage_administrations", may_manage_administrations)
