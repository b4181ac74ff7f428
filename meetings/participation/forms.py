from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Attendance, Meeting
from networks.submissions import OnceForm
from representatives.models import Appointment
from representatives.rules import current_seats


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Ditt svar"),
        choices=Attendance.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett svar."), "invalid_choice": _("Välj ett svar.")},
        help_text=_("Väljer du ”Ersättare kommer” får din förvaltnings ersättare e-post om mötet."),
    )

    @property
    def focus_value(self) -> str:
        """The choice that takes the focus after an htmx swap: the checked one, else the first
        (the value sent was not one of the choices, or none was sent)."""
        value = self["answer"].value()
        values = [str(choice) for choice, _label in Attendance.Answer.choices]
        return value if value in values else values[0]


def may_send_substitute(user, meeting: Meeting) -> bool:
    """Whether the person is the representative of an administration in the meeting's network:
    only they may answer "Ersättare kommer" (participation.answer refuses anyone else)."""
    return any(
        seat.network_id == meeting.network_id and seat.role == Appointment.Role.REPRESENTATIVE
        for seat in current_seats(user)
    )


def answer_form_for(
    meeting: Meeting, data=None, *, person=None, offer_substitute: bool | None = None
) -> AnswerForm:
    """The answer form of one meeting, with ids of its own (several share a page), showing the
    person's saved answer (`meeting.own_attendance`, set by the view) when not bound.

    A substitute (`person` given, not the representative) is not offered "Ersättare kommer":
    the choice is left out of what is shown, while the field still takes it, so a page that
    offered it earlier gets the rule's own words ("Bara representanten kan skicka
    ersättaren.") rather than "Välj ett svar.". `offer_substitute` says it when the caller
    already knows the person's seat."""
    own = getattr(meeting, "own_attendance", None)
    form = AnswerForm(
        data,
        auto_id=f"answer-{meeting.pk}-%s",
        initial={"answer": own.answer if own is not None and own.answer else None},
    )
    if offer_substitute is None:
        offer_substitute = person is None or may_send_substitute(person, meeting)
    if not offer_substitute:
        field = form.fields["answer"]
        field.widget.choices = [
            choice
            for choice in Attendance.Answer.choices
            if choice[0] != Attendance.Answer.SUBSTITUTE_COMING
        ]
        field.help_text = ""
    return form


class InvitationForm(OnceForm):
    full_name = forms.CharField(label=_("Kollegans namn"), max_length=200)
    email = forms.EmailField(label=_("Kollegans e-postadress"))
    reason = forms.CharField(
        label=_("Varför kollegan bjuds in"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Står i inbjudan, till exempel vad kollegan kan bidra med under temat."),
    )


class AttendanceForm(forms.Form):
    """Who was there: the coordinator ticks people among the network's current seats."""

    present = forms.TypedMultipleChoiceField(
        label=_("Närvarande"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(p.pk, p.full_name) for p in people]  # type: ignore[attr-defined]
