"""The network's own settings, and its work areas: coordinators edit the settings on their own
page, and add, edit, reorder, archive and restore work areas on the network page.

The network page itself is `meetings.pages.views.network_detail`; its work-area section is the
template `networks/_work_areas.html`, whose `work-areas` partial these views return to htmx.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.form_layout import blank_fields
from config.http import HtmxHttpRequest
from config.prepared import Prepared
from networks import submissions
from networks.access import coordinated_network
from networks.forms import MoveForm, NetworkSettingsForm, WorkAreaForm
from networks.models import Network, WorkArea
from networks.versions import StaleRecordError


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def network_settings(request: HttpRequest, code: str) -> HttpResponse:
    """Lead times, meeting length, targets, the organiser's address: the coordinators' own."""
    network = coordinated_network(request, code)
    form = NetworkSettingsForm(request.POST if request.method == "POST" else None, instance=network)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Nätverkets inställningar är sparade."))
            return redirect("network_settings", code=network.code.lower())
    status = 422 if form.errors else 200
    return render(
        request, "networks/network_settings.html", {"network": network, "form": form}, status=status
    )


# The network's work areas, archived ones too, in their order: compiled once per connection
# (config/prepared.py), as the network page reads them on every view.
_AREAS = Prepared(lambda network_id: WorkArea.objects.filter(network_id=network_id), network_id=int)


def work_area_context(network: Network, can_coordinate: bool, **extra) -> dict:
    """What the work-area section needs; the network page adds it to its own context."""
    areas = _AREAS.objects(network_id=network.pk)
    # A blank new-area form's fields, rendered once per process (the same for every network).
    fields = (
        blank_fields(("work-area",), WorkAreaForm)
        if can_coordinate and "work_area_form" not in extra
        else None
    )
    return {
        "network": network,
        "work_areas": [a for a in areas if not a.is_archived],
        "archived_work_areas": [a for a in areas if a.is_archived] if can_coordinate else [],
        "can_coordinate": can_coordinate,
        "work_area_form": WorkAreaForm() if can_coordinate and not fields else None,
        "work_area_fields": fields,
        **extra,
    }


def _section(request: HttpRequest, network: Network, **extra) -> HttpResponse:
    return render(
        request,
        "networks/_work_areas.html#work-areas",
        work_area_context(network, True, **extra),
    )


def _renumber(network: Network) -> list[WorkArea]:
    """Active areas in order, positions made 1..n (old data may have gaps or ties)."""
    areas = list(network.work_areas.active().select_for_update().order_by("position", "pk"))
    changed = []
    for index, area in enumerate(areas, start=1):
        if area.position != index:
            area.position = index
            changed.append(area)
    WorkArea.objects.bulk_update(changed, ["position"])
    return areas


@require_POST
@login_required
def work_area_add(request: HtmxHttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    if (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = WorkAreaForm(request.POST)
    if form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                areas = _renumber(network)
                area = form.save(commit=False)
                area.network = network
                area.position = len(areas) + 1
                area.save()
                submission.url = network.get_absolute_url()
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        announce = _("Arbetsområdet ”%(name)s” är tillagt.") % {"name": area.name}
        if request.htmx:
            return _section(
                request, network, announce=announce, focus_pk=area.pk, focus_target="item"
            )
        messages.success(request, announce)
        return redirect(network)
    if request.htmx:
        return render(
            request,
            "networks/_work_areas.html#work-areas",
            work_area_context(network, True, work_area_form=form),
        )
    return render(
        request, "networks/work_area_form.html", {"network": network, "form": form, "area": None}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def work_area_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    network = coordinated_network(request, code)
    area = get_object_or_404(WorkArea, network=network, pk=pk)
    form = WorkAreaForm(request.POST if request.method == "POST" else None, instance=area)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Arbetsområdet är sparat."))
            return redirect(network)
    return render(
        request, "networks/work_area_form.html", {"network": network, "form": form, "area": area}
    )


@require_POST
@login_required
def work_area_move(request: HtmxHttpRequest, code: str, pk: int) -> HttpResponse:
    network = coordinated_network(request, code)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Okänd riktning."))
    direction = form.cleaned_data["direction"]
    get_object_or_404(WorkArea.objects.active(), network=network, pk=pk)
    with transaction.atomic():
        areas = _renumber(network)
        index = next(i for i, a in enumerate(areas) if a.pk == pk)
        other = index - 1 if direction == "up" else index + 1
        area = areas[index]
        if 0 <= other < len(areas):
            neighbour = areas[other]
            area.position, neighbour.position = neighbour.position, area.position
            WorkArea.objects.bulk_update([area, neighbour], ["position"])
    announce = _("”%(name)s” är nu nummer %(position)d av %(count)d.") % {
        "name": area.name,
        "position": area.position,
        "count": len(areas),
    }
    if request.htmx:
        at_edge = (direction == "up" and area.position == 1) or (
            direction == "down" and area.position == len(areas)
        )
        target = "item" if at_edge else direction
        return _section(request, network, announce=announce, focus_pk=area.pk, focus_target=target)
    messages.success(request, announce)
    return redirect(network)


@require_POST
@login_required
def work_area_archive(request: HtmxHttpRequest, code: str, pk: int) -> HttpResponse:
    network = coordinated_network(request, code)
    area = get_object_or_404(WorkArea, network=network, pk=pk)
    if not area.is_archived:
        area.archived_at = timezone.now()
        area.save(update_fields=["archived_at"])
    announce = _("”%(name)s” är arkiverat. Det finns kvar på möten som redan har det.") % {
        "name": area.name
    }
    if request.htmx:
        return _section(request, network, announce=announce, focus_target="section")
    messages.success(request, announce)
    return redirect(network)


@require_POST
@login_required
def work_area_restore(request: HtmxHttpRequest, code: str, pk: int) -> HttpResponse:
    network = coordinated_network(request, code)
    area = get_object_or_404(WorkArea, network=network, pk=pk)
    if area.is_archived:
        with transaction.atomic():
            areas = _renumber(network)
            area.archived_at = None
            area.position = len(areas) + 1
            area.save(update_fields=["archived_at", "position"])
    announce = _("”%(name)s” är återställt.") % {"name": area.name}
    if request.htmx:
        return _section(request, network, announce=announce, focus_pk=area.pk, focus_target="item")
    messages.success(request, announce)
    return redirect(network)
