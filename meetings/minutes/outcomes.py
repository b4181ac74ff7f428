"""What publishing the minutes does to the management groups' questions on the agenda.

A question travels to a meeting on an agenda item (`Question.agenda_item`). When the minutes of
the meeting are published and the item's entry has an outcome, the question is moved along by
the questions' own steps (meetings/questions/steps.py), with the publishing coordinator as the
actor:
"on the agenda" → "dealt with" (at the item's meeting) → "outcome" (the entry's outcome), both
steps on the trail. A question already dealt with at this meeting only gets its outcome. A
question in any other state (answered in writing, referred, dealt with at another meeting) is
left as it is: its owners decide.

Corrections (version 2 and later): an outcome already recorded on a question is never rewritten
(it may already have gone back to the management group). If the corrected minutes say something
else, and the item's outcome changed since the version corrected, the question's trail gets a
note with the corrected outcome and the version number; its state is unchanged. A question that
had no outcome in the earlier version moves along as above.
"""

from django.utils.translation import gettext as _

from meetings.models import Meeting, MinutesVersion, Question
from meetings.questions import steps as questions

State = Question.State
HAS_OUTCOME = (State.OUTCOME, State.REPORTED_BACK, State.CLOSED)


def _outcomes(version: MinutesVersion | None) -> dict[int, str]:
    if version is None:
        return {}
    return {
        entry["agenda_item"]: entry["outcome"].strip()
        for entry in version.content.get("entries", [])
        if entry.get("outcome", "").strip()
    }


def carry_outcomes(
    meeting: Meeting, by, version: MinutesVersion, previous: MinutesVersion | None = None
) -> list[Question]:
    """Move the questions on the meeting's agenda items with an outcome in `version`; returns
    the questions that changed (state or trail). `previous` is the version it corrects: a note
    is written only where the item's outcome changed since then. Raises
    `questions.QuestionError` (the caller rolls back the publishing)."""
    outcomes = _outcomes(version)
    before = _outcomes(previous)
    if not outcomes:
        return []
    carried = (
        Question.objects.filter(agenda_item_id__in=outcomes, agenda_item__meeting=meeting)
        .select_related("network", "agenda_item")
        .order_by("pk")
    )
    changed = []
    for question in carried:
        outcome = outcomes[question.agenda_item_id]  # type: ignore[index]
        if question.state == State.ON_AGENDA:
            note = _("Behandlad enligt minnesanteckningarna, version %(number)s.") % {
                "number": version.number
            }
            question = questions.deal_with(question, by, meeting, note=note)
        if question.state == State.DEALT_WITH and question.meeting_id == meeting.pk:
            changed.append(questions.record_outcome(question, by, outcome))
        elif (
            question.state in HAS_OUTCOME
            and question.meeting_id == meeting.pk
            and question.outcome.strip() != outcome
            and before.get(question.agenda_item_id) != outcome  # type: ignore[arg-type]
        ):
            note = _(
                "Minnesanteckningarna rättades i version %(number)s. Utfallet där lyder nu: "
                "%(outcome)s"
            ) % {"number": version.number, "outcome": outcome}
            questions.note_on_trail(question, by, note, meeting=meeting)
            changed.append(question)
    return changed
