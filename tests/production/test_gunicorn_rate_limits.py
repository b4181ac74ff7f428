"""The sign-in rate limits hold across gunicorn workers: a real gunicorn with two workers on a
free loopback port, on this test run's database (the SQLite test database copied to a file, or
the PostgreSQL test database), gets 30 wrong passwords for one account, four at a time. Each
failure is counted once, whichever worker took it: five passwords are checked, the other 25
attempts are told the account is locked; another account still signs in.

With the per-process cache (LocMem) each worker counted on its own and up to ten were checked.
Marked `server` (it starts processes and takes a few seconds); CI runs it on SQLite and on
PostgreSQL, each with the database cache and with Redis (when a server answers).
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from accounts.models import User

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "ett-riktigt-losenord-42"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers() -> bool:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def database_url(tmp_path: Path) -> str:
    """A URL another process can open for this test's database."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in memory: copy it (users included) to a file.
        copy = tmp_path / "served.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    pytest.skip(f"no way to share a {connection.vendor} test database with gunicorn")


class Server:
    def __init__(self, port: int, log: Path, process: subprocess.Popen) -> None:
        self.port, self.log, self.process = port, log, process

    def request(self, method: str, path: str, body: str = "", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            conn.close()


@pytest.fixture(params=["db", "redis"])
def gunicorn(request, tmp_path):
    if request.param == "redis" and not redis_answers():
        pytest.skip(f"no Redis server at {REDIS_URL}")
    users = {
        "target": f"mal-{uuid.uuid4().hex[:8]}@example.org",
        "colleague": f"kollega-{uuid.uuid4().hex[:8]}@example.org",
    }
    for email in users.values():
        # The server hashes as in production, so the password is hashed that way too.
        hasher = PBKDF2PasswordHasher()
        User.objects.create(email=email, password=hasher.encode(PASSWORD, hasher.salt()))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "1",  # static files from the finders: no collectstatic needed for this test
        "SECRET_KEY": "gunicorn-test-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url(tmp_path),
        "CACHE_URL": "db://django_cache" if request.param == "db" else REDIS_URL,
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "1",
        "BIND": f"127.0.0.1:{port}",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.conf.py",
                # The worker's process id on each access line: which worker took the request.
                "--access-logformat",
                "worker=%(p)s %(m)s %(U)s %(s)s",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(port, log, process)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield server, users
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def csrf(server: Server) -> tuple[str, str]:
    _status, headers, page = server.request("GET", "/konto/login/")
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return cookie, token


def sign_in(server: Server, cookie: str, token: str, email: str, password: str):
    body = urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password})
    return server.request(
        "POST",
        "/konto/login/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
    )


def test_failed_sign_ins_are_counted_once_across_workers(gunicorn):
    server, users = gunicorn
    cookie, token = csrf(server)
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(
                lambda _: sign_in(server, cookie, token, users["target"], "fel-losenord"),
                range(30),
            )
        )
    pages = [page for status, _headers, page in answers if status == 200]
    assert len(pages) == 30, [status for status, _h, _p in answers]
    checked = sum("lösenordet är felaktigt" in page for page in pages)
    locked = sum("för det här kontot. Försök igen om 5 minuter." in page for page in pages)

    status, _headers, _page = sign_in(server, cookie, token, users["colleague"], PASSWORD)
    assert status == 302, "another account was refused"

    server.process.terminate()
    server.process.wait(timeout=20)
    log = server.log.read_text()
    workers = set(re.findall(r"worker=<?(\d+)>? POST /konto/login/ 200", log))
    assert len(workers) == 2, f"the attempts did not reach both workers:\n{log}"
    assert (checked, locked) == (5, 25), log
    assert log.count("sign_in_failed") == 5
    assert log.count("sign_in_limited") == 25
