"""The house rules, checked on the source.

- The apps depend one way: accounts <- networks <- representatives <- meetings.
- Inside `meetings`, one feature, one folder: a feature package never imports another
  feature's views; models, rules and access import no feature package; the features depend on
  each other without a cycle, and no two modules of the project import each other in a circle.
- Imports sit at the top of a module. The exceptions are Django's: `AppConfig.ready()`, and a
  model of an optional app imported under the check that the app is installed.
"""

import ast
import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "networks", "representatives", "meetings", "config"]
FORBIDDEN = {
    # The user model's app is below them all; they register hooks with it (accounts/lifecycle.py).
    "accounts": {"networks", "representatives", "meetings"},
    "networks": {"representatives", "meetings"},
    "representatives": {"meetings"},
}
# meetings/<name>/ that are not features: the models package and Django's own folders.
NOT_FEATURES = {"models", "migrations", "management", "templatetags"}
# The modules below every feature: they may import models and the lower apps only.
FOUNDATION = {"meetings.models", "meetings.rules", "meetings.access", "meetings.terms"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> dict[str, Path]:
    files = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                files[module_name(path)] = path
    return files


MODULES = source_files()


def is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def top_level_imports(tree: ast.Module):
    """Imports that run when the module is imported (not those under TYPE_CHECKING)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If | ast.Try) and not is_type_checking_block(node):
            stack.extend(ast.iter_child_nodes(node))


def imported_modules(node: ast.Import | ast.ImportFrom) -> set[str]:
    """The project modules an import statement loads, as precisely as the files tell."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level or not node.module:
        return set()
    found = set()
    for alias in node.names:
        candidate = f"{node.module}.{alias.name}"
        found.add(candidate if candidate in MODULES else node.module)
    return found


def project_imports(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    result = set()
    for node in top_level_imports(tree):
        for module in imported_modules(node):
            while module and module not in MODULES:
                module = module.rpartition(".")[0]
            if module and module != name:
                result.add(module)
    return result


GRAPH = {name: project_imports(name) for name in MODULES}


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "meetings" or len(parts) < 2:
        return None
    if (ROOT / "meetings" / parts[1]).is_dir() and parts[1] not in NOT_FEATURES:
        return parts[1]
    return None


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_does_not_import_apps_that_depend_on_it(app):
    imported = {
        target.split(".")[0]
        for name, targets in GRAPH.items()
        if name.split(".")[0] == app
        for target in targets
    }
    assert not imported & FORBIDDEN[app]


def test_meetings_root_is_small_and_has_no_layer_names():
    root_modules = [path.stem for path in (ROOT / "meetings").glob("*.py")]
    assert len(root_modules) <= 15, sorted(root_modules)
    layered = [
        name
        for name in root_modules
        for layer in ("views", "forms", "urls", "models", "demo")
        if name != layer and (name.startswith(f"{layer}_") or name.endswith(f"_{layer}"))
    ]
    assert not layered


def test_no_feature_imports_another_features_views():
    offenders = [
        (name, target)
        for name, targets in GRAPH.items()
        for target in targets
        if target.endswith(".views")
        and feature_of(target) is not None
        and feature_of(name) != feature_of(target)
    ]
    assert not offenders


def test_foundation_imports_no_feature():
    offenders = [
        (name, target)
        for name, targets in GRAPH.items()
        if any(name == base or name.startswith(f"{base}.") for base in FOUNDATION)
        for target in targets
        if feature_of(target) is not None
    ]
    assert not offenders


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one node (Tarjan), each sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = itertools.count()

    def visit(node):
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_among_modules():
    assert cycles(GRAPH) == []


def test_features_depend_on_each_other_without_a_cycle():
    features: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        source = feature_of(name)
        if source is None:
            continue
        features.setdefault(source, set()).update(
            feature_of(target) for target in targets if feature_of(target) not in (None, source)
        )
    assert cycles(features) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def is_ready_method(function: ast.FunctionDef) -> bool:
    return function.name == "ready"


def is_installed_app_check(node: ast.If) -> bool:
    return "INSTALLED_APPS" in ast.unparse(node.test)


def imports_inside_functions(tree: ast.Module):
    """(line, allowed) for each import inside a function."""

    def walk(node, function=None, guarded=False):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from walk(child, child, False)
            elif isinstance(child, ast.If):
                yield from walk(child, function, guarded or is_installed_app_check(child))
            elif isinstance(child, ast.Import | ast.ImportFrom):
                if function is not None:
                    yield child.lineno, is_ready_method(function) or guarded
            else:
                yield from walk(child, function, guarded)

    yield from walk(tree)


def test_imports_sit_at_the_top_of_modules():
    offenders = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{name}:{line}" for line, allowed in imports_inside_functions(tree) if not allowed
        ]
    assert not offenders


def test_comments_say_what_and_why_not_which_issue():
    """The tracker's numbers belong in the git log, not in the code people read."""
    pattern = re.compile(r"\bissues? \d|\bissue-\d", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in [*APPS, "templates", "static", "tests", "docs"]
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".css", ".js", ".md"}
        and "migrations" not in path.parts
        and "vendor" not in path.parts
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders
