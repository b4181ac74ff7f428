"""The printed term report's rows, written with plain strings (meetings/reports/printed.py), are
byte for byte the rows format_html wrote before, in both languages."""

import pytest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, override

from config.content_language import sv
from meetings.reports.figures import AdministrationName, AdministrationRow, TermReport
from meetings.reports.printed import table_rows
from meetings.terms import Term
from networks.models import Network


def _format_html_rows(report: TermReport) -> SafeString:
    """The rows as format_html wrote them (the implementation the plain strings replaced)."""

    def of(count: int, total: int) -> str:
        return gettext("%(count)s av %(total)s") % {"count": count, "total": total}

    def cells(row: AdministrationRow, yes: str, no: str) -> SafeString:
        values = ["" if value is None else yes if value else no for value in row.attended]
        values.append(of(row.attended_count, row.recorded_count) if row.recorded_count else "–")
        answered = of(row.answered, row.invited)
        if row.answered_percent is not None:
            answered += f" ({row.answered_percent} %)"
        values.append(answered)
        values.append(f"{row.questions_raised} / {row.questions_reported_back}")
        return format_html_join("", "<td>{}</td>", ((value,) for value in values))

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
        ((sv(row.administration.name), cells(row, yes, no)) for row in report.administrations),
    )


def _row(pk, name, attended, invited, answered, raised=0, reported=0) -> AdministrationRow:
    return AdministrationRow(
        AdministrationName(pk, name, name[:3]), attended, invited, answered, raised, reported
    )


ROWS = [
    _row(1, "Miljöförvaltningen", [True, True, None], 6, 4, 4, 3),
    _row(2, 'Kultur & fritid <"förvaltningen">', [False, False, True], 3, 1, 1, 0),
    _row(3, "Idrott's nämnd", [None, None, None], 0, 0),
    _row(4, "", [False, None, True], 7, 7, 2, 2),
    _row(5, "Stadsbyggnad", [], 0, 0, 3, 1),
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("rows", [ROWS, []], ids=["rows", "none"])
def test_plain_string_rows_are_the_format_html_rows(language, rows):
    report = TermReport(Network(code="NEH", name="Nätverk"), Term(2025, "VT"), [], rows, [])
    with override(language):
        written = table_rows(report)
        expected = _format_html_rows(report)
    assert written == expected
    assert isinstance(written, SafeString)
    if rows:
        assert "Kultur &amp; fritid &lt;&quot;förvaltningen&quot;&gt;" in written
        assert written.count("<tr>") == len(rows)
    if rows and language == "en":
        assert '<span lang="sv">Miljöförvaltningen</span>' in written
        assert "<td>Yes</td>" in written
