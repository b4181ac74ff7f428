"""Shared machinery of the security tests: the URL walk, database snapshots, an inline-code scanner.

Nothing here states expectations; those live in `matrix.py` (who may use which URL) and
`bad_input.py` (which forms get the bad-input treatment).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    """One URL pattern of the project. `key` is the namespaced name, or the route if unnamed."""

    key: str
    name: str | None
    route: str


def all_routes() -> list[Route]:
    """Every URL pattern of the project, found by walking the resolver (admin and allauth too)."""

    def walk(patterns, prefix: str, namespace: str | None) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                yield Route(key=name or route, name=name, route=route)

    return list(walk(get_resolver().url_patterns, "", None))


# Sessions change on reads by design (allauth and messages keep state there); everything else
# must stay exactly as it was after a GET or a refused submission.
UNWATCHED_MODELS = {"sessions.session"}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, so a comparison catches inserts, deletes and updates alike.

    Test databases hold a few dozen rows, so reading everything is cheap and precise.
    """
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.label_lower not in UNWATCHED_MODELS and model._meta.managed
    }


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


EVENT_HANDLER = re.compile(r"^on[a-z]+$")


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes,
    and event-handler attributes. JSON data blocks (`<script type="application/json">`) are
    data, never executed, so CSP lets them be and so do we."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None  # type of the open <script> without src
        self._script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if EVENT_HANDLER.match(name):
                self.problems.append(f"event handler {name}= on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in names:
            self._script = dict(attrs).get("type") or "text/javascript"
            self._script_text = ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if self._script_text.strip() and self._script != "application/json":
                self.problems.append(f"inline <script>: {self._script_text.strip()[:60]!r}")
            self._script = None


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
