"""The coordinators' table of a consultation's responses, its rows written out in Python.

A consultation asks every administration (hundreds in a large organisation), and a template
row of three cells with a translation and a date costs tens of microseconds: the rows cost
more than the rest of the page. The markup is the template's own.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import long_date
from meetings.models import ConsultationResponse


def response_rows(responses: list[ConsultationResponse]) -> SafeString:
    """A row per asked administration: its name, whether and when it answered, and who
    marked the answer sent."""
    not_answered = format_html("<strong>{}</strong>", gettext("Inte svarat"))
    sent = gettext("Skickat %(when)s")
    return format_html_join(
        "\n",
        '<tr>\n  <th scope="row">{}</th>\n  <td>{}</td>\n  <td>{}</td>\n</tr>',
        (
            (
                sv(response.administration.name),
                sent % {"when": long_date(response.sent_at)} if response.is_sent else not_answered,
                (response.sent_by.full_name if response.sent_by else "") or "–",
            )
            for response in responses
        ),
    )
