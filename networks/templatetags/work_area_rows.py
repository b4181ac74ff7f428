"""`{% work_area_rows %}`: the network's active work areas, one `<li>` each, on the network
page (networks/_work_areas.html), with the coordinators' tools (up, down, edit, archive).

Written here rather than by a template loop: for a coordinator each row held three forms,
seven `{% url %}`s, three CSRF fields and the name five times through `|sv`, which made the
section a good part of the network page. Each URL is reversed once a list
(config/reversing.py); the output is what the loop wrote (tests/coordination/test_work_area_rows.py
compares them, in Swedish and English)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv_html
from config.reversing import key_url

register = template.Library()

_HTMX = 'hx-target="#work-areas-section" hx-swap="outerHTML"'


@register.simple_tag(takes_context=True)
def work_area_rows(context) -> SafeString:
    """The `<li>`s of `work_areas`; with `can_coordinate`, each with its tools; `focus_pk` and
    `focus_target` (item, up or down) mark what takes the focus after a change."""
    areas = context.get("work_areas") or []
    can_coordinate = context.get("can_coordinate")
    focus_pk, focus_target = context.get("focus_pk"), context.get("focus_target")
    rows = []
    if can_coordinate:
        code = context["network"].code.lower()
        csrf = (
            '<input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{escape(str(context.get("csrf_token", "")))}">'
        )
        # As `{% translate %}` writes them: not escaped (the catalogue's own markup).
        up, down, edit, archive = _("Upp"), _("Ner"), _("Redigera"), _("Arkivera")
    for n, area in enumerate(areas):
        pk = int(area.pk)
        name = sv_html(area.name)
        focused = focus_pk == area.pk
        focus = " data-focus" if focused and focus_target == "item" else ""
        row = (
            f'<li id="work-area-{pk}" tabindex="-1"{focus}>\n'
            f'<span class="work-area-name">{name}</span>\n'
        )
        if can_coordinate:
            hidden = f'<span class="visually-hidden">: {name}</span>'
            move = escape(key_url("work_area_move", code, key=pk))
            edit_url = escape(key_url("work_area_edit", code, key=pk))
            archive_url = escape(key_url("work_area_archive", code, key=pk))
            first = " disabled" if n == 0 else ""
            last = " disabled" if n == len(areas) - 1 else ""
            focus_up = " data-focus" if focused and focus_target == "up" else ""
            focus_down = " data-focus" if focused and focus_target == "down" else ""
            row += (
                '<span class="work-area-tools">\n'
                f'<form method="post" action="{move}" hx-post="{move}" {_HTMX}>\n{csrf}\n'
                '<input type="hidden" name="direction" value="up">\n'
                f'<button type="submit" class="button-secondary" id="move-up-{pk}"'
                f"{first}{focus_up}>{up}{hidden}</button>\n</form>\n"
                f'<form method="post" action="{move}" hx-post="{move}" {_HTMX}>\n{csrf}\n'
                '<input type="hidden" name="direction" value="down">\n'
                f'<button type="submit" class="button-secondary" id="move-down-{pk}"'
                f"{last}{focus_down}>{down}{hidden}</button>\n</form>\n"
                f'<a href="{edit_url}">{edit}{hidden}</a>\n'
                f'<form method="post" action="{archive_url}" hx-post="{archive_url}" {_HTMX}>\n'
                f'{csrf}\n<button type="submit" class="button-secondary">{archive}{hidden}'
                "</button>\n</form>\n</span>\n"
            )
        rows.append(row + "</li>")
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)
