"""``clipper import FILE``: clippings and links from clipper and other tools.

Formats, detected from the file's first bytes (``--format`` overrides):

- ``jsonl``: clipper's own export; every record becomes a clipping again
  (ids, dates, tags, note, star, versions and, with ``--with-html``, the raw
  pages). Into an empty library the result exports byte-identically.
- ``wallabag``: wallabag's JSON export; entries with content become clippings
  without any fetching, the others pending links.
- ``bookmarks``: Netscape bookmark HTML (browsers, Pocket, Pinboard).
- ``pocket``: Pocket's CSV export.
- ``urls``: a plain list of URLs, one per line.

Links (the last three, and content-less wallabag entries) are stored as
*pending*: nothing is fetched during the import, so it is quick, works
offline, and cannot lose an entry to a dead site. ``clipper pending --clip``
(or ``clipper import FILE --fetch``) clips them later; a link whose fetch
fails stays pending with the error noted. A line or entry that cannot be read
is reported with its position and skipped; the rest goes in. Merge rules for
what is already in the library are in ``clipper.merging``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.errors import ExportError, reading
from clipper.importers.model import ImportItem, Link, Parsed, Problem
from clipper.text import counted

if TYPE_CHECKING:
    from clipper.library import Library

BATCH = 200


class ImportFormat(StrEnum):
    jsonl = "jsonl"
    wallabag = "wallabag"
    bookmarks = "bookmarks"
    pocket = "pocket"
    urls = "urls"


class NotImportableError(ExportError):
    """The file is in no format clipper imports."""


def detect_format(head: bytes, name: str = "the file") -> ImportFormat:
    """The format of a file from its first few kilobytes.

    HTML counts as bookmarks only when it says so (the Netscape doctype) or
    its links carry bookmark dates: an ordinary saved page is refused rather
    than having every link on it imported.
    """
    from clipper.importers.pocket import looks_like_pocket_csv

    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    lowered = text.lower()
    if lowered.startswith("<"):
        if any(mark in lowered for mark in ("netscape-bookmark-file", "add_date=", "time_added=")):
            return ImportFormat.bookmarks
        raise NotImportableError(
            f"{name} is an HTML page, not a bookmarks export; to clip a saved page use "
            f"clipper clip {name} --url URL (or force it with --format bookmarks)"
        )
    if text.startswith("["):
        return ImportFormat.wallabag
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        try:
            json.loads(first)
        except json.JSONDecodeError:
            # A pretty-printed object over several lines: a wrapped wallabag export.
            if "\n" in text and first.strip() == "{":
                return ImportFormat.wallabag
        return ImportFormat.jsonl
    if looks_like_pocket_csv(text.split("\n", 1)[0]):
        return ImportFormat.pocket
    return ImportFormat.urls


@dataclass
class ImportReport:
    """What an import did, for the summary line and for tests."""

    format: ImportFormat
    added: int = 0
    renumbered: int = 0
    merged: int = 0
    pending: int = 0
    already_pending: int = 0
    already_clipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{counted(self.added, 'clipping')} added"]
        if self.renumbered:
            theirs = "its own was" if self.renumbered == 1 else "theirs was"
            parts.append(f"{self.renumbered} of them with a new id ({theirs} taken)")
        if self.merged:
            into = "a clipping" if self.merged == 1 else "clippings"
            parts.append(f"{self.merged} merged into {into} already here")
        if self.pending or self.already_pending:
            parts.append(f"{counted(self.pending, 'link')} kept as pending")
        if self.already_pending:
            parts.append(f"{self.already_pending} already pending")
        if self.already_clipped:
            parts.append(f"{counted(self.already_clipped, 'link')} already clipped")
        errors = sum(not p.skipped for p in self.problems)
        if errors:
            parts.append(f"{errors} unreadable and skipped")
        if len(self.problems) > errors:
            skipped = len(self.problems) - errors
            parts.append(f"{skipped} not {'a web link' if skipped == 1 else 'web links'}, skipped")
        return f"Imported {self.format.value}: " + ", ".join(parts) + "."


_WANTED = "the file to import"


def _read(path: Path) -> bytes:
    with reading(path, _WANTED):
        return path.read_bytes()


def _head(path: Path) -> bytes:
    with reading(path, _WANTED), path.open("rb") as stream:
        return stream.read(8192)


def _lines(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as stream:
            yield from stream
    except OSError as error:
        raise ExportError(f"cannot read {path}: {error.strerror}") from error


def parse_file(
    path: Path, file_format: ImportFormat | None = None
) -> tuple[ImportFormat, Iterator[Parsed]]:
    """The format of ``path`` and a stream of what it holds (read lazily for JSONL)."""
    from clipper.importers.bookmarks import read_bookmarks
    from clipper.importers.jsonl import read_jsonl
    from clipper.importers.pocket import read_pocket_csv
    from clipper.importers.urllist import read_url_list
    from clipper.importers.wallabag import read_wallabag

    chosen = file_format or detect_format(_head(path), str(path))
    if chosen is ImportFormat.jsonl:
        return chosen, read_jsonl(_lines(path))
    text = _read(path).decode("utf-8-sig", "replace")
    readers: dict[ImportFormat, Callable[[str, str], Iterator[Parsed]]] = {
        ImportFormat.wallabag: read_wallabag,
        ImportFormat.bookmarks: read_bookmarks,
        ImportFormat.pocket: read_pocket_csv,
        ImportFormat.urls: read_url_list,
    }
    return chosen, readers[chosen](text, chosen.value)


def _batches(parsed: Iterable[Parsed]) -> Iterator[list[Parsed]]:
    batch: list[Parsed] = []
    for entry in parsed:
        batch.append(entry)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def import_file(
    library: Library,
    path: Path,
    file_format: ImportFormat | None = None,
    *,
    on_problem: Callable[[Problem], None] | None = None,
) -> ImportReport:
    """Read ``path`` into ``library``; problems are collected (and passed to ``on_problem``)."""
    chosen, parsed = parse_file(path, file_format)
    return import_parsed(library, chosen, parsed, on_problem=on_problem)


def import_parsed(
    library: Library,
    chosen: ImportFormat,
    parsed: Iterable[Parsed],
    *,
    on_problem: Callable[[Problem], None] | None = None,
) -> ImportReport:
    """Store what ``parse_file`` read, in batches; see ``import_file``."""
    report = ImportReport(chosen)
    fresh: set[int] = set()  # what this import added: its records are never merged together
    for batch in _batches(parsed):
        items = [e for e in batch if isinstance(e, ImportItem)]
        links = [e for e in batch if isinstance(e, Link)]
        for problem in (e for e in batch if isinstance(e, Problem)):
            report.problems.append(problem)
            if on_problem:
                on_problem(problem)
        for outcome in library.import_clippings(items, fresh) if items else []:
            if outcome.status == "added":
                report.added += 1
                report.renumbered += outcome.renumbered
            elif outcome.status == "merged":
                report.merged += 1
            else:
                problem = Problem(outcome.where, outcome.message)
                report.problems.append(problem)
                if on_problem:
                    on_problem(problem)
        for link_outcome in library.add_pending(links) if links else []:
            if link_outcome.status == "pending":
                report.pending += 1
            elif link_outcome.status == "already pending":
                report.already_pending += 1
            else:
                report.already_clipped += 1
        report.links += [link.url for link in links]
    return report
