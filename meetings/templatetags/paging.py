"""`{% page_url n %}`: this page's address with `page=n`, keeping the other query parameters
(a list's filters), for the plain "Visa fler" links that work without JavaScript."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int, param: str = "page") -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()
