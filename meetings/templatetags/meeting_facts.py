"""The meeting page's sections written in Python: `{% meeting_facts %}` (its time, form,
place, link, work areas, when its theme was published, the theme and the coordinators' edit
button: coordination/_meeting_facts.html) and `{% meeting_coordination %}` (the coordinators'
panel: coordination/_meeting_coordination.html). A few dozen template tags and filters on
every meeting page cost more than the rest of the sections; tests/coordination/
test_meeting_facts.py holds these to the templates they replaced, in both languages. The
texts are the templates' own, unescaped as `{% translate %}` writes them; every value is
escaped."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.content_language import sv
from config.dates import clock, long_date, when
from meetings.templatetags.follow_up_section import follow_up_section

register = template.Library()


def _text(value) -> str:
    """`{{ value }}` under autoescaping."""
    return str(conditional_escape(value))


def _iso(moment) -> str:
    """`{{ moment|date:'c' }}`."""
    return _text(date_filter(template_localtime(moment), "c"))


@register.simple_tag(takes_context=True)
def meeting_facts(context) -> SafeString:
    """The section for the context's `meeting`, its `work_areas`, `can_coordinate`; `updated`
    (after an edit, by htmx: the page's title replaced too) and `announce`."""
    meeting = context["meeting"]
    updated = context.get("updated")
    announce = context.get("announce")
    parts = ['<div id="meeting-facts-section">\n']
    if updated:
        title = (
            _text(sv(meeting.theme_title))
            if meeting.theme_title
            else _("Temat är inte publicerat ännu")
        )
        parts.append(f'<h1 id="meeting-title" hx-swap-oob="true">{title}</h1>')
    parts.append("\n")
    if announce:
        text = _text(announce)
        parts.append(f'<p class="message message-success" data-announce="{text}">{text}</p>')
    parts.append(
        '\n<dl class="facts">\n'
        f"  <dt>{_('Tid')}</dt>\n"
        f'  <dd><time datetime="{_iso(meeting.starts_at)}">{_text(when(meeting.starts_at))}'
        f'</time>–<time datetime="{_iso(meeting.ends_at)}">{_text(clock(meeting.ends_at))}'
        f"</time> ({_text(meeting.term)})</dd>\n"
        f"  <dt>{_('Mötesform')}</dt>\n"
        f"  <dd>{_text(meeting.get_format_display())}</dd>\n  "
    )
    if meeting.place:
        parts.append(f"<dt>{_('Plats')}</dt><dd>{_text(sv(meeting.place))}</dd>")
    parts.append("\n  ")
    if meeting.online_url:
        url = _text(meeting.online_url)
        parts.append(
            f'<dt>{_("Länk")}</dt><dd><a href="{url}" rel="noopener noreferrer">{url}</a></dd>'
        )
    areas = list(context.get("work_areas") or [])
    if areas:
        archived = _("arkiverat")
        listed = "; ".join(
            _text(sv(area.name)) + (f" ({archived})" if area.is_archived else "") for area in areas
        )
    else:
        listed = _("Inga angivna")
    parts.append(f"\n  <dt>{_('Arbetsområden')}</dt>\n  <dd>{listed}</dd>\n  ")
    if meeting.published_at:
        days = meeting.theme_days_ahead
        ahead = ngettext("%(days)s dag före mötet", "%(days)s dagar före mötet", days) % {
            "days": _text(localize(days))
        }
        parts.append(
            f"\n    <dt>{_('Tema publicerat')}</dt>\n"
            f'    <dd><time datetime="{_iso(meeting.published_at)}">'
            f"{_text(long_date(meeting.published_at))}</time>, {ahead}</dd>\n  "
        )
    parts.append("\n</dl>\n\n")
    if meeting.theme_description:
        description = _text(sv(linebreaksbr(meeting.theme_description, autoescape=True)))
        parts.append(
            '\n  <section aria-labelledby="theme">\n'
            f'    <h2 id="theme">{_("Om temat")}</h2>\n'
            f"    <p>{description}</p>\n  </section>\n"
        )
    parts.append("\n")
    if context.get("can_coordinate") and not meeting.is_cancelled:
        edit = _text(reverse("meeting_edit", args=[meeting.pk]))
        focus = " data-focus" if updated else ""
        parts.append(
            f'\n  <p><a class="button button-secondary" id="edit-meeting" href="{edit}" '
            f'hx-get="{edit}" hx-target="#meeting-facts-section" hx-swap="outerHTML"{focus}>'
            f"{_('Redigera mötet')}</a></p>\n"
        )
    parts.append("\n</div>")
    return mark_safe("".join(parts))  # noqa: S308 (our texts; every value above is escaped)


@register.simple_tag(takes_context=True)
def meeting_coordination(context) -> SafeString:
    """The coordinators' panel (`can_coordinate`) for the context's `meeting`: when its theme
    is due or was published late, publishing, moving or cancelling it, its history, the
    network's overview."""
    if not context.get("can_coordinate"):
        return SafeString("")
    meeting = context["meeting"]
    pk = meeting.pk
    days = meeting.network.theme_lead_days
    count = {"days": _text(localize(days))}
    planned = meeting.status == "planned"
    if planned:
        notice = (
            "<p>"
            + ngettext(
                "Temat ska publiceras minst %(days)s dag före mötet.",
                "Temat ska publiceras minst %(days)s dagar före mötet.",
                days,
            )
            % count
            + "</p>"
        )
    elif meeting.theme_published_late:
        notice = (
            '<p class="notice notice-warning">'
            + ngettext(
                "Temat publicerades senare än %(days)s dag före mötet.",
                "Temat publicerades senare än %(days)s dagar före mötet.",
                days,
            )
            % count
            + "</p>"
        )
    else:
        notice = ""
    if notice:
        notice = f"\n    {notice}\n  "
    publish = ""
    if planned:
        publish = (
            f'<li><a class="button" href="{_text(reverse("meeting_publish", args=[pk]))}">'
            f"{_('Publicera temat')}</a></li>"
        )
    change = ""
    if meeting.status == "published" and not meeting.is_past:
        change = (
            '\n      <li><a class="button button-secondary" href="'
            f'{_text(reverse("meeting_reschedule", args=[pk]))}">{_("Flytta mötet")}</a></li>\n'
            '      <li><a class="button button-secondary" href="'
            f'{_text(reverse("meeting_cancel", args=[pk]))}">{_("Ställ in mötet")}</a></li>\n    '
        )
    history = _text(reverse("object_history", args=["mote", pk]))
    overview = _text(reverse("coordination_dashboard", args=[meeting.network.code.lower()]))
    return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
        '\n<section aria-labelledby="coordination" class="panel coordinator-panel">\n'
        f'  <h2 id="coordination" class="h-small">{_("Samordning")}</h2>\n  {notice}\n'
        f'  <ul class="action-list">\n    {publish}\n    {change}\n'
        f'    <li><a class="history-link" href="{history}">{_("Ändringshistorik")}</a>\n</li>\n'
        f'    <li><a href="{overview}">{_("Samordnarens översikt")}</a></li>\n'
        "  </ul>\n</section>\n"
    )


@register.simple_tag(takes_context=True)
def meeting_minutes(context) -> SafeString:
    """The meeting page's "Uppföljning" (`follow_up_section`) and, for a held meeting, its
    minutes: the published version's link (`minutes_version`) or that there is none, and
    for coordinators the editor and the network's actions (minutes/_meeting_minutes.html)."""
    follow_up = follow_up_section(context)
    meeting = context["meeting"]
    if not meeting.is_past or meeting.is_cancelled:
        return mark_safe(f"{follow_up}\n")  # noqa: S308 (our render)
    pk = meeting.pk
    version = context.get("minutes_version")
    if version:
        url = _text(reverse("minutes_detail", args=[pk]))
        read = _("Läs minnesanteckningarna (version %(number)s, publicerad %(date)s)") % {
            "number": _text(localize(version.number)),
            "date": _text(long_date(version.published_at)),
        }
        shown = f'\n    <p><a href="{url}">{read}</a></p>\n  '
    else:
        shown = f"\n    <p>{_('Minnesanteckningarna är inte publicerade ännu.')}</p>\n  "
    links = ""
    if context.get("can_coordinate"):
        edit = _text(reverse("minutes_edit", args=[pk]))
        actions = _text(reverse("action_list", args=[meeting.network.code.lower()]))
        write = _("Rätta minnesanteckningarna") if version else _("Skriv minnesanteckningarna")
        links = (
            f'<ul class="action-links"><li><a class="button" href="{edit}">{write}</a></li>'
            f'<li><a class="button button-secondary" href="{actions}">'
            f"{_('Nätverkets åtgärder')}</a></li></ul>"
        )
    return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
        f'{follow_up}\n<section aria-labelledby="minutes-heading">\n'
        f'  <h2 id="minutes-heading">{_("Minnesanteckningar")}</h2>\n'
        f"  {shown}\n  {links}\n</section>"
    )
