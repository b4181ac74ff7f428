"""`{% answer_rows %}`: the rows of the coordinators' list of answers on the meeting page
(participation/_participation.html), a page of administrations with every seat of each.

Written here rather than by a template loop: a page holds a hundred seats or so, and a loop
that includes the answer and the checkbox partials and translates per row cost more than
everything else on the page. The output is what those partials wrote
(participation/_answer.html, forms/_row_checkbox.html); every value is escaped.
"""

import html

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.content_language import CONTENT_LANGUAGE, interface_is_swedish

register = template.Library()


def _escape(text: str) -> str:
    """Django's `escape` for a plain string: `html.escape` behind a lazy-string wrapper,
    which cost more than the escaping for a page of a hundred seats."""
    return html.escape(text)


def answer_html(attendance, written: dict | None = None) -> str:
    """One person's answer as participation/_answer.html writes it. `written`: the answers
    written so far in this list (most rows read alike: each is translated once)."""
    if written is not None:
        key = (
            None
            if attendance is None
            else (attendance.answer, attendance.tentative, attendance.source, attendance.comment)
        )
        if key not in written:
            written[key] = answer_html(attendance)
        return written[key]
    html: str
    if attendance is not None and attendance.answer:
        html = conditional_escape(attendance.get_answer_display())
        if attendance.tentative:
            html += f" ({conditional_escape(_('preliminärt i Outlook'))})"
        elif attendance.source == "outlook":
            via = conditional_escape(_("svar från Outlook"))
            html += f' <span class="meeting-meta">({via})</span>'
    elif attendance is not None and attendance.tentative:
        html = conditional_escape(_("Preliminärt i Outlook"))
    else:
        html = conditional_escape(_("Inget svar"))
    if attendance is not None and attendance.comment:
        comment: str = escape(attendance.comment)
        if not interface_is_swedish():
            comment = f'<span lang="{CONTENT_LANGUAGE}">{comment}</span>'
        html += f'<br><q class="answer-comment">{comment}</q>'
    return html


@register.simple_tag
def answer_rows(groups, page, attendance_open, appended=False) -> SafeString:
    """A `<tr>` per seat of each administration in `groups`, the administration's name
    heading its rows; `attendance_open`: a "present" checkbox per seat; `appended` (the rows
    "Visa fler" adds): the first row announces how many are shown and takes the focus."""
    swedish = interface_is_swedish()
    present_label = _("%(name)s var där")
    roles: dict = {}  # role code -> its label as the list writes it, translated once a list
    written: dict = {}
    rows = []
    for group_index, group in enumerate(groups):
        name: str = _escape(group.administration.name)
        if not swedish and name:
            name = f'<span lang="{CONTENT_LANGUAGE}">{name}</span>'
        first_group = appended and group_index == 0
        for seat_index, seat in enumerate(group.seats):
            appointment = seat.appointment
            person = appointment.person
            full_name = _escape(person.full_name)
            row = ["<tr"]
            if first_group and seat_index == 0:
                announce = _("Visar 1–%(last)s av %(total)s förvaltningar.") % {
                    "last": page.end_index(),
                    "total": page.paginator.count,
                }
                row.append(f' data-announce="{escape(announce)}"')
            row.append(">\n                ")
            if seat_index == 0:
                focus = ' tabindex="-1" data-focus' if first_group else ""
                row.append(f'<th scope="rowgroup" rowspan="{len(group.seats)}"{focus}>{name}</th>')
            if appointment.role not in roles:
                roles[appointment.role] = conditional_escape(
                    str(appointment.get_role_display()).lower()
                )
            role = roles[appointment.role]
            answer = answer_html(seat.attendance, written)
            row.append(
                f'\n                <td>{full_name} <span class="meeting-meta">({role})</span></td>'
                f"\n                <td>{answer}</td>\n                "
            )
            if attendance_open:
                pk = _escape(str(person.pk))
                label = present_label % {"name": full_name}
                checked = " checked" if seat.attendance and seat.attendance.attended else ""
                row.append(
                    f'<td><input type="hidden" name="seat" value="{pk}">'
                    f'<input type="checkbox" name="present" value="{pk}" id="present-{pk}"'
                    f'{checked} data-form-field="present"> '
                    f'<label for="present-{pk}" class="visually-hidden">{label}</label></td>'
                )
            row.append("\n              </tr>")
            rows.append("".join(row))
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)


@register.simple_tag
def answer_counts_html(counts, attendance_open) -> SafeString:
    """The counts above the list (participation/_participation.html): how many
    administrations come, do not and have not answered, once the meeting has begun
    (`attendance_open`) how many were ticked present, absent or not at all, and how many
    there are. The texts are the template's own, unescaped as `{% translate %}` writes them."""

    def number(value) -> str:
        return _escape(str(localize(value)))

    ticked = ""
    if attendance_open:
        ticked = (
            f'\n        <dt>{_("Närvarande")}</dt><dd data-count="present">'
            f"{number(counts.present)}</dd>\n"
            f'        <dt>{_("Frånvarande")}</dt><dd data-count="absent">'
            f"{number(counts.absent)}</dd>\n"
            f'        <dt>{_("Inte avprickade")}</dt><dd data-count="not-ticked">'
            f"{number(counts.not_ticked)}</dd>\n        "
        )
    total = ngettext(
        "%(total)s förvaltning i nätverket. De som inte har svarat står först.",
        "%(total)s förvaltningar i nätverket. De som inte har svarat står först.",
        counts.total,
    ) % {"total": number(counts.total)}
    heading = _("Förvaltningarnas svar")
    return mark_safe(  # noqa: S308 (our texts; the numbers are escaped)
        f'\n      <h3 class="h-small" id="answer-counts-heading">{heading}</h3>\n'
        '      <dl class="facts" id="answer-counts" aria-labelledby="answer-counts-heading">\n'
        f'        <dt>{_("Kommer")}</dt><dd data-count="coming">{number(counts.coming)}</dd>\n'
        f'        <dt>{_("Kommer inte")}</dt><dd data-count="not-coming">'
        f"{number(counts.not_coming)}</dd>\n"
        f'        <dt>{_("Har inte svarat")}</dt><dd data-count="not-answered">'
        f"{number(counts.not_answered)}</dd>\n"
        f"        {ticked}\n      </dl>\n      <p>{total}</p>\n      "
    )
