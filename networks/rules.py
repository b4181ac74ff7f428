"""Who may do what with a network. Views ask these predicates, never the roles directly."""

import rules

from config.prepared import Prepared
from networks.models import Network

# Asked on nearly every page, so compiled once (config/prepared.py).
_COORDINATED = Prepared(
    lambda user_id: Network.coordinators.through.objects.filter(user_id=user_id).values_list(
        "network_id"
    ),
    user_id=int,
)


def coordinated_network_ids(user) -> frozenset[int]:
    """The ids of the networks the user coordinates, asked once per request (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_network_ids", None)
    if cached is None:
        cached = frozenset(pk for (pk,) in _COORDINATED.rows(user_id=user.pk))
        user._coordinated_network_ids = cached
    return cached


@rules.predicate
def is_coordinator(user, network) -> bool:
    return network is not None and network.pk in coordinated_network_ids(user)


rules.add_perm("networks.coordinate_network", is_coordinator)
