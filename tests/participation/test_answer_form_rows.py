"""Mina nätverk written in Python (meetings/participation/rows.py) is the template it stands in
for, byte for byte, in both languages: the answer form is the `answer-form` partial for every
state of the saved answer, with and without "Ersättare kommer" (where it cannot write the form,
a bound form or the htmx answer to an answer, the partial does), and the seats' sections are the
template's loop over the seats."""

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from meetings.models import Attendance
from meetings.pages.cards import meeting_summary
from meetings.participation.forms import answer_form_for
from meetings.participation.rows import answer_form_html, seat_sections
from meetings.participation.workflow import upcoming_for_appointments
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db

PARTIAL = "meetings/participation/my_networks.html#answer-form"
# A token and a path that need escaping, so that an unescaped value would show.
TOKEN = "tok<en>&"
PATH = "/mina-natverk/?att-gora=2&x=%22y"

# The saved answer: none, each answer, a tentative one from Outlook, an answer from Outlook
# with a comment, and an empty answer (a row without a choice).
STATES = [
    None,
    {"answer": Attendance.Answer.COMING},
    {"answer": Attendance.Answer.NOT_COMING},
    {"answer": Attendance.Answer.SUBSTITUTE_COMING},
    {"answer": "", "tentative": True, "source": Attendance.Source.OUTLOOK},
    {"answer": Attendance.Answer.COMING, "tentative": True, "source": Attendance.Source.OUTLOOK},
    {
        "answer": Attendance.Answer.NOT_COMING,
        "source": Attendance.Source.OUTLOOK,
        "comment": "Krockar <med> & ledningsgruppen",
    },
    {"answer": ""},
]


def _meeting(neh, person, administration, theme: str, state: dict | None, offer: bool):
    meeting = factories.make_meeting(neh, theme_title=theme)
    own = None
    if state is not None:
        own = Attendance.objects.create(
            meeting=meeting, person=person, administration=administration, **state
        )
    meeting.own_attendance = own
    meeting.answer_form = answer_form_for(meeting, offer_substitute=offer)
    return meeting


def _request():
    request = RequestFactory().get(PATH)
    assert request.get_full_path() == PATH
    return request


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("offer", [True, False])
@pytest.mark.parametrize("theme", ["Klimat & <hav>", ""])
def test_python_answer_form_is_the_partial(
    neh, representative, administration, language, offer, theme
):
    request = _request()
    for state in STATES:
        meeting = _meeting(neh, representative, administration, theme, state, offer)
        with translation.override(language):
            expected = get_template(PARTIAL).render(
                {"meeting": meeting, "csrf_token": TOKEN}, request
            )
            written = answer_form_html(meeting, csrf_token=TOKEN, next_path=PATH)
        assert written == expected, state
    assert "tok&lt;en&gt;&amp;" in written and "att-gora=2&amp;x=%22y" in written
    assert ("substitute_coming" in written) is offer


def test_the_saved_answer_is_checked_and_outlooks_shown(neh, representative, administration):
    meeting = _meeting(neh, representative, administration, "Tema", STATES[6], True)
    written = answer_form_html(meeting, csrf_token=TOKEN, next_path=PATH)
    assert 'value="not_coming" checked>' in written
    assert written.count(" checked") == 1
    assert '<p class="answer-status">' in written and "Krockar &lt;med&gt;" in written


TAG = "{% load answer_forms %}{% answer_form meeting as written %}{{ written }}"


def test_the_tag_leaves_a_bound_form_and_the_htmx_answer_to_the_partial(
    neh, representative, administration
):
    meeting = _meeting(neh, representative, administration, "Tema", None, True)
    request = _request()
    context = {"meeting": meeting, "request": request, "csrf_token": TOKEN}
    written = Template(TAG).render(Context(context))
    assert written == answer_form_html(meeting, csrf_token=TOKEN, next_path=PATH)
    for name in ("answer_saved", "answer_focus", "full_answer"):
        assert Template(TAG).render(Context(context | {name: True})) == ""
    meeting.answer_form = answer_form_for(meeting, {"answer": "maybe"})
    assert Template(TAG).render(Context(context)) == ""


def test_my_networks_writes_each_form_as_the_partial(client, representative, neh):
    """The page's rows: the forms the tag wrote carry the page's own token."""
    factories.make_meeting(neh, theme_title="Giftfri förskola")
    factories.make_meeting(neh, days_ahead=60, theme_title="Solel")
    client.force_login(representative)
    page = client.get("/mina-natverk/").content.decode()
    forms = page.split('class="answer-form"')[1:]
    assert len(forms) == 2
    header = page[page.index('"X-CSRFToken": "') + 16 :]
    header = header[: header.index('"')]
    for form in forms:
        form = form[: form.index("</form>")]
        assert f'name="csrfmiddlewaretoken" value="{header}"' in form


# The loop over the seats as templates/meetings/participation/my_networks.html had it, with
# the two templates it included (meetings/questions/_seat_link.html,
# meetings/wishes/_my_network_wishes.html) in their places and the answer form by its own tag
# (held to the partial above).
TEMPLATE_SECTIONS = """{% load i18n meeting_cards answer_forms %}{% for appointment in appointments %}
  <section class="panel seat-panel" aria-labelledby="my-{{ appointment.pk }}">
    <h2 id="my-{{ appointment.pk }}"><a href="{{ appointment.network.get_absolute_url }}">{{ appointment.network.name|sv }} ({{ appointment.network.code }})</a></h2>
    <p>{% blocktranslate trimmed with role=appointment.get_role_display administration=appointment.administration.name|sv date=appointment.start_date|long_date %}
      {{ role }} för {{ administration }} sedan {{ date }}.
    {% endblocktranslate %}</p>
    <p class="question-links"><a href="{% url 'question_create' appointment.network.code|lower %}">{% translate "Registrera en fråga från ledningsgruppen" %}</a> · <a href="{% url 'network_questions' appointment.network.code|lower %}">{% translate "Förvaltningens frågor" %}</a></p>

    <h3 class="h-small">{% translate "Kommande möten" %}</h3>
    {% if appointment.upcoming %}
    <ul class="rsvp-list">
    {% for meeting in appointment.upcoming %}
      <li class="rsvp-row">
        {% meeting_summary meeting 4 %}
        {% if meeting.is_published %}
          {% answer_form meeting as written %}{{ written }}
          <details class="rsvp-more">
            <summary>{% translate "Mer" %}<span class="visually-hidden">: {{ meeting.theme_title|sv }}</span></summary>
            <ul>
              <li><a href="{{ meeting.get_absolute_url }}#participation">{% translate "Svaret och deltagandet på mötets sida" %}</a></li>
              <li><a href="{% url 'invitation_create' meeting.pk %}">{% translate "Bjud in en kollega" %}</a></li>
            </ul>
          </details>
        {% endif %}
      </li>
    {% endfor %}
    </ul>
    {% else %}
      <p>{% translate "Inga kommande möten är publicerade." %}</p>
    {% endif %}
    <p><a href="{% url 'theme_suggestions' appointment.network.code|lower %}">{% blocktranslate with code=appointment.network.code %}Temaförslag till {{ code }}: föreslå teman och stöd andras förslag{% endblocktranslate %}</a></p>

  </section>
{% empty %}
  <p>{% translate "Du har inget aktuellt uppdrag som representant eller ersättare." %}</p>
{% endfor %}"""  # noqa: E501


def _sections_context(person, neh, nsh, administration):
    """Two seats (one without coming meetings), meetings published (one answered, one without
    a theme), planned and cancelled; names that need escaping."""
    from meetings.models import Meeting

    type(neh).objects.filter(pk=neh.pk).update(name="Ekologi & <hav>")
    type(administration).objects.filter(pk=administration.pk).update(name="Miljö & <co>")
    factories.make_appointment(person, administration, nsh, role=Appointment.Role.SUBSTITUTE)
    answered = factories.make_meeting(neh, theme_title="Klimat & <hav>")
    Attendance.objects.create(meeting=answered, person=person, answer="not_coming")
    factories.make_meeting(neh, days_ahead=40, theme_title="")
    factories.make_meeting(neh, days_ahead=50, status=Meeting.Status.CANCELLED)
    factories.make_meeting(neh, days_ahead=60, status=Meeting.Status.PLANNED)
    neh.coordinators.add(person)  # sees the planned one
    person = type(person).objects.get(pk=person.pk)
    from meetings.todo.items import current_appointments

    appointments = current_appointments(person)
    meetings = upcoming_for_appointments(person, appointments)
    for appointment in appointments:
        appointment.upcoming = meetings[appointment.network_id]
        for meeting in appointment.upcoming:
            meeting.answer_form = answer_form_for(
                meeting, offer_substitute=appointment.role == Appointment.Role.REPRESENTATIVE
            )
    assert len(appointments) == 2 and len(appointments[0].upcoming) == 4
    assert appointments[1].upcoming == []
    return appointments


@pytest.mark.parametrize("language", ["sv", "en"])
def test_python_seat_sections_are_the_template_loop(
    neh, nsh, representative, administration, language
):
    appointments = _sections_context(representative, neh, nsh, administration)
    request = _request()
    context = {"appointments": appointments, "request": request, "csrf_token": TOKEN}
    with translation.override(language):
        expected = Template(TEMPLATE_SECTIONS).render(Context(context))
        written = seat_sections(
            appointments,
            csrf_token=TOKEN,
            next_path=PATH,
            card=meeting_summary,
            answer_form=lambda m: "unused",
        )
    assert written == expected
    assert "Miljö &amp; &lt;co&gt;" in written and "Ekologi &amp; &lt;hav&gt;" in written
    assert written.count('class="answer-form"') == 2  # the published meetings
    assert 'value="not_coming" checked' in written
    with translation.override(language):
        empty = Template(TEMPLATE_SECTIONS).render(Context(context | {"appointments": []}))
        none = seat_sections([], csrf_token=TOKEN, next_path=PATH, card=str, answer_form=str)
        assert none == empty


def test_a_bound_form_in_the_sections_is_the_partials(neh, nsh, representative, administration):
    appointments = _sections_context(representative, neh, nsh, administration)
    meeting = appointments[0].upcoming[0]
    meeting.answer_form = answer_form_for(meeting, {"answer": "maybe"})
    request = _request()
    context = {"appointments": appointments, "request": request, "csrf_token": TOKEN}
    page = Template("{% load answer_forms %}{% seat_sections appointments %}").render(
        Context(context)
    )
    expected = get_template(PARTIAL).render({"meeting": meeting, "csrf_token": TOKEN}, request)
    assert expected in page and "has-error" in expected
