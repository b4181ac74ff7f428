"""How long a sign-in that hit a rate limit has to wait, read from allauth's counters.

allauth only says "too many attempts, try again later"; people locked out want to know when.
The counters are allauth's (a list of timestamps per limit in the cache); the limits are
ACCOUNT_RATE_LIMITS["login_failed"] in config/settings.py.
"""

import math
import time

from allauth.core.internal.ratelimit import get_cache_key, get_rates
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

APP = "allauth.account"
ACTION = "login_failed"


def full_limit(request: HttpRequest, key: str) -> tuple[str, int] | None:
    """The limit that is full ("key": the account, "ip": the address) and the seconds until
    one more attempt is allowed; None when none is full."""
    now = time.time()
    for rate in get_rates(app=APP, action=ACTION):
        cache_key = get_cache_key(request, app=APP, action=ACTION, rate=rate, key=key)
        # Newest first; the oldest of the last `amount` attempts frees a place when it expires.
        history = [moment for moment in cache.get(cache_key, []) if moment > now - rate.duration]
        if len(history) >= rate.amount:
            wait = history[rate.amount - 1] + rate.duration - now
            return rate.per, max(1, math.ceil(wait))
    return None


def locked_message(limit: str, seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if limit == "key":
        return ngettext(
            "För många misslyckade inloggningar för det här kontot. Försök igen om %(minutes)d "
            "minut.",
            "För många misslyckade inloggningar för det här kontot. Försök igen om %(minutes)d "
            "minuter.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "För många misslyckade inloggningar från din anslutning. Försök igen om %(minutes)d minut.",
        "För många misslyckade inloggningar från din anslutning. Försök igen om %(minutes)d "
        "minuter.",
        minutes,
    ) % {"minutes": minutes}
