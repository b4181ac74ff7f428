"""Writing, publishing and correcting minutes; who sees what; the e-mail on publishing."""

import pytest
from django.urls import reverse

from meetings.minutes import workflow as minutes
from meetings.models import Attendance, Minutes, MinutesVersion
from tests import factories
from tests.minutes.build import draft_form, publish_form

pytestmark = pytest.mark.django_db


def draft_data(meeting, summary="Bra möte.", note="Vi pratade.", outcome="Beslut: gör det."):
    data = {"summary": summary}
    for item in meeting.items:
        data[f"e{item.pk}-note"] = f"{note} ({item.title})"
        data[f"e{item.pk}-outcome"] = outcome
    return draft_form(meeting, data)


def write_and_publish(client, meeting, **publish):
    client.post(reverse("minutes_edit", args=[meeting.pk]), draft_data(meeting))
    return client.post(
        reverse("minutes_publish", args=[meeting.pk]),
        publish_form(meeting, {"correction_note": "", "based_on": "0", **publish}),
    )


def test_coordinator_writes_draft_that_only_coordinators_see(client_for, held, representative):
    client = client_for("coordinator")
    response = client.post(reverse("minutes_edit", args=[held.pk]), draft_data(held))
    assert response.status_code == 302
    draft = Minutes.objects.get(meeting=held)
    assert draft.summary == "Bra möte."
    assert {e.agenda_item_id: e.outcome for e in draft.entries.all()} == {
        item.pk: "Beslut: gör det." for item in held.items
    }
    # Members see no draft: the public page says it is not published yet.
    page = client_for("representative").get(reverse("minutes_detail", args=[held.pk]))
    assert page.status_code == 200
    assert "Bra möte." not in page.content.decode()
    assert "inte publicerade" in page.content.decode()
    edit = reverse("minutes_edit", args=[held.pk])
    assert client_for("representative").get(edit).status_code == 403


def test_minutes_refused_for_meeting_not_yet_held(client_for, neh):
    coming = factories.make_meeting(neh, days_ahead=5)
    item = factories.make_agenda_item(coming, position=1)
    client = client_for("coordinator")
    assert client.get(reverse("minutes_edit", args=[coming.pk])).status_code == 409
    response = client.post(
        reverse("minutes_edit", args=[coming.pk]),
        {"summary": "x", f"e{item.pk}-note": "y", f"e{item.pk}-outcome": ""},
    )
    assert response.status_code == 409
    assert not Minutes.objects.exists()
    with pytest.raises(minutes.MinutesError):
        minutes.save_draft(coming, None, "x", {}, seen_version=0)


def test_cancelled_meeting_has_no_minutes(client_for, neh):
    cancelled = factories.make_meeting(neh, days_ahead=-3, status="cancelled")
    edit = reverse("minutes_edit", args=[cancelled.pk])
    assert client_for("coordinator").get(edit).status_code == 409


def test_publishing_freezes_v1_and_mails_the_network(
    client_for, held, representative, substitute, mailoutbox, django_capture_on_commit_callbacks
):
    Attendance.objects.create(meeting=held, person=representative, answer="coming", attended=True)
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = write_and_publish(client, held)
    assert response.status_code == 302
    version = MinutesVersion.objects.get()
    assert version.number == 1 and version.correction_note == ""
    content = version.content
    assert content["summary"] == "Bra möte."
    assert [e["title"] for e in content["entries"]] == ["Skyfallsplan", "Solel"]
    people = [p for group in content["attendance"] for p in group["people"]]
    assert {"name": representative.full_name, "attended": True}.items() <= next(
        p for p in people if p["name"] == representative.full_name
    ).items()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([representative.email, substitute.email])
    assert reverse("minutes_detail", args=[held.pk]) in mailoutbox[0].body
    page = client_for("representative").get(reverse("minutes_detail", args=[held.pk]))
    assert "Bra möte." in page.content.decode()


def test_correction_needs_a_note_and_keeps_v1(client_for, held, mailoutbox):
    client = client_for("coordinator")
    write_and_publish(client, held)
    v1 = MinutesVersion.objects.get(number=1)
    v1_content = dict(v1.content)
    client.post(
        reverse("minutes_edit", args=[held.pk]), draft_data(held, summary="Rättad sammanfattning.")
    )
    # Without a note: refused, nothing new.
    response = client.post(
        reverse("minutes_publish", args=[held.pk]),
        publish_form(held, {"correction_note": " ", "based_on": "1"}),
    )
    assert response.status_code == 200
    assert "Skriv vad som har rättats" in response.content.decode()
    assert MinutesVersion.objects.count() == 1
    # With a note: version 2; version 1 is untouched and readable at its own address.
    response = client.post(
        reverse("minutes_publish", args=[held.pk]),
        publish_form(held, {"correction_note": "Rättade sammanfattningen.", "based_on": "1"}),
    )
    assert response.status_code == 302
    v2 = MinutesVersion.objects.get(number=2)
    assert v2.correction_note == "Rättade sammanfattningen."
    assert v2.content["summary"] == "Rättad sammanfattning."
    v1.refresh_from_db()
    assert v1.content == v1_content
    reader = client_for("staff")
    latest = reader.get(reverse("minutes_detail", args=[held.pk])).content.decode()
    assert "Rättad sammanfattning." in latest and "Rättade sammanfattningen." in latest
    assert reverse("minutes_version", args=[held.pk, 1]) in latest
    earlier = reader.get(reverse("minutes_version", args=[held.pk, 1])).content.decode()
    assert "Bra möte." in earlier and "tidigare version" in earlier
    assert reader.get(reverse("minutes_version", args=[held.pk, 3])).status_code == 404


def test_stale_or_unchanged_publication_is_refused(client_for, held):
    client = client_for("coordinator")
    write_and_publish(client, held)
    response = client.post(
        reverse("minutes_publish", args=[held.pk]),
        publish_form(held, {"correction_note": "x", "based_on": "0"}),
    )
    assert "Någon annan har publicerat" in response.content.decode()
    response = client.post(
        reverse("minutes_publish", args=[held.pk]),
        publish_form(held, {"correction_note": "x", "based_on": "1"}),
    )
    assert "Inget har ändrats" in response.content.decode()
    assert MinutesVersion.objects.count() == 1


def test_published_markdown_is_sanitised_on_the_page(client_for, held):
    client = client_for("coordinator")
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">'
    client.post(reverse("minutes_edit", args=[held.pk]), draft_data(held, summary=hostile))
    client.post(reverse("minutes_publish", args=[held.pk]), publish_form(held, {"based_on": "0"}))
    html = client_for("staff").get(reverse("minutes_detail", args=[held.pk])).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_other_networks_coordinator_cannot_write(client, held, nsh):
    other = factories.make_user("samordnare.nsh@example.org", "Nils NSH")
    nsh.coordinators.add(other)
    client.force_login(other)
    assert client.get(reverse("minutes_edit", args=[held.pk])).status_code == 403
    response = client.post(reverse("minutes_edit", args=[held.pk]), draft_data(held))
    assert response.status_code == 403
    assert not Minutes.objects.exists()


def test_meeting_page_links_published_minutes(client_for, held):
    write_and_publish(client_for("coordinator"), held)
    html = client_for("representative").get(held.get_absolute_url()).content.decode()
    assert reverse("minutes_detail", args=[held.pk]) in html
    assert "version 1" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [("summary", "x" * 20001), ("note", "x" * 20001), ("outcome", "x" * 10001), ("note", "a\x00b")],
)
def test_overlong_or_nul_text_is_refused_and_nothing_saved(client_for, held, field, value):
    data = draft_data(held)
    key = field if field == "summary" else f"e{held.items[0].pk}-{field}"
    data[key] = value
    response = client_for("coordinator").post(reverse("minutes_edit", args=[held.pk]), data)
    assert response.status_code == 200
    assert "Formuläret behöver rättas" in response.content.decode()
    assert not Minutes.objects.exists()


def _second_coordinator(neh):
    from django.test import Client

    person = factories.make_user("samordnare2@example.org", "Siri Samordnare")
    neh.coordinators.add(person)
    client = Client()
    client.force_login(person)
    return client


def test_a_stale_draft_does_not_overwrite_the_other_coordinators_text(client_for, held, neh):
    """Both coordinators open the draft; the second save, from the page as it was before the
    first, is refused: the first text stays, the second is shown back to be copied."""
    first, second = client_for("coordinator"), _second_coordinator(neh)
    edit = reverse("minutes_edit", args=[held.pk])
    first.post(edit, draft_data(held, summary="Första utkastet."))
    seen_by_first = factories.hidden_value(first.get(edit), "version")
    seen_by_second = factories.hidden_value(second.get(edit), "version")
    assert seen_by_first == seen_by_second == "1"
    first_text = {**draft_data(held, summary="Samordnare 1 skrev detta."), "version": "1"}
    assert first.post(edit, first_text).status_code == 302

    second_text = {**draft_data(held, summary="Samordnare 2 skrev annat."), "version": "1"}
    response = second.post(edit, second_text)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Utkastet har ändrats av någon annan under tiden" in html
    assert "Samordnare 2 skrev annat." in html  # still in the field, to be copied
    draft = Minutes.objects.get(meeting=held)
    assert draft.summary == "Samordnare 1 skrev detta."
    assert draft.version == 2
    assert set(draft.entries.values_list("note", flat=True)) == {
        f"Vi pratade. ({item.title})" for item in held.items
    }


def test_two_first_saves_of_a_draft_cannot_both_win(client_for, held, neh):
    first, second = client_for("coordinator"), _second_coordinator(neh)
    edit = reverse("minutes_edit", args=[held.pk])
    assert factories.hidden_value(first.get(edit), "version") == "0"
    assert factories.hidden_value(second.get(edit), "version") == "0"
    first.post(edit, {**draft_data(held, summary="Ett."), "version": "0"})
    response = second.post(edit, {**draft_data(held, summary="Två."), "version": "0"})
    assert "Utkastet har ändrats av någon annan" in response.content.decode()
    assert Minutes.objects.get(meeting=held).summary == "Ett."


def test_a_draft_changed_since_the_page_was_read_is_not_published_unseen(
    client_for, held, neh, mailoutbox
):
    first, second = client_for("coordinator"), _second_coordinator(neh)
    edit = reverse("minutes_edit", args=[held.pk])
    first.post(edit, draft_data(held, summary="Granskad text."))
    seen = factories.hidden_value(first.get(edit), "draft_version")
    second.post(edit, draft_data(held, summary="Ogranskad ändring."))

    response = first.post(
        reverse("minutes_publish", args=[held.pk]),
        {"correction_note": "", "based_on": "0", "draft_version": seen},
    )

    assert "Utkastet har ändrats av någon annan sedan du läste in sidan" in (
        response.content.decode()
    )
    assert not MinutesVersion.objects.exists()
    assert mailoutbox == []


def test_draft_history_keeps_each_coordinators_save(client_for, held, neh):
    first, second = client_for("coordinator"), _second_coordinator(neh)
    edit = reverse("minutes_edit", args=[held.pk])
    first.post(edit, draft_data(held, summary="Ett."))
    second.post(edit, draft_data(held, summary="Två."))
    draft = Minutes.objects.get(meeting=held)
    assert [row.summary for row in draft.history.order_by("history_id")] == ["Ett.", "Två."]
