"""`{% follow_up_section %}`: the "Uppföljning" section (minutes/_follow_up.html) written in
Python (`FollowUp.section_html`): it is on every agenda and meeting page, and its template's
translations and tags cost more than its rows."""

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_up_section(context) -> SafeString:
    """The section for the context's `follow_up`, linked to the network's actions for those
    who coordinate (`can_coordinate`) or manage the agenda (`can_manage`); `follow_up_live`:
    on a published version, where the list is said to be live."""
    follow_up = context.get("follow_up")
    if not follow_up:
        return SafeString("")
    return follow_up.section_html(
        context["meeting"].network.code,
        live=bool(context.get("follow_up_live")),
        linked=bool(context.get("can_coordinate") or context.get("can_manage")),
    )
