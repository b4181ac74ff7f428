"""Where a form may send the person afterwards: `next` values, checked before anything is saved.

A `next` value is accepted only as a path on this site (`/natverk/neh/`), never a bare word
(`foo`, which `redirect()` would try to reverse as a URL name), another host or scheme, or a
protocol-relative `//host`. Views read it before they write, so a bad value is a 400 and nothing
is half-done.
"""

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_site_path(url: str, request: HttpRequest) -> bool:
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    if any(ord(character) < 32 or ord(character) == 127 for character in url):
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def next_path(request: HttpRequest) -> str | None:
    """The request's `next` (POST, else GET) if it is a same-site path; None if there is none.

    Raises BadRequest (400) for any other value, before the view has written anything.
    """
    value = request.POST.get("next") or request.GET.get("next") or ""
    if not value:
        return None
    if not is_same_site_path(value, request):
        raise BadRequest("next is not a path on this site")
    return value
