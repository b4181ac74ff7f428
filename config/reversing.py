"""`reverse()` for the rows of a list: one URL pattern, many primary keys.

Reversing a URL costs Django tens of microseconds (it resolves the pattern and quotes every
argument); a list of a hundred to-dos reversed as many. `pk_url` reverses each pattern once
(per script prefix, which a deployment under a sub-path changes) with a marker for the key and
puts each row's key in its place: the same URL, as tests/project/test_reversing.py checks.
"""

import functools
from collections.abc import Callable

from django.urls import get_script_prefix, reverse

# A key no row has, found once in the reversed URL and replaced there.
_MARKER = 987_654_321_987_654_321


@functools.lru_cache(maxsize=512)
def _around_the_key(
    name: str, fixed: tuple, by_keyword: bool, script_prefix: str
) -> tuple[str, str]:
    if by_keyword:
        url = reverse(name, kwargs={"pk": _MARKER})
    else:
        url = reverse(name, args=[*fixed, _MARKER])
    before, after = url.rsplit(str(_MARKER), 1)
    return before, after


def pk_url(name: str, pk: int) -> str:
    """`reverse(name, kwargs={"pk": pk})`, for a URL whose one argument is an integer key."""
    before, after = _around_the_key(name, (), True, get_script_prefix())
    return f"{before}{int(pk)}{after}"


def key_url(name: str, *fixed: str | int, key: int) -> str:
    """`reverse(name, args=[*fixed, key])`, for a URL whose last argument is an integer key
    and whose others are the same for every row (a network's code, a history's kind)."""
    before, after = _around_the_key(name, fixed, False, get_script_prefix())
    return f"{before}{int(key)}{after}"


def pk_urls(name: str) -> Callable[[int], str]:
    """`pk_url` for one pattern and a list's many keys: the pattern's parts (and the script
    prefix) read once for the list, not for each row."""
    before, after = _around_the_key(name, (), True, get_script_prefix())
    return lambda pk: f"{before}{int(pk)}{after}"
