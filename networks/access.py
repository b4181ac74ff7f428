"""Fetch a network for a request, or answer 404/403: every view of a network starts here."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from networks.models import Network
from networks.rules import is_coordinator


def network_by_code(code: str) -> Network:
    """The network by its code in the URL (`neh`, `NEH`), or 404."""
    return get_object_or_404(Network, code=code.upper())


def coordinated_network(request: HttpRequest, code: str) -> Network:
    """The network by its code (404), if the user coordinates it (403 otherwise)."""
    network = network_by_code(code)
    if not is_coordinator(request.user, network):
        raise PermissionDenied
    return network
