"""The seats' sections of Mina nätverk and each meeting's answer form, written out in Python.

Mina nätverk shows each coming meeting with its answer form (the `answer-form` partial of
templates/meetings/participation/my_networks.html, with forms/_segmented.html): as a partial
and an include with a form's bound field, each cost about half a millisecond, more than the
rest of the meeting's row. The markup is the partial's own for a form as the list shows it
(not bound: no errors, no answer just saved, no focus to put back; without the help
text);
tests/participation/test_answer_form_rows.py renders both and compares them. Every value is
escaped, as the template's autoescaping did.
"""

import html
from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext

from config.content_language import interface_is_swedish, sv_text
from config.dates import long_date
from config.reversing import pk_url
from meetings.participation.forms import AnswerForm
from meetings.templatetags.answer_rows import answer_html
from representatives.models import Appointment

_e = html.escape


def answer_form_html(meeting, *, csrf_token: str, next_path: str) -> str:
    """The `answer-form` partial for `meeting.answer_form`, a form not bound: the choices it
    offers, the saved answer (`meeting.own_attendance`) checked, and under them the answer
    when it came from Outlook or is tentative. `csrf_token` is the page's token (the
    context's), `next_path` the page's path with its query."""
    form: AnswerForm = meeting.answer_form
    field = form["answer"]
    pk = int(meeting.pk)
    url = pk_url("attendance_answer", pk)
    checked = field.value()
    choices = []
    for index, (value, label) in enumerate(field.field.widget.choices):
        radio_id = f"answer-{pk}-answer_{index}"
        mark = " checked" if checked is not None and str(value) == str(checked) else ""
        choices.append(
            f'<span class="segmented-option"><input type="radio" id="{radio_id}" '
            f'name="answer" value="{_e(str(value))}"{mark}><label for="{radio_id}">'
            f"{_e(str(label))}</label></span>"
        )
    own = getattr(meeting, "own_attendance", None)
    status = (
        f'<p class="answer-status">{answer_html(own)}\n</p>'
        if own is not None and (own.tentative or own.source == "outlook")
        else ""
    )
    theme = meeting.theme_title
    hidden = (
        f' <span class="visually-hidden">{sv_text(theme, interface_is_swedish())}</span>'
        if theme
        else ""
    )
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(str(csrf_token))}">'
        if csrf_token and csrf_token != "NOTPROVIDED"
        else ""
    )
    return (
        f'\n<form method="post" action="{url}" class="answer-form" id="answer-{pk}"\n'
        f'      hx-post="{url}" hx-trigger="change delay:400ms, submit" '
        'hx-sync="this:replace"\n'
        '      hx-target="this" hx-swap="outerHTML">\n'
        f"  {csrf}\n"
        f'  <input type="hidden" name="next" value="{_e(next_path)}">\n'
        "  \n"
        f'  \n<fieldset class="segmented" id="answer-{pk}-answer">\n'
        f"  <legend>{gettext('Kommer du?')}{hidden}</legend>\n"
        '  <div class="segmented-options">\n'
        f"    {''.join(choices)}\n"
        "  </div>\n"
        "  \n"
        "  \n"
        "</fieldset>\n"
        "\n"
        f'\n  <button type="submit" class="button-secondary" id="answer-{pk}-save">'
        f"{gettext('Spara svar')}</button>\n"
        f"  {status}\n"
        "</form>\n"
    )


# Each role's name, translated when read (get_role_display translates every choice).
ROLES = dict(Appointment.Role.choices)


def seat_sections(
    appointments,
    *,
    csrf_token: str,
    next_path: str,
    card: Callable[..., str],
    answer_form: Callable[..., str],
) -> str:
    """The loop of templates/meetings/participation/my_networks.html over the person's seats
    (as tests/participation/test_answer_form_rows.py keeps it): a section per seat with its
    network, role, links, coming meetings (`appointment.upcoming`, each with its card, answer
    form and "Mer") and the network's theme wishes. `card(meeting, 4)` writes a meeting's card
    (meetings/pages/cards.py: the pages feature reads this one, not the other way round);
    `answer_form(meeting)` a form `answer_form_html` cannot (a bound one): the partial."""
    if not appointments:
        text = gettext("Du har inget aktuellt uppdrag som representant eller ersättare.")
        return f"\n  <p>{text}</p>\n"
    swedish = interface_is_swedish()
    words = {
        "since": gettext("%(role)s för %(administration)s sedan %(date)s."),
        "question": gettext("Registrera en fråga från ledningsgruppen"),
        "questions": gettext("Förvaltningens frågor"),
        "coming": gettext("Kommande möten"),
        "none": gettext("Inga kommande möten är publicerade."),
        "more": gettext("Mer"),
        "participation": gettext("Svaret och deltagandet på mötets sida"),
        "invite": gettext("Bjud in en kollega"),
        "wishes": gettext("Temaförslag till %(code)s: föreslå teman och stöd andras förslag"),
    }
    # The words are the template's `{% translate %}`s: a translation is written as it is (its
    # literal is safe), only the values put into it are escaped.
    sections = []
    for appointment in appointments:
        network = appointment.network
        code, lower = network.code, network.code.lower()
        since = words["since"] % {
            "role": _e(str(ROLES.get(appointment.role, appointment.role))),
            "administration": sv_text(appointment.administration.name, swedish),
            "date": _e(long_date(appointment.start_date)),
        }
        if appointment.upcoming:
            rows = "".join(
                _rsvp_row(meeting, words, swedish, csrf_token, next_path, card, answer_form)
                for meeting in appointment.upcoming
            )
            upcoming = f'\n    <ul class="rsvp-list">\n    {rows}\n    </ul>\n    '
        else:
            upcoming = f"\n      <p>{words['none']}</p>\n    "
        wishes = words["wishes"] % {"code": _e(code)}
        sections.append(
            f'\n  <section class="panel seat-panel" aria-labelledby="my-{appointment.pk}">\n'
            f'    <h2 id="my-{appointment.pk}"><a href="{_e(network.get_absolute_url())}">'
            f"{sv_text(network.name, swedish)} ({_e(code)})</a></h2>\n"
            f"    <p>{since}</p>\n"
            f'    <p class="question-links"><a href="'
            f'{_e(reverse("question_create", args=[lower]))}">{words["question"]}</a> · '
            f'<a href="{_e(reverse("network_questions", args=[lower]))}">'
            f"{words['questions']}</a></p>\n\n"
            f'    <h3 class="h-small">{words["coming"]}</h3>\n'
            f"    {upcoming}\n"
            f'    <p><a href="{_e(reverse("theme_suggestions", args=[lower]))}">{wishes}</a></p>\n'
            "\n  </section>\n"
        )
    return "".join(sections)


def _rsvp_row(meeting, words, swedish, csrf_token, next_path, card, answer_form) -> str:
    more = ""
    if meeting.is_published:
        form = (
            answer_form_html(meeting, csrf_token=csrf_token, next_path=next_path)
            if not meeting.answer_form.is_bound
            else answer_form(meeting)
        )
        theme = sv_text(meeting.theme_title, swedish)
        url = pk_url("meeting_detail", meeting.pk)
        more = (
            f"\n          {form}\n"
            '          <details class="rsvp-more">\n'
            f"            <summary>{words['more']}"
            f'<span class="visually-hidden">: {theme}</span></summary>\n'
            "            <ul>\n"
            f'              <li><a href="{url}#participation">{words["participation"]}</a></li>\n'
            f'              <li><a href="{pk_url("invitation_create", meeting.pk)}">'
            f"{words['invite']}</a></li>\n"
            "            </ul>\n"
            "          </details>\n        "
        )
    return (
        '\n      <li class="rsvp-row">\n'
        f"        {card(meeting, 4)}\n"
        f"        {more}\n"
        "      </li>\n    "
    )
