"""Request types for the type checker: what the middleware adds to every request.

Only annotations: at run time the views get Django's own HttpRequest. `request.htmx` is set by
django-htmx's middleware on every request (see MIDDLEWARE); `request.user` is a signed-in
`accounts.User` in views behind `login_required`.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """For views behind `login_required`."""

    user: "User"
