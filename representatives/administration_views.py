"""The list of administrations, kept in the app by the coordinators (and administrators):
add, rename, merge, deactivate and reactivate (representatives/administrations.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config import paging
from networks import submissions
from networks.versions import StaleRecordError
from representatives import administrations
from representatives.forms import AdministrationForm, MergeForm, NameFilterForm
from representatives.models import Administration
from representatives.rows import active_administration_rows
from representatives.rules import may_manage_administrations

STATUS_CONFLICT = 409


def _refuse_others(request: HttpRequest) -> None:
    if not may_manage_administrations(request.user):
        raise PermissionDenied


def _administration(request: HttpRequest, pk: int) -> Administration:
    _refuse_others(request)
    return get_object_or_404(Administration.objects.select_related("merged_into"), pk=pk)


INACTIVE_PARAM = "inaktiva"


@require_safe
@login_required
def administration_list(request: HttpRequest) -> HttpResponse:
    """The active administrations a page at a time, filtered by name if asked, and the inactive
    and merged ones a page at a time below ("Visa fler": an htmx request gets only the next
    rows of its list)."""
    _refuse_others(request)
    filters = NameFilterForm(request.GET)
    rows = Administration.objects.select_related("merged_into", "director").order_by("name", "pk")
    if name := filters.value():
        rows = rows.filter(name__icontains=name)
    htmx = bool(getattr(request, "htmx", False))
    context: dict = {"filters": filters, "filtered": bool(name)}
    if not htmx or INACTIVE_PARAM not in request.GET:
        active = context["active_page"] = paging.counted_page(
            request, rows.filter(is_active=True).prefetch_related("merged_from")
        )
        context["active_rows"] = active_administration_rows(active.object_list, active, htmx)
        if htmx and "page" in request.GET:
            return render(request, "representatives/administration_list.html#active-rows", context)
    context["inactive_page"] = paging.counted_page(
        request, rows.filter(is_active=False), param=INACTIVE_PARAM
    )
    if htmx and INACTIVE_PARAM in request.GET:
        return render(request, "representatives/administration_list.html#inactive-rows", context)
    return render(request, "representatives/administration_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def administration_add(request: HttpRequest) -> HttpResponse:
    _refuse_others(request)
    if request.method == "POST":
        if (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = AdministrationForm(request.POST)
        if form.is_valid():
            try:
                with submissions.once(request.user, form) as submission:
                    administration = form.save()
                    submission.url = reverse("administration_list")
            except submissions.Repeated as repeated:
                return submissions.repeated(request, repeated)
            messages.success(
                request, _("Förvaltningen ”%(name)s” är tillagd.") % {"name": administration.name}
            )
            return redirect("administration_list")
    else:
        form = AdministrationForm()
    status = 422 if form.errors else 200
    return render(
        request,
        "representatives/administration_form.html",
        {"form": form, "administration": None},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def administration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    administration = _administration(request, pk)
    form = AdministrationForm(
        request.POST if request.method == "POST" else None, instance=administration
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Förvaltningen är sparad."))
            return redirect("administration_list")
    status = 422 if form.errors else 200
    return render(
        request,
        "representatives/administration_form.html",
        {"form": form, "administration": administration},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def administration_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = _administration(request, pk)
    form = MergeForm(request.POST if request.method == "POST" else None, source=source)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            target = form.cleaned_data["target"]
            try:
                moved = administrations.merge(source, target, request.user)
            except administrations.AdministrationError as error:
                form.add_error("target", str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(source)s är sammanslagen med %(target)s; %(count)d uppdrag flyttade.",
                        "%(source)s är sammanslagen med %(target)s; %(count)d uppdrag flyttade.",
                        len(moved),
                    )
                    % {"source": source.name, "target": target.name, "count": len(moved)},
                )
                return redirect("administration_list")
        status = 422
    elif not source.is_active:
        status = STATUS_CONFLICT
    return render(
        request,
        "representatives/administration_merge.html",
        {"form": form, "administration": source},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def administration_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    administration = _administration(request, pk)
    error = ""
    if request.method == "POST":
        try:
            ended = administrations.deactivate(administration)
        except administrations.AdministrationError as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s är inaktiverad; %(count)d uppdrag avslutat.",
                    "%(name)s är inaktiverad; %(count)d uppdrag avslutade.",
                    ended,
                )
                % {"name": administration.name, "count": ended},
            )
            return redirect("administration_list")
    elif not administration.is_active:
        error = _("%(name)s är redan inaktiv.") % {"name": administration.name}
    return render(
        request,
        "representatives/administration_deactivate.html",
        {"administration": administration, "error": error},
        status=STATUS_CONFLICT if error else 200,
    )


@require_POST
@login_required
def administration_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    administration = _administration(request, pk)
    try:
        administrations.reactivate(administration)
    except administrations.AdministrationError as error:
        messages.error(request, str(error))
        return redirect("administration_list")
    messages.success(request, _("%(name)s är aktiv igen.") % {"name": administration.name})
    return redirect("administration_list")
