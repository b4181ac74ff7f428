"""In English, Swedish content sits inside lang="sv" (WCAG 3.1.2, language of parts).

What people write (themes, network and administration names, agenda items, questions, goals,
minutes…) stays Swedish when the interface is English, so a screen reader must be told to read
it as Swedish. Every page of `pages.PAGES` is fetched in English as every role that sees it
(Django's test client, no browser), and every text node that holds one of the Swedish texts of
the page data must have `lang="sv"` on its nearest element with a `lang`.
"""

import functools
from collections.abc import Set
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.browser.pages import page_role_params, param_id

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Text that is not running text: attributes are not text nodes, the <title> cannot hold a lang
# of its own, and a text box holds whatever its writer typed. Subtrees hidden from screen
# readers (aria-hidden, e.g. charts beside their tables) are skipped too.
SKIPPED = {"script", "style", "title", "head", "textarea"}
# Too short or too general to be told apart from interface words.
MIN_LENGTH = 8

# (model, fields) holding text people wrote in Swedish.
CONTENT_FIELDS = {
    "networks.Network": ("name", "purpose"),
    "networks.WorkArea": ("name", "description"),
    "representatives.Administration": ("name",),
    "meetings.Meeting": ("theme_title", "theme_description", "place", "cancellation_reason"),
    "meetings.AgendaItem": ("title", "description", "decision_reason"),
    "meetings.ThemeSuggestion": ("title", "why", "closed_reason"),
    "meetings.Question": ("title", "description", "written_answer", "outcome"),
    "meetings.Goal": ("title", "description"),
    "meetings.Indicator": ("name",),
    "meetings.ActionItem": ("title", "done_comment"),
    "meetings.Document": ("title",),
    "meetings.Evaluation": ("comment",),
    "meetings.MinutesEntry": ("note", "outcome"),
    "meetings.Invitation": ("reason",),
}


def swedish_texts() -> set[str]:
    from django.apps import apps

    texts = set()
    for label, fields in CONTENT_FIELDS.items():
        model = apps.get_model(label)
        for row in model.objects.values_list(*fields):
            for value in row:
                for line in (value or "").splitlines():
                    line = line.strip(" #*-_>")
                    if len(line) >= MIN_LENGTH:
                        texts.add(line)
    return texts


class LanguageOfText(HTMLParser):
    """Each body text node with the language it is in (the nearest `lang` above it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.hidden_from: list[bool] = []
        self.texts: list[tuple[str, str, str]] = []  # (text, lang, path)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        self.stack.append((tag, attributes.get("lang")))
        self.hidden_from.append(attributes.get("aria-hidden") == "true")

    def handle_startendtag(self, tag, attrs):
        return

    @property
    def hidden(self) -> bool:
        return any(self.hidden_from)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                del self.hidden_from[index:]
                return

    def handle_data(self, data):
        if not data.strip() or any(tag in SKIPPED for tag, _lang in self.stack) or self.hidden:
            return
        lang = next((lang for _tag, lang in reversed(self.stack) if lang is not None), "")
        path = " > ".join(tag for tag, _lang in self.stack[-4:])
        self.texts.append((" ".join(data.split()), lang, path))


def unmarked_swedish(html: str, texts: set[str]) -> list[str]:
    parser = LanguageOfText()
    parser.feed(html)
    return sorted(
        {
            f"{path}: {text!r} (lang={lang!r})"
            for text, lang, path in parser.texts
            if lang != "sv" and any(swedish in text for swedish in texts)
        }
    )


def english_client_for(role, client_for) -> Client:
    client = client_for(role)
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(("app_page", "role"), page_role_params(), ids=param_id)
def test_swedish_content_is_marked_in_english(world, client_for, app_page, role):
    client = english_client_for(role, client_for)
    response = client.get(app_page.path(world))
    assert response.status_code == app_page.status
    html = response.content.decode()
    assert '<html lang="en">' in html
    unmarked = unmarked_swedish(html, swedish_texts())
    assert not unmarked, f"{app_page.name} as {role}:\n  " + "\n  ".join(unmarked)


def test_the_scan_finds_unmarked_swedish():
    html = '<html lang="en"><body><h1>Meeting: Solel på taken</h1></body></html>'
    assert unmarked_swedish(html, {"Solel på taken"})
    marked = '<html lang="en"><body><h1>Meeting: <span lang="sv">Solel på taken</span></h1>'
    assert not unmarked_swedish(marked, {"Solel på taken"})


def test_swedish_pages_carry_no_extra_marks():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{{ title|sv }}<p{% lang_sv %}>{{ text }}</p>")
    context = Context({"title": "Solel & vind", "text": "x"})
    with translation.override("sv"):
        assert template.render(context) == "Solel &amp; vind<p>x</p>"
    with translation.override("en"):
        marked = '<span lang="sv">Solel &amp; vind</span><p lang="sv">x</p>'
        assert template.render(context) == marked


# --- In Swedish, no English interface text --------------------------------------------------


@functools.cache
def english_interface_texts() -> frozenset[str]:
    """The English catalogue's translations, as literal runs long enough to be unmistakable
    (placeholders split them), where they differ from the Swedish they translate."""
    import gettext
    import re
    from pathlib import Path

    catalogue = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.mo"
    with catalogue.open("rb") as file:
        messages = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    runs = set()
    for msgid, msgstr in messages.items():
        if not msgid or not isinstance(msgstr, str) or msgstr == msgid:
            continue
        for run in re.split(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\n", msgstr):
            run = run.strip(" .,:;()–-")
            if len(run) >= 20 and " " in run:
                runs.add(run)
    return frozenset(runs)


def english_in_swedish(html: str, english: Set[str]) -> list[str]:
    parser = LanguageOfText()
    parser.feed(html)
    return sorted(
        {
            f"{path}: {text!r}"
            for text, lang, path in parser.texts
            if lang != "en" and any(run in text for run in english)
        }
    )


def one_role_per_page() -> list[tuple[object, str]]:
    seen: dict[str, tuple[object, str]] = {}
    for page, role in page_role_params():
        seen.setdefault(page.name, (page, role))
    return list(seen.values())


@pytest.mark.parametrize(("app_page", "role"), one_role_per_page(), ids=param_id)
def test_no_english_interface_text_in_swedish(world, client_for, app_page, role):
    client = client_for(role)
    client.cookies["django_language"] = "sv"
    response = client.get(app_page.path(world))
    assert response.status_code == app_page.status
    html = response.content.decode()
    assert '<html lang="sv">' in html
    english = english_in_swedish(html, english_interface_texts())
    assert not english, f"{app_page.name} as {role}:\n  " + "\n  ".join(english)


def test_the_scan_finds_english_in_swedish():
    english = {"The meeting is saved"}
    assert english_in_swedish('<html lang="sv"><p>The meeting is saved.</p></html>', english)
    assert not english_in_swedish('<html lang="sv"><p>Mötet är sparat.</p></html>', english)
    # The language menu names English in English, marked as such.
    assert not english_in_swedish('<p lang="en">The meeting is saved</p>', english)
