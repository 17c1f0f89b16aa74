"""``clipper import FILE``: clippings and links from clipper and other tools.

Formats, detected from the file's contents (``--format`` overrides), each read
by a module of its own:

- ``jsonl``: clipper's own export; every record becomes a clipping again
  (ids, dates, tags, note, star, read state, highlights, versions and, with
  ``--with-html``, the raw pages). Into an empty library the result exports
  byte-identically.
- ``wallabag``: wallabag's JSON export; entries with content become clippings
  without any fetching, the others pending links.
- ``bookmarks``: Netscape bookmark HTML (browsers, Pocket's and Raindrop.io's
  HTML, Pinboard).
- ``pocket``: Pocket's ZIP of 2024-2025 (``part_*.csv`` and
  ``annotations/part_*.json``, or its folder) or one of its CSV files.
- ``omnivore``: Omnivore's ZIP (or its folder): clippings from the HTML it
  saved, with highlights.
- ``instapaper``, ``readwise`` (Readwise Reader), ``raindrop``: their CSV
  exports (``clipper.importers.services``).
- ``karakeep``: Karakeep's (Hoarder's) JSON export.
- ``urls``: a plain list of URLs, one per line.

A ZIP is read member by member in memory, with limits (``clipper.importers.
bundle``): an unsafe or damaged archive is refused with one line naming the
member. All of an import's records are stored in one transaction: an import
that stops half-way (a damaged member, a full disk, Ctrl-C) stores nothing.

Links are stored as *pending*: nothing is fetched during the import, so it is
quick, works offline, and cannot lose an entry to a dead site. ``clipper
pending --clip`` (or ``clipper import FILE --fetch``) clips them later; a link
whose fetch fails stays pending with the error noted. A line or entry that
cannot be read is reported with its position and skipped; the rest goes in.
Merge rules for what is already in the library are in ``clipper.merging``:
importing the same export twice adds nothing the second time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.errors import ExportError, SourceError, reading
from clipper.importers.model import ImportItem, Link, Parsed, Problem
from clipper.text import counted

if TYPE_CHECKING:
    from clipper.importers.bundle import Bundle
    from clipper.library import Library

BATCH = 200


class ImportFormat(StrEnum):
    jsonl = "jsonl"
    wallabag = "wallabag"
    bookmarks = "bookmarks"
    pocket = "pocket"
    omnivore = "omnivore"
    instapaper = "instapaper"
    readwise = "readwise"
    raindrop = "raindrop"
    karakeep = "karakeep"
    urls = "urls"


#: Formats that are many files: read from a ZIP or a folder (or, forced, one file of them).
BUNDLED = (ImportFormat.pocket, ImportFormat.omnivore)


class NotImportableError(ExportError):
    """The file is in no format clipper imports."""


_KARAKEEP = re.compile(r'\{\s*"(?:bookmarks|lists)"\s*:')


def detect_format(head: bytes, name: str = "the file") -> ImportFormat:
    """The format of a file from its first few kilobytes.

    HTML counts as bookmarks only when it says so (the Netscape doctype) or
    its links carry bookmark dates: an ordinary saved page is refused rather
    than having every link on it imported. A CSV is told by its header.
    """
    from clipper.importers.pocket import looks_like_pocket_csv
    from clipper.importers.services import (
        looks_like_instapaper,
        looks_like_raindrop,
        looks_like_readwise,
    )
    from clipper.importers.tables import decode

    text = decode(head).lstrip("\ufeff \t\r\n")
    lowered = text.lower()
    if lowered.startswith("<"):
        if any(mark in lowered for mark in ("netscape-bookmark-file", "add_date=", "time_added=")):
            return ImportFormat.bookmarks
        raise NotImportableError(
            f"{name} is an HTML page, not a bookmarks export; to clip a saved page use "
            f"clipper clip {name} --url URL (or force it with --format bookmarks)"
        )
    if text.startswith("["):
        if '"slug"' in text and '"savedAt"' in text:
            return ImportFormat.omnivore  # one of its metadata files, on its own
        return ImportFormat.wallabag
    if text.startswith("{"):
        if _KARAKEEP.match(text):
            return ImportFormat.karakeep
        first = text.split("\n", 1)[0]
        try:
            json.loads(first)
        except (json.JSONDecodeError, RecursionError):
            # A pretty-printed object over several lines: a wrapped wallabag export.
            if "\n" in text and first.strip() == "{":
                return ImportFormat.wallabag
        return ImportFormat.jsonl
    first_line = text.split("\n", 1)[0]
    for looks_like, found in (
        (looks_like_instapaper, ImportFormat.instapaper),
        (looks_like_readwise, ImportFormat.readwise),
        (looks_like_raindrop, ImportFormat.raindrop),
        (looks_like_pocket_csv, ImportFormat.pocket),
    ):
        if looks_like(first_line):
            return found
    return ImportFormat.urls


def detect_bundle(bundle: Bundle) -> ImportFormat | None:
    """The export a ZIP or folder holds, by the names of its files; ``None`` when it is
    none of the many-file exports (it may still hold one file of another format)."""
    from clipper.importers.omnivore import is_omnivore_bundle
    from clipper.importers.pocket import is_pocket_bundle

    names = bundle.names()
    if is_omnivore_bundle(names):
        return ImportFormat.omnivore
    if is_pocket_bundle(names):
        return ImportFormat.pocket
    return None


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

    def summary(self, *, clipping_links: bool = False) -> str:
        """One line; ``clipping_links`` when the links are clipped right after (--fetch)."""
        parts = [f"{counted(self.added, 'clipping')} added"]
        if self.renumbered:
            theirs = "its own was" if self.renumbered == 1 else "theirs was"
            parts.append(f"{self.renumbered:,} of them with a new id ({theirs} taken)")
        if self.merged:
            into = "a clipping" if self.merged == 1 else "clippings"
            parts.append(f"{self.merged:,} merged into {into} already here")
        if self.pending or self.already_pending:
            kept = "to clip now" if clipping_links else "kept as pending"
            parts.append(f"{counted(self.pending, 'link')} {kept}")
        if self.already_pending:
            parts.append(f"{self.already_pending:,} already pending")
        if self.already_clipped:
            parts.append(f"{counted(self.already_clipped, 'link')} already clipped")
        errors = sum(not p.skipped for p in self.problems)
        if errors:
            parts.append(f"{errors:,} unreadable and skipped")
        if len(self.problems) > errors:
            skipped = len(self.problems) - errors
            parts.append(f"{skipped:,} skipped as said above")
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


def _text_reader(chosen: ImportFormat) -> Callable[[str, str], Iterator[Parsed]]:
    from clipper.importers.bookmarks import read_bookmarks
    from clipper.importers.karakeep import read_karakeep
    from clipper.importers.pocket import read_pocket_csv
    from clipper.importers.services import read_instapaper, read_raindrop, read_readwise
    from clipper.importers.urllist import read_url_list
    from clipper.importers.wallabag import read_wallabag

    readers: dict[ImportFormat, Callable[[str, str], Iterator[Parsed]]] = {
        ImportFormat.wallabag: read_wallabag,
        ImportFormat.bookmarks: read_bookmarks,
        ImportFormat.pocket: read_pocket_csv,
        ImportFormat.instapaper: read_instapaper,
        ImportFormat.readwise: read_readwise,
        ImportFormat.raindrop: read_raindrop,
        ImportFormat.karakeep: read_karakeep,
        ImportFormat.urls: read_url_list,
    }
    return readers[chosen]


def _bundle_reader(chosen: ImportFormat) -> Callable[[Bundle, str], Iterator[Parsed]]:
    from clipper.importers.omnivore import read_omnivore
    from clipper.importers.pocket import read_pocket

    return read_pocket if chosen is ImportFormat.pocket else read_omnivore


def _parse_data(data: bytes, chosen: ImportFormat, where: Path, member: str) -> Iterator[Parsed]:
    """What one file (or one member of an archive) holds, in the format ``chosen``."""
    from clipper.importers.bundle import OneFile
    from clipper.importers.jsonl import read_jsonl
    from clipper.importers.tables import decode

    if chosen is ImportFormat.jsonl:
        return read_jsonl(iter(data.splitlines(keepends=True)))
    if chosen is ImportFormat.omnivore:  # one of its metadata files, on its own
        from clipper.importers.omnivore import read_omnivore

        return read_omnivore(OneFile(where, member, data), chosen.value, metadata=[member])
    return _text_reader(chosen)(decode(data), chosen.value)


def _only_member(bundle: Bundle) -> str:
    from clipper.importers.bundle import is_clutter

    members = [name for name in bundle.names() if not is_clutter(name)]
    if len(members) != 1:
        shown = ", ".join(members[:4]) + (", ..." if len(members) > 4 else "")
        raise NotImportableError(
            f"{bundle.path} holds no export clipper knows (Pocket's part_*.csv, Omnivore's "
            f"metadata_*.json, or a single file to import); it holds: {shown or 'nothing'}"
        )
    return members[0]


def _parse_bundle(
    bundle: Bundle, file_format: ImportFormat | None
) -> tuple[ImportFormat, Iterator[Parsed]]:
    found = detect_bundle(bundle)
    if file_format is not None and found is not None and found is not file_format:
        bundle.close()
        raise NotImportableError(
            f"{bundle.path} is {found.value.capitalize()}'s export, not {file_format.value}; "
            f"leave out --format (or give --format {found.value})"
        )
    chosen = file_format or found
    if chosen in BUNDLED:
        assert chosen is not None
        return chosen, _closing(bundle, _bundle_reader(chosen)(bundle, chosen.value))
    member = _only_member(bundle)  # a ZIP holding one export file of another format
    data = bundle.read(member)
    bundle.close()
    chosen = file_format or detect_format(data[:8192], f"{bundle.path}: {member}")
    return chosen, _parse_data(data, chosen, bundle.path, member)


def _closing(bundle: Bundle, parsed: Iterator[Parsed]) -> Iterator[Parsed]:
    """``parsed``, closing ``bundle`` (its open ZIP) once read, or given up on."""
    try:
        yield from parsed
    finally:
        bundle.close()


def parse_file(
    path: Path, file_format: ImportFormat | None = None
) -> tuple[ImportFormat, Iterator[Parsed]]:
    """The format of ``path`` and a stream of what it holds (read lazily where it can).

    A ZIP archive is opened and checked here, before anything is stored: an
    unsafe one raises ``bundle.UnsafeArchiveError``.
    """
    from clipper.importers.bundle import FolderBundle, ZipBundle, is_zip
    from clipper.importers.jsonl import read_jsonl

    if path.is_dir():
        folder = FolderBundle(path)
        if file_format is None and detect_bundle(folder) is None:
            raise SourceError(
                f"{path} is a folder; give the file to import "
                "(or the folder of an unpacked Omnivore or Pocket export)"
            )
        return _parse_bundle(folder, file_format)
    head = _head(path)
    if is_zip(head):
        return _parse_bundle(ZipBundle(path), file_format)
    chosen = file_format or detect_format(head, str(path))
    if chosen is ImportFormat.jsonl:
        return chosen, read_jsonl(_lines(path))
    return chosen, _parse_data(_read(path), chosen, path, path.name)


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
    """Store what ``parse_file`` read, in batches of one transaction; see ``import_file``.

    All or nothing: an error while reading (a damaged member of an archive) or
    storing leaves the library as it was. The write lock is held meanwhile, so
    other clipper processes wait (up to their 30 s busy timeout) for a long one.
    """
    with library.transaction():
        return _store_all(library, chosen, parsed, on_problem)


def _store_all(
    library: Library,
    chosen: ImportFormat,
    parsed: Iterable[Parsed],
    on_problem: Callable[[Problem], None] | None,
) -> ImportReport:
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
