"""Publishing makes numbered snapshots; members read the snapshot and what changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.agenda import versions as agenda_versions
from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem, AgendaVersion
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def publish_url(meeting):
    return reverse("agenda_publish", kwargs={"pk": meeting.pk})


def version_url(meeting, number=None):
    if number is None:
        return reverse("agenda_current", kwargs={"pk": meeting.pk})
    return reverse("agenda_version", kwargs={"pk": meeting.pk, "number": number})


@pytest.fixture
def members(neh, representative, substitute, administration):
    """Besides the fixtures' two: another seat, an ended appointment, NSH's people, and a
    deactivated account that still holds a seat (told nothing)."""
    other = factories.make_administration()
    factories.make_appointment(factories.make_user("annan@example.org"), other, neh)
    factories.make_appointment(
        factories.make_user("avaktiverad@example.org", is_active=False),
        factories.make_administration(),
        neh,
    )
    factories.make_appointment(
        factories.make_user("slutat@example.org"),
        other,
        neh,
        Appointment.Role.SUBSTITUTE,
        end_date=timezone.localdate(),
    )
    factories.make_appointment(
        factories.make_user("nsh@example.org"), other, factories.network("NSH")
    )


def test_first_publish_makes_version_one_and_mails_every_member(
    client_for, meeting, on_agenda, members, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(publish_url(meeting), {"based_on": 0})
    assert response.status_code == 302
    version = meeting.agenda_versions.get()
    assert version.number == 1
    assert [item["title"] for item in version.snapshot] == ["Punkt 1", "Punkt 2", "Punkt 3"]
    assert version.published_by.email == "samordnare@example.org"
    meeting.refresh_from_db()
    assert meeting.agenda_published_at == version.published_at
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "annan@example.org",
        "ersattare@example.org",
        "representant@example.org",
    ]
    mail = mailoutbox[0]
    assert "Dagordningen är publicerad" in mail.subject
    assert "1. " in mail.body and "Punkt 3" in mail.body
    assert version_url(meeting, 1) in mail.body


def publish(meeting, coordinator, note="", based_on=None):
    latest = agenda_versions.current_version(meeting)
    return agenda.publish(meeting, coordinator, note, latest.number if latest else 0)


def test_draft_changes_stay_private_until_next_version(client_for, meeting, on_agenda, coordinator):
    publish(meeting, coordinator)
    factories.make_agenda_item(meeting, position=4, title="Hemlig ny punkt")
    for role in ("staff", "representative"):
        for path in (meeting.get_absolute_url(), version_url(meeting)):
            content = client_for(role).get(path).content.decode()
            assert "Punkt 1" in content
            assert "Hemlig ny punkt" not in content
    text = client_for("staff").get(reverse("agenda_text", kwargs={"pk": meeting.pk}))
    assert "Hemlig ny punkt" not in text.content.decode()
    assert (
        "Hemlig ny punkt"
        in client_for("coordinator")
        .get(reverse("agenda_manage", kwargs={"pk": meeting.pk}))
        .content.decode()
    )


def test_second_version_needs_a_change_note_and_a_change(
    client_for, meeting, on_agenda, coordinator
):
    publish(meeting, coordinator)
    client = client_for("coordinator")
    response = client.post(publish_url(meeting), {"based_on": 1, "change_note": "Inget"})
    assert "Inget har ändrats sedan version 1" in response.content.decode()
    on_agenda[0].allotted_minutes = 30
    on_agenda[0].save()
    response = client.post(publish_url(meeting), {"based_on": 1, "change_note": ""})
    assert "Beskriv kort vad som har ändrats" in response.content.decode()
    assert meeting.agenda_versions.count() == 1


def test_stale_publish_is_refused(client_for, meeting, on_agenda, coordinator):
    publish(meeting, coordinator)
    on_agenda[0].allotted_minutes = 30
    on_agenda[0].save()
    response = client_for("coordinator").post(
        publish_url(meeting), {"based_on": 0, "change_note": "Ny tid"}
    )
    assert "Någon annan har publicerat version 1" in response.content.decode()
    assert meeting.agenda_versions.count() == 1


def test_publish_refused_without_items_or_for_past_meeting(client_for, meeting, neh):
    response = client_for("coordinator").post(publish_url(meeting), {"based_on": 0})
    assert "Dagordningen har inga punkter än." in response.content.decode()
    past = factories.make_meeting(neh, days_ahead=-2)
    factories.make_agenda_item(past, position=1)
    response = client_for("coordinator").post(publish_url(past), {"based_on": 0})
    assert "Mötet har redan varit." in response.content.decode()
    assert not AgendaVersion.objects.exists()


def test_changes_since_last_version_are_listed(
    client_for,
    meeting,
    on_agenda,
    coordinator,
    mailoutbox,
    representative,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # version 1's e-mail leaves
        publish(meeting, coordinator)
    client = client_for("coordinator")
    first, second, third = on_agenda
    # Remove Punkt 1, move Punkt 3 above Punkt 2, give Punkt 2 more time, add a new item.
    client.post(
        reverse("agenda_triage", kwargs={"pk": meeting.pk, "item_pk": first.pk}),
        {f"t{first.pk}-action": "decline", f"t{first.pk}-reason": "Utgår"},
    )
    client.post(
        reverse("agenda_move", kwargs={"pk": meeting.pk, "item_pk": third.pk}),
        {"direction": "up", "position": 2},
    )
    client.post(
        reverse("agenda_time", kwargs={"pk": meeting.pk, "item_pk": second.pk}),
        {f"m{second.pk}-allotted_minutes": 45, f"m{second.pk}-presenter": ""},
    )
    client.post(
        reverse("agenda_add", kwargs={"pk": meeting.pk}),
        factories.submitted({"title": "Ny punkt", "kind": "information", "allotted_minutes": 5}),
    )
    manage = client.get(reverse("agenda_manage", kwargs={"pk": meeting.pk})).content.decode()
    assert "Utkastet har ändringar som representanterna inte ser än" in manage
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url(meeting), {"based_on": 1, "change_note": "Ny ordning."})
    version = agenda_versions.current_version(meeting)
    assert version.number == 2
    assert [item["title"] for item in version.snapshot] == ["Punkt 3", "Punkt 2", "Ny punkt"]
    changes = agenda_versions.changes_since_previous(version, meeting.agenda_versions.get(number=1))
    assert [item["title"] for item in changes.added] == ["Ny punkt"]
    assert [item["title"] for item in changes.removed] == ["Punkt 1"]
    assert {item["title"] for item in changes.moved} == {"Punkt 3", "Punkt 2"}
    assert [(i["title"], i["old_minutes"], i["minutes"]) for i in changes.time_changed] == [
        ("Punkt 2", 20, 45)
    ]
    assert "version 2" in mailoutbox[0].subject
    assert "Ny ordning." in mailoutbox[0].body
    assert "Borttagen: Punkt 1" in mailoutbox[0].body

    content = client_for("staff").get(version_url(meeting)).content.decode()
    assert "Ändringar sedan förra versionen (1)" in content
    assert "Ny ordning." in content
    for text in ("Ny punkt", "Borttagen", "Flyttad", "20 → 45 minuter"):
        assert text in content
    old = client_for("staff").get(version_url(meeting, 1)).content.decode()
    assert "Det här är en tidigare version." in old
    assert "Punkt 1" in old
    assert "Ny punkt" not in old


def test_diff_does_not_call_shifted_items_moved():
    old = [
        {"id": 1, "position": 1, "title": "A", "minutes": 10, "presenter": "", "description": ""},
        {"id": 2, "position": 2, "title": "B", "minutes": 10, "presenter": "", "description": ""},
    ]
    new = [{**old[1], "position": 1}]
    changes = agenda_versions.diff(old, new)
    assert [item["title"] for item in changes.removed] == ["A"]
    assert changes.moved == []
    assert not agenda_versions.diff(old, old)


@pytest.mark.parametrize(
    "role", ["staff", "director", "representative", "substitute", "coordinator", "admin"]
)
def test_published_agenda_is_readable_by_every_signed_in_role(
    client_for, role, meeting, on_agenda, coordinator
):
    publish(meeting, coordinator)
    client = client_for(role)
    content = client.get(version_url(meeting)).content.decode()
    assert "Version 1, publicerad" in content
    assert "Punkt 2" in content
    assert "Sammanlagt 60 av mötets 120 minuter." in content
    text = client.get(reverse("agenda_text", kwargs={"pk": meeting.pk}))
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    body = text.content.decode()
    assert "Dagordning: Klimatanpassning" in body
    local = timezone.localtime(meeting.starts_at)
    assert f"1. {local:%H:%M}–" in body
    assert "Punkt 3" in body


def test_agenda_pages_send_anonymous_to_sign_in(client, meeting, on_agenda, coordinator):
    publish(meeting, coordinator)
    assert client.get(version_url(meeting)).status_code == 302
    assert client.get(reverse("agenda_text", kwargs={"pk": meeting.pk})).status_code == 302


def test_agenda_pages_are_not_found_before_publishing(client_for, meeting, on_agenda):
    client = client_for("coordinator")
    assert client.get(version_url(meeting)).status_code == 404
    assert client.get(version_url(meeting, 1)).status_code == 404
    assert client.get(reverse("agenda_text", kwargs={"pk": meeting.pk})).status_code == 404


def test_meeting_page_shows_the_snapshot_and_links(client_for, meeting, on_agenda, coordinator):
    publish(meeting, coordinator)
    AgendaItem.objects.filter(pk=on_agenda[0].pk).update(title="Ändrad i utkastet")
    content = client_for("representative").get(meeting.get_absolute_url()).content.decode()
    assert "Punkt 1" in content
    assert "Ändrad i utkastet" not in content
    assert "Version 1, publicerad" in content
    assert "Föreslå en punkt" in content
    assert "Hantera dagordningen" not in content
    content = client_for("coordinator").get(meeting.get_absolute_url()).content.decode()
    assert "Hantera dagordningen" in content


def test_agenda_text_lists_the_documents_presented_but_not_withdrawn(
    client_for, meeting, on_agenda, coordinator, settings
):
    settings.SITE_URL = "https://hallbarhet.example.se"
    publish(meeting, coordinator)
    consultation = factories.make_consultation(
        meeting.network,
        title="Remiss: ny avfallsplan",
        meeting=meeting,
        deadline=datetime.date(2027, 1, 4),
    )
    factories.make_document(
        meeting.network,
        title="Gammal rapport",
        meeting=meeting,
        withdrawn_at=timezone.now(),
    )
    text = client_for("staff").get(reverse("agenda_text", kwargs={"pk": meeting.pk}))
    body = text.content.decode()
    assert "Dokument som presenteras på mötet:" in body
    assert (
        f"- Remiss: ny avfallsplan (Remiss, svar senast 2027-01-04): "
        f"https://hallbarhet.example.se{consultation.get_absolute_url()}"
    ) in body
    assert "Gammal rapport" not in body


def test_agenda_text_without_documents_has_no_documents_heading(
    client_for, meeting, on_agenda, coordinator
):
    publish(meeting, coordinator)
    body = client_for("staff").get(reverse("agenda_text", kwargs={"pk": meeting.pk}))
    assert "Dokument som presenteras" not in body.content.decode()


def test_published_agenda_mail_lists_the_documents(
    meeting, on_agenda, members, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    factories.make_document(meeting.network, title="Klimatrapport 2026", meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting, coordinator)
    assert len(mailoutbox) == 3
    assert all("- Klimatrapport 2026 (Rapport)" in mail.body for mail in mailoutbox)
