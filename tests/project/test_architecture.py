"""The apps depend one way: accounts <- networks <- representatives <- meetings."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    # The user model's app is below them all; they register hooks with it (accounts/lifecycle.py).
    "accounts": {"networks", "representatives", "meetings"},
    "networks": {"representatives", "meetings"},
    "representatives": {"meetings"},
}


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_does_not_import_apps_that_depend_on_it(app):
    assert not imported_apps(app) & FORBIDDEN[app]
