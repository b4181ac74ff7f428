"""Mina nätverk written in Python (meetings/participation/rows.py):
`{% seat_sections appointments %}`, the section of each seat with its coming meetings, and
`{% answer_form meeting as written %}`, a meeting's answer form, or "" where the `answer-form`
partial must write it: a bound form (its errors) or the htmx answer to an answer (the focus to
put back, the answer just saved, the help text)."""

from django import template
from django.utils.safestring import SafeString

from meetings.pages.cards import meeting_summary
from meetings.participation.rows import answer_form_html
from meetings.participation.rows import seat_sections as _seat_sections

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


ANSWER_FORM = "meetings/participation/my_networks.html#answer-form"


@register.simple_tag(takes_context=True)
def seat_sections(context, appointments) -> SafeString:
    def partial(meeting) -> str:
        """A form the Python cannot write (a bound one), by the partial."""
        with context.push(meeting=meeting):
            return context.template.engine.get_template(ANSWER_FORM).render(context)

    return SafeString(
        _seat_sections(
            appointments,
            csrf_token=context.get("csrf_token", ""),
            next_path=context["request"].get_full_path(),
            card=meeting_summary,
            answer_form=partial,
        )
    )
