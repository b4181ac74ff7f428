"""Every view that changes a history-tracked record writes a history row, with the person who
posted it. The valid submission of each form in tests/security/bad_input.py is posted as its
role; each tracked model's new rows are then checked."""

import pytest
from django.test import Client

from meetings.models import (
    AgendaItem,
    ConsultationResponse,
    Document,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
    Minutes,
)
from networks.history import tracked_models
from networks.models import WorkArea
from representatives.models import Appointment
from tests.security.bad_input import FORMS
from tests.security.conftest import world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

# The view and the model whose history it must add to.
WRITES = {
    "appointment_create": Appointment,
    "document_create": Document,
    "consultation_response_mark": ConsultationResponse,
    "plan_term": Meeting,
    "meeting_edit": Meeting,
    "meeting_publish": Meeting,
    "meeting_reschedule": Meeting,
    "meeting_cancel": Meeting,
    "agenda_proposals": AgendaItem,
    "agenda_proposal_edit": AgendaItem,
    "agenda_triage": AgendaItem,
    "agenda_add": AgendaItem,
    "agenda_move": AgendaItem,
    "agenda_time": AgendaItem,
    "agenda_publish": Meeting,
    "minutes_edit": Minutes,
    "work_area_add": WorkArea,
    "work_area_edit": WorkArea,
    "goal_create": Goal,
    "goal_edit": Goal,
    "indicator_create": Indicator,
    "indicator_edit": Indicator,
    "indicator_value_record": IndicatorValue,
}


def _last_ids() -> dict[type, int]:
    return {
        model: model.history.order_by("-history_id").values_list("history_id", flat=True).first()
        or 0
        for model in tracked_models()
    }


@pytest.mark.parametrize("name", WRITES)
def test_each_view_writes_history_with_the_acting_person(
    name,
    world,  # noqa: F811 - the fixture imported above
    user_for_role,
    mailoutbox,
):
    form = FORMS[name]
    user = user_for_role(form.role)
    client = Client()
    client.force_login(user)
    before = _last_ids()

    response = client.post(form.url(name, world), form.valid(world))

    assert form.accepted(response, world)
    new = {
        model: list(model.history.filter(history_id__gt=before[model]))
        for model in tracked_models()
    }
    assert new[WRITES[name]], f"{name} wrote no history row for {WRITES[name].__name__}"
    for model, rows in new.items():
        for row in rows:
            assert row.history_user_id == user.pk, f"{name}: {model.__name__} row without user"
