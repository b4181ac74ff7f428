"""The coordinators' prompt: people whose last appointment has ended, to deactivate."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts import lifecycle
from config import paging
from config.http import AuthenticatedHttpRequest, HtmxHttpRequest
from config.prepared import by_shape
from representatives.lifecycle import can_prompt_deactivation, people_to_deactivate
from representatives.lifecycle_rows import people_rows


class DeactivateForm(forms.Form):
    """The person is in the URL; the button sends `confirm=ja`, so a stray POST does
    nothing."""

    confirm = forms.ChoiceField(
        label=gettext_lazy("Bekräftelse"),
        choices=[("ja", "ja")],
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("Bekräfta att kontot ska avaktiveras."),
            "invalid_choice": gettext_lazy("Bekräfta att kontot ska avaktiveras."),
        },
    )


PER_PAGE = 20


def _people(today: datetime.date) -> QuerySet:
    return people_to_deactivate(today).only("pk", "full_name", "email")


def _people_page(today: datetime.date, limit: int, offset: int) -> QuerySet:
    """A page of `_people`, each with the list's total (`paging_total`, as `counted_page`
    counts it)."""
    return _people(today).annotate(paging_total=Window(Count("pk")))[offset : offset + limit]


def _page(request: HtmxHttpRequest) -> Page:
    """The page of people asked for in `?page=` (the first after a deactivation), or the
    nearest: the list grows with everyone who ever held a seat. Read with its total in one
    query (the list's query is the page's costliest), compiled once: building and compiling
    its queryset cost more than the database's answer."""
    today = timezone.localdate()
    rows = _people(today)
    if request.method == "POST":
        return Paginator(rows, PER_PAGE).page(1)
    return paging.counted_page(
        request,
        rows,
        PER_PAGE,
        fetch=lambda offset, limit: by_shape(_people_page, limit, offset, today=today),
    )


def _render(request: HtmxHttpRequest, *, deactivated=None, form=None, status=200) -> HttpResponse:
    template = "representatives/people_to_deactivate.html"
    if request.htmx and request.method == "POST":
        template += "#people"
    elif request.htmx and "page" in request.GET:  # "Visa fler": the next rows only
        template += "#people-rows"
    page = _page(request)
    people = list(page.object_list)
    announce = bool(request.htmx) and request.method == "GET"
    context = {
        "people": people,
        "people_rows": people_rows(people, page, announce, get_token(request)),
        "page": page,
        "deactivated": deactivated,
        "form": form,
    }
    return render(request, template, context, status=status)


@require_safe
@login_required
def people_to_deactivate_page(request: HtmxHttpRequest) -> HttpResponse:
    if not can_prompt_deactivation(request.user):
        raise PermissionDenied
    return _render(request)


@require_POST
@login_required
def person_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not can_prompt_deactivation(request.user):
        raise PermissionDenied
    # Only people in the prompt: anyone else's account is none of the coordinators' business.
    person = people_to_deactivate().filter(pk=pk).first()
    if person is None:
        raise Http404
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    lifecycle.deactivate(person, by=request.user)
    if request.htmx:
        return _render(request, deactivated=person)
    messages.success(request, _("Kontot för %(name)s är avaktiverat.") % {"name": person})
    return redirect("people_to_deactivate")
