import datetime

import pytest

from tests import factories


@pytest.fixture
def former_representative(administration, nsh):
    """Someone whose only appointment ended: the deactivation prompt's kind of person."""
    person = factories.make_user("tidigare@example.org", "Tove Tidigare")
    appointment = factories.make_appointment(
        person, administration, nsh, start_date=datetime.date(2024, 1, 1)
    )
    appointment.end(datetime.date(2025, 12, 31))
    return person
