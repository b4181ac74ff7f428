"""The search's hits written in Python: a page holds up to twenty hits of each of seven kinds,
and each hit as a template row (a title with its fallback, a badge, a date twice, an excerpt,
each marked Swedish on an English page) cost more than finding it. tests/search/test_rows.py
holds these rows to the template's, in Swedish and English."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import long_date
from meetings.search.engine import Hit


def hit_rows(hits: Iterable[Hit]) -> SafeString:
    """Each hit as an `<li>` of the search page's list."""
    draft = format_html(' <span class="badge">{}</span>', gettext("Utkast, inte publicerat"))
    untitled = gettext("Utan rubrik")
    no_draft = SafeString("")
    return format_html_join(
        "",
        "\n      <li>\n"
        '        <h4><a href="{}">{}</a>{}</h4>\n'
        '        <p class="meeting-meta">{}{}</p>\n'
        '        <p class="search-excerpt">{}</p>\n'
        "      </li>",
        (
            (
                hit.url,
                sv(hit.title) or untitled,
                draft if hit.draft else no_draft,
                hit.network_code,
                format_html(
                    ' · <time datetime="{}">{}</time>',
                    timezone.localtime(hit.meeting.starts_at).isoformat(),
                    long_date(hit.meeting.starts_at),
                )
                if hit.meeting
                else no_draft,
                sv(hit.excerpt),
            )
            for hit in hits
        ),
    )
