"""Paging for the lists that grow with the years: a page of rows, the page number read from the
query string and held to the pages there are.

A bad or out-of-range `?page=` answers with the nearest page (1 for nonsense, the last for too
high), never an error: the number comes from a link people may have kept or edited. Each page
costs two queries (the count and the rows), whatever the number of rows; `counted_page` one.
"""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.html import escape

PER_PAGE = 20


# No list has this many pages; a number past it is read as it (and so as the last page), so
# the offset it makes stays one a database can take (SQLite refused a 30-digit one: a 500).
MAX_PAGE = 1_000_000


def page_number(request: HttpRequest, param: str = "page") -> int:
    """The page asked for, 1 when it is missing or not a number."""
    try:
        return min(max(1, int(request.GET.get(param, "1"))), MAX_PAGE)
    except ValueError:
        return 1


def page_of(
    request: HttpRequest,
    rows,
    per_page: int = PER_PAGE,
    param: str = "page",
    count: int | None = None,
) -> Page:
    """The page of `rows` (a queryset or a list) the request asks for, or the nearest one.

    `count`: the number of rows when the caller already has it (from an aggregate it needs
    anyway), which saves the count query."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.page(min(page_number(request, param), paginator.num_pages))


def fetched_page(
    request: HttpRequest,
    count: int,
    fetch: Callable[[int, int], list],
    per_page: int = PER_PAGE,
    param: str = "page",
) -> Page:
    """As `page_of`, for rows a caller reads itself, `fetch(offset, limit)` (a query compiled
    once, config/prepared.py `by_shape`), of which there are `count`: the page asked for, or
    the nearest one."""
    paginator: Paginator = Paginator([], per_page)
    paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    number = min(page_number(request, param), paginator.num_pages)
    return Page(fetch((number - 1) * per_page, per_page), number, paginator)


def counted_page(
    request: HttpRequest,
    rows: QuerySet,
    per_page: int = PER_PAGE,
    param: str = "page",
    fetch: Callable[[int, int], list] | None = None,
) -> Page:
    """As `page_of`, for a queryset, in one query instead of two: the total comes with the
    page's rows (a window count, computed before the limit). Only a page past the end costs
    the count apart (it answers with the last page).

    `fetch(offset, limit)`, if given, reads the page's rows in place of the queryset: the
    same rows with the same `paging_total`, by a query compiled once (config/prepared.py
    `by_shape`), where building and compiling the queryset cost Django more than the
    database's answer."""
    number = page_number(request, param)
    start = (number - 1) * per_page
    if fetch is not None:
        found = fetch(start, per_page)
    else:
        found = list(rows.annotate(paging_total=Window(Count("pk")))[start : start + per_page])
    if not found and number > 1:
        return page_of(request, rows, per_page, param)
    paginator = Paginator(rows, per_page)
    paginator.__dict__["count"] = found[0].paging_total if found else 0
    return Page(found, number, paginator)


def announced(shown: str, page: Page) -> str:
    """The `data-announce` attribute of the first row "Visa fler" adds: `shown` is the
    translated "Visar 1–%(last)s av %(total)s …", its numbers localized and escaped and its
    text not, as `{% blocktranslate %}` writes it (templates/paging/_more.html)."""
    last, total = escape(localize(page.end_index())), escape(localize(page.paginator.count))
    return f' data-announce="{shown % {"last": last, "total": total}}"'


class IdsFirst:
    """An ordered queryset to page whose rows are read with joins (`select_related`): the
    page's ids are picked from its own table first (a subquery with the page's limit), and
    only those rows are read with `read(queryset)`'s joins. Sorting and limiting the joined
    rows made the database join every row of the list before it could drop all but a page
    (SQLite: a temporary sort of thousands of joined rows for a page of twenty).

    For `page_of` (a Paginator counts it with `count()` and slices it): the count is the
    queryset's own, and a slice is one query of the page's rows, in the queryset's order."""

    ordered = True

    def __init__(self, rows: QuerySet, read: Callable[[QuerySet], QuerySet]) -> None:
        self.rows = rows
        self.read = read

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("IdsFirst: a page is a slice")
        # The order given explicitly: a subquery drops a model's default ordering.
        ordering = self.rows.query.order_by or self.rows.model._meta.ordering
        ids = self.rows.order_by(*ordering).values("pk")[index]
        page = self.rows.model._default_manager.filter(pk__in=ids)
        return list(self.read(page).order_by(*ordering))
