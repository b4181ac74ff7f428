"""The admin of goals and the governance loop: a value entered there names who entered it;
steps the app records with who and when are read-only there."""

from decimal import Decimal

import pytest
from django.urls import reverse

from meetings.models import ActionItem, IndicatorValue, Question
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_value_entered_in_the_admin_is_entered_by_the_admin(client, admin_user, neh):
    indicator = factories.make_indicator(factories.make_goal(neh), values={2022: "800"})
    existing = indicator.values.get()
    client.force_login(admin_user)
    url = reverse("admin:meetings_indicator_change", args=[indicator.pk])
    assert client.get(url).status_code == 200
    prefix = "values"
    data = {
        "goal": indicator.goal_id,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline_year": "2019",
        "baseline_value": "1000",
        "target_value": "0",
        "direction": indicator.direction,
        "seen_version": str(indicator.version),
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": existing.pk,
        f"{prefix}-0-indicator": indicator.pk,
        f"{prefix}-0-year": "2022",
        f"{prefix}-0-value": "800",
        f"{prefix}-0-entered_at_0": "2026-01-01",
        f"{prefix}-0-entered_at_1": "10:00:00",
        f"{prefix}-1-indicator": indicator.pk,
        f"{prefix}-1-year": "2023",
        f"{prefix}-1-value": "700",
        f"{prefix}-1-entered_at_0": "2026-01-02",
        f"{prefix}-1-entered_at_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = IndicatorValue.objects.get(indicator=indicator, year=2023)
    assert (new.value, new.entered_by) == (Decimal(700), admin_user)
    existing.refresh_from_db()
    assert existing.entered_by is None  # an existing value keeps who entered it


def test_question_state_and_action_status_are_read_only_in_the_admin(
    client, admin_user, neh, administration
):
    question = factories.make_question(neh, administration, state="raised", title="Fråga")
    action = factories.make_action(factories.make_meeting(neh), administrations=[administration])
    client.force_login(admin_user)
    page = client.get(reverse("admin:meetings_question_change", args=[question.pk]))
    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
    assert 'name="title"' in page.content.decode()
    page = client.get(reverse("admin:meetings_actionitem_change", args=[action.pk]))
    assert 'name="status"' not in page.content.decode()
    assert Question.objects.count() == 1 and ActionItem.objects.count() == 1
