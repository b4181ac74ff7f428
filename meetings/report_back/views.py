"""The report-back pack's pages: an administration's pack of a held meeting (and as plain text),
the representative marking it presented, and the coordinators' overview per meeting.

A meeting that is not visible, or not held yet (published and ended), has no packs: 404. Another
administration's pack is known to exist but not yours: 403.
"""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from config.content_language import interface_is_swedish, sv
from config.dates import long_date
from config.reversing import key_url
from meetings.access import held_meeting
from meetings.report_back import pack as report_back
from meetings.report_back.forms import PresentedForm
from meetings.report_back.rows import expected_rows, material_rows
from meetings.rules import coordinates_meeting, marks_report_back, reads_report_back
from representatives.models import Administration
from representatives.rules import seated_administration_ids


def _readable_pack(request: HttpRequest, pk: int, administration_pk: int) -> report_back.Pack:
    meeting = held_meeting(request, pk)
    administration = report_back.administration_with_report_back(meeting, administration_pk)
    if administration is None:
        raise Http404
    if not reads_report_back(request.user, (meeting, administration.pk)):
        raise PermissionDenied
    return report_back.build_pack(meeting, administration)


def _render_pack(request, pack: report_back.Pack, form=None, status: int = 200) -> HttpResponse:
    can_mark = marks_report_back(request.user, (pack.meeting, pack.administration.pk))
    if can_mark and form is None:
        form = PresentedForm(
            meeting=pack.meeting,
            administration_ids=[pack.administration.pk],
            initial={
                "administration": pack.administration.pk,
                "presented_on": pack.presented_on or pack.today,
            },
        )
    context = {
        "pack": pack,
        "meeting": pack.meeting,
        "administration": pack.administration,
        "can_mark": can_mark,
        "can_coordinate": coordinates_meeting(request.user, pack.meeting),
        "form": form,
        "text": report_back.as_text(pack),
        "material_rows": material_rows(pack.documents, pack.consultations),
        "expected_rows": expected_rows(pack.expected),
    }
    return render(request, "meetings/report_back/pack.html", context, status=status)


@require_safe
@login_required
def report_back_pack(request: HttpRequest, pk: int, administration_pk: int) -> HttpResponse:
    return _render_pack(request, _readable_pack(request, pk, administration_pk))


@require_safe
@login_required
def report_back_text(request: HttpRequest, pk: int, administration_pk: int) -> HttpResponse:
    """The pack as plain text, for the management group's agenda."""
    pack = _readable_pack(request, pk, administration_pk)
    response = HttpResponse(report_back.as_text(pack), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="aterrapport-{pack.meeting.pk}-{pack.administration.pk}.txt"'
    )
    return response


@require_POST
@login_required
def report_back_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """The representative or substitute records the day the pack was presented (or changes it)."""
    meeting = held_meeting(request, pk)
    own = sorted(seated_administration_ids(request.user, meeting.network))
    if not own:
        raise PermissionDenied
    form = PresentedForm(request.POST, meeting=meeting, administration_ids=own)
    if not form.is_valid():
        chosen = form.cleaned_data.get("administration")
        administration = report_back.administration_with_report_back(
            meeting, chosen.pk if chosen else own[0]
        )
        pack = report_back.build_pack(meeting, administration)  # type: ignore[arg-type]
        return _render_pack(request, pack, form=form)
    administration = cast(Administration, form.cleaned_data["administration"])
    try:
        report, created = report_back.mark_presented(
            meeting, administration, request.user, form.cleaned_data["presented_on"]
        )
    except report_back.ReportBackError as error:
        form.add_error(None, error.message)
        pack = report_back.build_pack(
            meeting,
            report_back.administration_with_report_back(meeting, administration.pk),  # type: ignore[arg-type]
        )
        return _render_pack(request, pack, form=form)
    note = (
        _("Återrapporten är markerad som presenterad för ledningsgruppen %(date)s.")
        if created
        else _("Datumet för återrapporten är ändrat till %(date)s.")
    )
    note = note % {"date": f"{report.presented_on:%Y-%m-%d}"}
    moved = len(report.reported_questions)  # type: ignore[attr-defined]
    if moved:
        note += " " + ngettext(
            "%(count)s fråga med utfall från mötet är nu återrapporterad till ledningsgruppen.",
            "%(count)s frågor med utfall från mötet är nu återrapporterade till ledningsgruppen.",
            moved,
        ) % {"count": moved}
    messages.success(request, note)
    return redirect("report_back_pack", pk=meeting.pk, administration_pk=administration.pk)


@require_safe
@login_required
def report_back_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Coordinators: which administrations have presented the meeting's pack, and which not."""
    meeting = held_meeting(request, pk)
    if not coordinates_meeting(request.user, meeting):
        raise PermissionDenied
    rows = report_back.meeting_status(meeting)
    context = {
        "meeting": meeting,
        "rows": rows,
        "status_rows": _status_rows(meeting, rows),
        "presented_count": sum(1 for row in rows if row[2]),
    }
    return render(request, "meetings/report_back/status.html", context)


def _status_rows(meeting, rows) -> SafeString:
    """The status table's rows, written in Python: a network seats hundreds of administrations,
    and a template pass per row (a {% url %}, translations, filters) cost most of the page.
    The same HTML the template's loop wrote; every value is escaped."""
    yes, not_yet = escape(_("Ja,")), escape(_("Inte ännu"))
    swedish = interface_is_swedish()
    parts = []
    for pk, name, presented_on, marked_by in rows:
        shown = escape(name) if swedish or not name else sv(name)
        presented = (
            f"{yes} {conditional_escape(long_date(presented_on))}"
            if presented_on
            else f"<strong>{not_yet}</strong>"
        )
        url = escape(key_url("report_back_pack", meeting.pk, key=pk))
        parts.append(
            f'\n    <tr>\n      <th scope="row"><a href="{url}">'
            f"{shown}</a></th>\n      <td>{presented}</td>\n"
            f"      <td>{escape(marked_by) if marked_by else '–'}</td>\n    </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
