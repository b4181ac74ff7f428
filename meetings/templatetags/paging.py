"""`{% page_url n %}`: this page's address with `page=n`, keeping the other query parameters
(a list's filters), for the plain "Visa fler" links that work without JavaScript; and
`{% more_pager %}`, the pager paging/_more.html writes."""

from django import template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int, param: str = "page") -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def more_pager(context) -> SafeString:
    """paging/_more.html's pager, written here: its three translations with numbers and its
    links cost a list page a good part of a millisecond as template tags. Reads the include's
    context: `page`, `more_id`, `param` (default `page`), `columns` (the pager is then a table's
    last row). tests/project/test_more_pager.py compares it with the template it replaced."""
    request = context["request"]
    page, more_id = context["page"], escape(context["more_id"])
    param = context.get("param") or "page"
    columns = context.get("columns")
    htmx = getattr(request, "htmx", False)
    last, total = escape(localize(page.end_index())), escape(localize(page.paginator.count))
    # As `{% blocktranslate %}` writes it: the values localized and escaped, the text not.
    if htmx:
        shown = _("Visar 1–%(last)s av %(total)s.") % {"last": last, "total": total}
    else:
        first = escape(localize(page.start_index()))
        shown = _("Visar %(first)s–%(last)s av %(total)s.") % {
            "first": first,
            "last": last,
            "total": total,
        }
    links = ""
    if page.has_next():
        url = escape(page_url(context, page.next_page_number(), param))
        links += (
            f'<a href="{url}" hx-get="{url}" hx-target="#{more_id}" hx-swap="outerHTML">'
            f"{_('Visa fler')}</a>"
        )
    links += "\n  "
    if page.has_previous() and not htmx:
        url = escape(page_url(context, page.previous_page_number(), param))
        links += f'<a href="{url}">{_("Föregående")}</a>'
    body = f"\n  <p>{shown}\n  {links}</p>\n"
    if columns:
        return mark_safe(  # noqa: S308 (every value is escaped)
            f'<tr id="{more_id}" class="paging"><td colspan="{escape(columns)}">{body}</td></tr>'
        )
    label = escape(_("Bläddra i listan"))
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<nav class="paging" id="{more_id}" aria-label="{label}">{body}</nav>'
    )
