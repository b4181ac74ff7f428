"""Markdown for minutes, notes and outcomes, rendered to HTML that is safe to show.

Two layers: Python-Markdown runs without its raw-HTML processors, so `<script>` typed into a
note comes out as text; then nh3 (ammonia) keeps only the tags, attributes and URL schemes
listed here, whatever Markdown produced (links only to absolute http(s) and mailto
addresses). Links get rel="noopener noreferrer nofollow".
"""

import html as html_lib
import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
# No style, no event handlers, no ids or classes: only where a link goes and its title.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


def _converter() -> markdown_lib.Markdown:
    converter = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")
    # No raw HTML: blocks and inline tags are treated as text (escaped), not passed through.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def sanitise(html: str) -> str:
    """Keep only the allow-listed markup of `html` (also a second line of defence)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        # Only absolute http(s)/mailto links: a relative URL is dropped (it could only point
        # into this site, and "java script:" tricks would otherwise pass as relative).
        url_relative="deny",
        strip_comments=True,
    )


def render(text: str) -> SafeString:
    """Markdown → sanitised HTML. Headings start at h3, under the page's own h1/h2."""
    if not text or not text.strip():
        return mark_safe("")
    html = _converter().convert(_demote_headings(text))
    return mark_safe(sanitise(html))  # noqa: S308 (sanitised by nh3 just above)


def _demote_headings(text: str) -> str:
    """`# Rubrik` becomes an h3, so a note never breaks the page's heading order."""
    lines = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#") and len(line) - len(stripped) < 4:
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if 0 < hashes <= 6 and stripped[hashes : hashes + 1] in (" ", ""):
                line = "#" * min(hashes + 2, 6) + stripped[hashes:]
        lines.append(line)
    return "\n".join(lines)


_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_LIST_ITEM_END = re.compile(r"</li>")


def plain_text(text: str) -> str:
    """Markdown → one line of plain text (for e-mails and pasted agendas): no `**` or `#`, a
    link's address kept after its words, list items separated by semicolons."""
    html = str(render(text))
    if not html:
        return ""

    def link(match: re.Match) -> str:
        address, words = html_lib.unescape(match[1]), match[2]
        return (
            words
            if html_lib.unescape(nh3.clean(words, tags=set())) == address
            else (f"{words} ({match[1]})")
        )

    html = _LINK.sub(link, html)
    html = _LIST_ITEM_END.sub(";", html)
    flat = html_lib.unescape(nh3.clean(html, tags=set()))
    return " ".join(flat.split()).rstrip(";")
