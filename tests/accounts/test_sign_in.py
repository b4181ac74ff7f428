import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_sign_in_by_email_and_password(client):
    factories.make_user("anna@example.org")
    response = client.post(
        reverse("account_login"), {"login": "Anna@Example.org", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert "Kommande möten" in client.get(reverse("home")).content.decode()


def test_wrong_password_gives_a_swedish_message(client):
    factories.make_user("anna@example.org")
    response = client.post(reverse("account_login"), {"login": "anna@example.org", "password": "x"})
    assert response.status_code == 200
    assert "inte korrekt" in response.content.decode() or "felaktig" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_self_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"), {"email": "ny@example.org", "password1": "Ett-langt-losen-42"}
    )
    from accounts.models import User

    assert not User.objects.filter(email="ny@example.org").exists()
    assert "stängd" in response.content.decode().lower()


def test_sign_in_page_has_no_signup_link(client):
    content = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in content


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_is_for_superusers(client_for):
    assert client_for("admin").get("/admin/").status_code == 200
    response = client_for("admin").get("/admin/meetings/meeting/?q=tema")
    assert response.status_code == 200


def test_staff_without_admin_rights_cannot_use_admin(client_for):
    response = client_for("staff").get("/admin/")
    assert response.status_code == 302


def test_forgotten_password_link_comes_after_the_sign_in_button(client):
    """Tab goes e-mail, password, sign in; the reset link is not wedged between the fields."""
    html = client.get(reverse("account_login")).content.decode()
    email = html.index('name="login"')
    password = html.index('name="password"')
    button = html.index('<button type="submit">Logga in</button>')
    link = html.index(f'<a href="{reverse("account_reset_password")}">Glömt lösenordet?</a>')
    assert email < password < button < link
    assert html.count("Glömt lösenordet?") == 1
