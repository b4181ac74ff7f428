"""Refusals the bad-input registry (tests/security/bad_input.py) found missing in the
coordinators' forms: each used to write, or answer 500, or ignore the submission."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from networks.models import WorkArea
from tests.coordination.test_meeting_views import edit_data

pytestmark = pytest.mark.django_db


def test_work_area_description_over_2000_characters_is_refused(client_for, neh):
    response = client_for("coordinator").post(
        reverse("work_area_add", kwargs={"code": "neh"}),
        {"name": "Långt område", "description": "x" * 2001},
    )
    assert response.status_code == 200
    assert "2000" in " ".join(response.context["form"].errors["description"])
    assert not WorkArea.objects.filter(name="Långt område").exists()


def test_theme_description_over_5000_characters_is_refused(client_for, planned):
    response = client_for("coordinator").post(
        reverse("meeting_edit", kwargs={"pk": planned.pk}),
        edit_data(planned, theme_description="x" * 5001),
    )
    assert response.status_code == 200
    assert "5000" in " ".join(response.context["form"].errors["theme_description"])
    assert Meeting.objects.get(pk=planned.pk).theme_description == ""


def test_work_area_id_too_large_for_the_database_is_a_wrong_choice(client_for, planned):
    response = client_for("coordinator").post(
        reverse("meeting_edit", kwargs={"pk": planned.pk}),
        edit_data(planned, work_areas=["9" * 40], theme_title="Nytt"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["work_areas"]
    assert Meeting.objects.get(pk=planned.pk).theme_title == "Solel på taken"


@pytest.mark.parametrize("action", ["meeting_publish", "meeting_reschedule", "meeting_cancel"])
def test_stale_version_is_refused_before_any_update(client_for, published, planned, action):
    meeting = planned if action == "meeting_publish" else published
    client = client_for("coordinator")
    url = reverse(action, kwargs={"pk": meeting.pk})
    data = {"version": meeting.version + 5, "reason": "Sjuk", "date": "2099-01-01"}
    data |= {"start_time": "09:00", "end_time": "11:00", "place": "Annat"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200
    assert "ändrats av någon annan" in response.content.decode()
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version


@pytest.mark.parametrize("action", ["meeting_publish", "meeting_cancel"])
def test_empty_post_is_a_refused_submission_not_a_get(client_for, published, planned, action):
    meeting = planned if action == "meeting_publish" else published
    response = client_for("coordinator").post(reverse(action, kwargs={"pk": meeting.pk}), {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Meeting.objects.get(pk=meeting.pk).status == meeting.status


def test_empty_post_to_work_area_edit_shows_the_error(client_for, neh):
    area = neh.work_areas.first()
    response = client_for("coordinator").post(
        reverse("work_area_edit", kwargs={"code": "neh", "pk": area.pk}), {}
    )
    assert response.status_code == 200
    assert "Ge arbetsområdet ett namn." in response.content.decode()
    assert WorkArea.objects.get(pk=area.pk).name == area.name
