import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_interface_is_swedish_even_for_an_english_browser(client_for):
    response = client_for("staff").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    content = response.content.decode()
    assert '<html lang="sv">' in content
    assert "Kommande möten" in content
    assert response["Content-Language"] == "sv"


def test_language_switch_to_english_and_back(client_for):
    client = client_for("staff")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in content
    assert "Upcoming meetings" in content
    assert "Kommande möten" not in content
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert "Kommande möten" in client.get(reverse("home")).content.decode()


def test_sign_in_page_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("account_login")).content.decode()
    assert "Sign in" in content


# The English catalogue: complete, and the committed .mo compiled from the committed .po.

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}|</?[a-z][^>]*>")


@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    """A PO string literal's content: C escapes in a double-quoted string."""
    assert text.startswith('"') and text.endswith('"'), text
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[PoEntry]:
    """Just enough of the PO format for the catalogue makemessages writes (obsolete entries,
    marked `#~`, are skipped, as msgfmt skips them)."""
    entries: list[PoEntry] = []
    entry = PoEntry()
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal entry
        if entry.msgstr:
            entries.append(entry)
        entry = PoEntry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
        elif line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert target is not None, f"{path}:{number}: continuation without a keyword"
            keyword, index = target
            if keyword == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, keyword, getattr(entry, keyword) + _unquote(line))
        else:
            keyword, _space, value = line.partition(" ")
            if keyword in {"msgctxt", "msgid"} and entry.msgstr:
                finish()
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                entry.msgstr[index] = _unquote(value)
                target = ("msgstr", index)
            else:
                assert keyword in {"msgctxt", "msgid", "msgid_plural"}, f"{path}:{number}: {line}"
                if keyword == "msgid":
                    entry.line = number
                setattr(entry, keyword, _unquote(value))
                target = (keyword, None)
    finish()
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[PoEntry]:
    return parse_po(LOCALE_DIR / "django.po")


def _describe(entry: PoEntry) -> str:
    return f"django.po:{entry.line}: {entry.msgid[:60]!r}"


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    header = [entry for entry in catalogue if entry.msgid == ""]
    assert len(header) == 1
    assert "fuzzy" not in header[0].flags, "a fuzzy header is ignored, and Plural-Forms with it"
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0].msgstr[0]
    messages = [entry for entry in catalogue if entry.msgid]
    assert len(messages) > 300
    fuzzy = [_describe(entry) for entry in messages if "fuzzy" in entry.flags]
    untranslated = [
        _describe(entry)
        for entry in messages
        if not all(entry.msgstr.values()) or len(entry.msgstr) != (2 if entry.msgid_plural else 1)
    ]
    assert fuzzy == [], "fuzzy entries (check the guess, then remove the flag)"
    assert untranslated == [], "untranslated entries: run `make messages` and translate them"


def test_english_catalogue_keeps_placeholders_and_tags(catalogue):
    wrong = []
    for entry in catalogue:
        if not entry.msgid:
            continue
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for index, translation in entry.msgstr.items():
            if sorted(PLACEHOLDER.findall(sources[min(index, 1)])) != sorted(
                PLACEHOLDER.findall(translation)
            ):
                wrong.append(_describe(entry))
    assert wrong == []


def test_compiled_english_catalogue_matches_the_po_file(catalogue):
    with (LOCALE_DIR / "django.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    expected: dict = {}
    for entry in catalogue:
        if not entry.msgid:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            expected[key] = entry.msgstr[0]
        else:
            expected.update({(key, index): text for index, text in entry.msgstr.items()})
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    stale = sorted(str(key)[:60] for key in expected.keys() ^ actual.keys())
    stale += sorted(
        str(key)[:60] for key in expected if actual.get(key, expected[key]) != expected[key]
    )
    assert stale == [], "django.mo is out of date: run `make messages` and commit both files"


def test_po_parser_reads_context_plurals_flags_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "%(n)s möte"\nmsgid_plural "%(n)s möten"\n'
        'msgstr[0] "%(n)s meeting"\nmsgstr[1] ""\n\n'
        'msgctxt "plural"\nmsgid ""\n"uppdrag"\nmsgstr "appoint"\n"ments \\"x\\""\n\n'
        '#~ msgid "gammal"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    header, plural, context = parse_po(po)
    assert header.flags == {"fuzzy"} and header.msgstr == {0: "Language: en\n"}
    assert plural.msgid_plural == "%(n)s möten" and plural.msgstr == {0: "%(n)s meeting", 1: ""}
    assert plural.flags == {"python-format"}
    assert (context.msgctxt, context.msgid) == ("plural", "uppdrag")
    assert context.msgstr == {0: 'appointments "x"'}


def test_my_networks_page_in_english(client_for):
    client = client_for("representative")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get(reverse("my_networks")).content.decode()
    assert "<h1>My networks</h1>" in content
    assert "What is expected of the representative" in content
    assert "takes an active part and also contributes to the agenda" in content
    assert "Representanten deltar aktivt" not in content
