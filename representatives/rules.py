"""Who may act for an administration, and who holds a seat in a network.

Views ask these predicates, never the roles directly.
"""

import rules

from networks.rules import coordinated_network_ids
from representatives.models import Appointment


def directed_administration_ids(user) -> frozenset[int]:
    """The ids of the administrations the user directs, asked once per request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_directed_administration_ids", None)
    if cached is None:
        cached = frozenset(user.directed_administrations.values_list("pk", flat=True))
        user._directed_administration_ids = cached
    return cached


def seated_network_ids(user) -> frozenset[int]:
    """The ids of the networks where the user has a current appointment, asked once per request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_seated_network_ids", None)
    if cached is None:
        cached = frozenset(
            Appointment.objects.current().for_person(user).values_list("network_id", flat=True)
        )
        user._seated_network_ids = cached
    return cached


def current_appointment(user, network) -> Appointment | None:
    """The user's current appointment (representative or substitute) in the network, if any.

    Cached on the user per network, since a page asks several times.
    """
    if not user.is_authenticated or network is None:
        return None
    cache = user.__dict__.setdefault("_current_appointments", {})
    if network.pk not in cache:
        cache[network.pk] = (
            Appointment.objects.current()
            .filter(person=user, network=network)
            .select_related("administration")
            .order_by("role")
            .first()
        )
    return cache[network.pk]


def seated_administration_ids(user, network) -> frozenset[int]:
    """The administrations the user answers for in the network: those where the user is the
    current representative or substitute (cached on the user per network)."""
    if not user.is_authenticated or network is None:
        return frozenset()
    cache = user.__dict__.setdefault("_seated_administration_ids", {})
    if network.pk not in cache:
        cache[network.pk] = frozenset(
            Appointment.objects.current()
            .filter(person=user, network=network)
            .values_list("administration_id", flat=True)
        )
    return cache[network.pk]


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
