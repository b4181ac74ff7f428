"""The strict Content-Security-Policy: our templates hold nothing it would block.

The rendered pages (ours, allauth's and the admin's) are checked for every URL and role by
the sweep in test_authorization.py, with the helpers tested here.
"""

from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import reverse

from tests.security.support import htmx_config_problems, inline_code, policy_problems

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"


def test_no_template_has_inline_scripts_styles_or_handlers():
    # The project's templates, and any an app of ours keeps in its own templates/ folder.
    folders = [TEMPLATES, *(p for p in ROOT.glob("*/templates") if p.parent.name != ".venv")]
    templates = sorted(path for folder in folders for path in folder.rglob("*.html"))
    assert len(templates) > 10
    found = {
        str(path.relative_to(ROOT)): problems
        for path in templates
        if (problems := inline_code(path.read_text()))
    }
    assert not found, (
        "The CSP forbids inline code: move scripts to static/js/app.js and styles to "
        f"static/css/app.css.\n{found}"
    )


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<p style="color: red">x</p>', "style attribute on <p>"),
        ('<button onclick="go()">x</button>', "event handler onclick= on <button>"),
        ('<a href="#" ONMOUSEOVER="x()">x</a>', "event handler onmouseover= on <a>"),
        ("<style>p { color: red }</style>", "<style> element"),
        ("<script>alert(1)</script>", "inline <script>: 'alert(1)'"),
        ('<script type="module">import "x"</script>', "inline <script>: 'import \"x\"'"),
    ],
)
def test_inline_code_is_found(html, problem):
    assert inline_code(html) == [problem]


def test_external_scripts_and_json_data_are_allowed():
    html = (
        '<script src="/static/js/app.js" defer></script>'
        '<script type="application/json" id="data">{"a": 1}</script>'
    )
    assert inline_code(html) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, ["no Content-Security-Policy header"]),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            "script-src is \"'self' 'unsafe-inline'\", not \"'self'\"",
        ),
    ],
)
def test_a_weaker_policy_is_found(header, expected):
    response = HttpResponse()
    if header:
        response["Content-Security-Policy"] = header
    problems = policy_problems(response)
    assert problems == expected if isinstance(expected, list) else expected in problems


@pytest.mark.django_db
def test_pages_carry_the_strict_policy_and_htmx_config(client_for):
    response = client_for("staff").get(reverse("home"))
    assert policy_problems(response) == []
    assert htmx_config_problems(response.content.decode()) == []


SWAP_422 = (
    '"responseHandling": [{"code": "204", "swap": false}, {"code": "422", "swap": true}, '
    '{"code": "[23]..", "swap": true}, {"code": "[45]..", "swap": false, "error": true}]'
)


def test_htmx_config_that_allows_eval_is_found():
    html = (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        f'"allowEval": true, "allowScriptTags": false, "historyCacheSize": 0, {SWAP_422}}}\'>'
    )
    assert htmx_config_problems(html) == ["htmx allowEval is True, not False"]
    assert htmx_config_problems("<p>no config</p>") == ['no <meta name="htmx-config">']


def test_htmx_config_that_leaves_a_422_unswapped_is_found():
    """htmx's default swaps no 4xx: a form answered with its errors (422) would show nothing."""
    html = (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false, "allowScriptTags": false, "historyCacheSize": 0}\'>'
    )
    assert htmx_config_problems(html) == ["htmx does not swap a 422"]
    swap_all = html.replace(
        '"historyCacheSize": 0',
        '"historyCacheSize": 0, "responseHandling": [{"code": "...", "swap": true}]',
    )
    assert htmx_config_problems(swap_all) == ["htmx swaps a 204", "htmx swaps a 400"]


def test_htmx_is_served_from_our_static_files():
    assert (TEMPLATES.parent / "static" / "vendor" / "htmx").is_dir()
    assert "src=\"{% static 'vendor/htmx/" in (TEMPLATES / "base.html").read_text()
