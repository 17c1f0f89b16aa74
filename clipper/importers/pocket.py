"""Pocket's exports: the ZIP of 2024-2025 and its CSV, read by column names.

Pocket's last export (2024 until it closed in 2025) is a ZIP holding
``part_000000.csv``, ``part_000001.csv``... (about 10,000 rows each) and, when
the account had highlights, ``annotations/part_000000.json``...:

- each CSV's header is ``title,url,time_added,tags,status``, some with a
  ``cursor`` column; columns are found by name, so order and extra columns do
  not matter. ``time_added`` is Unix seconds; ``tags`` are separated by ``|``
  (older exports: ``,``); ``status`` is ``unread`` or ``archive`` (read). A
  row whose title is its URL (Pocket's stand-in) has no title.
- each annotations file is a JSON list of ``{url, title, highlights: [{quote,
  created_at}]}`` (``created_at`` in Unix seconds); Pocket highlights have no
  notes. They join the link with the same URL; one whose URL no CSV row has
  is still kept, as a link of its own, dated by its first highlight.

Everything becomes a pending link (Pocket's export holds no text): the
original time and title are kept until ``clipper pending --clip`` clips it.
Parts are read in their numbered order; other members (a ``__MACOSX/``
folder, a README) are left alone. A loose CSV (one part, or the older
single-file export) reads the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from clipper.clipping import Highlight
from clipper.importers.bundle import Bundle, is_clutter
from clipper.importers.model import Link, Parsed, Problem
from clipper.importers.tables import Table, decode, header_names, unix_time
from clipper.urls import is_web_url

PART = re.compile(r"(?:^|/)part_(\d+)\.csv$", re.IGNORECASE)
ANNOTATIONS = re.compile(r"(?:^|/)annotations/part_(\d+)\.json$", re.IGNORECASE)


def looks_like_pocket_csv(first_line: str) -> bool:
    names = set(header_names(first_line))
    return "url" in names and bool(names & {"title", "time_added", "tags"})


def is_pocket_bundle(names: list[str]) -> bool:
    return any(PART.search(name) for name in names)


def _numbered(names: list[str], pattern: re.Pattern[str]) -> list[str]:
    found = [
        (int(match.group(1)), name)
        for name in names
        if not is_clutter(name) and (match := pattern.search(name))
    ]
    return [name for _, name in sorted(found)]


def _links(
    table: Table, origin: str, highlights: dict[str, tuple[Highlight, ...]], where: str = ""
) -> Iterator[Parsed]:
    for row in table.rows():
        at = f"{where}line {row.line}"
        url = row.get("url")
        if not is_web_url(url):
            yield Problem(at, f"no http(s) URL in this row: {url[:60] or '(empty)'}")
            continue
        tags = [t.strip() for t in row.get("tags").replace(",", "|").split("|") if t.strip()]
        title = row.get("title")
        stamp = row.get("time_added")
        yield Link(
            url=url,
            title="" if title == url else title,
            tags=tuple(tags),
            saved_at=unix_time(stamp) if stamp else None,
            origin=origin,
            read=row.get("status").casefold() in ("archive", "archived", "read"),
            highlights=highlights.pop(url, ()),
        )
    if table.error:
        yield Problem(f"{where}{table.error[0]}", table.error[1])


def read_pocket_csv(text: str, origin: str = "pocket") -> Iterator[Parsed]:
    """Links from one of Pocket's CSV files (module docstring)."""
    yield from _links(Table(text), origin, {})


def _annotations(
    data: Any, where: str
) -> Iterator[tuple[str, str, tuple[Highlight, ...]] | Problem]:
    if not isinstance(data, list):
        yield Problem(where, "expected a JSON list of annotated links")
        return
    for number, entry in enumerate(data, start=1):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not is_web_url(url.strip()):
            yield Problem(f"{where} entry {number}", "no http(s) URL in this entry")
            continue
        marks = []
        for mark in entry.get("highlights") or []:
            quote = mark.get("quote") if isinstance(mark, dict) else None
            if isinstance(quote, str) and quote.strip():
                marks.append(Highlight(quote.strip(), "", unix_time(mark.get("created_at") or "")))
        title = entry.get("title")
        yield url.strip(), title.strip() if isinstance(title, str) else "", tuple(marks)


def read_pocket(bundle: Bundle, origin: str = "pocket") -> Iterator[Parsed]:
    """Links from Pocket's ZIP (or its unpacked folder), highlights joined by URL."""
    names = bundle.names()
    highlights: dict[str, tuple[Highlight, ...]] = {}
    titles: dict[str, str] = {}
    for name in _numbered(names, ANNOTATIONS):
        try:
            data = json.loads(decode(bundle.read(name)))
        except json.JSONDecodeError as error:
            yield Problem(f"{name} line {error.lineno}", f"not valid JSON ({error.msg})")
            continue
        except RecursionError:
            yield Problem(name, "not an export: nested too deeply")
            continue
        for found in _annotations(data, name):
            if isinstance(found, Problem):
                yield found
                continue
            url, title, marks = found
            highlights[url] = highlights.get(url, ()) + marks
            titles.setdefault(url, title)
    for name in _numbered(names, PART):
        yield from _links(Table(decode(bundle.read(name))), origin, highlights, f"{name} ")
    for url, marks in highlights.items():  # annotated links no part lists
        title = titles.get(url, "")
        # Saved no later than its first highlight: the best date the export gives.
        made = sorted(mark.created_at for mark in marks if mark.created_at)
        yield Link(
            url=url,
            title="" if title == url else title,
            saved_at=made[0] if made else None,
            origin=origin,
            highlights=marks,
        )
