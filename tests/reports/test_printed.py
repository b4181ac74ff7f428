"""The term report's rows written with plain strings (meetings/reports/printed.py) are byte for
byte the rows they replaced, in both languages: the printed report's (format_html before) and
the report page's (a template loop before)."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, override

from config.content_language import sv
from meetings.reports.figures import AdministrationName, AdministrationRow, TermReport
from meetings.reports.printed import page_rows, table_rows
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


@pytest.mark.parametrize("language", ["sv", "en"])
def test_rows_that_share_their_figures_each_have_their_own_name(language):
    """table_rows writes the cells of equal figures once: rows with the same figures under
    other names, and rows that differ in one figure only, are still the format_html rows."""
    rows = [
        *ROWS,
        _row(6, "Miljönämnden", [True, True, None], 6, 4, 4, 3),  # row 1's figures
        _row(7, "Skolförvaltningen", [True, True, None], 6, 4, 4, 2),  # one fewer back
        _row(8, "Kulturnämnden", [False, False, True], 3, 1, 1, 0),  # row 2's figures
        _row(9, "Vård & <omsorg>", [True, True, False], 6, 4, 4, 3),  # absent, not unticked
    ]
    report = TermReport(Network(code="NEH", name="Nätverk"), Term(2025, "VT"), [], rows, [])
    with override(language):
        written = table_rows(report)
        expected = _format_html_rows(report)
    assert written == expected
    assert written.count("<tr>") == len(rows)


# templates/meetings/reports/_figures.html's loop over a page of administrations, as it was.
TEMPLATE_ROWS = """{% load i18n %}{% for row in page.object_list %}
        <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} förvaltningar.{% endblocktranslate %}"{% endif %}>
          <th scope="row"{% if request.htmx and forloop.first %} tabindex="-1" data-focus{% endif %}>{{ row.administration.name|sv }}</th>
          {% for value in row.attended %}<td>{% if value is None %}<span class="visually-hidden">{% translate "Inte avprickad" %}</span>{% elif value %}{% translate "Ja" %}{% else %}{% translate "Nej" %}{% endif %}</td>{% endfor %}
          <td class="num-attended" data-value="{{ row.attended_count }}">{% if row.recorded_count %}{% blocktranslate with count=row.attended_count total=row.recorded_count %}{{ count }} av {{ total }}{% endblocktranslate %}{% else %}{% translate "Inte registrerad" %}{% endif %}</td>
          <td class="num-answered" data-value="{{ row.answered_percent|default_if_none:0 }}">{% blocktranslate with count=row.answered total=row.invited %}{{ count }} av {{ total }}{% endblocktranslate %}{% if row.answered_percent is not None %} ({{ row.answered_percent }} %){% endif %}</td>
          <td class="num-questions" data-value="{{ row.questions_raised }}">{{ row.questions_raised }}</td>
          <td class="num-reported-back" data-value="{{ row.questions_reported_back }}">{% blocktranslate with count=row.questions_reported_back total=row.questions_raised %}{{ count }} av {{ total }}{% endblocktranslate %}</td>
        </tr>
        {% endfor %}"""  # noqa: E501


class _Request:
    def __init__(self, htmx: bool) -> None:
        self.htmx = htmx


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("number", [1, 2])
def test_page_rows_are_the_template_rows(language, htmx, number):
    page = Paginator(ROWS, 3).page(number)
    with override(language):
        expected = Template(TEMPLATE_ROWS).render(
            Context({"page": page, "request": _Request(htmx)})
        )
        written = page_rows(
            page.object_list, last=page.end_index(), total=page.paginator.count, htmx=htmx
        )
    assert written == expected
    assert isinstance(written, SafeString)
    assert written.count("<tr") == len(page.object_list)
    assert ("data-focus" in written) is htmx
