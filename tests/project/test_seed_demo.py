import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import User
from meetings.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from meetings.models import AgendaItem, Meeting
from representatives.models import Administration, Appointment

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, Administration, Appointment, Meeting, AgendaItem)
    }


def test_seed_demo_builds_the_municipality(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    assert Administration.objects.count() >= 10
    assert Administration.objects.filter(name="Miljöförvaltningen").exists()
    assert Administration.objects.filter(name="Socialförvaltningen").exists()
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"planned", "published", "cancelled"}
    item_statuses = set(AgendaItem.objects.values_list("status", flat=True))
    assert item_statuses == set(AgendaItem.Status.values)
    assert Appointment.objects.exclude(end_date=None).exists(), "history has an ended appointment"


def test_seed_demo_accounts_sign_in_with_their_roles(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for email, _name, _purpose in DEMO_ACCOUNTS:
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
    coordinator = User.objects.get(email="samordnare@example.org")
    assert set(coordinator.coordinated_networks.values_list("code", flat=True)) == {"NSH", "NEH"}
    assert Administration.objects.get(name="Miljöförvaltningen").director.email == (
        "direktor.miljo@example.org"
    )
    seats = {
        (a.person.email, a.administration.name, a.network.code, a.role)
        for a in Appointment.objects.current().select_related("person", "administration", "network")
    }
    assert (
        "representant.miljo@example.org",
        "Miljöförvaltningen",
        "NEH",
        "representative",
    ) in seats
    assert ("ersattare.miljo@example.org", "Miljöförvaltningen", "NEH", "substitute") in seats
    assert (
        "representant.social@example.org",
        "Socialförvaltningen",
        "NSH",
        "representative",
    ) in seats
    staff = User.objects.get(email="medarbetare@example.org")
    assert not staff.appointments.exists()
    assert not staff.coordinated_networks.exists()
    assert not staff.directed_administrations.exists()


def test_seed_demo_twice_changes_nothing(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before
    assert "finns redan" in capsys.readouterr().out


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0
