"""Sedan ditt senaste besök: the network overview lists what changed since the person's last
visit, only what they may see, and the visit is recorded cheaply."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.personal_data import iso
from meetings import rules
from meetings.models import (
    Meeting,
    Minutes,
    MinutesVersion,
    NetworkVisit,
    QuestionEvent,
    ThemeSuggestion,
)
from meetings.visits import changes
from tests import factories

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("network_detail", args=["neh"])
FIRST_VISIT = "Nästa gång du kommer hit ser du här vad som har hänt"
NOTHING_NEW = "Inget nytt sedan ditt senaste besök"


def visited(person, network, ago: datetime.timedelta = datetime.timedelta(hours=2)):
    """A previous visit `ago`, long enough ago that the next view starts a new visit."""
    return NetworkVisit.objects.create(
        user=person, network=network, seen_at=timezone.now() - ago, previous_seen_at=None
    )


def before_the_visit(record, field: str = "created_at") -> None:
    """Date a record a day back, before the visit."""
    type(record).objects.filter(pk=record.pk).update(
        **{field: timezone.now() - datetime.timedelta(days=1)}
    )


def since_list(client) -> str:
    html = client.get(OVERVIEW).content.decode()
    start = html.index('id="since-visit"')
    return html[start : html.index("</section>", start)]


def test_first_visit_says_what_will_appear_and_is_recorded(client_for, representative, neh):
    factories.make_document(neh, title="Ny rapport")
    section = since_list(client_for("representative"))
    assert FIRST_VISIT in section and "Ny rapport" not in section
    visit = NetworkVisit.objects.get(user=representative, network=neh)
    assert timezone.now() - visit.seen_at < datetime.timedelta(minutes=1)
    assert visit.previous_seen_at is None


def test_a_change_after_the_visit_shows_and_one_before_does_not(client_for, representative, neh):
    visited(representative, neh)
    old = factories.make_meeting(neh, theme_title="Gammalt tema")
    before_the_visit(old, "published_at")
    old_document = factories.make_document(neh, title="Gammal rapport")
    before_the_visit(old_document)
    factories.make_meeting(neh, days_ahead=40, theme_title="Solel på taken")
    factories.make_consultation(neh, title="Ny avfallsplan")
    section = since_list(client_for("representative"))
    assert "Temat publicerat: Solel på taken" in section
    assert "Ny remiss: Ny avfallsplan" in section
    assert "Gammalt tema" not in section and "Gammal rapport" not in section


def test_nothing_changed_says_so(client_for, representative, neh):
    visited(representative, neh)
    section = since_list(client_for("representative"))
    assert NOTHING_NEW in section and FIRST_VISIT not in section


def test_the_list_stays_on_reload_and_moves_on_with_the_next_visit(client_for, representative, neh):
    visit = visited(representative, neh)
    document = factories.make_document(neh, title="Ny rapport")
    type(document).objects.filter(pk=document.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client = client_for("representative")
    assert "Ny rapport" in since_list(client)
    assert "Ny rapport" in since_list(client)  # a reload within the visit
    # The next visit (more than VISIT_GAP later) counts from the end of this one.
    NetworkVisit.objects.filter(pk=visit.pk).update(
        seen_at=timezone.now() - changes.VISIT_GAP - datetime.timedelta(minutes=1)
    )
    assert NOTHING_NEW in since_list(client)


def test_drafts_show_to_nobody_and_publishing_shows(client_for, representative, coordinator, neh):
    visited(representative, neh)
    visited(coordinator, neh)
    planned = factories.make_meeting(
        neh, days_ahead=60, status=Meeting.Status.PLANNED, theme_title="Hemligt utkast"
    )
    factories.make_agenda_item(planned, position=1, title="Utkastpunkt")
    held = factories.make_meeting(neh, days_ahead=-3, theme_title="Hållet möte")
    Minutes.objects.create(meeting=held, summary="Utkast till anteckningar")
    for role in ("representative", "coordinator"):
        section = since_list(client_for(role))
        assert "Hemligt utkast" not in section and "Utkastpunkt" not in section
        assert "Minnesanteckningarna" not in section

    planned.theme_title = "Publicerat tema"
    planned.save_changes(["theme_title"])
    planned.publish_theme()
    for role in ("representative", "coordinator"):
        assert "Temat publicerat: Publicerat tema" in since_list(client_for(role))


def test_agenda_minutes_and_cancelling_show_with_their_versions(client_for, representative, neh):
    visited(representative, neh)
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    before_the_visit(meeting, "published_at")
    factories.make_agenda_item(meeting, position=1)
    factories.publish_agenda(meeting)
    factories.publish_agenda(meeting, note="Ny punkt")
    held = factories.make_meeting(neh, days_ahead=-3, theme_title="Hållet möte")
    before_the_visit(held, "published_at")
    minutes = Minutes.objects.create(meeting=held)
    MinutesVersion.objects.create(minutes=minutes, number=1, content={})
    other = factories.make_meeting(neh, days_ahead=20, theme_title="Matsvinn")
    before_the_visit(other, "published_at")
    other.cancel("För få anmälda")
    section = since_list(client_for("representative"))
    assert "Dagordningen publicerad: Kemikaliesmart förskola" in section
    assert "Ny version av dagordningen (version 2): Kemikaliesmart förskola" in section
    assert reverse("agenda_version", args=[meeting.pk, 2]) in section
    assert "Minnesanteckningarna publicerade: Hållet möte" in section
    assert reverse("minutes_version", args=[held.pk, 1]) in section
    assert "Mötet inställt: Matsvinn" in section
    assert "Temat publicerat" not in section


def test_a_published_meeting_changed_since_the_visit_shows(client_for, representative, neh):
    visit = visited(representative, neh)
    meeting = factories.make_meeting(neh, theme_title="Skyfall")
    untouched = factories.make_meeting(neh, days_ahead=50, theme_title="Orört")
    for record in (meeting, untouched):
        before_the_visit(record, "published_at")
        Meeting.history.filter(id=record.pk).update(
            history_date=visit.seen_at - datetime.timedelta(hours=1)
        )
        Meeting.objects.filter(pk=record.pk).update(
            updated_at=visit.seen_at - datetime.timedelta(hours=1)
        )
    meeting.refresh_from_db()
    meeting.place = "Stadshuset, sal Mälaren"
    meeting.save_changes(["place"])
    untouched.refresh_from_db()
    untouched.save_changes(["place"])  # saved, but nothing people see changed
    section = since_list(client_for("representative"))
    assert "Mötet ändrat: tid, plats eller tema: Skyfall" in section
    assert "Orört" not in section


def test_another_networks_changes_do_not_show(client_for, representative, neh, nsh):
    visited(representative, neh)
    factories.make_meeting(nsh, theme_title="NSH-tema")
    factories.make_document(nsh, title="NSH-rapport")
    section = since_list(client_for("representative"))
    assert NOTHING_NEW in section and "NSH" not in section


def test_an_answered_question_shows_to_its_administration_only(
    client_for, representative, network_people, neh, administration, other_administration
):
    third = network_people[2]
    visited(representative, neh)
    visited(third, neh)
    own = factories.make_question(neh, administration, title="Vår fråga")
    others = factories.make_question(neh, other_administration, title="Deras fråga")
    for question in (own, others):
        QuestionEvent.objects.filter(question=question).update(
            at=timezone.now() - datetime.timedelta(days=1)
        )
        QuestionEvent.objects.create(question=question, state="answered", note="Svar")
    section = since_list(client_for("representative"))
    assert "Fråga besvarad skriftligt: Vår fråga" in section
    assert "Deras fråga" not in section
    client = client_for("representative")
    client.force_login(third)
    section = since_list(client)
    assert "Deras fråga" in section and "Vår fråga" not in section


def test_theme_suggestions_show_to_members_but_not_ones_own(
    client_for, representative, substitute, staff, neh, administration
):
    for person in (representative, substitute, staff):
        visited(person, neh)
    ThemeSuggestion.objects.create(
        network=neh,
        title="Cirkulär upphandling",
        why="Många frågar",
        work_area=neh.work_areas.first(),
        suggested_by=representative,
        administration=administration,
    )
    assert "Cirkulär upphandling" not in since_list(client_for("representative"))
    assert "Nytt temaförslag: Cirkulär upphandling" in since_list(client_for("substitute"))
    assert "Cirkulär upphandling" not in since_list(client_for("staff"))


def test_the_list_is_bounded_newest_first(client_for, representative, neh):
    visited(representative, neh)
    for n in range(changes.SHOWN + 3):
        factories.make_document(neh, title=f"Rapport {n:02}")
    section = since_list(client_for("representative"))
    assert section.count("<li>") == changes.SHOWN
    assert f"Rapport {changes.SHOWN + 2:02}" in section and "Rapport 00" not in section


def test_anonymous_is_sent_to_sign_in_and_nothing_is_recorded(client, neh):
    response = client.get(OVERVIEW)
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not NetworkVisit.objects.exists()


# --- The visit itself --------------------------------------------------------------------


def test_record_visit_writes_at_most_every_few_minutes_and_keeps_the_previous_visit(
    representative, neh, django_assert_num_queries
):
    start = timezone.now()
    with django_assert_num_queries(2):  # read, insert
        assert changes.record_visit(representative, neh, start) is None
    # A reload a minute later: read only, and still the first visit.
    with django_assert_num_queries(1):
        assert (
            changes.record_visit(representative, neh, start + datetime.timedelta(minutes=1)) is None
        )
    # Later in the same visit: the latest view moves, the start of the count does not.
    later = start + changes.WRITE_EVERY + datetime.timedelta(seconds=1)
    with django_assert_num_queries(2):  # read, upsert
        assert changes.record_visit(representative, neh, later) is None
    visit = NetworkVisit.objects.get()
    assert (visit.seen_at, visit.previous_seen_at) == (later, None)
    # A new visit counts from the end of the one before.
    next_visit = later + changes.VISIT_GAP
    assert changes.record_visit(representative, neh, next_visit) == later
    assert (
        changes.record_visit(representative, neh, next_visit + datetime.timedelta(minutes=1))
        == later
    )
    visit.refresh_from_db()
    assert (visit.seen_at, visit.previous_seen_at) == (next_visit, later)
    assert NetworkVisit.objects.count() == 1


# --- Query counts ------------------------------------------------------------------------


def _changes_of_every_kind(neh, administration, size: int) -> None:
    for n in range(size):
        meeting = factories.make_meeting(neh, days_ahead=10 + n, theme_title=f"Tema {n}")
        factories.make_agenda_item(meeting, position=1)
        factories.publish_agenda(meeting)
        held = factories.make_meeting(neh, days_ahead=-3 - n, theme_title=f"Hållet {n}")
        MinutesVersion.objects.create(
            minutes=Minutes.objects.create(meeting=held), number=1, content={}
        )
        factories.make_consultation(neh, title=f"Remiss {n}")
        question = factories.make_question(neh, administration, title=f"Fråga {n}")
        QuestionEvent.objects.create(question=question, state="answered")
        ThemeSuggestion.objects.create(
            network=neh,
            title=f"Förslag {n}",
            why="Därför",
            work_area=neh.work_areas.first(),
            administration=administration,
        )


@pytest.mark.parametrize("size", [1, 4])
def test_overview_queries_do_not_grow_with_the_changes(
    size, client_for, representative, neh, administration, django_assert_num_queries
):
    visit = visited(representative, neh)
    client = client_for("representative")
    _changes_of_every_kind(neh, administration, size)
    # A reload within the visit: the visit is read, not written; the changes are one query
    # (sessions, user, network, coordinated networks, visit, work areas, meetings, documents,
    # the person's seat, the administrations they direct (for the questions they may see),
    # the changes, the coordinators).
    NetworkVisit.objects.filter(pk=visit.pk).update(
        seen_at=timezone.now(), previous_seen_at=visit.seen_at
    )
    with django_assert_num_queries(12):
        section = since_list(client)
    # Per round: two themes published, an agenda, minutes, a consultation, an answer, a wish.
    assert section.count("<li>") == min(7 * size, changes.SHOWN)
    assert "Fråga besvarad skriftligt: Fråga 0" in section or size > 1


def test_the_visit_is_in_the_persons_data_export(client_for, representative, neh):
    client = client_for("representative")
    client.get(OVERVIEW)
    data = client.get(reverse("my_data_download")).json()
    [visit] = data["besök"]
    assert visit["nätverk"] == "NEH" and visit["förra_besöket"] is None
    assert visit["senast_sedd"] == iso(NetworkVisit.objects.get().seen_at)


def test_a_head_request_records_no_visit(client_for, representative, neh):
    client = client_for("representative")
    assert client.head(OVERVIEW).status_code == 200
    assert not NetworkVisit.objects.exists()
    client.get(OVERVIEW)
    seen_at = NetworkVisit.objects.get().seen_at
    NetworkVisit.objects.update(seen_at=seen_at - changes.VISIT_GAP)
    client.head(OVERVIEW)
    assert NetworkVisit.objects.get().seen_at == seen_at - changes.VISIT_GAP


def test_the_list_compiled_once_answers_as_its_queryset_for_every_role(
    representative,
    substitute,
    coordinator,
    director,
    staff,
    network_people,
    neh,
    nsh,
    administration,
    other_administration,
):
    """`changes_since` runs SQL compiled once per shape of the person's roles with each
    person's own ids (config/prepared.py). For every role, and for two people of one shape
    (the representative and the other administration's), it answers what the queryset it
    was compiled from answers, asked through the ORM."""
    third = network_people[2]
    nsh_only = User.objects.get(email="nsh@example.org")
    culture = factories.make_administration("Kulturförvaltningen")
    factories.make_appointment(coordinator, culture, nsh)  # a coordinator with a seat
    since = timezone.now() - datetime.timedelta(hours=2)
    factories.make_meeting(neh, theme_title="Publicerat tema")
    factories.make_document(neh, title="Ny rapport")
    for admin, title in ((administration, "Vår fråga"), (other_administration, "Deras fråga")):
        question = factories.make_question(neh, admin, title=title)
        QuestionEvent.objects.create(question=question, state="answered", note="Svar")
    ThemeSuggestion.objects.create(
        network=neh,
        title="Laddplatser",
        why="Många frågar",
        work_area=neh.work_areas.first(),
        suggested_by=representative,
        administration=administration,
    )
    people = [representative, third, substitute, coordinator, director, staff, nsh_only]
    seen = {}
    for person in people:
        roles = rules.roles_of(person)
        suggestions = bool(rules.can_see_theme_suggestions(person, neh))
        asked = changes.union(person.pk, neh.pk, since, roles, suggestions)
        rows = [dict(zip(changes.COLUMNS, row, strict=True)) for row in asked]
        expected = [changes._change(row, neh) for row in rows]
        seen[person.email] = changes.changes_since(person, neh, since)
        assert seen[person.email] == expected, person.email
    titles = {email: {change.title for change in found} for email, found in seen.items()}
    assert "Vår fråga" in titles[representative.email] - titles[third.email]
    assert "Deras fråga" in titles[third.email] - titles[representative.email]
    assert {"Vår fråga", "Deras fråga"} <= titles[coordinator.email]
    assert "Laddplatser" in titles[substitute.email] - titles[staff.email]
    assert titles[staff.email] == {"Publicerat tema", "Ny rapport"}
