"""One voice in Swedish: the interface keeps one word of each pair (klarspråk).

"ner" not "ned", "kryssa i" not "bocka i"/"pricka av", "minnesanteckningar" never "protokoll",
"inte" not "ej", "e-post" not "e-brev"/"mail"/"epost", and no "Vänligen". Read from every
template and every gettext string in the apps' Python, and from django-allauth's Swedish
catalogue unless our own (locale/sv) says it differently.
"""

import ast
import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
APPS = ("accounts", "networks", "representatives", "meetings", "config")
AVOIDED = {
    r"\bned\b": "ner",
    r"\b(bocka|pricka)\w* (i|av)\b": "kryssa i",
    r"\bprotokoll\w*": "minnesanteckningar",
    r"\bej\b": "inte",
    r"\be-brev\w*": "e-post",
    r"\bepost\w*": "e-post",
    r"\bmail(?!to:)\w*": "e-post",
    r"\bvänligen\b": "(fråga rakt)",
    r"tvåfaktor\w*": "tvåstegsverifiering",
}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|<[^>]+>", re.S)
# Strings a template translates: {% translate "…" %} and _("…") in a tag or a variable.
TRANSLATED = re.compile(r'\{% *trans(?:late)? +"([^"]*)"|\b_\("([^"]*)"\)')


def avoided_words(text: str) -> list[str]:
    return [
        f"{match.group(0)!r} (skriv {better})"
        for pattern, better in AVOIDED.items()
        for match in re.finditer(pattern, text, re.IGNORECASE)
    ]


def template_texts(path: Path) -> list[str]:
    """The text a template shows: its text between tags (blocktranslate bodies, e-mails) and
    the strings it translates inside tags ({% translate "…" %}, default:_("…"))."""
    source = COMMENT.sub(" ", path.read_text())
    return [TAG.sub(" ", source)] + [a or b for a, b in TRANSLATED.findall(source)]


def python_texts(path: Path) -> list[str]:
    texts = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            texts += [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return texts


def interface_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt") and "django" not in path.relative_to(ROOT).parts[1:2]:
            found += [(str(path.relative_to(ROOT)), text) for text in template_texts(path)]
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                found += [(str(path.relative_to(ROOT)), text) for text in python_texts(path)]
    return found


def test_the_interface_keeps_one_word_of_each_pair():
    offenders = [
        f"{where}: {word}" for where, text in interface_texts() for word in avoided_words(text)
    ]
    assert not offenders, "\n".join(offenders)


def allauth_msgids() -> list[str]:
    catalogue = Path(allauth.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    ids, current = [], None
    for line in catalogue.read_text().splitlines():
        if line.startswith("msgid "):
            current = line[7:-1]
        elif line.startswith('"') and current is not None:
            current += line[1:-1]
        else:
            if current:
                ids.append(current.encode().decode("unicode_escape").encode("latin-1").decode())
            current = None
    return ids


def test_allauth_pages_speak_our_swedish():
    with translation.override("sv"):
        offenders = [
            f"{msgid[:60]!r} → {translation.gettext(msgid)[:60]!r}: {words}"
            for msgid in allauth_msgids()
            if (words := avoided_words(translation.gettext(msgid)))
        ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(
    ("text", "found"),
    [("Ladda ned filen", True), ("Ladda ner filen", False), ("mailto:a@b", False),
     ("Epost-adress", True), ("Tema ej publicerat", True), ("nedan", False)],
)  # fmt: skip
def test_avoided_words_are_found(text, found):
    assert bool(avoided_words(text)) is found


def test_every_e_mail_subject_starts_with_the_one_prefix():
    """Subjects rendered from templates get the same prefix as allauth's sign-in mail, once."""
    from config.mail import render_subject

    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    subject = render_subject("meetings/questions/email/subject.txt", {"kind": "answered"})
    assert subject.startswith(prefix) and subject.count(prefix.strip()) == 1
    for path in (ROOT / "templates").rglob("*subject*.txt"):
        assert prefix.strip() not in path.read_text(), f"{path}: the prefix is added in one place"
