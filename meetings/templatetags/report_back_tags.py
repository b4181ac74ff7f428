"""Template tags for the report-back pack's partials on shared pages (meeting page, dashboard),
so those pages need one include line and no change to their views."""

from django import template

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
