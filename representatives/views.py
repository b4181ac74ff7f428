"""The director's pages (Min förvaltning) and the coordinators' lists of representatives."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config import paging
from config.http import AuthenticatedHttpRequest
from config.prepared import Prepared, by_shape
from config.spreadsheet import csv_download
from networks import submissions
from networks.access import coordinated_network, network_by_code
from networks.models import Network
from representatives.appointing import AppointmentError, appoint, end_appointment
from representatives.forms import AppointmentForm, NameFilterForm
from representatives.models import Administration, Appointment
from representatives.rows import contact_rows
from representatives.rules import is_director

# Role in the URL, in Swedish.
ROLE_SLUGS = {
    "representant": Appointment.Role.REPRESENTATIVE,
    "ersattare": Appointment.Role.SUBSTITUTE,
}


def _administration_for_director(request: HttpRequest, pk: int) -> Administration:
    """The administration, or 404 for anyone but its director: its existence is private here."""
    administration = get_object_or_404(Administration, pk=pk)
    if not is_director(request.user, administration):
        raise Http404
    return administration


@require_safe
@login_required
def my_administration(request: AuthenticatedHttpRequest) -> HttpResponse:
    administrations = list(Administration.objects.filter(director=request.user))
    if not administrations:
        raise Http404
    if len(administrations) == 1:
        return redirect("administration_detail", pk=administrations[0].pk)
    return render(
        request,
        "representatives/my_administration.html",
        {"administrations": administrations},
    )


@require_safe
@login_required
def administration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    administration = _administration_for_director(request, pk)
    # `.all()` first: django-stubs mistypes Prefetch on an as_manager() manager's own method.
    networks = Network.objects.all().prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.filter(administration=administration)
            .select_related("person", "appointed_by")
            .order_by("role", "-start_date", "-pk"),
            to_attr="administration_appointments",
        )
    )
    networks = list(networks)  # type: ignore[assignment]
    for network in networks:
        held = network.administration_appointments  # type: ignore[attr-defined]
        current = {a.role: a for a in held if a.is_current}
        upcoming = {a.role: a for a in held if a.is_upcoming}
        network.seats = [  # type: ignore[attr-defined]
            (slug, role, current.get(role), upcoming.get(role)) for slug, role in ROLE_SLUGS.items()
        ]
        network.history = network.administration_appointments  # type: ignore[attr-defined]
    return render(
        request,
        "representatives/administration_detail.html",
        {"administration": administration, "networks": networks},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def appointment_create(
    request: AuthenticatedHttpRequest, pk: int, code: str, role: str
) -> HttpResponse:
    administration = get_object_or_404(Administration, pk=pk)
    if not is_director(request.user, administration):
        if request.method == "POST":
            raise PermissionDenied
        raise Http404
    network = network_by_code(code)
    if role not in ROLE_SLUGS:
        raise Http404
    role_value = ROLE_SLUGS[role]
    current = (
        Appointment.objects.current()
        .filter(administration=administration, network=network, role=role_value)
        .select_related("person")
        .first()
    )
    if request.method == "POST" and (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = AppointmentForm(
        request.POST if request.method == "POST" else None,
        current_person=current.person if current else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                result = appoint(
                    administration=administration,
                    network=network,
                    role=role_value,
                    name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    appointed_by=request.user,
                    start_date=form.cleaned_data.get("start_date"),
                    mandate_scope=form.cleaned_data.get("mandate_scope") or "",
                )
                submission.url = reverse("administration_detail", kwargs={"pk": administration.pk})
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        except AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s är utsedd till %(role)s i %(network)s.")
                % {
                    "name": result.appointment.person.full_name,
                    "role": result.appointment.get_role_display().lower(),
                    "network": network.code,
                },
            )
            return redirect("administration_detail", pk=administration.pk)
    return render(
        request,
        "representatives/appointment_form.html",
        {
            "administration": administration,
            "network": network,
            "role_label": Appointment.Role(role_value).label,
            "current": current,
            "form": form,
        },
    )


@require_POST
@login_required
def appointment_end(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_object_or_404(
        Appointment.objects.select_related("administration", "network", "person"), pk=pk
    )
    if not is_director(request.user, appointment.administration):
        raise PermissionDenied
    if not appointment.is_current:
        messages.error(request, _("Uppdraget är redan avslutat."))
    else:
        end_appointment(appointment)
        messages.success(
            request,
            _("Uppdraget för %(name)s är avslutat. Platsen är vakant.")
            % {"name": appointment.person.full_name},
        )
    return redirect("administration_detail", pk=appointment.administration_id)


def _seats_of(appointments, network_id: int):
    """The network's seats among `appointments` (current or upcoming), by administration."""
    return (
        appointments.filter(network_id=network_id)
        .select_related("person", "administration")
        .order_by("administration__name", "role")
    )


# The contact list's upcoming seats and every current seat's address, by queries compiled once
# (config/prepared.py): building them cost Django more than the database's answer.
_UPCOMING_SEATS = Prepared(
    lambda network_id, today: _seats_of(Appointment.objects.upcoming(today), network_id),
    network_id=int,
    today=datetime.date,
)
_SEAT_EMAILS = Prepared(
    lambda network_id, today: (
        Appointment.objects.current(today)
        .filter(network_id=network_id)
        .values_list("person__email")
    ),
    network_id=int,
    today=datetime.date,
)


def _contacts(network_id: int, today: datetime.date) -> QuerySet[Appointment]:
    """The network's current seats, with what the contact list shows of their people and
    administrations, by administration."""
    return (
        Appointment.objects.current(today)
        .filter(network_id=network_id)
        .select_related("person", "administration")
        .only(
            "role",
            "start_date",
            "mandate_scope",
            "person__full_name",
            "person__email",
            "administration__name",
        )
        .order_by("administration__name", "administration_id", "role")
    )


def _contacts_page(
    network_id: int, today: datetime.date, limit: int, offset: int
) -> QuerySet[Appointment]:
    """A page of `_contacts`, each with the list's total (`paging_total`, as `counted_page`
    counts it)."""
    return _contacts(network_id, today).annotate(paging_total=Window(Count("pk")))[
        offset : offset + limit
    ]


@require_safe
@login_required
def network_contacts(request: HttpRequest, code: str) -> HttpResponse:
    """The network's current seats a page at a time ("Visa fler": an htmx request gets only
    the next rows), filtered by name if asked; every e-mail address stays in the copy field
    above (what the page is for), read as plain values."""
    network = coordinated_network(request, code)
    filters = NameFilterForm(
        request.GET, label=_("Förvaltning, namn eller e-postadress innehåller")
    )
    today = timezone.localdate()
    rows = _contacts(network.pk, today)
    if name := filters.value():
        rows = rows.filter(
            Q(administration__name__icontains=name)
            | Q(person__full_name__icontains=name)
            | Q(person__email__icontains=name)
        )
        page = paging.counted_page(request, rows)
    else:
        # The unfiltered list, which nearly everyone sees: its pages by a query compiled once.
        page = paging.counted_page(
            request,
            rows,
            fetch=lambda offset, limit: by_shape(
                _contacts_page, limit, offset, network_id=network.pk, today=today
            ),
        )
    htmx = bool(getattr(request, "htmx", False))
    context = {
        "network": network,
        "appointments": page.object_list,
        "page": page,
        "contact_rows": contact_rows(page.object_list, page, htmx),
    }
    if htmx and "page" in request.GET:
        return render(request, "representatives/network_contacts.html#contact-rows", context)
    emails = _SEAT_EMAILS.rows(network_id=network.pk, today=today)
    context |= {
        "filters": filters,
        "filtered": bool(name),
        "upcoming": _UPCOMING_SEATS.objects(network_id=network.pk, today=today),
        "emails": "; ".join(sorted({email for (email,) in emails})),
    }
    return render(request, "representatives/network_contacts.html", context)


@require_safe
@login_required
def network_contacts_csv(request: HttpRequest, code: str) -> HttpResponse:
    """Semicolon-separated UTF-8 with a byte order mark (config/spreadsheet.py)."""
    network = coordinated_network(request, code)
    filename = f"representanter-{network.code.lower()}-{timezone.localdate():%Y-%m-%d}.csv"
    response, writer = csv_download(filename)
    writer.writerow([_("Förvaltning"), _("Roll"), _("Namn"), _("E-postadress"), _("Sedan")])
    # Plain values, not model instances, and each role's label translated once: a network
    # has hundreds of seats.
    roles = {value: str(label) for value, label in Appointment.Role.choices}
    rows = (
        Appointment.objects.current()
        .filter(network=network)
        .order_by("administration__name", "role")
        .values_list(
            "administration__name", "role", "person__full_name", "person__email", "start_date"
        )
    )
    writer.writerows(
        [name, roles.get(role, role), person, email, start.isoformat()]
        for name, role, person, email, start in rows
    )
    return response
