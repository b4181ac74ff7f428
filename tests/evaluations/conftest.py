import pytest

from meetings.models import Attendance
from tests import factories


@pytest.fixture
def held(neh, representative, substitute):
    """An NEH meeting held yesterday: the representative ticked present, the substitute absent.
    No later NEH meeting exists, so the answering window is open."""
    meeting = factories.make_meeting(neh, days_ahead=-1, theme_title="Klimatanpassning")
    Attendance.objects.create(
        meeting=meeting, person=representative, answer="coming", attended=True
    )
    Attendance.objects.create(meeting=meeting, person=substitute, answer="coming", attended=False)
    return meeting


VALID = {"usefulness": "4", "length": "right", "preferred_format": "hybrid", "comment": "Bra."}
