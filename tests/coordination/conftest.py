import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests import factories

NOT_COORDINATORS = ["staff", "representative", "substitute", "director", "admin"]


def future(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def planned(neh):
    meeting = factories.make_meeting(
        neh, days_ahead=40, status=Meeting.Status.PLANNED, theme_title="Solel på taken"
    )
    meeting.work_areas.set(neh.work_areas.filter(name="Giftfri miljö"))
    return meeting


@pytest.fixture
def published(neh):
    return factories.make_meeting(neh, days_ahead=40, theme_title="Kemikaliesmart förskola")
