"""The participation report's sections around its table written in Python
(meetings/reports/sections.py) are byte for byte the template sections they replaced
(templates/meetings/reports/_figures.html, below as it was), in both languages: with and
without held meetings, administrations and work areas, on and off the meetings' target."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import override

from meetings.models import Meeting
from meetings.reports.figures import AdministrationName, AdministrationRow, TermReport, WorkAreaRow
from meetings.reports.sections import (
    attendance_head,
    attendance_tail,
    coverage_section,
    held_section,
    summary_section,
)
from meetings.terms import Term
from networks.models import Network

TEMPLATE_HELD = """{% load i18n report_charts %}<section aria-labelledby="held-heading" class="report-section">
  <h2 id="held-heading">{% translate "Hållna möten" %}</h2>
  <p class="notice{% if not report.on_target %} notice-warning{% endif %}" id="held-summary">
    {% blocktranslate count count=report.held_count with min=report.network.target_meetings_min max=report.network.target_meetings_max %}{{ count }} hållet möte; målet är {{ min }}–{{ max }} per termin.{% plural %}{{ count }} hållna möten; målet är {{ min }}–{{ max }} per termin.{% endblocktranslate %}
  </p>
  {% bar_chart report.meetings_chart "chart-held" %}
  <p class="chart-key" aria-hidden="true">{% translate "De lodräta strecken visar målet." %}</p>
  {% if report.held %}
  <div class="table-wrap">
    <table id="held-table">
      <caption>{% translate "Hållna möten (publicerade, inte inställda, avslutade)" %}</caption>
      <thead><tr><th scope="col">{% translate "Datum" %}</th><th scope="col">{% translate "Tema" %}</th></tr></thead>
      <tbody>
        {% for meeting in report.held %}
        <tr><th scope="row"><a href="{{ meeting.get_absolute_url }}">{{ meeting.starts_at|long_date }}</a></th><td>{{ meeting.theme_title|sv|default:"–" }}</td></tr>
        {% endfor %}
      </tbody>
    </table>
  </div>
  {% endif %}
</section>"""  # noqa: E501
TEMPLATE_SUMMARY = """{% load i18n report_charts %}<section aria-labelledby="summary-heading" class="report-section">
  <h2 id="summary-heading">{% translate "Förvaltningarna under terminen" %}</h2>
  {% with summary=report.summary %}
  <dl class="facts" id="administration-summary">
    <dt>{% translate "Förvaltningar med uppdrag" %}</dt><dd>{{ summary.administrations }}</dd>
    <dt>{% translate "Var med på minst ett möte" %}</dt><dd>{% blocktranslate with count=summary.attended_any total=summary.recorded %}{{ count }} av {{ total }}{% endblocktranslate %} <span class="meeting-meta">{% translate "(förvaltningar med avprickad närvaro)" %}</span></dd>
    <dt>{% translate "Besvarade inbjudningar" %}</dt><dd>{% blocktranslate with count=summary.answered total=summary.invited %}{{ count }} av {{ total }}{% endblocktranslate %}{% if summary.answered_percent is not None %} ({{ summary.answered_percent }} %){% endif %}</dd>
    <dt>{% translate "Väckta frågor" %}</dt><dd>{{ summary.questions_raised }}</dd>
    <dt>{% translate "Återrapporterade" %}</dt><dd>{{ summary.questions_reported_back }}</dd>
  </dl>
  {% endwith %}
  <p>{% translate "Ja: representanten eller ersättaren var med. Nej: ingen av dem var med. Tomt: närvaron är inte avprickad. Förvaltningens personer är de som hade uppdrag i nätverket på mötesdagen." %}</p>
  <p>{% translate "En inbjudan per person med uppdrag och hållet möte; besvarad om personen anmälde sig (kommer, kommer inte eller ersättare kommer)." %}</p>
  {% if report.administrations %}
  <div class="report-charts">
    {% include "meetings/reports/_administration_charts.html" %}
  </div>
  {% endif %}
</section>"""  # noqa: E501
TEMPLATE_ATTENDANCE = """{% load i18n partials %}<section aria-labelledby="attendance-heading" class="report-section">
  <h2 id="attendance-heading">{% translate "Närvaro, svar och frågor per förvaltning" %}</h2>
  {% if report.administrations %}
  <div class="table-wrap">
    <table id="attendance-table">
      <caption>{% translate "Närvaro vid hållna möten, besvarade inbjudningar och frågor från ledningsgrupperna" %}</caption>
      <thead>
        <tr>
          <th scope="col">{% translate "Förvaltning" %}</th>
          {% for meeting in report.held %}<th scope="col">{{ meeting.starts_at|date:"j/n" }}</th>{% endfor %}
          <th scope="col">{% translate "Närvarade" %}</th>
          <th scope="col">{% translate "Besvarade inbjudningar" %}</th>
          <th scope="col">{% translate "Väckta frågor" %}</th>
          <th scope="col">{% translate "Återrapporterade" %}</th>
        </tr>
      </thead>
      <tbody>
        {% partialdef administration-rows inline %}{% with page=administrations_page %}{# The rows are written in Python (meetings/reports/printed.py, page_rows): a template row cost a third of a millisecond. #}{{ administration_rows }}{% if page.paginator.num_pages > 1 %}{% include "paging/_more.html" with more_id="administrations-more" columns=report.held_count|add:5 param="forvaltningar" %}{% endif %}{% endwith %}{% endpartialdef %}
      </tbody>
    </table>
  </div>
  {% else %}
  <p>{% translate "Inga förvaltningar hade uppdrag i nätverket under terminen." %}</p>
  {% endif %}
</section>"""  # noqa: E501
TEMPLATE_COVERAGE = """{% load i18n report_charts %}<section aria-labelledby="coverage-heading" class="report-section">
  <h2 id="coverage-heading">{% translate "Arbetsområden" %}</h2>
  <p>{% translate "Hur ofta varje arbetsområde var tema för ett hållet möte eller ämne för en accepterad dagordningspunkt." %}</p>
  {% if report.work_areas %}
  {% bar_chart report.work_area_chart "chart-coverage" %}
  <div class="table-wrap">
    <table id="coverage-table">
      <caption>{% translate "Arbetsområden som teman och dagordningspunkter" %}</caption>
      <thead><tr><th scope="col">{% translate "Arbetsområde" %}</th><th scope="col">{% translate "Som tema" %}</th><th scope="col">{% translate "Som dagordningspunkt" %}</th><th scope="col">{% translate "Totalt" %}</th></tr></thead>
      <tbody>
        {% for row in report.work_areas %}
        <tr><th scope="row">{{ row.name|sv }}</th><td>{{ row.themes }}</td><td>{{ row.agenda_items }}</td><td class="num-coverage" data-value="{{ row.themes|add:row.agenda_items }}">{{ row.themes|add:row.agenda_items }}</td></tr>
        {% endfor %}
      </tbody>
    </table>
  </div>
  {% else %}
  <p>{% translate "Nätverket har inga arbetsområden." %}</p>
  {% endif %}
</section>"""  # noqa: E501


def _meeting(pk: int, days: int, theme: str) -> Meeting:
    starts = timezone.now() - datetime.timedelta(days=days)
    return Meeting(pk=pk, starts_at=starts, ends_at=starts, theme_title=theme)


def _row(pk, name, attended, invited, answered, raised=0, reported=0) -> AdministrationRow:
    return AdministrationRow(
        AdministrationName(pk, name, name[:3]), attended, invited, answered, raised, reported
    )


MEETINGS = [
    _meeting(11, 40, "Klimat & <energi>"),
    _meeting(12, 20, ""),
    _meeting(13, 5, "Cirkulär ekonomi"),
]
ROWS = [
    _row(1, "Miljöförvaltningen", [True, True, None], 6, 4, 4, 3),
    _row(2, 'Kultur & fritid <"förvaltningen">', [False, False, True], 3, 1, 1, 0),
    _row(3, "Idrott's nämnd", [None, None, None], 0, 0),
]
AREAS = [WorkAreaRow("Klimat & miljö", 2, 3), WorkAreaRow("<Trafik>", 0, 0)]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    ("held", "rows", "areas"),
    [(MEETINGS, ROWS, AREAS), (MEETINGS[:1], ROWS[2:], []), ([], [], AREAS[1:])],
    ids=["full", "one", "empty"],
)
@pytest.mark.parametrize("target", [(1, 4), (2, 2)], ids=["on", "off"])
def test_python_sections_are_the_template_sections(language, held, rows, areas, target):
    network = Network(
        code="NEH", name="Nätverk", target_meetings_min=target[0], target_meetings_max=target[1]
    )
    report = TermReport(network, Term(2025, "VT"), held, rows, areas)
    context = Context({"report": report})
    with override(language):
        assert held_section(report) == Template(TEMPLATE_HELD).render(context)
        assert summary_section(report) == Template(TEMPLATE_SUMMARY).render(context)
        assert coverage_section(report) == Template(TEMPLATE_COVERAGE).render(context)
        # The table's rows stay the template's partial: here a stand-in, on one page.
        stand_in = SafeString("<tr><td>rader</td></tr>" if rows else "")
        page = Paginator(report.administrations, 20).page(1)
        table = Template(TEMPLATE_ATTENDANCE).render(
            Context(
                {"report": report, "administration_rows": stand_in, "administrations_page": page}
            )
        )
        assert attendance_head(report) + stand_in + attendance_tail(report) == table
        written = held_section(report)
    assert ('<span lang="sv">Klimat &amp; &lt;energi&gt;</span>' in written) == (
        bool(held) and language == "en"
    )
    assert ("notice-warning" in written) == (target == (2, 2) or not held)
