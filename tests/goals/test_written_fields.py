"""The goal's action plan page writes its blank forms' long fields (the network's open actions,
every administration) once per their rows and language (meetings/goals/forms.py,
`written_field`): the same HTML as the template's include, and new HTML when a row changes."""

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.goals import forms
from tests import factories

pytestmark = pytest.mark.django_db

INCLUDE = '{% include "forms/_field.html" with field=form_field %}'


def _included(form, name: str) -> str:
    return Template(INCLUDE).render(Context({"form_field": form[name]}))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_written_fields_are_the_includes_and_follow_their_rows(
    goal, neh, administration, other_administration, language
):
    meeting = factories.make_meeting(neh, days_ahead=-10)
    action = factories.make_action(meeting, title="Åtgärd <ett> & två")
    factories.make_action(meeting, title="Klar", status="done")
    with translation.override(language):
        link = forms.GoalActionLinkForm(goal=goal)
        written = link.written_action()
        assert written == _included(forms.GoalActionLinkForm(goal=goal), "action")
        assert link.has_choices and "Åtgärd &lt;ett&gt; &amp; två" in written
        assert ("lang=" in written) == (language == "en")
        create = forms.GoalActionCreateForm(goal=goal)
        written_administrations = create.written_administrations()
        assert written_administrations == _included(
            forms.GoalActionCreateForm(goal=goal), "administrations"
        )
        assert administration.name in written_administrations

        # A changed row is another key: the field is written anew.
        action.title = "Ny titel"
        action.save()
        factories.make_action(meeting, title="Ännu en")
        administration.name = "Omdöpta förvaltningen"
        administration.save()
        again = forms.GoalActionLinkForm(goal=goal).written_action()
        assert again == _included(forms.GoalActionLinkForm(goal=goal), "action") != written
        assert "Ny titel" in again and "Ännu en" in again
        renamed = forms.GoalActionCreateForm(goal=goal).written_administrations()
        assert "Omdöpta förvaltningen" in renamed and renamed != written_administrations

        # Nothing to choose: no choices, as the field's queryset says.
        forms.open_actions(goal.work_area.network_id).delete()
        empty = forms.GoalActionLinkForm(goal=goal)
        empty.written_action()
        assert not empty.has_choices and not forms.GoalActionLinkForm(goal=goal).has_choices
