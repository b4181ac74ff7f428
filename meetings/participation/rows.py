"""The answer form of a meeting on Mina nätverk, written out in Python.

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

from django.utils.translation import gettext

from config.content_language import interface_is_swedish, sv_text
from config.reversing import pk_url
from meetings.participation.forms import AnswerForm
from meetings.templatetags.answer_rows import answer_html

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
        f"  <legend>{_e(gettext('Kommer du?'))}{hidden}</legend>\n"
        '  <div class="segmented-options">\n'
        f"    {''.join(choices)}\n"
        "  </div>\n"
        "  \n"
        "  \n"
        "</fieldset>\n"
        "\n"
        f'\n  <button type="submit" class="button-secondary" id="answer-{pk}-save">'
        f"{_e(gettext('Spara svar'))}</button>\n"
        f"  {status}\n"
        "</form>\n"
    )
