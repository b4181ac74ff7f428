"""The participation report's sections around its table, written out in Python.

The held meetings, the administrations' summary with its three charts, and the work areas'
coverage were template sections of some forty tags, translations and filters each, which cost
the report page about a millisecond: as much as reading a term's seats. The markup is the
template's own, white space and all (tests/reports/test_sections.py renders the sections as
templates/meetings/reports/_figures.html wrote them and compares, in both languages). The
table of administrations stays in the template: "Visa fler" renders it alone (a partial).

Translated text is written as `{% translate %}` and `{% blocktranslate %}` write it: the
translation as it is, the values put into it escaped.
"""

from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from config.content_language import sv_html
from config.dates import long_date
from config.reversing import pk_url
from meetings.reports.charts import bar_chart
from meetings.reports.figures import TermReport


def held_section(report: TermReport) -> SafeString:
    """The held meetings: their count against the network's target, its chart and a row per
    meeting."""
    network = report.network
    count = report.held_count
    summary = ngettext(
        "%(count)s hållet möte; målet är %(min)s–%(max)s per termin.",
        "%(count)s hållna möten; målet är %(min)s–%(max)s per termin.",
        count,
    ) % {"count": count, "min": network.target_meetings_min, "max": network.target_meetings_max}
    warning = "" if report.on_target else " notice-warning"
    parts = [
        '<section aria-labelledby="held-heading" class="report-section">\n'
        f'  <h2 id="held-heading">{gettext("Hållna möten")}</h2>\n'
        f'  <p class="notice{warning}" id="held-summary">\n'
        f"    {summary}\n"
        "  </p>\n"
        f"  {bar_chart(report.meetings_chart, 'chart-held')}\n"
        f'  <p class="chart-key" aria-hidden="true">'
        f"{gettext('De lodräta strecken visar målet.')}</p>\n"
        "  "
    ]
    if report.held:
        parts.append(
            "\n"
            '  <div class="table-wrap">\n'
            '    <table id="held-table">\n'
            "      <caption>"
            f"{gettext('Hållna möten (publicerade, inte inställda, avslutade)')}</caption>\n"
            f'      <thead><tr><th scope="col">{gettext("Datum")}</th>'
            f'<th scope="col">{gettext("Tema")}</th></tr></thead>\n'
            "      <tbody>\n"
            "        "
        )
        for meeting in report.held:
            theme = sv_html(meeting.theme_title) if meeting.theme_title else "–"
            url = escape(pk_url("meeting_detail", meeting.pk))
            parts.append(
                "\n"
                f'        <tr><th scope="row"><a href="{url}">'
                f"{escape(long_date(meeting.starts_at))}</a></th><td>{theme}</td></tr>\n"
                "        "
            )
        parts.append("\n      </tbody>\n    </table>\n  </div>\n  ")
    parts.append("\n</section>")
    return SafeString("".join(parts))


def summary_section(report: TermReport) -> SafeString:
    """The administrations' totals over the term, and the three charts of them."""
    summary = report.summary
    of = gettext("%(count)s av %(total)s")
    answered = of % {"count": summary["answered"], "total": summary["invited"]}
    if summary["answered_percent"] is not None:
        answered += f" ({summary['answered_percent']} %)"
    parts = [
        '<section aria-labelledby="summary-heading" class="report-section">\n'
        f'  <h2 id="summary-heading">{gettext("Förvaltningarna under terminen")}</h2>\n'
        "  \n"
        '  <dl class="facts" id="administration-summary">\n'
        f"    <dt>{gettext('Förvaltningar med uppdrag')}</dt>"
        f"<dd>{summary['administrations']}</dd>\n"
        f"    <dt>{gettext('Var med på minst ett möte')}</dt>"
        f"<dd>{of % {'count': summary['attended_any'], 'total': summary['recorded']}} "
        f'<span class="meeting-meta">{gettext("(förvaltningar med avprickad närvaro)")}'
        "</span></dd>\n"
        f"    <dt>{gettext('Besvarade inbjudningar')}</dt><dd>{answered}</dd>\n"
        f"    <dt>{gettext('Väckta frågor')}</dt><dd>{summary['questions_raised']}</dd>\n"
        f"    <dt>{gettext('Återrapporterade')}</dt>"
        f"<dd>{summary['questions_reported_back']}</dd>\n"
        "  </dl>\n"
        "  \n"
        "  <p>"
        + gettext(
            "Ja: representanten eller ersättaren var med. Nej: ingen av dem var med. Tomt: "
            "närvaron är inte avprickad. Förvaltningens personer är de som hade uppdrag i "
            "nätverket på mötesdagen."
        )
        + "</p>\n"
        "  <p>"
        + gettext(
            "En inbjudan per person med uppdrag och hållet möte; besvarad om personen anmälde "
            "sig (kommer, kommer inte eller ersättare kommer)."
        )
        + "</p>\n"
        "  "
    ]
    if report.administrations:
        parts.append(
            f'\n  <div class="report-charts">\n    {administration_charts(report)}\n  </div>\n  '
        )
    parts.append("\n</section>")
    return SafeString("".join(parts))


def administration_charts(report: TermReport) -> str:
    """templates/meetings/reports/_administration_charts.html, as its include wrote it."""
    charts = (
        (
            gettext("Förvaltningar efter antal möten de var med på"),
            report.attendance_chart,
            "chart-attendance",
        ),
        (
            gettext("Förvaltningar efter andel besvarade inbjudningar"),
            report.answers_chart,
            "chart-answers",
        ),
        (
            gettext("Flest väckta frågor från ledningsgrupperna"),
            report.questions_chart,
            "chart-questions",
        ),
    )
    return (
        "\n"
        + "\n".join(
            f"<figure>\n  <figcaption>{caption}</figcaption>\n  {bar_chart(chart, chart_id)}\n"
            "</figure>"
            for caption, chart, chart_id in charts
        )
        + "\n"
    )


def coverage_section(report: TermReport) -> SafeString:
    """How often each work area was a held meeting's theme or an accepted agenda item's."""
    parts = [
        '<section aria-labelledby="coverage-heading" class="report-section">\n'
        f'  <h2 id="coverage-heading">{gettext("Arbetsområden")}</h2>\n'
        "  <p>"
        + gettext(
            "Hur ofta varje arbetsområde var tema för ett hållet möte eller ämne för en "
            "accepterad dagordningspunkt."
        )
        + "</p>\n  "
    ]
    if report.work_areas:
        parts.append(
            "\n"
            f"  {bar_chart(report.work_area_chart, 'chart-coverage')}\n"
            '  <div class="table-wrap">\n'
            '    <table id="coverage-table">\n'
            f"      <caption>{gettext('Arbetsområden som teman och dagordningspunkter')}"
            "</caption>\n"
            f'      <thead><tr><th scope="col">{gettext("Arbetsområde")}</th>'
            f'<th scope="col">{gettext("Som tema")}</th>'
            f'<th scope="col">{gettext("Som dagordningspunkt")}</th>'
            f'<th scope="col">{gettext("Totalt")}</th></tr></thead>\n'
            "      <tbody>\n"
            "        "
        )
        for row in report.work_areas:
            total = row.themes + row.agenda_items
            parts.append(
                "\n"
                f'        <tr><th scope="row">{sv_html(row.name)}</th><td>{row.themes}</td>'
                f'<td>{row.agenda_items}</td><td class="num-coverage" data-value="{total}">'
                f"{total}</td></tr>\n"
                "        "
            )
        parts.append("\n      </tbody>\n    </table>\n  </div>\n  ")
    else:
        parts.append(f"\n  <p>{gettext('Nätverket har inga arbetsområden.')}</p>\n  ")
    parts.append("\n</section>")
    return SafeString("".join(parts))


def attendance_head(report: TermReport) -> SafeString:
    """The section of the administrations' table up to its rows (a heading per held meeting:
    day/month), or the section saying there were none."""
    parts = [
        '<section aria-labelledby="attendance-heading" class="report-section">\n'
        f'  <h2 id="attendance-heading">{gettext("Närvaro, svar och frågor per förvaltning")}'
        "</h2>\n  "
    ]
    if not report.administrations:
        parts.append(
            "\n  <p>"
            f"{gettext('Inga förvaltningar hade uppdrag i nätverket under terminen.')}</p>\n  "
            "\n</section>"
        )
        return SafeString("".join(parts))
    days = "".join(
        f'<th scope="col">{local.day}/{local.month}</th>'
        for local in (timezone.localtime(meeting.starts_at) for meeting in report.held)
    )
    caption = gettext(
        "Närvaro vid hållna möten, besvarade inbjudningar och frågor från ledningsgrupperna"
    )
    parts.append(
        "\n"
        '  <div class="table-wrap">\n'
        '    <table id="attendance-table">\n'
        f"      <caption>{caption}</caption>\n"
        "      <thead>\n"
        "        <tr>\n"
        f'          <th scope="col">{gettext("Förvaltning")}</th>\n'
        f"          {days}\n"
        f'          <th scope="col">{gettext("Närvarade")}</th>\n'
        f'          <th scope="col">{gettext("Besvarade inbjudningar")}</th>\n'
        f'          <th scope="col">{gettext("Väckta frågor")}</th>\n'
        f'          <th scope="col">{gettext("Återrapporterade")}</th>\n'
        "        </tr>\n"
        "      </thead>\n"
        "      <tbody>\n"
        "        "
    )
    return SafeString("".join(parts))


def attendance_tail(report: TermReport) -> SafeString:
    """The rest of the administrations' table after its rows (nothing when there is none)."""
    if not report.administrations:
        return SafeString("")
    return SafeString("\n      </tbody>\n    </table>\n  </div>\n  \n</section>")
