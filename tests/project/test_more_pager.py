"""`{% more_pager %}` (meetings/templatetags/paging.py) writes what paging/_more.html's tags
wrote before it: every page of a list, by htmx or not, in a table or not, with another query
parameter and other filters kept, in Swedish and English."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

# templates/paging/_more.html as it was.
TEMPLATE = """{% load i18n paging %}{# The pager under a paged list. Needs `page` and `more_id` (unique on the page); `param`: the page's query parameter (`page` unless the page has two paged lists); `columns`: the pager is the last row of a table with that many columns. "Visa fler" is a plain link to the next page that htmx turns into "add the next rows here": the answer is the next rows and a new pager in this one's place; the first new row takes the focus and the live region says how many are shown (the rows carry data-focus and data-announce). #}{% if columns %}<tr id="{{ more_id }}" class="paging"><td colspan="{{ columns }}">{% else %}<nav class="paging" id="{{ more_id }}" aria-label="{% translate 'Bläddra i listan' %}">{% endif %}
  <p>{% if request.htmx %}{% blocktranslate with last=page.end_index total=page.paginator.count trimmed %}Visar 1–{{ last }} av {{ total }}.{% endblocktranslate %}{% else %}{% blocktranslate with first=page.start_index last=page.end_index total=page.paginator.count trimmed %}Visar {{ first }}–{{ last }} av {{ total }}.{% endblocktranslate %}{% endif %}
  {% if page.has_next %}{% page_url page.next_page_number param|default:'page' as next_url %}<a href="{{ next_url }}" hx-get="{{ next_url }}" hx-target="#{{ more_id }}" hx-swap="outerHTML">{% translate "Visa fler" %}</a>{% endif %}
  {% if page.has_previous and not request.htmx %}<a href="{% page_url page.previous_page_number param|default:'page' %}">{% translate "Föregående" %}</a>{% endif %}</p>
{% if columns %}</td></tr>{% else %}</nav>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("columns", [None, "4"])
@pytest.mark.parametrize("param", [None, "forvaltningar"])
def test_pager_is_what_the_template_wrote(language, htmx, columns, param):
    paginator = Paginator(list(range(2345)), 20)
    for number in (1, 2, 60, paginator.num_pages):
        request = RequestFactory().get("/lista/", {"q": "a&b <c>", param or "page": number})
        request.htmx = htmx
        context = {
            "request": request,
            "page": paginator.page(number),
            "more_id": "more-<x>",
            "param": param,
            "columns": columns,
        }
        with translation.override(language):
            old = Template(TEMPLATE).render(Context(context))
            new = Template('{% include "paging/_more.html" %}').render(Context(context))
        assert new == old
        assert ("Visa fler" in new or "Show more" in new) == (number < paginator.num_pages)
