"""`{% agenda_section %}`: the published agenda on the meeting page (agenda/_agenda.html,
which calls it, and the list that was agenda/_agenda_list.html) written in Python: a dozen
items, each with a few filters and translations, and the section's own, cost the meeting page
more than reading them.
tests/agenda/test_agenda_section.py holds this to the templates it replaced, in both
languages. The texts are the templates' own, unescaped as `{% translate %}` writes them;
every value is escaped."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.content_language import sv
from config.dates import long_date

register = template.Library()


def _text(value) -> str:
    """`{{ value }}` under autoescaping (a number localized as the template does)."""
    return str(conditional_escape(localize(value)))


def _get(item, name: str):
    """`item.name` as a template reads it: a snapshot's key, or an item's attribute; missing
    is empty."""
    if isinstance(item, dict):
        return item.get(name, "")
    return getattr(item, name, "")


def agenda_list(items) -> str:
    """The list (what agenda/_agenda_list.html wrote): the items, each with its kind, time,
    presenter, whether it is a management group's question, its description and a goal
    follow-up's figures."""
    question = _("fråga från ledningsgrupp")
    rows = []
    for item in items:
        minutes = _get(item, "minutes")
        meta = f"{_text(_get(item, 'kind_label'))} · " + ngettext(
            "%(minutes)s minut", "%(minutes)s minuter", minutes
        ) % {"minutes": _text(minutes)}
        if presenter := _get(item, "presenter"):
            meta += f" · {_text(sv(presenter))}"
        if _get(item, "is_management_question"):
            meta += f" · {question}"
        description = _get(item, "description")
        described = (
            f"<p>{_text(sv(linebreaksbr(description, autoescape=True)))}</p>" if description else ""
        )
        figures = _get(item, "goal_figures")
        rows.append(
            "\n    <li>\n"
            f'      <span class="agenda-title">{_text(sv(_get(item, "title")))}</span>\n'
            f'      <span class="agenda-meta">{meta}</span>\n'
            f"      {described}\n"
            f"      {figures.agenda_html() if figures else ''}\n"
            "    </li>\n  "
        )
    return f'<ol class="agenda">\n  {"".join(rows)}\n</ol>\n'


@register.simple_tag(takes_context=True)
def agenda_section(context) -> SafeString:
    """The section for the context's `meeting`: its published `agenda` (`agenda_version`,
    `agenda_minutes`) or that there is none, and the links to manage it (`can_coordinate`)
    or to propose an item (`can_propose`)."""
    meeting = context["meeting"]
    agenda = context.get("agenda")
    version = context.get("agenda_version")
    if agenda:
        line = ""
        if version:
            number = version.number
            published = _("Version %(number)s, publicerad %(date)s.") % {
                "number": _text(number),
                "date": _text(long_date(version.published_at)),
            }
            current = conditional_escape(reverse("agenda_current", args=[meeting.pk]))
            read = (
                _("Se dagordningen och vad som har ändrats")
                if number > 1
                else _("Dagordningen för utskrift")
            )
            line = (
                f'\n      <p class="agenda-version-line">{published}\n'
                f'        <a href="{current}">{read}</a></p>\n    '
            )
        total = _("Sammanlagt %(total)s av mötets %(length)s minuter.") % {
            "total": _text(context.get("agenda_minutes", "")),
            "length": _text(meeting.duration_minutes),
        }
        body = f"\n    {line}\n    {agenda_list(agenda)}\n    <p>{total}</p>\n  "
    else:
        body = f"\n    <p>{_('Dagordningen är inte publicerad ännu.')}</p>\n  "
    can_coordinate, can_propose = context.get("can_coordinate"), context.get("can_propose")
    links = ""
    if can_coordinate or can_propose:
        manage = ""
        if can_coordinate:
            url = conditional_escape(reverse("agenda_manage", args=[meeting.pk]))
            manage = f'<li><a class="button" href="{url}">{_("Hantera dagordningen")}</a></li>'
        propose = ""
        if can_propose and meeting.is_published and not meeting.is_past:
            url = conditional_escape(reverse("agenda_proposals", args=[meeting.pk]))
            secondary = " button-secondary" if can_coordinate else ""
            propose = (
                f'<li><a class="button{secondary}" href="{url}">{_("Föreslå en punkt")}</a></li>'
            )
        links = f'\n    <ul class="action-links">\n      {manage}\n      {propose}\n    </ul>\n  '
    return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
        '<section aria-labelledby="agenda">\n'
        f'  <h2 id="agenda">{_("Dagordning")}</h2>\n'
        f"  {body}\n  {links}\n</section>"
    )


@register.simple_tag
def agenda_changes(changes) -> SafeString:
    """What changed between two versions of an agenda (agenda/_agenda_changes.html, which
    calls this; `versions.Changes`): added, removed, moved, retimed and edited items, or that
    nothing did."""
    if not changes:
        return mark_safe(f"<p>{_('Inga ändringar.')}</p>")  # noqa: S308 (our text)

    def title(item) -> str:
        return _text(sv(_get(item, "title")))

    def line(kind: str, label: str, item, more: str = "") -> str:
        return f'<li><span class="change change-{kind}">{label}</span> {title(item)}{more}</li>'

    added, removed, moved = _("Ny punkt"), _("Borttagen"), _("Flyttad")
    retimed, edited = _("Ny tid"), _("Ändrad")
    groups = [
        "".join(
            line(
                "added",
                added,
                item,
                " (" + _("plats %(position)s") % {"position": _text(_get(item, "position"))} + ")",
            )
            for item in changes.added
        ),
        "".join(line("removed", removed, item) for item in changes.removed),
        "".join(
            line(
                "moved",
                moved,
                item,
                " ("
                + _("plats %(old)s → %(new)s")
                % {
                    "old": _text(_get(item, "old_position")),
                    "new": _text(_get(item, "position")),
                }
                + ")",
            )
            for item in changes.moved
        ),
        "".join(
            line(
                "time",
                retimed,
                item,
                " ("
                + _("%(old)s → %(new)s minuter")
                % {"old": _text(_get(item, "old_minutes")), "new": _text(_get(item, "minutes"))}
                + ")",
            )
            for item in changes.time_changed
        ),
        "".join(line("edited", edited, item) for item in changes.edited),
    ]
    body = "\n  ".join(groups)
    return mark_safe(  # noqa: S308 (our texts; every value above is escaped)
        f'<ul class="agenda-changes">\n  {body}\n</ul>'
    )
