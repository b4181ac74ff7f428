"""Shared machinery of the security tests: the URL walk, database snapshots, an inline-code scanner.

Nothing here states expectations; those live in `matrix.py` (who may use which URL) and
`bad_input.py` (which forms get the bad-input treatment).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


# Sessions change on reads by design (allauth and messages keep state there), and so does the
# note of when a person last looked at a network's overview (what its "Sedan ditt senaste
# besök" counts from: bookkeeping of the reading itself, like the session, not a record);
# everything else must stay exactly as it was after a GET or a refused submission.
UNWATCHED_MODELS = {"sessions.session", "meetings.networkvisit"}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, so a comparison catches inserts, deletes and updates alike.

    Test databases hold a few dozen rows, so reading everything is cheap and precise.
    """
    return {
        model._meta.label_lower: list(
            model._base_manager.order_by("pk").values_list(*watched_columns(model))
        )
        for model in apps.get_models()
        if model._meta.label_lower not in UNWATCHED_MODELS and model._meta.managed
    }


def watched_columns(model) -> list[str]:
    # last_login moves whenever a test signs someone in (force_login), which is not a write
    # by the request under test.
    return [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


# The session table (above), and the cache's table: allauth's rate limits count requests
# there, HEAD ones included (it exempts only GET), and a cache holds no records.
# The overview's visit note, as above (a HEAD writes none: tests/visits/).
UNWATCHED_TABLES = {"django_session", "django_cache", "meetings_networkvisit"}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class WriteRecorder(CaptureQueriesContext):
    """Records the SQL writes of a block, except to the session and cache tables.

    Cheaper than a snapshot per request and it names the statement; the tests still compare
    a full snapshot around the whole sweep as well."""

    def __init__(self) -> None:
        super().__init__(connection)

    @property
    def writes(self) -> list[str]:
        found = []
        for query in self.captured_queries:
            match = WRITE.match(query["sql"])
            if match and match[2] not in UNWATCHED_TABLES:
                found.append(query["sql"][:120])
        return found


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


# The directives every response must carry, exactly (no nonces, hashes or 'unsafe-inline').
STRICT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy_problems(response) -> list[str]:
    header = response.get("Content-Security-Policy")
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.strip()
    problems = [
        f"{name} is {directives.get(name)!r}, not {value!r}"
        for name, value in STRICT_POLICY.items()
        if directives.get(name) != value
    ]
    if "unsafe-" in header:
        problems.append(f"an unsafe- source: {header}")
    return problems


HTMX_CONFIG = re.compile(r"<meta name=\"htmx-config\" content='([^']*)'>")
REQUIRED_HTMX_CONFIG = {
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
    "historyCacheSize": 0,
}


def htmx_config_problems(html: str) -> list[str]:
    import json

    match = HTMX_CONFIG.search(html)
    if not match:
        return ['no <meta name="htmx-config">']
    config = json.loads(match[1])
    problems = [
        f"htmx {name} is {config.get(name)!r}, not {value!r}"
        for name, value in REQUIRED_HTMX_CONFIG.items()
        if config.get(name, "missing") != value
    ]
    # The app's one rule for form errors (docs/architecture.md, "htmx"): a 422 is swapped, an
    # error status otherwise is not.
    for status, swapped in (("200", True), ("422", True), ("204", False), ("400", False)):
        if htmx_swaps(config, status) is not swapped:
            problems.append(f"htmx {'does not swap' if swapped else 'swaps'} a {status}")
    return problems


# htmx 2's own default (static/vendor/htmx): no 4xx or 5xx is swapped.
HTMX_DEFAULT_RESPONSE_HANDLING = [
    {"code": "204", "swap": False},
    {"code": "[23]..", "swap": True},
    {"code": "[45]..", "swap": False, "error": True},
]


def htmx_swaps(config: dict, status: str) -> bool:
    """Whether htmx swaps a response of `status` under `config`: the first rule of
    `responseHandling` whose code (a regular expression, searched as htmx does) matches."""
    for rule in config.get("responseHandling", HTMX_DEFAULT_RESPONSE_HANDLING):
        if re.search(rule["code"], status):
            return bool(rule.get("swap"))
    return False
