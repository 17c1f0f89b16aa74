"""Reading the text files exports are made of: their encoding, and CSV found by column names.

Exports travel: a CSV opened and saved again in a spreadsheet comes back in
Windows-1252 or UTF-16, often with a byte order mark. ``decode`` reads a BOM
(UTF-8, UTF-16, UTF-32), then UTF-16 without one (every other byte NUL), then
UTF-8, then Windows-1252, and Latin-1 for the few bytes Windows-1252 leaves
undefined, so that no file is refused for its encoding and no byte is lost.

``Table`` reads a CSV by its header: columns are found by name (any case,
blank space and quotes around them ignored), so exports that reorder or add
columns (Pocket's ``cursor``) still read, and rows are numbered by the line
they start on, for messages.
"""

from __future__ import annotations

import ast
import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

# Notes and highlights can be long; the csv module's default limit is 128 KiB a field.
csv.field_size_limit(64 * 2**20)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """The text of an export file, whatever its encoding (module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    head = data[:4000]
    if len(head) >= 4 and head.count(0) * 3 > len(head):  # UTF-16 without a BOM
        odd_nuls = head[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass(frozen=True)
class Row:
    """One row of a ``Table``: its cells by column name, and the line it starts on."""

    line: int
    cells: list[str]
    columns: dict[str, int]

    def get(self, *names: str) -> str:
        """The first of the columns ``names`` the table has, stripped; ``""`` if none."""
        for name in names:
            index = self.columns.get(name)
            if index is not None and index < len(self.cells):
                return self.cells[index].strip()
        return ""

    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def header_names(line: str) -> list[str]:
    """The column names of a CSV header line, as ``Table`` compares them."""
    try:
        cells = next(csv.reader([line.lstrip("\ufeff")]))
    except (csv.Error, StopIteration):
        return []
    return [" ".join(cell.replace("\ufeff", "").split()).casefold() for cell in cells]


class Table:
    """A CSV file's rows, by column name (module docstring); ``columns`` from its header."""

    def __init__(self, text: str) -> None:
        # NUL bytes stop the csv module ("line contains NUL"): they belong in no cell.
        self._reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""))
        try:
            names = [
                " ".join(n.replace("\ufeff", "").split()).casefold() for n in next(self._reader)
            ]
        except (StopIteration, csv.Error):
            names = []
        self.columns = {name: index for index, name in reversed(list(enumerate(names)))}
        self.error: tuple[str, str] | None = None

    def has(self, *names: str) -> bool:
        return all(name in self.columns for name in names)

    def rows(self) -> Iterator[Row]:
        """Every row but blank ones; a row the csv module cannot read ends the table
        (``error`` says where and why), since where the next row starts is then unknown."""
        line = self._reader.line_num + 1
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.error = (f"line {line}", f"{error}; the rest of the file was not read")
                return
            row = Row(line, cells, self.columns)
            line = self._reader.line_num + 1
            if not row.blank():
                yield row


def unix_time(stamp: str | float | int) -> str | None:
    """An ISO 8601 UTC time from Unix seconds (or milli/microseconds), or ``None``."""
    try:
        value = float(stamp.strip() if isinstance(stamp, str) else stamp)
    except (TypeError, ValueError):
        return None
    while value > 1e11:  # milliseconds or microseconds (Chrome, some exporters)
        value /= 1000
    if not value > 0:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def iso_time(value: object) -> str | None:
    """An ISO 8601 time from what exports write: ISO text (``Z`` or a space allowed),
    or Unix seconds; ``None`` for anything else. A time without a zone is UTC;
    fractions of a second are dropped (the services differ in how many they keep)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return unix_time(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.replace(".", "", 1).isdigit():
        return unix_time(text)
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.replace(microsecond=0).isoformat()


def list_cell(value: str) -> list[str]:
    """The items of a cell holding a list: JSON (``["a", "b"]``), Python's own
    spelling (``['a', 'b']``, Readwise Reader), or names separated by commas."""
    text = value.strip()
    if not text:
        return []
    if text.startswith("[") and text.endswith("]"):
        parsed: object = None
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            if len(text) < 100_000:  # a literal only: no code is ever run
                try:
                    parsed = ast.literal_eval(text)
                except (ValueError, SyntaxError, MemoryError, RecursionError):
                    parsed = None
        if isinstance(parsed, list | tuple):
            return [str(item).strip() for item in parsed if str(item).strip()]
        text = text[1:-1]
    return [item.strip().strip("'\"") for item in text.split(",") if item.strip().strip("'\"")]
