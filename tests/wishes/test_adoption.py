"""Coordinators turn a suggestion into a meeting's draft theme in one step, or close it; the
suggester is told by e-mail on commit; the existing publish flow is not bypassed."""

import pytest
from django.urls import reverse

from meetings.models import Meeting, ThemeSuggestion
from tests import factories
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db


def adopt_url(suggestion, code="neh"):
    return reverse("theme_suggestion_adopt", kwargs={"code": code, "pk": suggestion.pk})


def close_url(suggestion, code="neh"):
    return reverse("theme_suggestion_close", kwargs={"code": code, "pk": suggestion.pk})


def test_adopting_drafts_the_theme_and_tells_the_suggester(
    client_for, suggestion, planned, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(adopt_url(suggestion), {f"a{suggestion.pk}-meeting": planned.pk})
    assert response.status_code == 302
    assert response["Location"] == planned.get_absolute_url()
    suggestion.refresh_from_db()
    planned.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.ADOPTED
    assert suggestion.adopted_meeting == planned
    assert suggestion.handled_at is not None
    # A draft theme only: still planned, nothing sent to the network.
    assert planned.status == Meeting.Status.PLANNED
    assert planned.theme_title == "Laddinfrastruktur"
    assert planned.theme_description == "Alla bygger laddplatser samtidigt."
    assert suggestion.work_area in planned.work_areas.all()
    assert planned.version == 2
    assert [m.to for m in mailoutbox] == [["representant@example.org"]]
    assert "blir mötets tema: Laddinfrastruktur" in mailoutbox[0].subject
    assert "/natverk/neh/temaforslag/" in mailoutbox[0].body

    # The coordinator publishes the theme as usual; then the network is told.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(
            reverse("meeting_publish", kwargs={"pk": planned.pk}), {"version": planned.version}
        )
    assert published.status_code == 302
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PUBLISHED
    assert mailoutbox  # the network's representatives


def test_adopted_and_closed_suggestions_stay_visible_with_their_outcome(
    client_for, suggestion, planned, neh, representative, administration
):
    closed = make_suggestion(neh, representative, administration, title="Studiebesök")
    client = client_for("coordinator")
    client.post(adopt_url(suggestion), {f"a{suggestion.pk}-meeting": planned.pk})
    client.post(close_url(closed), {f"c{closed.pk}-reason": "Passar bättre i Vattenveckan."})
    content = (
        client_for("representative")
        .get(reverse("theme_suggestions", kwargs={"code": "neh"}))
        .content.decode()
    )
    handled = content[content.index("Behandlade förslag") :]
    assert "Laddinfrastruktur" in handled and "Antaget som tema" in handled
    # The planned meeting is private to coordinators: no link for a representative.
    assert planned.get_absolute_url() not in handled
    assert "Studiebesök" in handled and "Passar bättre i Vattenveckan." in handled
    assert "Stöd förslaget" not in content


@pytest.mark.parametrize("case", ["other network", "past", "published", "taken", "cancelled"])
def test_adopting_into_a_meeting_that_does_not_qualify_is_refused(
    client_for, suggestion, planned, neh, nsh, representative, administration, case
):
    if case == "other network":
        meeting = factories.make_meeting(nsh, days_ahead=50, status="planned", theme_title="")
    elif case == "past":
        meeting = factories.make_meeting(neh, days_ahead=-5, status="planned", theme_title="")
    elif case == "published":
        meeting = factories.make_meeting(neh, days_ahead=40, theme_title="Redan publicerat")
    elif case == "cancelled":
        meeting = factories.make_meeting(neh, days_ahead=40, status="cancelled")
    else:
        first = make_suggestion(neh, representative, administration, title="Först")
        from meetings.wishes import workflow as wishes

        wishes.adopt(first.pk, planned.pk, None)
        meeting = planned
    before = Meeting.objects.values_list("pk", "theme_title", "version").get(pk=meeting.pk)
    response = client_for("coordinator").post(
        adopt_url(suggestion), {f"a{suggestion.pk}-meeting": meeting.pk}
    )
    assert response.status_code == 200
    assert "Välj ett av nätverkets planerade, kommande möten." in response.content.decode()
    assert response.context["bound_form"].errors
    suggestion.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.OPEN
    assert Meeting.objects.values_list("pk", "theme_title", "version").get(pk=meeting.pk) == before


def test_a_meeting_that_stops_qualifying_meanwhile_is_refused(suggestion, planned):
    from meetings.wishes import workflow as wishes

    Meeting.objects.filter(pk=planned.pk).update(status=Meeting.Status.PUBLISHED)
    with pytest.raises(wishes.WishError):
        wishes.adopt(suggestion.pk, planned.pk, None)
    suggestion.refresh_from_db()
    assert suggestion.is_open


def test_closing_needs_a_reason_and_tells_the_suggester(
    client_for, suggestion, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    response = client.post(close_url(suggestion), {f"c{suggestion.pk}-reason": "   "})
    assert response.status_code == 200
    assert "Skriv varför förslaget avslutas." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.is_open
    assert not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            close_url(suggestion), {f"c{suggestion.pk}-reason": "Togs upp i våras."}
        )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.CLOSED
    assert suggestion.closed_reason == "Togs upp i våras."
    assert len(mailoutbox) == 1
    assert "Togs upp i våras." in mailoutbox[0].body
    assert "avslutat" in mailoutbox[0].subject


def test_a_handled_suggestion_cannot_be_handled_again(client_for, suggestion, planned):
    client = client_for("coordinator")
    client.post(close_url(suggestion), {f"c{suggestion.pk}-reason": "Nej."})
    response = client.post(adopt_url(suggestion), {f"a{suggestion.pk}-meeting": planned.pk})
    assert response.status_code == 409
    response = client.post(close_url(suggestion), {f"c{suggestion.pk}-reason": "Igen."})
    assert response.status_code == 409
    suggestion.refresh_from_db()
    planned.refresh_from_db()
    assert suggestion.closed_reason == "Nej."
    assert planned.theme_title == ""


def test_only_the_networks_coordinators_handle(client_for, suggestion, planned):
    for role in ("representative", "substitute"):
        response = client_for(role).post(
            adopt_url(suggestion), {f"a{suggestion.pk}-meeting": planned.pk}
        )
        assert response.status_code == 403
    for role in ("staff", "director"):
        response = client_for(role).post(close_url(suggestion), {f"c{suggestion.pk}-reason": "x"})
        assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.is_open


def test_the_page_offers_only_qualifying_meetings(client_for, suggestion, planned, neh, nsh):
    factories.make_meeting(nsh, days_ahead=50, status="planned", theme_title="")
    factories.make_meeting(neh, days_ahead=-3, status="planned", theme_title="")
    published = factories.make_meeting(neh, days_ahead=20, theme_title="Publicerat")
    response = client_for("coordinator").get(reverse("theme_suggestions", kwargs={"code": "neh"}))
    offered = [meeting.pk for meeting in response.context["targets"]]
    assert offered == [planned.pk]
    assert published.pk not in offered
    content = response.content.decode()
    assert f'<option value="{planned.pk}">' in content
    assert f'<option value="{published.pk}">' not in content


def test_network_page_and_my_networks_link_the_suggestions(client_for, suggestion):
    url = reverse("theme_suggestions", kwargs={"code": "neh"})
    for role in ("representative", "coordinator"):
        content = client_for(role).get(reverse("network_detail", args=["neh"])).content.decode()
        assert url in content
    client = client_for("staff")
    assert url not in client.get(reverse("network_detail", args=["neh"])).content.decode()
    assert client.get(url).status_code == 403
    content = client_for("substitute").get(reverse("my_networks")).content.decode()
    assert url in content
