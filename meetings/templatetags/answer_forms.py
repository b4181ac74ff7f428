"""`{% answer_form meeting as written %}`: a meeting's answer form on Mina nätverk, written in
Python (meetings/participation/rows.py), or "" where the `answer-form` partial must write it:
a bound form (its errors) or the htmx answer to an answer (the focus to put back, the answer
just saved, the help text)."""

from django import template
from django.utils.safestring import SafeString

from meetings.participation.rows import answer_form_html

register = template.Library()


@register.simple_tag(takes_context=True)
def answer_form(context, meeting) -> SafeString:
    form = meeting.answer_form
    if form.is_bound or any(
        context.get(name) for name in ("answer_saved", "answer_focus", "full_answer")
    ):
        return SafeString("")
    request = context["request"]
    return SafeString(
        answer_form_html(
            meeting, csrf_token=context.get("csrf_token", ""), next_path=request.get_full_path()
        )
    )
