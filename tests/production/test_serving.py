"""Production serving: collectstatic with hashed, compressed files served by whitenoise, and
the gunicorn configuration read from the environment."""

import gzip
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parents[2]


PRODUCTION_STATIC = {
    "STORAGES": {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
    "WHITENOISE_USE_FINDERS": False,
    "WHITENOISE_AUTOREFRESH": False,
}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic once per module, with the production storage, into a fresh folder."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, **PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def collected(settings, static_root):
    """The collected files, served by whitenoise as in production."""
    settings.STATIC_ROOT = static_root
    for name, value in PRODUCTION_STATIC.items():
        setattr(settings, name, value)
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse("not static", status=404))

    def get(path: str, **headers):
        return middleware(RequestFactory().get(path, headers=headers))

    return static_root, get


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    root, _get = collected
    hashed = staticfiles_storage.stored_name("css/app.css")
    assert re.fullmatch(r"css/app\.[0-9a-f]{12}\.css", hashed)
    original = (ROOT / "static" / "css" / "app.css").read_bytes()
    assert (root / hashed).read_bytes() == original
    assert gzip.decompress((root / f"{hashed}.gz").read_bytes()) == original


def test_hashed_file_is_served_for_ever_and_compressed(collected):
    _root, get = collected
    hashed = staticfiles_storage.stored_name("js/app.js")
    response = get(f"/static/{hashed}", accept_encoding="gzip")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    assert (
        gzip.decompress(b"".join(response.streaming_content))
        == (ROOT / "static" / "js" / "app.js").read_bytes()
    )


@pytest.mark.django_db
def test_base_template_links_the_hashed_files(collected, client, coordinator):
    _root, get = collected
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert any(re.search(r"app\.[0-9a-f]{12}\.css$", link) for link in links)
    for link in links:
        assert get(link).status_code == 200, link


def test_error_page_stylesheet_is_served(collected):
    """500.html links its stylesheet by a fixed name (it must render even when the storage
    fails); whitenoise serves the unhashed copy that collectstatic keeps."""
    _root, get = collected
    template = (ROOT / "templates" / "500.html").read_text()
    (href,) = re.findall(r'<link rel="stylesheet" href="([^"]+)"', template)
    response = get(href)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (ROOT / "static/css/app.css").read_bytes()


GUNICORN = ROOT / "config" / "gunicorn.conf.py"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "127.0.0.1:8000"),
        ({"PORT": "9000"}, "0.0.0.0:9000"),
        ({"PORT": "9000", "BIND": "unix:/run/natverk.sock"}, "unix:/run/natverk.sock"),
    ],
)
def test_gunicorn_binds_from_the_environment(monkeypatch, env, expected):
    for name in ("PORT", "BIND", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(GUNICORN))
    assert config["bind"] == expected
    assert 1 <= config["workers"] <= 8
    assert config["accesslog"] == "-"
    assert "x-request-id" in config["access_log_format"]


def test_gunicorn_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5")
    config = runpy.run_path(str(GUNICORN))
    assert config["workers"] == 3
    assert config["forwarded_allow_ips"] == "10.0.0.5"
