"""The network contact list's rows, written in Python: the template row (an include for the
history link, its `{% url %}`, a role's label, a date) was most of the page.
tests/representatives/test_rows.py holds them to the template row they replaced."""

from collections.abc import Iterable
from typing import Any, cast

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv
from representatives.models import Appointment

# A key no seat has, put in the reversed history URL once per page and replaced by each row's.
_MARKER = 987_654_321_987_654_321


def contact_rows(appointments: Iterable[Any], page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of seats (with their person and administration); for htmx's
    "Visa fler" the first announces the page and takes the focus. Empty for no seats."""
    roles = dict(Appointment.Role.choices)
    before, after = reverse("object_history", args=["uppdrag", _MARKER]).split(str(_MARKER))
    history = _("Ändringshistorik")  # as {% translate %} writes it: not escaped
    rows = []
    for n, appointment in enumerate(appointments):
        announce = focus = ""
        if htmx and n == 0:
            # As {% blocktranslate %} writes it: its values escaped, the text not.
            announce = ' data-announce="{}"'.format(
                _("Visar 1–%(last)s av %(total)s uppdrag.")
                % {
                    "last": escape(localize(page.end_index())),
                    "total": escape(localize(page.paginator.count)),
                }
            )
            focus = ' tabindex="-1" data-focus'
        person = appointment.person
        name = person.full_name
        hidden = (
            f'<span class="visually-hidden">: {conditional_escape(cast(str, sv(name)))}</span>'
            if name
            else ""
        )
        day = appointment.start_date
        scope = linebreaksbr(appointment.mandate_scope, autoescape=True) or "–"
        url = escape(f"{before}{int(appointment.pk)}{after}")
        rows.append(
            f"<tr{announce}>"
            f'<th scope="row"{focus}>'
            f"{conditional_escape(cast(str, sv(appointment.administration.name)))}</th>"
            f"<td>{escape(roles.get(appointment.role, appointment.role))}</td>"
            f'<td>{escape(name)}<br><a class="history-link" href="{url}">{history}{hidden}</a></td>'
            f'<td><a href="mailto:{escape(person.email)}">{escape(person.email)}</a></td>'
            f"<td>{day.isoformat() if day else ''}</td>"
            f"<td>{conditional_escape(scope)}</td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (all escaped)
