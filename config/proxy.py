"""The client's address, for rate limits and the audit log.

Behind a load balancer every request comes from the balancer's address, so all sign-ins would
share one rate limit. The real address is taken from a header only when a trusted proxy is
configured (off by default, since anyone can send the headers):

- `TRUSTED_PROXY_COUNT=N`: N proxies of ours each append to `X-Forwarded-For`; the client is
  the N-th address from the right (what the outermost proxy saw). Addresses further left are
  the client's own claims and are ignored.
- `TRUSTED_CLIENT_IP_HEADER=X-Real-IP` (or `CF-Connecting-IP`, …): a header that the proxy
  sets, overwriting whatever the client sent.

A missing, short or malformed header falls back to the connection's address (`REMOTE_ADDR`).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 10.0.0.5:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    header = settings.TRUSTED_CLIENT_IP_HEADER
    count = settings.TRUSTED_PROXY_COUNT
    if header:
        found = _address(request.headers.get(header))
        if found:
            return found
    elif count > 0:
        hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop]
        if len(hops) >= count:
            found = _address(hops[-count])
            if found:
                return found
    return _address(request.META.get("REMOTE_ADDR"))
