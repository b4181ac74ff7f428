"""Template tags for the report-back pack's partials on shared pages (meeting page, dashboard),
so those pages need one include line and no change to their views."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv_html
from meetings.report_back import pack as report_back
from networks.rules import is_coordinator

register = template.Library()


@register.simple_tag(takes_context=True)
def report_back_links(context, meeting):
    """For a held meeting: the packs the signed-in person may open, and whether they coordinate.

    Asks the database only for a held meeting."""
    request = context.get("request")
    if request is None or not meeting.is_held:
        return None
    user = request.user
    return {
        "administrations": report_back.readable_administrations(user, meeting),
        "coordinates": is_coordinator(user, meeting.network),
    }


@register.simple_tag
def report_back_summary(network):
    """The network's latest held meetings with how many administrations have presented."""
    return report_back.dashboard_summary(network)


@register.simple_tag
def my_report_backs(appointments):
    """The packs of recently held meetings for the person's current appointments."""
    return report_back.my_packs(appointments)


@register.simple_tag(takes_context=True)
def report_back_section(context) -> SafeString:
    """report_back/_meeting_links.html's section, written here (on every held meeting's
    page): the packs the signed-in person may open (`report_back_links`) and, for a
    coordinator, who has reported back. tests/report_back/test_rows.py holds it to the
    template it replaced. The texts are the template's own, unescaped as `{% translate %}`
    writes them; every value is escaped."""
    meeting = context["meeting"]
    packs = report_back_links(context, meeting)
    if not packs or not (packs["administrations"] or packs["coordinates"]):
        return SafeString("")
    rows = []
    for administration in packs["administrations"]:
        url = escape(reverse("report_back_pack", args=[meeting.pk, administration.pk]))
        name = sv_html(administration.name)
        text = _("Återrapport för %(name)s") % {"name": name}
        rows.append(f'\n      <li><a href="{url}">{text}</a></li>\n    ')
    status = ""
    if packs["coordinates"]:
        url = escape(reverse("report_back_status", args=[meeting.pk]))
        status = f'<li><a href="{url}">{_("Vilka förvaltningar har återrapporterat")}</a></li>'
    return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
        '\n<section aria-labelledby="report-back-heading" class="report-back-links">\n'
        f'  <h2 id="report-back-heading">{_("Återrapport till ledningsgruppen")}</h2>\n'
        f"  <ul>\n    {''.join(rows)}\n    {status}\n  </ul>\n</section>\n"
    )
