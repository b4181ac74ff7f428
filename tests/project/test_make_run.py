"""`make run` serves on HOST:PORT, and links in its e-mails must point there too."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _site_url_of_runserver(*make_args: str, env: dict[str, str]) -> str:
    """The SITE_URL the runserver line of `make run` would start with (dry run, then the
    line's environment prefix evaluated by the shell with the command swapped for printenv)."""
    dry = subprocess.run(
        ["make", "-n", "run", *make_args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert dry.returncode == 0, dry.stderr
    line = next(line for line in dry.stdout.splitlines() if "runserver" in line)
    prefix = line.split("/python manage.py runserver")[0].rsplit(" ", 1)[0]
    shown = subprocess.run(
        ["sh", "-c", f"{prefix} printenv SITE_URL"], env=env, capture_output=True, text=True
    )
    return shown.stdout.strip()


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env.update(extra)
    return env


def test_links_follow_the_port_served():
    assert _site_url_of_runserver("PORT=8001", env=_environment()) == "http://127.0.0.1:8001"


def test_links_follow_the_host_served():
    url = _site_url_of_runserver("HOST=0.0.0.0", "PORT=8002", env=_environment())
    assert url == "http://0.0.0.0:8002"


def test_an_explicit_site_url_wins():
    env = _environment(SITE_URL="https://natverk.example.org")
    assert _site_url_of_runserver("PORT=8001", env=env) == "https://natverk.example.org"
