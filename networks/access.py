"""Fetch a network for a request, or answer 404/403: every view of a network starts here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from config.prepared import Prepared, columns, from_row
from networks.models import Network
from networks.rules import is_coordinator

# Every page of a network starts here, so compiled once (config/prepared.py).
_BY_CODE = Prepared(
    lambda code: Network.objects.filter(code=code).values_list(*columns(Network)), code=str
)


def network_by_code(code: str) -> Network:
    """The network by its code in the URL (`neh`, `NEH`), or 404."""
    found = _BY_CODE.rows(code=code.upper())
    if not found:
        raise Http404
    return from_row(Network, found[0])


def coordinated_network(request: HttpRequest, code: str) -> Network:
    """The network by its code (404), if the user coordinates it (403 otherwise)."""
    network = network_by_code(code)
    if not is_coordinator(request.user, network):
        raise PermissionDenied
    return network
