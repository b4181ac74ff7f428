"""The coordinators' list of answers on the meeting page: the administrations counted by answer
(and after the meeting by attendance), listed a page at a time, those that have not answered
first; the attendance list saves the seats it showed, and only those."""

import re

import pytest
from django.urls import reverse

from meetings.models import Attendance
from meetings.paging import PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

COMING = Attendance.Answer.COMING
NOT_COMING = Attendance.Answer.NOT_COMING
SUBSTITUTE_COMING = Attendance.Answer.SUBSTITUTE_COMING


def _seat(neh, name: str):
    """An administration with one representative in NEH."""
    administration = factories.make_administration(name=name)
    person = factories.make_user(full_name=f"Rep {name}")
    factories.make_appointment(person, administration, neh)
    return person


def _counts(html: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r'data-count="([a-z-]+)">(\d+)<', html)}


def _listed(html: str) -> list[str]:
    return re.findall(r'<th scope="rowgroup" rowspan="\d+"[^>]*>([^<]+)</th>', html)


@pytest.fixture
def many(neh):
    """PER_PAGE + 5 administrations that answered (all named A…) and one that did not (Ö…):
    by name it would be last, on the second page."""
    people = [_seat(neh, f"A-förvaltning {n:02d}") for n in range(PER_PAGE + 5)]
    silent = _seat(neh, "Ö-förvaltningen")
    return people, silent


def test_not_answered_first_and_counted(client, coordinator, neh, many, representative, substitute):
    people, _silent = many
    meeting = factories.make_meeting(neh)
    for person in people[:3]:
        Attendance.objects.create(meeting=meeting, person=person, answer=NOT_COMING)
    for person in people[3:]:
        Attendance.objects.create(meeting=meeting, person=person, answer=COMING)
    # Miljöförvaltningen: the representative sends the substitute, so it comes.
    Attendance.objects.create(meeting=meeting, person=representative, answer=SUBSTITUTE_COMING)
    client.force_login(coordinator)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert _counts(html) == {"coming": PER_PAGE + 3, "not-coming": 3, "not-answered": 1}
    listed = _listed(html)
    assert len(listed) == PER_PAGE
    # Not answered, then not coming, then coming; by name within each.
    assert listed[:4] == [
        "Ö-förvaltningen",
        "A-förvaltning 00",
        "A-förvaltning 01",
        "A-förvaltning 02",
    ]
    assert "Visar 1–20 av 27." in html
    assert 'href="?forvaltningar=2"' in html
    # The rest is one click away: the next page, by htmx only its rows.
    rest = client.get(meeting.get_absolute_url() + "?forvaltningar=2")
    assert len(_listed(rest.content.decode())) == 7
    more = client.get(
        meeting.get_absolute_url() + "?forvaltningar=2", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in more and "Visa fler" not in more
    assert len(_listed(more)) == 7
    assert 'data-announce="Visar 1–27 av 27 förvaltningar."' in more
    assert "data-focus" in more


@pytest.mark.parametrize("asked", ["99", "abc", "-1", "0"])
def test_a_bad_page_number_answers_the_nearest_page(client, coordinator, neh, many, asked):
    meeting = factories.make_meeting(neh)
    client.force_login(coordinator)
    response = client.get(meeting.get_absolute_url() + f"?forvaltningar={asked}")
    assert response.status_code == 200
    listed = _listed(response.content.decode())
    if asked == "99":
        assert len(listed) == 6  # the last page: 26 administrations without an answer
    else:
        assert len(listed) == PER_PAGE and listed[0] == "A-förvaltning 00"


def test_others_get_the_whole_meeting_page_for_a_page_number(client, representative, neh, many):
    meeting = factories.make_meeting(neh)
    client.force_login(representative)
    response = client.get(
        meeting.get_absolute_url() + "?forvaltningar=2", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Svar per förvaltning" not in html


def test_held_meeting_counts_attendance(client, coordinator, neh, many):
    people, silent = many
    held = factories.make_meeting(neh, days_ahead=-2)
    Attendance.objects.create(meeting=held, person=people[0], answer=COMING, attended=True)
    Attendance.objects.create(meeting=held, person=people[1], answer=COMING, attended=False)
    Attendance.objects.create(meeting=held, person=silent, attended=True)
    client.force_login(coordinator)

    html = client.get(held.get_absolute_url()).content.decode()

    counts = _counts(html)
    assert counts["present"] == 2
    assert counts["absent"] == 1
    assert counts["not-ticked"] == PER_PAGE + 3
    assert counts["coming"] == 2 and counts["not-answered"] == PER_PAGE + 4


def test_attendance_saves_only_the_seats_shown(client, coordinator, neh, many):
    people, silent = many
    held = factories.make_meeting(neh, days_ahead=-2)
    # Ticked present earlier, on another page of the list.
    Attendance.objects.create(meeting=held, person=people[-1], attended=True)
    client.force_login(coordinator)

    response = client.post(
        reverse("attendance_record", args=[held.pk]) + "?forvaltningar=1",
        {"seat": [silent.pk, people[0].pk], "present": [silent.pk]},
    )

    assert response.status_code == 302
    assert response["Location"] == held.get_absolute_url() + "#participation"
    assert Attendance.objects.get(meeting=held, person=silent).attended is True
    assert Attendance.objects.get(meeting=held, person=people[0]).attended is False
    assert Attendance.objects.get(meeting=held, person=people[-1]).attended is True  # untouched
    assert Attendance.objects.filter(meeting=held).count() == 3


def test_attendance_from_a_later_page_returns_to_it(client, coordinator, neh, many):
    people, _silent = many
    held = factories.make_meeting(neh, days_ahead=-2)
    client.force_login(coordinator)
    response = client.post(
        reverse("attendance_record", args=[held.pk]) + "?forvaltningar=2",
        {"seat": [people[-1].pk], "present": [people[-1].pk]},
    )
    assert response["Location"] == held.get_absolute_url() + "?forvaltningar=2#participation"


def test_attendance_by_htmx_comes_back_with_the_rows_shown(client, coordinator, neh, many):
    """After "Visa fler", the list saved by htmx comes back with both pages, so the ticked box
    keeps its place (and the focus)."""
    people, _silent = many
    held = factories.make_meeting(neh, days_ahead=-2)
    client.force_login(coordinator)
    response = client.post(
        reverse("attendance_record", args=[held.pk]),
        {"seat": [person.pk for person in people], "present": [people[-1].pk]},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert len(_listed(html)) == PER_PAGE + 6  # pages 1 and 2
    assert f'id="present-{people[-1].pk}" checked' in html
    assert 'data-announce="Närvaron är sparad."' in html
    assert "data-focus" not in html


@pytest.mark.parametrize("seats", [["abc"], [""], ["99999999999999999999"], []])
def test_attendance_with_bad_seats_is_refused(client, coordinator, neh, many, staff, seats):
    people, _silent = many
    held = factories.make_meeting(neh, days_ahead=-2)
    client.force_login(coordinator)
    data = {"present": [people[0].pk]}
    data["seat"] = seats or [staff.pk]  # nonsense, or someone without a seat
    response = client.post(reverse("attendance_record", args=[held.pk]), data, follow=True)
    assert "Listan kunde inte sparas" in response.content.decode()
    assert not Attendance.objects.filter(meeting=held).exists()
