"""The personal feed's 304 asks for its meetings by a query compiled once
(`personal_feed_meeting_ids`): it must choose exactly the meetings of the feed's queryset
(`personal_feed_meetings`), whoever asks."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.models import Invitation, Meeting
from tests.factories import make_appointment, make_meeting, make_user

pytestmark = pytest.mark.django_db


def _chosen(user) -> set[int]:
    sql, params = calendar.personal_feed_meeting_ids(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}


def _invite(meeting, email, by, administration):
    Invitation.objects.create(
        meeting=meeting,
        invited_by=by,
        administration=administration,
        full_name="Gäst",
        email=email,
        reason="Temat rör ditt område.",
        token_hash=Invitation.hash_token(f"token-{email}"),
    )


@pytest.fixture
def world(neh, nsh, coordinator, representative, administration, other_administration):
    now = timezone.now()
    meetings = {
        "neh coming": make_meeting(neh, days_ahead=20),
        "neh last month": make_meeting(neh, days_ahead=-30),
        "neh two years ago": make_meeting(neh, days_ahead=-800),
        "neh planned": make_meeting(neh, days_ahead=40, status=Meeting.Status.PLANNED),
        "neh cancelled lately": make_meeting(
            neh, days_ahead=10, status=Meeting.Status.CANCELLED, cancelled_at=now
        ),
        "neh cancelled long ago": make_meeting(
            neh,
            days_ahead=10,
            status=Meeting.Status.CANCELLED,
            cancelled_at=now - datetime.timedelta(days=90),
        ),
        "nsh coming": make_meeting(nsh, days_ahead=15),
        "nsh other": make_meeting(nsh, days_ahead=25),
    }
    # An ended seat in NSH, a guest whose address holds LIKE's wildcards, and an invitation
    # that a wildcard read as a pattern would match.
    former = make_user("former@example.org")
    make_appointment(
        former,
        other_administration,
        nsh,
        start_date=timezone.localdate() - datetime.timedelta(days=300),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    guest = make_user("Gast_100%@Example.org")
    _invite(meetings["nsh coming"], "gast_100%@example.org", representative, administration)
    _invite(meetings["nsh other"], "gastX100abc@example.org", representative, administration)
    return {
        "coordinator": coordinator,
        "representative": representative,
        "former": former,
        "guest": guest,
        "nobody": make_user("nobody@example.org"),
    }, meetings


@pytest.mark.parametrize("who", ["coordinator", "representative", "former", "guest", "nobody"])
def test_the_compiled_ids_are_the_feeds_meetings(world, who):
    people, meetings = world
    user = people[who]
    expected = set(calendar.personal_feed_meetings(user).values_list("pk", flat=True))
    assert _chosen(user) == expected
    if who == "guest":  # invited to one NSH meeting, by an address compared without case
        assert expected == {meetings["nsh coming"].pk}
    if who == "representative":
        assert meetings["neh coming"].pk in expected
        assert meetings["neh planned"].pk not in expected
        assert meetings["neh two years ago"].pk not in expected


def test_the_compiled_ids_follow_the_day(world, representative):
    """Compiled once, asked again later: the window and the seats move with the clock."""
    _people, meetings = world
    assert meetings["neh last month"].pk in _chosen(representative)
    later = timezone.now() + datetime.timedelta(days=400)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        chosen = _chosen(representative)
        assert chosen == set(
            calendar.personal_feed_meetings(representative).values_list("pk", flat=True)
        )
    assert meetings["neh last month"].pk not in chosen
