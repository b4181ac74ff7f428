"""A person downloads what the app holds about them; an administrator pseudonymises a person
who has left, keeping the records; retention deletes what is not a record."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import lifecycle, personal_data, retention
from accounts.models import User
from meetings.calendar import ics as calendar
from meetings.models import Attendance, CalendarToken, Evaluation, Invitation
from representatives.models import Appointment
from tests import factories
from tests.accounts.support import sign_in

pytestmark = pytest.mark.django_db


def download(client) -> dict:
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mina-uppgifter-')
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_export_holds_account_appointments_items_and_calendar_choices(
    client, representative, neh, administration
):
    representative.calendar_delivery = User.CalendarDelivery.SUBSCRIPTION
    representative.save()
    meeting = factories.make_meeting(neh)
    factories.make_agenda_item(
        meeting, title="Cirkulär upphandling", proposed_by=representative, wished_minutes=20
    )
    factories.make_agenda_item(meeting, title="Någon annans punkt")
    calendar.new_token(representative, neh)
    sign_in(client, representative)

    data = download(client)

    account = data["konto"]
    assert account["e-postadress"] == "representant@example.org"
    assert account["namn"] == "Rita Representant"
    assert account["kalenderleverans"] == "subscription"
    assert account["e-postadresser"] == [
        {"adress": "representant@example.org", "verifierad": True, "primär": True}
    ]
    assert len(account["sessioner"]) == 1 and account["sessioner"][0]["ip-adress"] == "127.0.0.1"
    [appointment] = data["uppdrag"]
    assert appointment["nätverk"] == "NEH" and appointment["roll"] == "representative"
    assert appointment["förvaltning"] == "Miljöförvaltningen" and appointment["till"] is None
    assert data["roller"] == {"direktör_för": [], "samordnare_för": []}
    assert [i["rubrik"] for i in data["dagordningspunkter"]] == ["Cirkulär upphandling"]
    assert data["dagordningspunkter"][0]["önskad_tid_minuter"] == 20
    [link] = data["kalenderlänkar"]
    assert link["nätverk"] == "NEH" and link["återkallad"] is None


def test_export_holds_no_secrets(client, coordinator):
    secret = calendar.new_token(coordinator)
    token_hash = CalendarToken.objects.get(user=coordinator).token_hash
    sign_in(client, coordinator)
    body = client.get(reverse("my_data_download")).content.decode()
    assert secret not in body and token_hash not in body
    assert coordinator.password not in body
    assert client.session.session_key not in body
    assert json.loads(body)["roller"]["samordnare_för"] == ["NEH"]


def test_export_is_only_ever_ones_own(client_for, representative, director):
    data = download(client_for("director"))
    assert data["konto"]["e-postadress"] == director.email
    assert data["uppdrag"] == [] and data["roller"]["direktör_för"] == ["Miljöförvaltningen"]
    assert representative.email not in json.dumps(data)


@pytest.mark.parametrize(
    "role", ["staff", "representative", "substitute", "director", "coordinator", "admin"]
)
def test_my_data_page_offers_the_download(client_for, role):
    response = client_for(role).get(reverse("my_data"))
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("my_data_download")}"' in content
    assert "Hämta mina uppgifter" in content


def test_export_query_count_does_not_grow(
    client_for, representative, neh, administration, django_assert_max_num_queries
):
    client = client_for("representative")
    # One query per section (two for questions and for theme wishes) on top of the account's.
    with django_assert_max_num_queries(21) as small:
        download(client)
    for n in range(6):
        factories.make_agenda_item(
            factories.make_meeting(neh, days_ahead=n + 1), proposed_by=representative
        )
        calendar.new_token(representative)
    for _ in range(3):
        _governance_records(representative, neh, administration)
    with django_assert_max_num_queries(len(small.captured_queries)):
        data = download(client)
    assert len(data["dagordningspunkter"]) == 6
    assert len(data["frågor"]["steg"]) == 6 and len(data["indikatorvärden"]) == 3


def test_sections_are_registered_by_the_apps_that_hold_the_data():
    assert list(personal_data._sections) == [
        "uppdrag",
        "roller",
        "dagordningspunkter",
        "närvaro",
        "inbjudningar",
        "kalenderlänkar",
        "utvärderingar",
        "frågor",
        "återrapporter",
        "åtgärder",
        "indikatorvärden",
        "temaförslag",
        "påminnelser",
        "besök",
    ]


def test_pseudonymise_replaces_identity_and_keeps_records(
    representative, neh, administration, caplog
):
    meeting = factories.make_meeting(neh)
    item = factories.make_agenda_item(
        meeting,
        title="Cirkulär upphandling",
        description="Erfarenheter",
        proposed_by=representative,
    )
    secret = calendar.new_token(representative)
    EmailAddress.objects.create(user=representative, email=representative.email, verified=True)
    Authenticator.objects.create(
        user=representative, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"}
    )
    client = Client()
    sign_in(client, representative)
    pk = representative.pk

    lifecycle.pseudonymise(representative)

    person = User.objects.get(pk=pk)
    assert person.full_name == f"Före detta användare #{pk}"
    assert person.email == f"anonymiserad-{pk}@invalid"
    assert not person.has_usable_password() and not person.is_active
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not Session.objects.exists()
    assert client.get(reverse("home")).status_code == 302
    assert not CalendarToken.objects.active().filter(user=person).exists()
    assert calendar.token_for_secret(secret) is None
    # The records keep their content and still point at the (pseudonymised) person.
    item.refresh_from_db()
    assert (item.title, item.description, item.proposed_by_id) == (
        "Cirkulär upphandling",
        "Erfarenheter",
        pk,
    )
    appointment = Appointment.objects.get(person_id=pk)
    assert appointment.network == neh and appointment.administration == administration
    assert not User.objects.filter(email="representant@example.org").exists()


def test_admin_action_pseudonymises(client_for, representative, admin_user):
    client = client_for("admin")
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "pseudonymise_accounts", "_selected_action": [representative.pk, admin_user.pk]},
        follow=True,
    )
    assert "1 konto pseudonymiserades." in response.content.decode()
    assert (
        User.objects.get(pk=representative.pk).email == f"anonymiserad-{representative.pk}@invalid"
    )
    assert User.objects.get(pk=admin_user.pk).email == "admin@example.org"


def test_apply_retention_deletes_expired_sessions_and_old_revoked_links(representative, staff):
    now = timezone.now()
    Session.objects.create(
        session_key="a" * 32, session_data="", expire_date=now - datetime.timedelta(minutes=1)
    )
    Session.objects.create(
        session_key="b" * 32, session_data="", expire_date=now + datetime.timedelta(days=1)
    )
    calendar.new_token(representative)
    calendar.new_token(representative)  # revokes the first
    calendar.new_token(staff)
    old_revoked = CalendarToken.objects.get(user=representative, revoked_at__isnull=False)
    old_revoked.revoked_at = now - datetime.timedelta(days=91)
    old_revoked.save()
    calendar.new_token(staff)  # revokes one just now: kept
    CalendarToken.objects.filter(user=staff, revoked_at__isnull=False).update(
        revoked_at=now - datetime.timedelta(days=89)
    )

    results = retention.apply(now)

    assert results == {
        "utgångna sessioner": 1,
        "återkallade kalenderlänkar": 1,
        "inbjudningar till avslutade möten": 0,
        "engångskoder för formulär": 0,
    }
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert not CalendarToken.objects.filter(pk=old_revoked.pk).exists()
    assert CalendarToken.objects.filter(user=representative).count() == 1
    assert CalendarToken.objects.filter(user=staff).count() == 2


def test_apply_retention_command_reports_what_it_deleted(capsys, representative):
    calendar.new_token(representative)
    CalendarToken.objects.update(revoked_at=timezone.now() - datetime.timedelta(days=200))
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "återkallade kalenderlänkar: 1" in out and "utgångna sessioner: 0" in out
    assert not CalendarToken.objects.exists()


def test_retention_purges_records_of_ended_sessions(client, representative):
    from allauth.usersessions.models import UserSession

    sign_in(client, representative)
    assert UserSession.objects.count() == 1
    Session.objects.all().delete()  # e.g. expired and cleared
    assert retention.apply()["utgångna sessioner"] == 1
    assert not UserSession.objects.exists()


def make_invitation(meeting, invited_by, email: str, **extra) -> Invitation:
    return Invitation.objects.create(
        meeting=meeting,
        invited_by=invited_by,
        full_name=extra.pop("full_name", "Klara Kollega"),
        email=email,
        reason="Arbetar med temat.",
        token_hash=Invitation.hash_token(email + str(meeting.pk)),
        **extra,
    )


def test_export_holds_attendance_and_invitations_sent_and_received(
    client_for, representative, staff, neh
):
    meeting = factories.make_meeting(neh)
    Attendance.objects.create(meeting=meeting, person=representative, answer="coming")
    make_invitation(meeting, representative, "klara@example.org")
    make_invitation(meeting, factories.make_user(), representative.email, full_name="Rita R")
    make_invitation(meeting, staff, "nagon.annan@example.org")

    data = download(client_for("representative"))

    assert [a["svar"] for a in data["närvaro"]] == ["coming"]
    assert [i["e-postadress"] for i in data["inbjudningar"]["skickade"]] == ["klara@example.org"]
    assert [i["namn"] for i in data["inbjudningar"]["mottagna"]] == ["Rita R"]
    assert "nagon.annan@example.org" not in json.dumps(data)


def test_pseudonymise_replaces_the_address_in_invitations_to_the_person(representative, neh):
    meeting = factories.make_meeting(neh)
    invitation = make_invitation(
        meeting, factories.make_user(), "Representant@example.org", full_name="Rita R"
    )
    lifecycle.pseudonymise(representative)
    invitation.refresh_from_db()
    assert invitation.email == f"anonymiserad-{representative.pk}@invalid"
    assert invitation.full_name == f"Före detta användare #{representative.pk}"
    assert invitation.reason == "Arbetar med temat."


def test_retention_deletes_invitations_90_days_after_their_meeting(representative, neh):
    old = make_invitation(factories.make_meeting(neh, days_ahead=-91), representative, "a@x.org")
    recent = make_invitation(factories.make_meeting(neh, days_ahead=-89), representative, "b@x.org")
    coming = make_invitation(factories.make_meeting(neh, days_ahead=10), representative, "c@x.org")
    assert retention.apply()["inbjudningar till avslutade möten"] == 1
    assert set(Invitation.objects.all()) == {recent, coming}
    assert not Invitation.objects.filter(pk=old.pk).exists()


def _governance_records(person, neh, administration) -> dict:
    """One of each record the person made in the governance loop, goals and theme wishes,
    and one of each made by somebody else (which must not be exported)."""
    from meetings.models import (
        IndicatorValue,
        QuestionEvent,
        ReportBack,
        ThemeSuggestion,
        ThemeSupport,
    )

    other = factories.make_user()
    held = factories.make_meeting(neh, days_ahead=-2, theme_title="Hållet")
    area = neh.work_areas.active().first()
    question = factories.make_question(neh, administration, raised_by=person, title="Laddstolpar?")
    factories.make_question(neh, administration, raised_by=other, title="Annans fråga")
    QuestionEvent.objects.create(question=question, state="on_agenda", actor=person, note="Tas upp")
    report_back = ReportBack.objects.create(
        meeting=held,
        administration=administration,
        presented_on=held.starts_at.date(),
        marked_by=person,
    )
    action = factories.make_action(
        held,
        administrations=[administration],
        title="Inventera",
        status="done",
        done_by=person,
        done_comment="Klart i mars",
    )
    factories.make_action(held, title="Annans åtgärd", status="done", done_by=other)
    indicator = factories.make_indicator(factories.make_goal(neh, title="Klimatmålet"))
    value = IndicatorValue.objects.create(
        indicator=indicator, year=2024, value=640, source="SCB", entered_by=person
    )
    IndicatorValue.objects.create(indicator=indicator, year=2023, value=700, entered_by=other)
    suggestion = ThemeSuggestion.objects.create(
        network=neh,
        title="Cirkulära möbler",
        why="Spara pengar",
        work_area=area,
        suggested_by=person,
        administration=administration,
    )
    others = ThemeSuggestion.objects.create(
        network=neh,
        title="Grönytor",
        why="Värme",
        work_area=area,
        suggested_by=other,
        administration=administration,
    )
    ThemeSupport.objects.create(suggestion=others, person=person)
    return {
        "question": question,
        "report_back": report_back,
        "action": action,
        "value": value,
        "suggestion": suggestion,
    }


def test_export_holds_questions_report_backs_actions_values_and_theme_wishes(
    client_for, representative, neh, administration
):
    _governance_records(representative, neh, administration)

    data = download(client_for("representative"))

    [question] = data["frågor"]["registrerade"]
    assert (question["rubrik"], question["läge"], question["nätverk"]) == (
        "Laddstolpar?",
        "raised",
        "NEH",
    )
    assert question["väckt_i_ledningsgruppen"] is not None
    # The factory's first step (registered) was the person's too.
    assert [(s["fråga"], s["läge"], s["anteckning"]) for s in data["frågor"]["steg"]] == [
        ("Laddstolpar?", "raised", ""),
        ("Laddstolpar?", "on_agenda", "Tas upp"),
    ]
    [report_back] = data["återrapporter"]
    assert report_back["förvaltning"] == "Miljöförvaltningen" and report_back["nätverk"] == "NEH"
    assert [(a["åtgärd"], a["kommentar"]) for a in data["åtgärder"]] == [
        ("Inventera", "Klart i mars")
    ]
    [value] = data["indikatorvärden"]
    assert (value["mål"], value["år"], value["källa"]) == ("Klimatmålet", 2024, "SCB")
    assert [s["tema"] for s in data["temaförslag"]["förslag"]] == ["Cirkulära möbler"]
    assert [s["tema"] for s in data["temaförslag"]["stöd"]] == ["Grönytor"]
    body = json.dumps(data)
    assert "Annans fråga" not in body and "Annans åtgärd" not in body


def test_pseudonymise_keeps_the_governance_records_of_the_person(
    representative, neh, administration
):
    records = _governance_records(representative, neh, administration)
    pk = representative.pk

    lifecycle.pseudonymise(representative)

    for record in records.values():
        record.refresh_from_db()
    assert records["question"].raised_by_id == pk
    assert records["question"].events.get(state="on_agenda").actor_id == pk
    assert records["report_back"].marked_by_id == pk
    assert records["action"].done_by_id == pk and records["action"].done_comment == "Klart i mars"
    assert records["value"].entered_by_id == pk
    assert records["suggestion"].suggested_by_id == pk
    assert User.objects.get(pk=pk).full_name == f"Före detta användare #{pk}"


def test_deleting_an_account_row_keeps_the_networks_records(neh, administration):
    """The app never deletes an account (it pseudonymises), but should a row be deleted in
    the database, the network's records stay and lose only the link; the person's own
    support votes go with them."""
    from meetings.models import ThemeSupport

    person = factories.make_user("borta@example.org", "Bo Borta")
    records = _governance_records(person, neh, administration)

    person.delete()

    for record in records.values():
        record.refresh_from_db()
    assert records["question"].raised_by is None
    assert records["question"].events.get(state="on_agenda").actor is None
    assert records["report_back"].marked_by is None
    assert records["action"].done_by is None and records["action"].status == "done"
    assert records["value"].entered_by is None and records["value"].year == 2024
    assert records["suggestion"].suggested_by is None
    assert not ThemeSupport.objects.filter(suggestion__title="Grönytor").exists()


def test_export_invitations_in_full_and_in_order(client_for, representative, neh):
    """Each invitation's every field, the address matched in any case, oldest first."""
    meeting = factories.make_meeting(neh)
    later = factories.make_meeting(neh, days_ahead=40)
    colleague = factories.make_user()
    first = make_invitation(later, representative, "klara@example.org")
    received = make_invitation(meeting, colleague, representative.email.upper(), full_name="Rita R")
    both = make_invitation(meeting, representative, representative.email)
    Invitation.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )

    data = download(client_for("representative"))["inbjudningar"]

    def entry(invitation, on):
        invitation.refresh_from_db()
        return {
            "möte": timezone.localtime(on.starts_at).isoformat(),
            "nätverk": "NEH",
            "namn": invitation.full_name,
            "e-postadress": invitation.email,
            "anledning": "Arbetar med temat.",
            "skapad": timezone.localtime(invitation.created_at).isoformat(),
        }

    assert data["skickade"] == [entry(first, later), entry(both, meeting)]
    assert data["mottagna"] == [entry(received, meeting), entry(both, meeting)]


def test_export_calendar_links_in_full_and_in_order(client_for, representative, neh):
    """Each link's type, network (none for the personal one), creation and revocation."""
    calendar.new_token(representative)
    calendar.new_token(representative)  # revokes the first
    calendar.new_token(representative, neh)
    tokens = list(CalendarToken.objects.filter(user=representative).order_by("created_at", "pk"))

    links = download(client_for("representative"))["kalenderlänkar"]

    assert links == [
        {
            "typ": token.kind,
            "nätverk": token.network.code if token.network else None,
            "skapad": timezone.localtime(token.created_at).isoformat(),
            "återkallad": (
                timezone.localtime(token.revoked_at).isoformat() if token.revoked_at else None
            ),
        }
        for token in tokens
    ]
    assert [link["nätverk"] for link in links] == [None, None, "NEH"]
    assert links[0]["återkallad"] is not None and links[2]["återkallad"] is None


def test_export_attendance_in_full_and_in_order(client_for, representative, neh):
    """Each answer's every field, by the meetings' start."""
    later = factories.make_meeting(neh, days_ahead=40)
    earlier = factories.make_meeting(neh, days_ahead=-10)
    answered = Attendance.objects.create(
        meeting=later,
        person=representative,
        answer="coming",
        answered_at=timezone.now(),
        source=Attendance.Source.OUTLOOK,
        tentative=True,
        comment="Kanske sent",
    )
    ticked = Attendance.objects.create(meeting=earlier, person=representative, attended=False)

    data = download(client_for("representative"))["närvaro"]

    assert data == [
        {
            "möte": timezone.localtime(meeting.starts_at).isoformat(),
            "nätverk": "NEH",
            "svar": attendance.answer or None,
            "svarade": (
                timezone.localtime(attendance.answered_at).isoformat()
                if attendance.answered_at
                else None
            ),
            "svarade via": attendance.source,
            "preliminärt": attendance.tentative,
            "kommentar": attendance.comment,
            "närvarade": attendance.attended,
        }
        for meeting, attendance in [(earlier, ticked), (later, answered)]
    ]


def test_export_evaluations_in_full_and_in_order(client_for, representative, neh):
    """Each evaluation's every field (an unasked question's answer as none), by the meetings'
    start."""
    later = factories.make_meeting(neh, days_ahead=-5)
    earlier = factories.make_meeting(neh, days_ahead=-40)
    full = Evaluation.objects.create(
        meeting=later,
        person=representative,
        usefulness=4,
        length=Evaluation.Length.RIGHT,
        preferred_format=Evaluation.Format.HYBRID,
        comment="Bra.",
        extra_answer="Mer tid.",
    )
    bare = Evaluation.objects.create(meeting=earlier, person=representative)

    data = download(client_for("representative"))["utvärderingar"]

    assert data == [
        {
            "möte": timezone.localtime(meeting.starts_at).isoformat(),
            "nätverk": "NEH",
            "nytta": evaluation.usefulness,
            "längd": evaluation.length or None,
            "mötesform": evaluation.preferred_format or None,
            "kommentar": evaluation.comment,
            "svar_på_extra_fråga": evaluation.extra_answer,
            "skapad": timezone.localtime(evaluation.created_at).isoformat(),
            "ändrad": timezone.localtime(evaluation.updated_at).isoformat(),
        }
        for meeting, evaluation in [(earlier, bare), (later, full)]
    ]
    assert data[0]["längd"] is None and data[1]["mötesform"] == "hybrid"


def _as_instances(person) -> dict:
    """The sections read as they were before they were compiled queries of plain values: model
    instances and their relations, each section's fields from them."""
    from allauth.usersessions.models import UserSession

    from meetings.models import (
        ActionItem,
        AgendaItem,
        IndicatorValue,
        NetworkVisit,
        Question,
        QuestionEvent,
        ReminderPreferences,
        ReportBack,
        ThemeSuggestion,
        ThemeSupport,
    )
    from networks.models import Network
    from representatives.models import Administration

    iso = personal_data.iso
    preferences = ReminderPreferences.objects.filter(user=person).first()
    return {
        "e-postadresser": [
            {"adress": a.email, "verifierad": a.verified, "primär": a.primary}
            for a in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "tvåstegsverifiering": [
            {"typ": a.type, "skapad": iso(a.created_at), "senast_använd": iso(a.last_used_at)}
            for a in Authenticator.objects.filter(user=person).order_by("created_at")
        ],
        "sessioner": [
            {
                "ip-adress": s.ip,
                "webbläsare": s.user_agent,
                "startad": iso(s.created_at),
                "senast_sedd": iso(s.last_seen_at),
            }
            for s in UserSession.objects.filter(user=person).order_by("created_at")
        ],
        "uppdrag": [
            {
                "nätverk": a.network.code,
                "förvaltning": a.administration.name,
                "roll": a.role,
                "från": iso(a.start_date),
                "till": iso(a.end_date),
                "utsedd_av": str(a.appointed_by) if a.appointed_by_id else None,
                "mandat_bekräftat": iso(a.mandate_confirmed_at),
            }
            for a in Appointment.objects.filter(person=person).order_by("start_date", "pk")
        ],
        "roller": {
            "direktör_för": sorted(
                Administration.objects.filter(director=person).values_list("name", flat=True)
            ),
            "samordnare_för": sorted(
                Network.objects.filter(coordinators=person).values_list("code", flat=True)
            ),
        },
        "dagordningspunkter": [
            {
                "rubrik": i.title,
                "beskrivning": i.description,
                "typ": i.kind,
                "status": i.status,
                "önskad_tid_minuter": i.wished_minutes,
                "möte": iso(i.meeting.starts_at),
                "nätverk": i.meeting.network.code,
                "förvaltning": str(i.administration) if i.administration_id else None,
                "arbetsområde": str(i.work_area) if i.work_area_id else None,
                "skapad": iso(i.created_at),
            }
            for i in AgendaItem.objects.filter(proposed_by=person).order_by("created_at", "pk")
        ],
        "frågor": {
            "registrerade": [
                {
                    "rubrik": q.title,
                    "läge": q.state,
                    "nätverk": q.network.code,
                    "förvaltning": q.administration.name,
                    "väckt_i_ledningsgruppen": iso(q.raised_on),
                    "återrapporterad": iso(q.reported_back_on),
                    "registrerad": iso(q.created_at),
                    "ändrad": iso(q.updated_at),
                }
                for q in Question.objects.filter(raised_by=person).order_by("created_at", "pk")
            ],
            "steg": [
                {
                    "fråga": e.question.title,
                    "nätverk": e.question.network.code,
                    "läge": e.state,
                    "tidpunkt": iso(e.at),
                    "anteckning": e.note,
                }
                for e in QuestionEvent.objects.filter(actor=person).order_by("at", "pk")
            ],
        },
        "återrapporter": [
            {
                "möte": iso(r.meeting.starts_at),
                "nätverk": r.meeting.network.code,
                "förvaltning": r.administration.name,
                "presenterat": iso(r.presented_on),
                "markerat": iso(r.marked_at),
            }
            for r in ReportBack.objects.filter(marked_by=person).order_by("marked_at", "pk")
        ],
        "åtgärder": [
            {
                "åtgärd": a.title,
                "möte": iso(a.meeting.starts_at),
                "nätverk": a.meeting.network.code,
                "markerad_klar": iso(a.done_at),
                "kommentar": a.done_comment,
            }
            for a in ActionItem.objects.filter(done_by=person).order_by("done_at", "pk")
        ],
        "indikatorvärden": [
            {
                "mål": v.indicator.goal.title,
                "indikator": v.indicator.name,
                "år": v.year,
                "värde": str(v.value),
                "enhet": v.indicator.unit,
                "källa": v.source,
                "kommentar": v.comment,
                "registrerat": iso(v.entered_at),
            }
            for v in IndicatorValue.objects.filter(entered_by=person).order_by("entered_at", "pk")
        ],
        "temaförslag": {
            "förslag": [
                {
                    "tema": s.title,
                    "varför": s.why,
                    "nätverk": s.network.code,
                    "arbetsområde": str(s.work_area),
                    "status": s.status,
                    "föreslaget": iso(s.created_at),
                }
                for s in ThemeSuggestion.objects.filter(suggested_by=person).order_by(
                    "created_at", "pk"
                )
            ],
            "stöd": [
                {
                    "tema": s.suggestion.title,
                    "nätverk": s.suggestion.network.code,
                    "stöd_givet": iso(s.created_at),
                }
                for s in ThemeSupport.objects.filter(person=person).order_by("created_at", "pk")
            ],
        },
        "påminnelser": None
        if preferences is None
        else {
            **{
                key: getattr(preferences, kind)
                for kind, key in meetings_account_hooks().REMINDER_KEYS.items()
            },
            "ändrat": iso(preferences.updated_at),
        },
        "besök": [
            {
                "nätverk": v.network.code,
                "senast_sedd": iso(v.seen_at),
                "förra_besöket": iso(v.previous_seen_at),
            }
            for v in NetworkVisit.objects.filter(user=person).order_by("network__code")
        ],
    }


def meetings_account_hooks():
    from meetings import account_hooks

    return account_hooks


def test_export_sections_read_as_values_are_what_the_model_instances_hold(
    client_for, representative, coordinator, neh, nsh, administration
):
    """Each section is a compiled query of plain values: every field and the order are those
    of the records read as model instances, for a person with two of each record, an
    appointer with a name and one without, an item with and without administration and work
    area, reminder choices and visits."""
    from meetings.models import NetworkVisit, ReminderPreferences

    other_administration = factories.make_administration("Kulturförvaltningen", director=None)
    nameless = factories.make_user("utan.namn@example.org")
    User.objects.filter(pk=nameless.pk).update(full_name="")
    factories.make_appointment(
        representative,
        other_administration,
        nsh,
        role=Appointment.Role.SUBSTITUTE,
        appointed_by=coordinator,
        end_date=timezone.localdate() + datetime.timedelta(days=30),
        mandate_confirmed_at=timezone.now(),
    )
    factories.make_appointment(representative, other_administration, neh, appointed_by=nameless)
    for _ in range(2):
        _governance_records(representative, neh, administration)
    meeting = factories.make_meeting(neh)
    area = neh.work_areas.active().first()
    factories.make_agenda_item(
        meeting, title="Med allt", proposed_by=representative, administration=administration
    )
    factories.make_agenda_item(meeting, title="Med område", proposed_by=representative)
    from meetings.models import AgendaItem

    AgendaItem.objects.filter(title="Med område").update(work_area=area)
    ReminderPreferences.objects.create(user=representative, day_before=False, digest=False)
    now = timezone.now()
    NetworkVisit.objects.create(user=representative, network=nsh, seen_at=now)
    NetworkVisit.objects.create(
        user=representative,
        network=neh,
        seen_at=now,
        previous_seen_at=now - datetime.timedelta(days=3),
    )
    EmailAddress.objects.create(user=representative, email="b@example.org", verified=False)
    EmailAddress.objects.create(user=representative, email=representative.email, verified=True)
    Authenticator.objects.create(
        user=representative, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"}
    )

    data = download(client_for("representative"))

    expected = _as_instances(representative)
    account = data.pop("konto")
    for name in ("e-postadresser", "tvåstegsverifiering", "sessioner"):
        assert account[name] == expected.pop(name), name
    for name, section in expected.items():
        assert data[name] == section, name
    # The records are there to compare: two of each, and both kinds of appointer.
    assert len(data["uppdrag"]) == 3 and len(data["frågor"]["steg"]) == 4
    assert sorted(str(a["utsedd_av"]) for a in data["uppdrag"]) == sorted(
        ["None", coordinator.full_name, "utan.namn@example.org"]
    )
    assert [i["förvaltning"] for i in data["dagordningspunkter"]] == ["Miljöförvaltningen", None]
    assert data["dagordningspunkter"][1]["arbetsområde"] == area.name
    assert data["påminnelser"]["dagen_före_mötet"] is False
    assert data["påminnelser"]["obesvarad_inbjudan"] is True
    assert [v["nätverk"] for v in data["besök"]] == ["NEH", "NSH"]


def test_export_invitations_to_an_address_with_like_wildcards(client, neh):
    """The address is matched in any case and as it is written: its `_` and `%` (wildcards in
    the LIKE that matches it on SQLite) match only themselves."""
    person = factories.make_user("rita_r%x@example.org", "Rita R")
    meeting = factories.make_meeting(neh)
    colleague = factories.make_user()
    make_invitation(meeting, colleague, "RITA_R%X@example.org", full_name="Rita stor")
    make_invitation(meeting, colleague, "ritaxr%x@example.org", full_name="Inte Rita")
    make_invitation(meeting, colleague, "rita_rxyx@example.org", full_name="Inte heller")
    sign_in(client, person)

    data = download(client)["inbjudningar"]

    assert [i["namn"] for i in data["mottagna"]] == ["Rita stor"]
    assert data["skickade"] == []
