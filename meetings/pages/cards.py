"""A meeting's card (its theme linked, when, how and where), written in Python.

The card is on the start page, Mina nätverk and a network's pages, up to a dozen a page, and
as an included template each cost about half a millisecond. The markup is the template's own
(tests/pages/test_cards.py compares them).
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import when
from meetings.models import Meeting


def meeting_summary(meeting: Meeting, level: int = 3) -> SafeString:
    """The card, its heading at `level` (one below the heading it sits under)."""
    cancelled = meeting.is_cancelled
    place = format_html(" · {}", sv(meeting.place)) if meeting.place else ""
    planned = (
        format_html('<span class="badge">{}</span>', gettext("Planerat, inte publicerat"))
        if meeting.status == Meeting.Status.PLANNED
        else ""
    )
    return format_html(
        '<article class="meeting-card{}">\n'
        '  <h{}><a href="{}">{}{}</a></h{}>\n'
        '  <p class="meeting-meta">\n'
        '    <time datetime="{}">{}</time>\n'
        "    · {}{}\n"
        "    {}\n"
        "  </p>\n"
        "</article>",
        " is-cancelled" if cancelled else "",
        level,
        meeting.get_absolute_url(),
        gettext("INSTÄLLT:") + " " if cancelled else "",
        sv(meeting.theme_title) or gettext("Temat är inte publicerat ännu"),
        level,
        timezone.localtime(meeting.starts_at).isoformat(),
        when(meeting.starts_at, meeting.ends_at),
        FORMATS.get(meeting.format, meeting.format),
        place,
        planned,
    )


# Each format's name, translated when read (get_format_display translates every choice).
FORMATS = dict(Meeting.Format.choices)
