"""The person's own account pages: "Mitt konto" and the download of their personal data."""

import json

from allauth.mfa.adapter import get_adapter
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from accounts import audit, personal_data
from accounts.mfa import has_staff_role
from config.http import AuthenticatedHttpRequest


@require_safe
@login_required
def my_account(request: HttpRequest) -> HttpResponse:

    context = {
        "mfa_enabled": get_adapter().is_mfa_enabled(request.user),
        "mfa_required": has_staff_role(request.user),
    }
    return render(request, "accounts/my_account.html", context)


@require_safe
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html")


@require_safe
@login_required
def my_data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    document = personal_data.export(request.user)
    body = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mina-uppgifter-{stamp}.json"'
    patch_cache_control(response, no_store=True, private=True)
    audit.log("personal_data_exported", user=request.user, request=request)
    return response
