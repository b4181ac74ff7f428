"""A request id on every response and every log line of the request.

The id comes from the `X-Request-ID` header when a proxy or load balancer sent a sane one
(letters, digits and `-_.:`, at most 128 characters), so a request can be followed across
systems; otherwise a new one is made. It is returned in the `X-Request-ID` response header, and
`RequestIDFilter` puts it on every log record as `request_id` ("-" outside a request).

The id stays set until the response is closed (`request_finished`), not just until the
middleware returns: Django logs "Not Found" and server errors (`django.request`) after the
middleware chain, and those lines need the id most.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _current.get()


def request_id_from(value: str | None) -> str:
    """The incoming id if it is sane, else a fresh one."""
    if value and _SANE.match(value):
        return value
    return uuid.uuid4().hex


class RequestIDMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget_request_id(**kwargs) -> None:
    _current.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="config.request_id.forget")


class RequestIDFilter(logging.Filter):
    """Adds `request_id` to each record, for the log format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
