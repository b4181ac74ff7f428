"""Single sign-on settings: configured only by environment variables; without them, no
button and no URLs. The flow itself is tested in the browser: tests/browser/test_sso.py."""

import pytest
from django.urls import NoReverseMatch, reverse


def test_without_configuration_there_is_no_button(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert "Logga in med Microsoft" not in response.content.decode()


def test_without_configuration_no_social_account_urls_exist(client, db, settings):
    assert not settings.SSO_ENABLED
    assert "allauth.socialaccount" not in settings.INSTALLED_APPS
    with pytest.raises(NoReverseMatch):
        reverse("openid_connect_login", kwargs={"provider_id": "entra"})
    assert client.get("/konto/oidc/entra/login/").status_code == 404
    assert client.get("/konto/3rdparty/").status_code == 404


def test_entra_tenant_configures_the_provider(load_settings):
    values = load_settings(
        ENTRA_TENANT_ID="contoso-tenant", ENTRA_CLIENT_ID="app-id", ENTRA_CLIENT_SECRET="s3cret"
    )
    assert values["SSO_ENABLED"]
    assert "allauth.socialaccount.providers.openid_connect" in values["INSTALLED_APPS"]
    [app] = values["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert app["client_id"] == "app-id" and app["secret"] == "s3cret"
    assert app["settings"]["server_url"] == "https://login.microsoftonline.com/contoso-tenant/v2.0"
    assert (
        "https://login.microsoftonline.com"
        in (values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"])
    )
    assert values["SOCIALACCOUNT_ADAPTER"] == "accounts.adapter.SocialAccountAdapter"


def test_no_sso_without_configuration(load_settings):
    values = load_settings()
    assert not values["SSO_ENABLED"]
    assert "allauth.socialaccount" not in values["INSTALLED_APPS"]
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"] == ["'self'"]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"ENTRA_TENANT_ID": "t", "ENTRA_CLIENT_SECRET": "s"}, "ENTRA_CLIENT_ID"),
        ({"OIDC_SERVER_URL": "http://127.0.0.1:9", "ENTRA_CLIENT_ID": "c"}, "ENTRA_CLIENT_SECRET"),
        (
            {"OIDC_SERVER_URL": "not a url", "ENTRA_CLIENT_ID": "c", "ENTRA_CLIENT_SECRET": "s"},
            "OIDC_SERVER_URL",
        ),
        ({"OIDC_SERVER_URL": "http://127.0.0.1:9", "ENTRA_TENANT_ID": "t"}, "ENTRA_TENANT_ID"),
    ],
)
def test_incomplete_sso_configuration_stops_start_up(load_settings, overrides, named):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=named):
        load_settings(**overrides)
