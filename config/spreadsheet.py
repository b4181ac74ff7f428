"""CSV downloads: the one writer every export uses.

Semicolon-separated UTF-8 with a byte order mark, what Excel with Swedish settings opens. A
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by Excel or
LibreOffice as a formula (`=HYPERLINK(…)` turns a name someone typed into a link or a command),
so such a cell gets a leading apostrophe: the spreadsheet shows the text as it was typed.
Numbers are written as numbers; only text is changed.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import cast

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CSVWriter:
    def __init__(self, stream) -> None:
        self._stream = stream
        self._writer = csv.writer(stream, delimiter=";")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(
        self, rows: Iterable[Iterable[object]], text_columns: Sequence[int] | None = None
    ) -> None:
        """Many rows at once: written to memory first and given to the response in one piece
        (a response's write per row costs more than the row).

        `text_columns`, if given, are the only columns that can hold text someone typed: only
        they are checked for a formula's start (a list of hundreds of rows and a dozen columns
        of numbers and the app's own words checked cell by cell costs more than writing it);
        the rows are then sequences (lists or tuples)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        if text_columns is None:
            # `neutralise` written inline: a call per cell costs more than the check.
            writer.writerows(
                [
                    "'" + cell
                    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS)
                    else cell
                    for cell in row
                ]
                for row in rows
            )
        else:
            checked = []
            for row in cast(Iterable[Sequence[object]], rows):
                for at in text_columns:
                    cell = row[at]
                    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
                        row = list(row)
                        row[at] = "'" + cell
                checked.append(row)
            writer.writerows(checked)
        self._stream.write(buffer.getvalue())

    def write_lines(self, text: str) -> None:
        """Rows a view wrote out itself, as csv.writer would: each cell a `text_cell` (typed
        text) or a `quoted_cell` (the rest; a number as `str()` writes it), `;` between them,
        each row ending in CRLF. For a long download whose rows repeat most of their cells
        (each written once), where csv.writer's work per cell cost more than the rows."""
        self._stream.write(text)


def text_cell(text: str) -> str:
    """Typed text as one cell of a row a view writes out itself (`CSVWriter.write_lines`):
    made safe as `neutralise` makes it, then quoted as csv.writer quotes a cell."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return quoted_cell(text)


def quoted_cell(text: str) -> str:
    """Text no one typed (the app's own words, a number written out) as one cell: quoted as
    csv.writer quotes a cell (`;`-separated, QUOTE_MINIMAL): when it holds a `;`, a `"` or a
    line break, with each `"` doubled."""
    if ";" in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_download(filename: str) -> tuple[HttpResponse, CSVWriter]:
    """An attachment response named `filename`, and the writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, CSVWriter(response)
