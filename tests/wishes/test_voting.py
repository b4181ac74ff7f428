"""Suggesting and the voting rules: one vote per person and suggestion, others' suggestions
only, open suggestions only, withdrawable; htmx answers with the support form (focus, count)."""

import pytest
from django.urls import reverse

from meetings.models import ThemeSuggestion, ThemeSupport
from meetings.wishes import workflow as wishes
from tests import factories
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db


def page_url(code="neh"):
    return reverse("theme_suggestions", kwargs={"code": code})


def support_url(suggestion, code="neh"):
    return reverse("theme_suggestion_support", kwargs={"code": code, "pk": suggestion.pk})


def test_representative_suggests_with_administration_from_appointment(
    client_for, neh, representative, administration
):
    area = neh.work_areas.active().first()
    response = client_for("representative").post(
        page_url(),
        factories.submitted(
            title="Klimatsmarta måltider", why="Kosten står för mycket.", work_area=area.pk
        ),
    )
    suggestion = ThemeSuggestion.objects.get(title="Klimatsmarta måltider")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#suggestion-{suggestion.pk}")
    assert suggestion.suggested_by == representative
    assert suggestion.administration == administration
    assert suggestion.status == ThemeSuggestion.Status.OPEN
    page = client_for("representative").get(page_url())
    assert "Klimatsmarta måltider" in page.content.decode()


@pytest.mark.parametrize("which", ["nsh", "archived"])
def test_work_area_of_another_network_or_archived_is_refused(client_for, neh, nsh, which):
    if which == "nsh":
        area = nsh.work_areas.active().first()
    else:
        area = neh.work_areas.create(name="Gammalt", archived_at="2024-01-01T00:00:00Z")
    response = client_for("substitute").post(
        page_url(), factories.submitted(title="Ett tema", why="För att.", work_area=area.pk)
    )
    assert response.status_code == 200
    assert "Välj ett av nätverkets aktuella arbetsområden." in response.content.decode()
    assert not ThemeSuggestion.objects.exists()


def test_empty_title_and_why_are_refused_in_swedish(client_for, neh):
    area = neh.work_areas.active().first()
    response = client_for("substitute").post(
        page_url(), factories.submitted(title="  ", why="", work_area=area.pk)
    )
    content = response.content.decode()
    assert "Skriv vilket tema du föreslår." in content
    assert "Skriv varför nätverket borde ta upp temat." in content
    assert not ThemeSuggestion.objects.exists()


def test_coordinator_and_staff_cannot_suggest(client_for, neh):
    area = neh.work_areas.active().first()
    data = {"title": "Ett tema", "why": "För att.", "work_area": area.pk}
    assert client_for("coordinator").post(page_url(), data).status_code == 403
    assert not ThemeSuggestion.objects.exists()


def test_one_vote_per_person_and_withdrawal(client_for, suggestion, substitute):
    client = client_for("substitute")
    assert client.post(support_url(suggestion), {"action": "support"}).status_code == 302
    assert suggestion.supports.count() == 1

    second = client.post(support_url(suggestion), {"action": "support"})
    assert second.status_code == 409
    assert "Du stöder redan det här förslaget" in second.content.decode()
    assert suggestion.supports.count() == 1

    assert client.post(support_url(suggestion), {"action": "withdraw"}).status_code == 302
    assert suggestion.supports.count() == 0
    again = client.post(support_url(suggestion), {"action": "withdraw"})
    assert again.status_code == 409
    assert suggestion.supports.count() == 0


def test_each_person_has_a_vote(suggestion, substitute, other_member):
    wishes.support(suggestion.pk, substitute)
    wishes.support(suggestion.pk, other_member)
    assert wishes.support_count(suggestion) == 2
    with pytest.raises(wishes.WishError):
        wishes.support(suggestion.pk, other_member)
    assert wishes.support_count(suggestion) == 2


def test_own_suggestion_is_not_a_vote(client_for, suggestion):
    response = client_for("representative").post(support_url(suggestion), {"action": "support"})
    assert response.status_code == 403
    assert not ThemeSupport.objects.exists()
    with pytest.raises(wishes.WishError):
        wishes.support(suggestion.pk, suggestion.suggested_by)


@pytest.mark.parametrize("status", ["closed", "adopted"])
def test_handled_suggestion_takes_no_votes(client_for, suggestion, substitute, planned, status):
    wishes.support(suggestion.pk, substitute)
    if status == "closed":
        wishes.close(suggestion.pk, "Passar inte.", None)
    else:
        wishes.adopt(suggestion.pk, planned.pk, None)
    client = client_for("substitute")
    for action in ("support", "withdraw"):
        response = client.post(support_url(suggestion), {"action": action})
        assert response.status_code == 409
        assert "redan behandlat" in response.content.decode()
    assert suggestion.supports.count() == 1


def test_coordinator_and_outsiders_cannot_vote(client_for, suggestion, nsh):
    response = client_for("coordinator").post(support_url(suggestion), {"action": "support"})
    assert response.status_code == 403
    # People who may not see NEH's suggestions do not learn that one exists.
    for role in ("staff", "director"):
        response = client_for(role).post(support_url(suggestion), {"action": "support"})
        assert response.status_code == 404
    nsh_member = factories.make_user("nsh@example.org")
    factories.make_appointment(nsh_member, suggestion.administration, nsh)
    from django.test import Client

    client = Client()
    client.force_login(nsh_member)
    assert client.post(support_url(suggestion), {"action": "support"}).status_code == 404
    # The suggestion under the other network's code is not there either.
    assert client.post(support_url(suggestion, "nsh"), {"action": "support"}).status_code == 404
    assert not ThemeSupport.objects.exists()


def test_bad_action_is_a_400(client_for, suggestion):
    response = client_for("substitute").post(support_url(suggestion), {"action": "both"})
    assert response.status_code == 400
    assert not ThemeSupport.objects.exists()


def test_htmx_support_returns_the_form_with_count_focus_and_announcement(
    client_for, suggestion, other_member
):
    wishes.support(suggestion.pk, other_member)
    response = client_for("substitute").post(
        support_url(suggestion), {"action": "support"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'id="support-{suggestion.pk}"' in content
    assert "data-focus" in content
    assert 'data-announce="Du stöder ”Laddinfrastruktur”. 2 stöder förslaget."' in content
    assert "Ta tillbaka mitt stöd" in content
    assert 'name="action" value="withdraw"' in content

    response = client_for("substitute").post(
        support_url(suggestion), {"action": "withdraw"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "1 stöder förslaget." in content
    assert 'name="action" value="support"' in content


def test_ranking_most_support_first_ties_oldest_first(
    neh, representative, substitute, other_member, administration, client_for
):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    rows = {}
    for days, title in ((30, "Äldst"), (20, "Mitten"), (10, "Yngst")):
        rows[title] = make_suggestion(neh, representative, administration, title=title)
        ThemeSuggestion.objects.filter(pk=rows[title].pk).update(
            created_at=now - datetime.timedelta(days=days)
        )
    wishes.support(rows["Yngst"].pk, substitute)
    wishes.support(rows["Yngst"].pk, other_member)
    wishes.support(rows["Mitten"].pk, substitute)
    wishes.support(rows["Äldst"].pk, other_member)
    closed = make_suggestion(neh, representative, administration, title="Avslutat")
    wishes.close(closed.pk, "Nej tack.", None)
    open_rows, handled = wishes.split_by_status(wishes.suggestions_for(neh, substitute))
    assert [(s.title, s.support_count) for s in open_rows] == [
        ("Yngst", 2),
        ("Äldst", 1),
        ("Mitten", 1),
    ]
    assert [s.supported for s in open_rows] == [True, False, True]
    assert [s.title for s in handled] == ["Avslutat"]
    content = client_for("coordinator").get(page_url()).content.decode()
    assert content.index("Yngst") < content.index("Äldst") < content.index("Mitten")
    assert content.index("Mitten") < content.index("Avslutat")


def test_htmx_vote_on_a_suggestion_closed_meanwhile_says_so(client_for, suggestion):
    wishes.close(suggestion.pk, "Passar inte.", None)
    response = client_for("substitute").post(
        support_url(suggestion), {"action": "support"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert 'data-announce="Förslaget är redan behandlat' in content
    assert "Stöd förslaget" not in content
    assert not ThemeSupport.objects.exists()
