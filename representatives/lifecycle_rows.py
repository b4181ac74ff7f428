"""The rows of the people to deactivate, written in Python: two reversed URLs, a date, a form
and a translation per person in a template loop cost more than reading the list.
tests/representatives/test_rows.py holds them to the template loop they replaced, in both
languages."""

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from config.dates import long_date
from config.paging import announced
from config.reversing import pk_urls


def people_rows(people: Iterable[Any], page: Any, announce: bool, csrf_token: str) -> SafeString:
    """The `<tr>`s of a page of people (with `last_appointment_ended`): name, address, when
    their last appointment ended, and the form deactivating them. For htmx's "Visa fler"
    (`announce`) the first announces the page and takes the focus."""
    url = pk_urls("person_deactivate")
    token = escape(csrf_token)
    button = escape(gettext("Avaktivera"))
    rows = []
    for n, person in enumerate(people):
        said = focus = ""
        if announce and n == 0:
            said = announced(gettext("Visar 1–%(last)s av %(total)s personer."), page)
            focus = ' tabindex="-1" data-focus'
        name = escape(person.full_name)
        action = escape(url(person.pk))
        rows.append(
            f"\n          <tr{said}>\n            <td{focus}>{name}</td>\n"
            f"            <td>{escape(person.email)}</td>\n"
            f"            <td>{escape(long_date(person.last_appointment_ended))}</td>\n"
            f'            <td>\n              <form method="post" action="{action}"'
            f' hx-post="{action}" hx-target="#people" hx-swap="outerHTML">\n'
            f'                <input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
            f'                <input type="hidden" name="confirm" value="ja">\n'
            f'                <button type="submit" class="button-secondary">{button}'
            f'<span class="visually-hidden"> – {name}</span></button>\n'
            f"              </form>\n            </td>\n          </tr>\n        "
        )
    return mark_safe("".join(rows))  # noqa: S308 (all escaped)
