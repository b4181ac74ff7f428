"""The answer form written in Python on Mina nätverk (meetings/participation/rows.py) is the
`answer-form` partial it stands in for, byte for byte, for every state of the saved answer, with
and without "Ersättare kommer", in both languages; where it cannot write the form (a bound
form, the htmx answer to an answer) the partial does."""

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from meetings.models import Attendance
from meetings.participation.forms import answer_form_for
from meetings.participation.rows import answer_form_html
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
