"""Pocket's CSV export: ``title,url,time_added,tags,status``.

Columns are found by their header names (case-insensitive), so a reordered
or extended export still reads. ``tags`` are separated by ``|``; ``time_added``
is in Unix seconds. A row without a usable URL is reported with its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime

from clipper.importers.model import Link, Parsed, Problem
from clipper.urls import is_web_url


def unix_time(stamp: str) -> str | None:
    """An ISO 8601 UTC time from Unix seconds (or milli/microseconds), or ``None``."""
    try:
        value = float(stamp.strip())
    except ValueError:
        return None
    while value > 1e11:  # milliseconds or microseconds (Chrome, some exporters)
        value /= 1000
    if value <= 0:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def looks_like_pocket_csv(first_line: str) -> bool:
    names = {name.strip().strip('"').lower() for name in first_line.split(",")}
    return "url" in names and bool(names & {"title", "time_added", "tags"})


def read_pocket_csv(text: str, origin: str = "pocket") -> Iterator[Parsed]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return
    column = {name: index for index, name in enumerate(header)}

    def cell(row: list[str], name: str) -> str:
        index = column.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    for row in reader:
        where = f"line {reader.line_num}"
        if not any(field.strip() for field in row):
            continue
        url = cell(row, "url")
        if not is_web_url(url):
            yield Problem(where, f"no http(s) URL in this row: {url[:60] or '(empty)'}")
            continue
        tags = [t.strip() for t in cell(row, "tags").replace(",", "|").split("|") if t.strip()]
        stamp = cell(row, "time_added")
        title = cell(row, "title")
        yield Link(
            url=url,
            title="" if title == url else title,
            tags=tuple(tags),
            saved_at=unix_time(stamp) if stamp else None,
            origin=origin,
        )
