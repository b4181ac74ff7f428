"""Markdown goes through the sanitiser: no raw HTML, scripts, handlers or unsafe URLs."""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from meetings.markdown import render

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "![bild](x onerror=alert(1))",
    "![bild](javascript:alert(1))",
    "[klicka](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(1))",
    "[klicka](java\tscript:alert(1))",
    "[klicka](java&#x09;script:alert(1))",
    "[klicka](&#106;avascript:alert(1))",
    "[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klicka](vbscript:msgbox(1))",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<div><b><i>ej stängda taggar",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    '[x](https://ok.example "titel" onmouseover="alert(1)")',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "<object data=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
]

ALLOWED = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
ALLOWED |= {"h3", "h4", "h5", "h6"}


class Elements(HTMLParser):
    """The real elements and attributes of rendered HTML (escaped text is only text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_neutralised(text):
    html = str(render(text))
    for tag, attrs in elements(html):
        assert tag in ALLOWED, html
        assert not any(name.startswith("on") or name == "style" for name in attrs), html
        if tag == "a":
            assert set(attrs) <= {"href", "title", "rel"}, html
            assert attrs["rel"] == "noopener noreferrer nofollow"
            href = attrs.get("href", "")
            assert not href or re.match(r"(https?|mailto):", href), html
        else:
            assert set(attrs) <= {"start"}, html
    # Nothing a browser would run: no script or handler as markup anywhere.
    assert not re.search(r"<\s*(script|style|iframe|svg|img)", html, re.IGNORECASE), html


def test_allowed_markdown_is_kept():
    html = str(render("# Rubrik\n\n**fet** och *kursiv*\n\n- ett\n- två\n\n[länk](https://a.se)"))
    assert "<h3>Rubrik</h3>" in html  # demoted under the page's own headings
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html
    assert "<li>ett</li>" in html
    assert '<a href="https://a.se" rel="noopener noreferrer nofollow">länk</a>' in html


def test_links_get_rel_even_for_mailto():
    html = str(render("<mailto:a@example.org>"))
    assert 'href="mailto:a@example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_raw_html_is_shown_as_text():
    assert "&lt;b&gt;fet&lt;/b&gt;" in str(render("<b>fet</b>"))


def test_template_filter_renders_sanitised():
    out = Template("{% load minutes_markdown %}{{ text|markdown }}").render(
        Context({"text": "**ja** <script>alert(1)</script>"})
    )
    assert "<strong>ja</strong>" in out
    assert "<script>" not in out


def test_empty_text_renders_nothing():
    assert render("") == "" and render("   ") == ""
