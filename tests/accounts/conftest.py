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


@pytest.fixture
def load_settings(monkeypatch):
    """config/settings.py executed afresh with a production environment plus overrides."""
    import runpy

    from tests.project.test_settings import PRODUCTION_ENV, SETTINGS

    def load(**overrides: str) -> dict:
        for name in (
            "REQUIRE_MFA_FOR_STAFF_ROLES",
            "ENTRA_TENANT_ID",
            "ENTRA_CLIENT_ID",
            "ENTRA_CLIENT_SECRET",
            "OIDC_SERVER_URL",
        ):
            monkeypatch.delenv(name, raising=False)
        for name, value in {**PRODUCTION_ENV, **overrides}.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load
