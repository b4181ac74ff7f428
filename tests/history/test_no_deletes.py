"""Nothing in the app hard-deletes history-tracked records (issue 9).

Two guards, since either alone can be got round: the admin has delete disabled for every
tracked model (test_history.py), and this scan lists every `.delete(` call in the app code.
Each one must be a known delete of something that is not tracked (expired invitations,
revoked calendar links, sessions, files in storage, an account's sign-in records). A new
delete fails here until it is reviewed and added below, or replaced by a state change
(end an appointment, cancel a meeting, withdraw or decline an agenda item).
The demo (meetings/demo*.py) builds its own example data and is not app code here.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "config", "networks", "representatives", "meetings"]

KNOWN = {
    ("accounts/lifecycle.py", "store(key)"),
    ("accounts/lifecycle.py", "EmailAddress.objects.filter(user=user)"),
    ("accounts/lifecycle.py", "Authenticator.objects.filter(user=user)"),
    ("accounts/lifecycle.py", "SocialAccount.objects.filter(user=user)"),
    ("accounts/retention.py", "Session.objects.filter(expire_date__lt=now)"),
    (
        "meetings/account_hooks.py",
        "Invitation.objects.filter(meeting__ends_at__lt=now - INVITATIONS_KEPT)",
    ),
    (
        "meetings/account_hooks.py",
        "CalendarToken.objects.filter(revoked_at__lt=now - REVOKED_TOKENS_KEPT)",
    ),
    ("meetings/documents/workflow.py", "default_storage"),
    # Withdrawing one's support for a theme suggestion removes the vote (not a tracked record).
    ("meetings/wishes/workflow.py", "suggestion.supports.filter(person=user)"),
}


def delete_calls() -> set[tuple[str, str]]:
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or path.name.startswith("demo"):
                continue
            source = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "delete"
                ):
                    receiver = ast.get_source_segment(source, node.func.value) or ""
                    found.add((relative, " ".join(receiver.split())))
    return found


def test_every_delete_in_the_app_is_a_known_delete_of_an_untracked_record():
    assert delete_calls() - KNOWN == set()


def test_the_scan_finds_deletes():
    assert delete_calls() >= KNOWN  # the list stays honest: each entry still exists
