"""The contact list's rows written in Python (representatives/rows.py) are the template row
they replaced, in both languages, as a page and as htmx's "Visa fler"."""

import re
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from representatives.models import Appointment
from representatives.rows import contact_rows
from tests import factories

pytestmark = pytest.mark.django_db

# The row as templates/representatives/network_contacts.html wrote it in its loop.
TEMPLATE_ROWS = """{% load i18n %}{% for appointment in appointments %}
        <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} uppdrag.{% endblocktranslate %}"{% endif %}>
          <th scope="row"{% if request.htmx and forloop.first %} tabindex="-1" data-focus{% endif %}>{{ appointment.administration.name|sv }}</th>
          <td>{{ appointment.get_role_display }}</td>
          <td>{{ appointment.person.full_name }}<br>{% include "meetings/history/_link.html" with key="uppdrag" pk=appointment.pk title=appointment.person.full_name %}</td>
          <td><a href="mailto:{{ appointment.person.email }}">{{ appointment.person.email }}</a></td>
          <td>{{ appointment.start_date|date:"Y-m-d" }}</td>
          <td>{{ appointment.mandate_scope|linebreaksbr|default:"–" }}</td>
        </tr>
{% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_python_rows_are_the_template_rows(
    neh, administration, other_administration, language, htmx
):
    factories.make_appointment(
        factories.make_user("rut@example.org", "Rut Ro"), administration, neh
    )
    factories.make_appointment(
        factories.make_user("o&r@example.org", "Olle <O'Brien>"),
        other_administration,
        neh,
        role=Appointment.Role.SUBSTITUTE,
        mandate_scope="Klimat & <energi>\nandra raden",
    )
    seats = list(
        Appointment.objects.current()
        .filter(network=neh)
        .select_related("person", "administration")
        .order_by("administration__name", "role")
    )
    assert len(seats) >= 2
    page = Paginator(seats, 20).page(1)
    with translation.override(language):
        context = {"appointments": seats, "page": page, "request": SimpleNamespace(htmx=htmx)}
        expected = Template(TEMPLATE_ROWS).render(Context(context))
        written = contact_rows(seats, page, htmx)
    assert _normalised(written) == _normalised(expected)
    assert "Olle &lt;O&#x27;Brien&gt;" in written
    assert written.count("<tr") == len(seats)


# The active administrations' row as templates/representatives/administration_list.html wrote it.
ACTIVE_TEMPLATE_ROWS = """{% load i18n %}{% for administration in page.object_list %}
      <tr{% if request.htmx and forloop.first %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} förvaltningar.{% endblocktranslate %}"{% endif %}>
        <th scope="row"{% if request.htmx and forloop.first %} tabindex="-1" data-focus{% endif %}>{{ administration.name|sv }}{% with merged=administration.merged_from.all %}{% if merged %}<br><span class="helptext">{% translate "Sammanslagna hit:" %} {{ merged|join:", "|sv }}</span>{% endif %}{% endwith %}</th>
        <td>{{ administration.short_name|sv }}</td>
        <td>{% if administration.director %}{{ administration.director.full_name|default:administration.director.email|sv }}{% else %}–{% endif %}</td>
        <td>
          <a href="{% url 'administration_edit' administration.pk %}">{% translate "Byt namn" %}<span class="visually-hidden">: {{ administration.name|sv }}</span></a>
          · <a href="{% url 'administration_merge' administration.pk %}">{% translate "Slå samman" %}<span class="visually-hidden">: {{ administration.name|sv }}</span></a>
          · <a href="{% url 'administration_deactivate' administration.pk %}">{% translate "Inaktivera" %}<span class="visually-hidden">: {{ administration.name|sv }}</span></a>
          · {% include "meetings/history/_link.html" with key="forvaltning" pk=administration.pk title=administration.name %}
        </td>
      </tr>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_active_administration_rows_are_the_template_rows(
    administration, other_administration, language, htmx
):
    from representatives.models import Administration
    from representatives.rows import active_administration_rows

    Administration.objects.create(
        name="Gamla <kontoret> & co", is_active=False, merged_into=administration
    )
    Administration.objects.create(name="Kultur & fritid", short_name="K&F")
    rows = (
        Administration.objects.filter(is_active=True)
        .select_related("merged_into", "director")
        .prefetch_related("merged_from")
        .order_by("name", "pk")
    )
    page = Paginator(rows, 20).page(1)
    with translation.override(language):
        context = {"page": page, "request": SimpleNamespace(htmx=htmx)}
        expected = Template(ACTIVE_TEMPLATE_ROWS).render(Context(context))
        written = active_administration_rows(page.object_list, page, htmx)
    assert _normalised(written) == _normalised(expected)
    assert "Gamla &lt;kontoret&gt; &amp; co" in written
    assert written.count("<tr") == len(page.object_list) >= 3


# The rows as templates/representatives/people_to_deactivate.html wrote them in its loop.
TEMPLATE_PEOPLE = """{% load i18n %}{% for person in people %}
          <tr{% if request.htmx and forloop.first and request.method == "GET" %} data-announce="{% blocktranslate with last=page.end_index total=page.paginator.count %}Visar 1–{{ last }} av {{ total }} personer.{% endblocktranslate %}"{% endif %}>
            <td{% if request.htmx and forloop.first and request.method == "GET" %} tabindex="-1" data-focus{% endif %}>{{ person.full_name }}</td>
            <td>{{ person.email }}</td>
            <td>{{ person.last_appointment_ended|long_date }}</td>
            <td>
              <form method="post" action="{% url 'person_deactivate' person.pk %}" hx-post="{% url 'person_deactivate' person.pk %}" hx-target="#people" hx-swap="outerHTML">
                {% csrf_token %}
                <input type="hidden" name="confirm" value="ja">
                <button type="submit" class="button-secondary">{% translate "Avaktivera" %}<span class="visually-hidden"> – {{ person.full_name }}</span></button>
              </form>
            </td>
          </tr>
        {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("htmx", [False, True])
def test_python_people_rows_are_the_template_rows(nsh, language, method, htmx):
    """The people to deactivate written in Python (`people_rows`) are what the template loop
    wrote: names and addresses to escape, as a page and as htmx's "Visa fler" (a GET) or a
    deactivation (a POST, which announces nothing)."""
    import datetime

    from representatives.lifecycle import people_to_deactivate
    from representatives.lifecycle_rows import people_rows

    for name, email, day in [
        ('Åsa "Ö" <Öberg>', "asa&o@example.org", datetime.date(2025, 3, 1)),
        ("Bo Bengtsson", "bo@example.org", datetime.date(2024, 12, 31)),
    ]:
        factories.make_appointment(
            factories.make_user(email, name),
            factories.make_administration(),
            nsh,
            start_date=datetime.date(2024, 1, 1),
            end_date=day,
        )
    people = list(people_to_deactivate())
    assert len(people) == 2
    page = Paginator(people, 1).page(1)
    request = SimpleNamespace(htmx=htmx, method=method)
    with translation.override(language):
        context = Context(
            {"people": people, "page": page, "request": request, "csrf_token": "tok&en"}
        )
        expected = Template(TEMPLATE_PEOPLE).render(context)
        written = people_rows(people, page, htmx and method == "GET", "tok&en")
        assert written == expected
    assert ("data-announce" in expected) == (htmx and method == "GET")
    assert "&lt;Öberg&gt;" in expected and 'value="tok&amp;en"' in expected
