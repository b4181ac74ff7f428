"""The network contact list's rows, written in Python: the template row (an include for the
history link, its `{% url %}`, a role's label, a date) was most of the page.
tests/representatives/test_rows.py holds them to the template row they replaced."""

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv_html
from config.paging import announced
from config.reversing import key_url, pk_url
from representatives.models import Appointment


def contact_rows(appointments: Iterable[Any], page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of seats (with their person and administration); for htmx's
    "Visa fler" the first announces the page and takes the focus. Empty for no seats."""
    roles = {role: escape(str(label)) for role, label in Appointment.Role.choices}
    history = _("Ändringshistorik")  # as {% translate %} writes it: not escaped
    rows = []
    for n, appointment in enumerate(appointments):
        announce = focus = ""
        if htmx and n == 0:
            announce = announced(_("Visar 1–%(last)s av %(total)s uppdrag."), page)
            focus = ' tabindex="-1" data-focus'
        person = appointment.person
        name = person.full_name
        hidden = f'<span class="visually-hidden">: {sv_html(name)}</span>' if name else ""
        day = appointment.start_date
        scope = appointment.mandate_scope
        scope = linebreaksbr(scope, autoescape=True) if scope else "–"
        url = escape(key_url("object_history", "uppdrag", key=appointment.pk))
        rows.append(
            f"<tr{announce}>"
            f'<th scope="row"{focus}>'
            f"{sv_html(appointment.administration.name)}</th>"
            f"<td>{roles.get(appointment.role) or escape(appointment.role)}</td>"
            f'<td>{escape(name)}<br><a class="history-link" href="{url}">{history}{hidden}</a></td>'
            f'<td><a href="mailto:{escape(person.email)}">{escape(person.email)}</a></td>'
            f"<td>{day.isoformat() if day else ''}</td>"
            f"<td>{conditional_escape(scope)}</td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (all escaped)


def active_administration_rows(administrations: Iterable[Any], page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of active administrations (with their director and, prefetched,
    the administrations merged into them), as templates/representatives/administration_list.html
    wrote them; for htmx's "Visa fler" the first announces the page and takes the focus."""
    # As {% translate %} writes them: not escaped.
    merged_label, history = _("Sammanslagna hit:"), _("Ändringshistorik")
    rename, merge, deactivate = _("Byt namn"), _("Slå samman"), _("Inaktivera")
    rows = []
    for n, administration in enumerate(administrations):
        announce = focus = ""
        if htmx and n == 0:
            announce = announced(_("Visar 1–%(last)s av %(total)s förvaltningar."), page)
            focus = ' tabindex="-1" data-focus'
        pk = int(administration.pk)
        history_url = escape(key_url("object_history", "forvaltning", key=pk))
        name = sv_html(administration.name)
        hidden = f'<span class="visually-hidden">: {name}</span>'
        titled = hidden if administration.name else ""  # the history link's: only with a title
        merged = ""
        if merged_from := administration.merged_from.all():
            names = mark_safe(", ".join(conditional_escape(str(m)) for m in merged_from))  # noqa: S308
            merged = f'<br><span class="helptext">{merged_label} {sv_html(names)}</span>'
        director = administration.director
        who = sv_html(director.full_name or director.email) if director else "–"
        rows.append(
            f"<tr{announce}>"
            f'<th scope="row"{focus}>{name}{merged}</th>'
            f"<td>{sv_html(administration.short_name)}</td>"
            f"<td>{who}</td>"
            f'<td><a href="{escape(pk_url("administration_edit", pk))}">{rename}{hidden}</a>'
            f' · <a href="{escape(pk_url("administration_merge", pk))}">{merge}{hidden}</a>'
            f' · <a href="{escape(pk_url("administration_deactivate", pk))}">{deactivate}{hidden}'
            "</a>"
            f' · <a class="history-link" href="{history_url}">{history}'
            f"{titled}</a></td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (all escaped)
