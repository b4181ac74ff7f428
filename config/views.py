"""Pages that belong to the service as a whole rather than to one app."""

import datetime
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist, loader
from django.views import csrf
from django.views.decorators.http import require_safe

from config.request_id import current_request_id

# The statement's dates (DIGG's model asks for both). Update STATEMENT_REVIEWED, and the known
# gaps in the template, at every review.
SERVICE_PUBLISHED = datetime.date(2026, 9, 1)
STATEMENT_REVIEWED = datetime.date(2026, 12, 5)
# How soon accessibility feedback is answered, in working days.
FEEDBACK_ANSWERED_WITHIN_DAYS = 5


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    # Public on purpose: the law (DOS-lagen) wants the statement reachable without signing in.
    context = {
        "municipality": settings.MUNICIPALITY_NAME,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "published": SERVICE_PUBLISHED,
        "reviewed": STATEMENT_REVIEWED,
        "answer_days": FEEDBACK_ANSWERED_WITHIN_DAYS,
    }
    return render(request, "accessibility_statement.html", context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's own handler renders 400.html without the request (no user, no CSP nonce).
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's page (templates/403_csrf.html); the audit log's `denied` line says why.
    request.refused_because = "csrf"  # type: ignore[attr-defined]
    return csrf.csrf_failure(request, reason=reason)


# Seconds a client (or a proxy) should wait before trying again after a database outage.
RETRY_AFTER = 30


def _error_page(template_name: str, status: int) -> HttpResponse:
    # No request context: the context processors ask the database (the user, the session),
    # which may be what failed. The templates stand alone.
    context = {"request_id": current_request_id()}
    try:
        content = loader.get_template(template_name).render(context)
    except TemplateDoesNotExist:
        content = f"<h1>{status}</h1><p>{context['request_id']}</p>"
    response = HttpResponse(content, status=status)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page with the request id, or during a database outage (PostgreSQL down or
    restarting, a lost connection) a 503 that says to try again, with Retry-After."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = _error_page("503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return _error_page("500.html", 500)
