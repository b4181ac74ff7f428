"""The search's hits written in Python: a page holds up to twenty hits of each of seven kinds,
and each hit as a template row (a title with its fallback, a badge, a date twice, an excerpt,
each marked Swedish on an English page) cost more than finding it. tests/search/test_rows.py
holds these rows to the template's, in Swedish and English."""

import html
from collections.abc import Iterable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from config.content_language import Swedish
from config.dates import long_date
from meetings.search.engine import Hit


def hit_rows(hits: Iterable[Hit]) -> SafeString:
    """Each hit as an `<li>` of the search page's list."""
    swedish = Swedish()
    draft = f' <span class="badge">{html.escape(gettext("Utkast, inte publicerat"))}</span>'
    untitled = html.escape(gettext("Utan rubrik"))
    rows = []
    for hit in hits:
        when = ""
        if hit.meeting:
            starts_at = hit.meeting.starts_at
            when = (
                f' · <time datetime="{html.escape(timezone.localtime(starts_at).isoformat())}">'
                f"{html.escape(long_date(starts_at))}</time>"
            )
        title = swedish(hit.title) if hit.title else untitled
        rows.append(
            "\n      <li>\n"
            f'        <h4><a href="{html.escape(hit.url)}">{title}</a>'
            f"{draft if hit.draft else ''}</h4>\n"
            f'        <p class="meeting-meta">{html.escape(hit.network_code)}{when}</p>\n'
            f'        <p class="search-excerpt">{swedish(hit.excerpt)}</p>\n'
            "      </li>"
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped or already safe)
