"""Paging for the lists that grow with the years: a page of rows, the page number read from the
query string and held to the pages there are.

A bad or out-of-range `?page=` answers with the nearest page (1 for nonsense, the last for too
high), never an error: the number comes from a link people may have kept or edited. Each page
costs two queries (the count and the rows), whatever the number of rows.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 20


def page_number(request: HttpRequest, param: str = "page") -> int:
    """The page asked for, 1 when it is missing or not a number."""
    try:
        return max(1, int(request.GET.get(param, "1")))
    except ValueError:
        return 1


def page_of(request: HttpRequest, rows, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The page of `rows` (a queryset or a list) the request asks for, or the nearest one."""
    paginator = Paginator(rows, per_page)
    return paginator.page(min(page_number(request, param), paginator.num_pages))
