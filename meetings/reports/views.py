"""Participation and coverage reports for coordinators, and the printable term report."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.spreadsheet import CSVWriter, csv_download
from meetings import paging
from meetings.access import coordinated_network
from meetings.reports.figures import (
    TermReport,
    parse_term,
    term_choices,
    term_report,
    term_value,
)
from meetings.reports.forms import chosen_term, written_term_form
from meetings.reports.printed import page_rows, table_rows
from meetings.reports.sections import (
    attendance_head,
    attendance_tail,
    coverage_section,
    held_section,
    summary_section,
)
from meetings.terms import Term

ADMINISTRATIONS_PARAM = "forvaltningar"


def _page(
    request: HttpRequest, code: str, template: str, *, paged: bool = False, printed: bool = False
) -> HttpResponse:
    network = coordinated_network(request, code)
    form, term = chosen_term(request, network)
    if term is None:
        return render(request, template, {"network": network, "form": form}, status=400)
    report = term_report(network, term)
    context = {
        "network": network,
        "form": form,
        "term_form": written_term_form(form),
        "report": report,
        "term_value": term_value(term),
    }
    if printed:
        context["printed_rows"] = table_rows(report)
    if paged:
        # The totals and charts are over every administration; the table is a page of them.
        page = paging.page_of(request, report.administrations, param=ADMINISTRATIONS_PARAM)
        if not (getattr(request, "htmx", False) and ADMINISTRATIONS_PARAM in request.GET):
            # The sections around the table, written in Python (meetings/reports/sections.py).
            context |= {
                "held_section": held_section(report),
                "summary_section": summary_section(report),
                "attendance_head": attendance_head(report),
                "attendance_tail": attendance_tail(report),
                "coverage_section": coverage_section(report),
            }
        context["administrations_page"] = page
        context["administration_rows"] = page_rows(
            list(page.object_list),
            last=page.end_index(),
            total=page.paginator.count,
            htmx=bool(getattr(request, "htmx", False)),
        )
        if getattr(request, "htmx", False) and ADMINISTRATIONS_PARAM in request.GET:
            template = "meetings/reports/_figures.html#administration-rows"
    return render(request, template, context)


@require_safe
@login_required
def participation_report(request: HttpRequest, code: str) -> HttpResponse:
    """The term's figures: meetings, the administrations' totals, then a table of them a page
    at a time ("Visa fler": an htmx request gets only the next rows)."""
    return _page(request, code, "meetings/reports/participation_report.html", paged=True)


@require_safe
@login_required
def term_report_print(request: HttpRequest, code: str) -> HttpResponse:
    """Every administration, for print: not paged, its rows bare (meetings/reports/printed.py)."""
    return _page(request, code, "meetings/reports/term_report_print.html", printed=True)


def _download_term(request: HttpRequest, network) -> Term | None:
    """The term `chosen_term` would give, without its form: a download shows no select, and
    the form writes a label for every term back to the network's first meeting."""
    today = timezone.localdate()
    if "termin" not in request.GET:
        return Term.of(today)
    value = request.GET.get("termin")
    if value in {term_value(term) for term in term_choices(network, today)}:
        return parse_term(value)
    return None


def _csv_download(report: TermReport, what: str) -> tuple[HttpResponse, CSVWriter]:
    filename = f"{what}-{report.network.code.lower()}-{term_value(report.term).lower()}.csv"
    return csv_download(filename)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Ja") if value else _("Nej")


@require_safe
@login_required
def attendance_csv(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    term = _download_term(request, network)
    if term is None:
        return HttpResponse(_("Välj en termin i listan."), status=400, content_type="text/plain")
    report = term_report(network, term, coverage=False)
    response, writer = _csv_download(report, "narvaro")
    writer.writerow(
        [_("Förvaltning")]
        + [timezone.localdate(meeting.starts_at).isoformat() for meeting in report.held]
        + [
            _("Närvarade"),
            _("Möten med registrerad närvaro"),
            _("Hållna möten"),
            _("Besvarade inbjudningar"),
            _("Inbjudningar"),
            _("Andel besvarade (%)"),
            _("Väckta frågor"),
            _("Återrapporterade frågor"),
        ]
    )
    # "Ja", "Nej" and "" translated once, not per cell: a term has hundreds of rows.
    yes_no = {value: _yes_no(value) for value in (True, False, None)}
    held_count = report.held_count
    writer.writerows(
        [row.administration.name]
        + [yes_no[value] for value in row.attended]
        + [
            row.attended_count,
            row.recorded_count,
            held_count,
            row.answered,
            row.invited,
            "" if (percent := row.answered_percent) is None else percent,
            row.questions_raised,
            row.questions_reported_back,
        ]
        for row in report.administrations
    )
    return response


@require_safe
@login_required
def work_areas_csv(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    term = _download_term(request, network)
    if term is None:
        return HttpResponse(_("Välj en termin i listan."), status=400, content_type="text/plain")
    report = term_report(network, term, administrations=False)
    response, writer = _csv_download(report, "arbetsomraden")
    writer.writerow([_("Arbetsområde"), _("Som tema"), _("Som dagordningspunkt")])
    writer.writerows([row.name, row.themes, row.agenda_items] for row in report.work_areas)
    return response
