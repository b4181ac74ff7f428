"""Labels for the codes a published version of the minutes stores (roles, answers, action
statuses), rendered in the reader's language when the version is shown."""

from django import template

from meetings.models import ActionItem, Attendance
from representatives.models import Appointment

register = template.Library()


def _label(choices, code: str) -> str:
    # An unknown code is shown as stored rather than hidden.
    return str(dict(choices).get(code, code))


@register.filter
def role_label(code: str) -> str:
    return _label(Appointment.Role.choices, code)


@register.filter
def answer_label(code: str) -> str:
    return _label(Attendance.Answer.choices, code)


@register.filter
def action_status_label(code: str) -> str:
    return _label(ActionItem.Status.choices, code)
