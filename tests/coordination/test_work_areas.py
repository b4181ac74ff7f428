"""Work areas on the network page: add, edit, reorder, archive, restore."""

import re

import pytest
from django.urls import reverse

from networks import views
from networks.models import WorkArea
from tests import factories
from tests.coordination.conftest import NOT_COORDINATORS

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def active_names(network) -> list[str]:
    return list(
        network.work_areas.active().order_by("position", "pk").values_list("name", flat=True)
    )


def area(network, name: str) -> WorkArea:
    return network.work_areas.get(name=name)


def write_urls(neh):
    pk = area(neh, "Giftfri miljö").pk
    return [
        ("post", reverse("work_area_add", args=["neh"]), {"name": "Nytt"}),
        ("get", reverse("work_area_edit", args=["neh", pk]), {}),
        ("post", reverse("work_area_edit", args=["neh", pk]), {"name": "Ändrat"}),
        ("post", reverse("work_area_move", args=["neh", pk]), {"direction": "up"}),
        ("post", reverse("work_area_archive", args=["neh", pk]), {}),
        ("post", reverse("work_area_restore", args=["neh", pk]), {}),
    ]


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_work_area_views_refuse_non_coordinators(client_for, role, neh):
    before = list(neh.work_areas.values_list("name", "position", "archived_at"))
    client = client_for(role)
    for method, url, data in write_urls(neh):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert list(neh.work_areas.values_list("name", "position", "archived_at")) == before


def test_work_area_views_send_anonymous_to_sign_in(client, neh):
    for method, url, data in write_urls(neh):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_coordinator_of_neh_cannot_touch_nsh_areas(client_for, nsh):
    pk = nsh.work_areas.first().pk
    response = client_for("coordinator").post(reverse("work_area_archive", args=["nsh", pk]))
    assert response.status_code == 403
    assert nsh.work_areas.active().filter(pk=pk).exists()


def test_area_of_another_network_is_not_found(client_for, neh, nsh):
    pk = nsh.work_areas.first().pk
    response = client_for("coordinator").post(reverse("work_area_archive", args=["neh", pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_network_page_shows_controls_only_to_coordinators(client_for, role, neh, coordinator):
    url = reverse("network_detail", args=["neh"])
    content = client_for(role).get(url).content.decode()
    assert "Giftfri miljö" in content
    assert "Lägg till arbetsområde" not in content and "Arkivera" not in content
    assert "Planera termin" not in content
    content = client_for("coordinator").get(url).content.decode()
    assert "Lägg till arbetsområde" in content and "Planera termin" in content


def test_add_plain_redirects_and_appends_last(client_for, neh, coordinator):
    response = client_for("coordinator").post(
        reverse("work_area_add", args=["neh"]),
        factories.submitted(name=" Biologisk mångfald ", description=""),
    )
    assert response.status_code == 302 and response["Location"] == "/natverk/neh/"
    assert active_names(neh)[-1] == "Biologisk mångfald"


def test_add_htmx_returns_section_with_announcement_and_focus(client_for, neh):
    response = client_for("coordinator").post(
        reverse("work_area_add", args=["neh"]),
        factories.submitted(name="Biologisk mångfald"),
        **HTMX,
    )
    content = response.content.decode()
    new = area(neh, "Biologisk mångfald")
    assert content.startswith('<section aria-labelledby="work-areas" id="work-areas-section">')
    assert "<html" not in content
    assert 'data-announce="Arbetsområdet ”Biologisk mångfald” är tillagt."' in content
    assert f'<li id="work-area-{new.pk}" tabindex="-1" data-focus>' in content


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_add_refuses_empty_name(client_for, neh, headers):
    count = neh.work_areas.count()
    response = client_for("coordinator").post(
        reverse("work_area_add", args=["neh"]), factories.submitted(name="   "), **headers
    )
    assert response.status_code == 200
    assert "Ge arbetsområdet ett namn." in response.content.decode()
    # htmx gets the section back with the errors focused; without JavaScript, a form page
    expected = '<div tabindex="-1" data-focus>' if headers else "<h1>Lägg till arbetsområde</h1>"
    assert expected in response.content.decode()
    assert neh.work_areas.count() == count


def test_edit_plain_form_saves(client_for, neh):
    pk = area(neh, "Giftfri miljö").pk
    client = client_for("coordinator")
    url = reverse("work_area_edit", args=["neh", pk])
    assert 'value="Giftfri miljö"' in client.get(url).content.decode()
    version = factories.hidden_value(client.get(url), "version")
    data = {"name": "Giftfri vardag", "description": "Kemikalier", "version": version}
    response = client.post(url, data)
    assert response.status_code == 302
    assert WorkArea.objects.get(pk=pk).name == "Giftfri vardag"
    response = client.post(url, factories.at_version(WorkArea.objects.get(pk=pk), name=""))
    assert "Ge arbetsområdet ett namn." in response.content.decode()
    assert WorkArea.objects.get(pk=pk).name == "Giftfri vardag"


def test_move_up_htmx_swaps_keeps_focus_and_announces(client_for, neh):
    moved = area(neh, "Ny avfallsplan")
    response = client_for("coordinator").post(
        reverse("work_area_move", args=["neh", moved.pk]), {"direction": "up"}, **HTMX
    )
    content = response.content.decode()
    assert active_names(neh)[1:3] == ["Ny avfallsplan", "Giftfri miljö"]
    assert f'id="move-up-{moved.pk}" data-focus' in content
    assert 'data-announce="”Ny avfallsplan” är nu nummer 2 av 5."' in content


def test_move_to_the_top_focuses_the_item(client_for, neh):
    moved = area(neh, "Giftfri miljö")
    response = client_for("coordinator").post(
        reverse("work_area_move", args=["neh", moved.pk]), {"direction": "up"}, **HTMX
    )
    assert active_names(neh)[0] == "Giftfri miljö"
    assert f'<li id="work-area-{moved.pk}" tabindex="-1" data-focus>' in response.content.decode()


def test_move_down_plain_redirects_and_last_stays_last(client_for, neh):
    client = client_for("coordinator")
    last = area(neh, "Miljökommunikation")
    response = client.post(reverse("work_area_move", args=["neh", last.pk]), {"direction": "down"})
    assert response.status_code == 302
    assert active_names(neh)[-1] == "Miljökommunikation"
    first = area(neh, "Giftfri miljö")
    client.post(reverse("work_area_move", args=["neh", first.pk]), {"direction": "down"})
    assert active_names(neh)[2] == "Giftfri miljö"


def test_move_refuses_unknown_direction_and_archived_area(client_for, neh):
    client = client_for("coordinator")
    pk = area(neh, "Giftfri miljö").pk
    before = active_names(neh)
    response = client.post(reverse("work_area_move", args=["neh", pk]), {"direction": "sideways"})
    assert response.status_code == 400
    WorkArea.objects.filter(pk=pk).update(archived_at="2026-01-01T00:00Z")
    response = client.post(reverse("work_area_move", args=["neh", pk]), {"direction": "up"})
    assert response.status_code == 404
    assert active_names(neh) == [n for n in before if n != "Giftfri miljö"]


def test_archive_hides_from_choices_but_keeps_on_meetings(client_for, neh, planned):
    client = client_for("coordinator")
    archived = area(neh, "Giftfri miljö")
    response = client.post(reverse("work_area_archive", args=["neh", archived.pk]), **HTMX)
    assert "”Giftfri miljö” är arkiverat." in response.content.decode()
    assert "Giftfri miljö" not in active_names(neh)
    assert list(planned.work_areas.all()) == [archived]
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Giftfri miljö (arkiverat)" in page
    form = client.get(reverse("meeting_edit", args=[planned.pk])).content.decode()
    assert "Giftfri miljö" in form  # still on this meeting, so still a choice here
    staff_page = client.get(reverse("network_detail", args=["neh"])).content.decode()
    assert "1 arkiverat arbetsområde" in staff_page


def test_restore_puts_area_back_last(client_for, neh):
    client = client_for("coordinator")
    restored = area(neh, "Giftfri miljö")
    client.post(reverse("work_area_archive", args=["neh", restored.pk]))
    response = client.post(reverse("work_area_restore", args=["neh", restored.pk]))
    assert response.status_code == 302
    assert active_names(neh)[-1] == "Giftfri miljö"


def test_a_stale_work_area_form_saves_nothing(client_for, neh):
    from django.test import Client

    pk = area(neh, "Giftfri miljö").pk
    url = reverse("work_area_edit", args=["neh", pk])
    first = client_for("coordinator")
    other = factories.make_user("samordnare2@example.org", "Siri Samordnare")
    neh.coordinators.add(other)
    second = Client()
    second.force_login(other)
    seen_by_first = factories.hidden_value(first.get(url), "version")
    seen_by_second = factories.hidden_value(second.get(url), "version")
    first.post(url, {"name": "Giftfri vardag", "description": "", "version": seen_by_first})

    response = second.post(
        url, {"name": "Kemikaliesmart", "description": "", "version": seen_by_second}
    )

    assert "Arbetsområdet har ändrats av någon annan under tiden" in response.content.decode()
    assert WorkArea.objects.get(pk=pk).name == "Giftfri vardag"
    # The change, and who made it, stay in the area's history.
    history = first.get(reverse("object_history", args=["arbetsomrade", pk])).content.decode()
    assert "Giftfri miljö" in history and "Giftfri vardag" in history
    assert reverse("object_history", args=["arbetsomrade", pk]) in first.get(url).content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kept_add_form_is_the_template_rendered_form(client_for, monkeypatch, language):
    """The blank add form's fields are kept from an earlier render (blank_fields): the same
    HTML as the template's loop over a new form, but for a new one-time token each time."""
    client = client_for("coordinator")
    if language == "en":
        client.post(reverse("set_language"), {"language": "en"})
    url = reverse("network_detail", args=["neh"])
    kept = client.get(url).content.decode()
    with monkeypatch.context() as patched:
        patched.setattr(views, "blank_fields", lambda key, make: "")
        rendered = client.get(url).content.decode()
    form = re.compile(r'<form [^>]*class="stacked-form work-area-add".*?</form>', re.S)
    token = re.compile(r'((?:name="submission"|name="csrfmiddlewaretoken") value=")[^"]+"')
    kept_form, rendered_form = (
        token.sub(r"\1", form.findall(html)[0]) for html in (kept, rendered)
    )
    assert 'data-form-field="name"' in kept_form and 'name="submission"' in kept_form
    assert kept_form == rendered_form
