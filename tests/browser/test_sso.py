"""Single sign-on against a real OpenID Connect provider (node-oidc-provider, tests/oidc/),
driven in Chromium.

The app runs in its own process (`manage.py runserver`, on a fresh SQLite file) because
single sign-on is configured at start-up from the environment, as in production; the
provider runs in Node.js. Skipped without Chromium or Node.js, unless REQUIRE_BROWSER=1.
"""

import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# One worker runs this module (make test's `--dist loadgroup`): its set-up migrates a database
# of its own and starts a provider and an app, about twenty seconds each time it runs.
pytestmark = pytest.mark.xdist_group("sso")

ROOT = Path(__file__).resolve().parents[2]
OIDC_DIR = ROOT / "tests" / "oidc"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CLIENT_ID = "natverk"
CLIENT_SECRET = "natverk-test-secret"
PASSWORD = "sso-test-losenord-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "no Chromium at /usr/bin/chromium"
    if not shutil.which("node") or not shutil.which("npm"):
        return "no Node.js"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listening on {port}")


@pytest.fixture(scope="module")
def sso(tmp_path_factory):
    """The provider and the app, both started for this module; yields a small namespace."""
    missing = _missing()
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    # Under xdist each worker that runs these tests starts a provider and an app of its own;
    # the provider's packages are installed once (`npm ci` empties node_modules first).
    with (tmp_path_factory.getbasetemp().parent / "oidc-npm-ci.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
            subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=OIDC_DIR, check=True
            )
    tmp = tmp_path_factory.mktemp("sso")
    claims = tmp / "claims.json"
    claims.write_text("{}")
    app_port, provider_port = _free_port(), _free_port()
    app = f"http://127.0.0.1:{app_port}"
    callback = f"{app}/konto/oidc/entra/login/callback/"
    provider = subprocess.Popen(
        ["node", "provider.mjs", str(provider_port), callback, str(claims)],
        cwd=OIDC_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = tmp / "sso.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "OIDC_SERVER_URL": f"http://127.0.0.1:{provider_port}",
        "ENTRA_CLIENT_ID": CLIENT_ID,
        "ENTRA_CLIENT_SECRET": CLIENT_SECRET,
        # Production's rule: coordinators need a session that used a second factor.
        "REQUIRE_MFA_FOR_STAFF_ROLES": "1",
    }
    env.pop("ENTRA_TENANT_ID", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    server = None
    try:
        subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)
        people = [
            ("rita@example.org", "Rita Representant", True),
            ("tord@example.org", "Tord Tidigare", False),
            ("elsa@example.org", "Elsa Entra", True),
        ]
        script = "; ".join(
            f"User.objects.create_user({email!r}, {PASSWORD!r}, full_name={name!r}, "
            f"is_active={active})"
            for email, name, active in people
        )
        # Two coordinators of NEH: Cora without a second factor, Tove with an authenticator app.
        script += (
            f"; cora = User.objects.create_user('cora@example.org', {PASSWORD!r}, "
            "full_name='Cora Samordnare')"
            f"; tove = User.objects.create_user('tove@example.org', {PASSWORD!r}, "
            "full_name='Tove Samordnare')"
            "; neh = Network.objects.get(code='NEH'); neh.coordinators.add(cora, tove)"
            f"; TOTP.activate(tove, {TOTP_SECRET!r})"
        )
        imports = (
            "from accounts.models import User; from networks.models import Network; "
            "from allauth.mfa.totp.internal.auth import TOTP"
        )
        subprocess.run(
            [*manage, "shell", "-c", f"{imports}; {script}"],
            env=env,
            check=True,
            capture_output=True,
        )
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{app_port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(provider_port, provider)
        _wait_for_port(app_port, server)
        yield type("SSO", (), {"app": app, "claims": claims, "database": database})
    finally:
        for process in (server, provider):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


@pytest.fixture
def browser_page(browser, sso):
    """A page of the harness's Chromium (tests/browser/conftest.py), in a context of its own."""
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    # The provider's development pages import a web font; there is no internet here.
    page.route("https://fonts.googleapis.com/**", lambda route: route.abort())
    yield page
    context.close()


def set_claims(sso, claims: dict) -> None:
    sso.claims.write_text(json.dumps(claims))


def sign_in_with_provider(sso, page, subject: str) -> str:
    """Click the button, sign in at the provider as `subject`, consent; return the text of
    the page the app answers with. Starts afresh: no session at the app or the provider."""
    page.context.clear_cookies()
    page.goto(f"{sso.app}/konto/login/")
    page.get_by_role("button", name="Logga in med Microsoft").click()
    page.fill("input[name=login]", subject)
    page.fill("input[name=password]", "whatever-the-provider-accepts")
    page.click("button.login-submit")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{sso.app}/**")
    return page.inner_text("main")


def social_accounts(sso) -> list[tuple[str, str]]:
    with sqlite3.connect(sso.database) as db:
        return db.execute(
            "SELECT s.uid, u.email FROM socialaccount_socialaccount s "
            "JOIN accounts_user u ON u.id = s.user_id ORDER BY s.uid"
        ).fetchall()


def user_count(sso) -> int:
    with sqlite3.connect(sso.database) as db:
        return db.execute("SELECT count(*) FROM accounts_user").fetchone()[0]


@pytest.mark.browser
def test_sso_sign_in_links_an_existing_account_through_a_verified_address_only(sso, browser_page):
    set_claims(
        sso,
        {
            "impostor": {"email": "rita@example.org", "email_verified": False},
            "rita-sub": {"email": "rita@example.org", "email_verified": True, "name": "R"},
        },
    )
    # The provider says the address is Rita's but has not verified it: no way in, no link.
    text = sign_in_with_provider(sso, browser_page, "impostor")
    assert "Anmälan stängd" in text and "Rita Representant" not in text
    assert browser_page.url.startswith(f"{sso.app}/konto/")
    assert social_accounts(sso) == []
    browser_page.goto(f"{sso.app}/")
    assert browser_page.url.startswith(f"{sso.app}/konto/login/")

    # A verified address links the existing account to the provider's subject.
    text = sign_in_with_provider(sso, browser_page, "rita-sub")
    assert "Du har loggat in som Rita Representant." in text
    assert social_accounts(sso) == [("rita-sub", "rita@example.org")]


@pytest.mark.browser
def test_sso_sign_in_finds_the_account_by_subject_not_by_address(sso, browser_page):
    # Rita is linked, as the previous test leaves her (which may have run on another xdist
    # worker, against a provider and app of its own).
    set_claims(sso, {"rita-sub": {"email": "rita@example.org", "email_verified": True}})
    sign_in_with_provider(sso, browser_page, "rita-sub")
    # Her provider address changes: still her account.
    set_claims(sso, {"rita-sub": {"email": "rita.ny@example.org", "email_verified": True}})
    text = sign_in_with_provider(sso, browser_page, "rita-sub")
    assert "Du har loggat in som Rita Representant." in text
    assert social_accounts(sso) == [("rita-sub", "rita@example.org")]


@pytest.mark.browser
def test_entra_domain_owner_verified_claim_counts_as_verified(sso, browser_page):
    set_claims(sso, {"elsa-sub": {"email": "elsa@example.org", "xms_edov": True}})
    text = sign_in_with_provider(sso, browser_page, "elsa-sub")
    assert "Du har loggat in som Elsa Entra." in text
    assert ("elsa-sub", "elsa@example.org") in social_accounts(sso)


@pytest.mark.browser
def test_nobody_gets_an_account_by_signing_in(sso, browser_page):
    users = user_count(sso)
    set_claims(sso, {"okand": {"email": "okand@example.org", "email_verified": True}})
    text = sign_in_with_provider(sso, browser_page, "okand")
    assert "Anmälan stängd" in text
    assert user_count(sso) == users
    assert ("okand", "okand@example.org") not in social_accounts(sso)
    browser_page.goto(f"{sso.app}/")
    assert browser_page.url.startswith(f"{sso.app}/konto/login/")


@pytest.mark.browser
def test_a_deactivated_account_cannot_sign_in_by_sso(sso, browser_page):
    set_claims(sso, {"tord-sub": {"email": "tord@example.org", "email_verified": True}})
    text = sign_in_with_provider(sso, browser_page, "tord-sub")
    assert browser_page.url == f"{sso.app}/konto/inactive/"
    assert "Kontot inaktivt" in text and "Tord Tidigare" not in text
    browser_page.goto(f"{sso.app}/")
    assert browser_page.url.startswith(f"{sso.app}/konto/login/")


# Two-step verification: Microsoft Entra ID says, in the ID token's `amr` claim, whether the
# person signed in with more than one factor (Conditional Access). That counts as the second
# factor coordinators need; a password alone at the provider does not.


def coordinator_claims(subject: str, email: str, amr: list[str]) -> dict:
    return {subject: {"email": email, "email_verified": True, "amr": amr}}


@pytest.mark.browser
def test_sso_with_the_providers_mfa_reaches_coordinator_pages(sso, browser_page):
    set_claims(sso, coordinator_claims("cora-sub", "cora@example.org", ["pwd", "mfa"]))
    text = sign_in_with_provider(sso, browser_page, "cora-sub")
    assert "Du har loggat in som Cora Samordnare." in text
    browser_page.goto(f"{sso.app}/natverk/neh/kontaktlista/")
    assert browser_page.url == f"{sso.app}/natverk/neh/kontaktlista/"
    assert "Representanter och ersättare i NEH" in browser_page.inner_text("h1")


@pytest.mark.browser
def test_sso_with_a_password_only_is_sent_to_set_up_two_step_verification(sso, browser_page):
    set_claims(sso, coordinator_claims("cora-sub", "cora@example.org", ["pwd"]))
    sign_in_with_provider(sso, browser_page, "cora-sub")
    browser_page.goto(f"{sso.app}/natverk/neh/kontaktlista/")
    assert browser_page.url == f"{sso.app}/konto/2fa/"
    text = browser_page.inner_text("main")
    assert "behöver du tvåstegsverifiering för att se och ändra nätverkens uppgifter" in text
    assert "Representanter och ersättare" not in text


@pytest.mark.browser
def test_sso_with_the_providers_mfa_asks_no_app_code_on_top(sso, browser_page):
    # Tove has an authenticator app: after Entra's MFA she is not asked for its code ...
    set_claims(sso, coordinator_claims("tove-sub", "tove@example.org", ["pwd", "mfa"]))
    text = sign_in_with_provider(sso, browser_page, "tove-sub")
    assert "Du har loggat in som Tove Samordnare." in text
    browser_page.goto(f"{sso.app}/natverk/neh/kontaktlista/")
    assert browser_page.url == f"{sso.app}/natverk/neh/kontaktlista/"
    # ... but after a password alone at the provider, the app's code is the second step.
    set_claims(sso, coordinator_claims("tove-sub", "tove@example.org", ["pwd"]))
    sign_in_with_provider(sso, browser_page, "tove-sub")
    assert browser_page.url == f"{sso.app}/konto/2fa/authenticate/"
    browser_page.goto(f"{sso.app}/natverk/neh/kontaktlista/")
    assert browser_page.url.startswith(f"{sso.app}/konto/")  # not signed in until the code
    assert "Representanter och ersättare" not in browser_page.inner_text("main")
