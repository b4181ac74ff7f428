"""The coordinator's dashboard for one network."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.terms import Term
from representatives.models import Administration, Appointment
from tests import factories
from tests.coordination.conftest import NOT_COORDINATORS

pytestmark = pytest.mark.django_db
URL = reverse("coordination_dashboard", args=["neh"])


def days_into_term(days: int) -> int:
    """Days from today to a moment inside the current term (clamped to the term)."""
    term = Term.of(timezone.localdate())
    return max((term.first_day - timezone.localdate()).days + 1, days)


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_dashboard_refuses_non_coordinators(client_for, role, neh):
    response = client_for(role).get(URL)
    assert response.status_code == 403
    assert "Samordnarens översikt" not in response.content.decode()


def test_dashboard_sends_anonymous_to_sign_in(client):
    assert "/konto/login/" in client.get(URL)["Location"]


def test_dashboard_for_nsh_refused_to_neh_coordinator(client_for, nsh):
    assert (
        client_for("coordinator").get(reverse("coordination_dashboard", args=["nsh"])).status_code
        == 403
    )


def test_dashboard_lists_unpublished_themes_inside_lead_time(client_for, neh):
    factories.make_meeting(neh, days_ahead=10, status=Meeting.Status.PLANNED, theme_title="Snart")
    factories.make_meeting(neh, days_ahead=60, status=Meeting.Status.PLANNED, theme_title="Senare")
    content = client_for("coordinator").get(URL).content.decode()
    section = content[content.index('id="unpublished"') :]
    assert "Snart" in section and "Senare" in section
    assert (
        section.index("Snart") < section.index("Inom framförhållningen") < section.index("Senare")
    )


def test_dashboard_counts_term_meetings_against_target(client_for, neh):
    term = Term.of(timezone.localdate())
    today = timezone.localdate()
    for offset in (1, 2):
        day = min(term.last_day, today + datetime.timedelta(days=offset))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        Meeting.objects.create(
            network=neh, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
        )
    content = client_for("coordinator").get(URL).content.decode()
    assert "2 möten den här terminen; målet är 3–4." in content
    assert 'class="notice notice-warning" id="term-target"' in content


def test_dashboard_shows_days_ahead_and_late_publishing(client_for, neh):
    meeting = factories.make_meeting(neh, days_ahead=5, theme_title="Sent publicerat")
    Meeting.objects.filter(pk=meeting.pk).update(
        published_at=meeting.starts_at - datetime.timedelta(days=7)
    )
    if Term.of(timezone.localdate(meeting.starts_at)) != Term.of(timezone.localdate()):
        pytest.skip("the meeting falls in the next term")
    content = client_for("coordinator").get(URL).content.decode()
    assert "7 dagar före" in content and ">för sent<" in content


def test_dashboard_lists_vacant_seats(
    client_for, representative, administration, other_administration, neh
):
    content = client_for("coordinator").get(URL).content.decode()
    section = content[content.index('id="vacancies"') :]
    assert "Miljöförvaltningen: saknar ersättare" in section
    assert "Socialförvaltningen: saknar representant, ersättare" in section


def test_dashboard_vacancies_count_only_current_seats_in_the_network(
    client_for, representative, substitute, neh, nsh
):
    """A seat counts when it is current and in this network; an inactive administration is
    not listed; the list is by name, each with the roles it lacks in the roles' order."""
    today = timezone.localdate()
    person = factories.make_user()
    ended = factories.make_administration("Ö-förvaltningen")
    factories.make_appointment(person, ended, neh, end_date=today)
    factories.make_appointment(person, ended, neh, Appointment.Role.SUBSTITUTE)
    elsewhere = factories.make_administration("Kulturförvaltningen")
    factories.make_appointment(person, elsewhere, nsh)
    later = factories.make_administration("Byggförvaltningen")
    factories.make_appointment(
        person, later, neh, Appointment.Role.SUBSTITUTE, start_date=today + datetime.timedelta(1)
    )
    closed = factories.make_administration("Nedlagda förvaltningen")
    Administration.objects.filter(pk=closed.pk).update(is_active=False)
    content = client_for("coordinator").get(URL).content.decode()
    section = content[
        content.index('id="vacancies"') : content.index("</ul>", content.index('id="vacancies"'))
    ]
    assert re.findall(r"<li>([^<]*)</li>", section) == [
        "Byggförvaltningen: saknar representant, ersättare",
        "Kulturförvaltningen: saknar representant, ersättare",
        "Ö-förvaltningen: saknar representant",
    ]


def test_dashboard_work_area_coverage(client_for, neh):
    recent = factories.make_meeting(neh, days_ahead=-30)
    recent.work_areas.set(neh.work_areas.filter(name="Giftfri miljö"))
    old = factories.make_meeting(neh, days_ahead=-400)
    old.work_areas.set(neh.work_areas.filter(name="Ny avfallsplan"))
    future = factories.make_meeting(neh, days_ahead=20)
    future.work_areas.set(neh.work_areas.filter(name="Klimatanpassning"))
    cancelled = factories.make_meeting(neh, days_ahead=-20, status=Meeting.Status.CANCELLED)
    cancelled.work_areas.set(neh.work_areas.filter(name="Miljökommunikation"))
    content = client_for("coordinator").get(URL).content.decode()
    table = content[content.index('id="coverage"') :]

    def row(name):
        start = table.index(f'<th scope="row">{name}</th>')
        return table[start : table.index("</tr>", start)]

    assert "Ja" in row("Giftfri miljö")
    assert "Nej" in row("Ny avfallsplan") and str(timezone.localtime(old.starts_at).year) in row(
        "Ny avfallsplan"
    )
    assert "Aldrig" in row("Klimatanpassning")  # a future meeting is not yet a theme held
    assert "Aldrig" in row("Miljökommunikation")  # nor a cancelled one


def build(neh, size: int) -> None:
    for n in range(size):
        administration = factories.make_administration()
        factories.make_appointment(factories.make_user(), administration, neh)
        meeting = factories.make_meeting(neh, days_ahead=-10 - n)
        meeting.work_areas.set(neh.work_areas.all()[:2])
        factories.make_meeting(neh, days_ahead=5 + n, status=Meeting.Status.PLANNED)
        factories.make_meeting(neh, days_ahead=3 + n, status=Meeting.Status.CANCELLED)


@pytest.mark.parametrize("size", [1, 6])
def test_dashboard_query_count_does_not_grow(size, client_for, neh, django_assert_num_queries):
    build(neh, size)
    client = client_for("coordinator")
    # session, user, network, coordinator check, this term, next term count, unpublished,
    # the administrations that lack a seat, coverage, report-backs of held meetings, the last
    # day's arrivals and the failed deliveries (one query of counts)
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert response.content.decode().count('<th scope="row">') >= size


@pytest.mark.parametrize("size", [1, 6])
def test_plan_term_query_count_does_not_grow(size, client_for, neh, django_assert_num_queries):
    build(neh, size)
    client = client_for("coordinator")
    # session, user, network, coordinator check, days taken (for the default count and for the
    # proposal), the warnings' existing meetings, the meetings already in the term
    with django_assert_num_queries(8):
        response = client.get(reverse("plan_term", args=["neh"]))
    assert "Skapa mötena" in response.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_meeting_edit_query_count_does_not_grow(size, client_for, neh, django_assert_num_queries):
    build(neh, size)
    meeting = neh.meetings.filter(status=Meeting.Status.PLANNED).first()
    client = client_for("coordinator")
    with django_assert_num_queries(6):
        response = client.get(reverse("meeting_edit", args=[meeting.pk]))
    assert 'name="version"' in response.content.decode()


def test_dashboard_lookups_are_their_querysets(
    neh, nsh, representative, administration, other_administration
):
    """The dashboard's prepared lookups (meetings/coordination/dashboard.py, compiled once
    with the network, the moment and the day as values) give what the querysets they stand
    for give, for this term and the next, around today."""
    from django.db.models import Exists, Max, OuterRef, Q

    from meetings.coordination import dashboard

    build(neh, 4)
    build(nsh, 2)
    meeting = factories.make_meeting(neh, days_ahead=-15)
    meeting.work_areas.set(neh.work_areas.all()[2:4])
    now, today = timezone.now(), timezone.localdate()
    term = Term.of(today)
    meetings = Meeting.objects.filter(network=neh)
    for each in (term, term.next()):
        values = dashboard.term_values(neh.pk, each)
        assert dashboard.TERM_MEETINGS.objects(**values) == list(meetings.in_term(each))
        assert dashboard.term_count(neh.pk, each) == meetings.in_term(each).not_cancelled().count()
    assert dashboard.term_count(neh.pk, Term(1990, "VT")) == 0
    assert dashboard.UNPUBLISHED.objects(network_id=neh.pk, now=now) == list(
        meetings.filter(status=Meeting.Status.PLANNED, starts_at__gte=now).order_by("starts_at")
    )
    seated = Appointment.objects.current().filter(network=neh, administration=OuterRef("pk"))
    lacking = Administration.objects.active().annotate(
        rep=Exists(seated.filter(role=Appointment.Role.REPRESENTATIVE)),
        sub=Exists(seated.filter(role=Appointment.Role.SUBSTITUTE)),
    )
    expected = [
        (a.name, a.rep, a.sub) for a in lacking.filter(Q(rep=False) | Q(sub=False)).order_by("name")
    ]
    found = dashboard.LACKING.objects(network_id=neh.pk, today=today)
    flags = list(dashboard.ROLE_FLAGS.values())
    assert [(a.name, *(getattr(a, flag) for flag in flags)) for a in found] == expected
    assert len(expected) > 2 and list(dashboard.ROLE_FLAGS) == list(Appointment.Role)
    coverage = dashboard.COVERAGE.objects(network_id=neh.pk, now=now)
    themed = Q(meetings__status=Meeting.Status.PUBLISHED, meetings__starts_at__lte=now)
    assert [(area.pk, area.last_theme) for area in coverage] == [
        (area.pk, area.last_theme)
        for area in neh.work_areas.active().annotate(
            last_theme=Max("meetings__starts_at", filter=themed)
        )
    ]
    assert sum(area.last_theme is not None for area in coverage) == 4
