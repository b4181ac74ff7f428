"""Pages that belong to the service as a whole rather than to one app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    # Public on purpose: the law (DOS-lagen) wants the statement reachable without signing in.
    return render(request, "accessibility_statement.html")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django's own handler renders 400.html without the request (no user, no CSP nonce).
    return render(request, "400.html", status=400)
