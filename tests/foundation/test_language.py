import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_interface_is_swedish_even_for_an_english_browser(client_for):
    response = client_for("staff").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    content = response.content.decode()
    assert '<html lang="sv">' in content
    assert "Kommande möten" in content
    assert response["Content-Language"] == "sv"


def test_language_switch_to_english_and_back(client_for):
    client = client_for("staff")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in content
    assert "Upcoming meetings" in content
    assert "Kommande möten" not in content
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert "Kommande möten" in client.get(reverse("home")).content.decode()


def test_sign_in_page_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("account_login")).content.decode()
    assert "Sign in" in content
