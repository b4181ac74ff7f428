"""The printed term report's table rows, written out in Python.

The print version holds every administration (it is printed whole for the management group),
and a template row of a dozen cells costs about a tenth of a millisecond: at a few hundred
administrations the rows cost more than everything else on the page. The markup is bare (no
classes or attributes per cell), the same as the template's would be.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from meetings.reports.figures import AdministrationRow, TermReport


def _of(count: int, total: int) -> str:
    return gettext("%(count)s av %(total)s") % {"count": count, "total": total}


def _cells(row: AdministrationRow, yes: str, no: str) -> SafeString:
    values = ["" if value is None else yes if value else no for value in row.attended]
    values.append(_of(row.attended_count, row.recorded_count) if row.recorded_count else "–")
    answered = _of(row.answered, row.invited)
    if row.answered_percent is not None:
        answered += f" ({row.answered_percent} %)"
    values.append(answered)
    values.append(f"{row.questions_raised} / {row.questions_reported_back}")
    return format_html_join("", "<td>{}</td>", ((value,) for value in values))


def table_rows(report: TermReport) -> SafeString:
    """A row per administration, or a row that says there is none."""
    yes, no = gettext("Ja"), gettext("Nej")
    if not report.administrations:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            report.held_count + 4,
            gettext("Inga förvaltningar hade uppdrag i nätverket under terminen."),
        )
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}</tr>',
        ((sv(row.administration.name), _cells(row, yes, no)) for row in report.administrations),
    )
