"""A meeting's card (its theme linked, when, how and where) and the start page's panel of each
network with its next meetings, written in Python.

The card is on the start page, Mina nätverk and a network's pages, up to a dozen a page, and
as an included template each cost about half a millisecond. The markup is the template's own
(tests/pages/test_cards.py compares them).
"""

import html

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import interface_is_swedish, sv_text
from config.dates import when
from config.reversing import pk_url
from meetings.models import Meeting

# Written with f-strings and `html.escape` (Django's `format_html` escapes through a lazy-string
# wrapper per value); every value is escaped as the template's autoescaping did.
_e = html.escape


def meeting_summary(meeting: Meeting, level: int = 3) -> SafeString:
    """The card, its heading at `level` (one below the heading it sits under)."""
    swedish = interface_is_swedish()
    cancelled = meeting.is_cancelled
    place = f" · {sv_text(meeting.place, swedish)}" if meeting.place else ""
    planned = (
        f'<span class="badge">{_e(gettext("Planerat, inte publicerat"))}</span>'
        if meeting.status == Meeting.Status.PLANNED
        else ""
    )
    theme = (
        sv_text(meeting.theme_title, swedish)
        if meeting.theme_title
        else _e(gettext("Temat är inte publicerat ännu"))
    )
    return SafeString(
        f'<article class="meeting-card{" is-cancelled" if cancelled else ""}">\n'
        f'  <h{level}><a href="{pk_url("meeting_detail", meeting.pk)}">'
        f"{_e(gettext('INSTÄLLT:')) + ' ' if cancelled else ''}{theme}</a></h{level}>\n"
        '  <p class="meeting-meta">\n'
        f'    <time datetime="{timezone.localtime(meeting.starts_at).isoformat()}">'
        f"{_e(when(meeting.starts_at, meeting.ends_at))}</time>\n"
        f"    · {_e(str(FORMATS.get(meeting.format, meeting.format)))}{place}\n"
        f"    {planned}\n"
        "  </p>\n"
        "</article>"
    )


# Each format's name, translated when read (get_format_display translates every choice).
FORMATS = dict(Meeting.Format.choices)


def network_panels(networks) -> SafeString:
    """The start page's loop over the networks (`network.next_meetings` set by the view): a
    panel per network, its name linked, and its next meetings' cards, as
    templates/meetings/pages/home.html wrote it (tests/pages/test_cards.py compares them)."""
    swedish = interface_is_swedish()
    # `{% translate %}` writes a translation as it is (its literal is safe).
    coming = gettext("Kommande möten")
    none = f"\n        <p>{gettext('Inga kommande möten är publicerade.')}</p>\n      "
    panels = []
    for network in networks:
        code = _e(network.code)
        meetings = network.next_meetings
        cards = (
            "".join(f"\n        {meeting_summary(meeting, 4)}\n      " for meeting in meetings)
            if meetings
            else none
        )
        panels.append(
            f'\n    <section class="panel" aria-labelledby="network-{code}">\n'
            f'      <h2 id="network-{code}"><a href="{_e(network.get_absolute_url())}">'
            f"{sv_text(network.name, swedish)} ({code})</a></h2>\n"
            f'      <h3 class="h-small">{coming}</h3>\n'
            f"      {cards}\n"
            "    </section>\n  "
        )
    return SafeString("".join(panels))
