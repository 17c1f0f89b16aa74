"""The CSV exports of Instapaper, Readwise Reader and Raindrop.io, read by column names.

None of them holds an article's text, so every entry becomes a pending link
(``clipper pending --clip`` clips it later, dated when it was saved) with
what the service knew: its title, tags, note, star, read state and
highlights. Columns are found by name in any order and case, so a service
that adds a column does not break the import; a row without an http(s) URL
is reported with its line and skipped.

- **Instapaper** (``URL,Title,Selection,Folder,Timestamp``, newer exports
  with ``Tags`` as a JSON list): ``Folder`` is ``Unread``, ``Archive`` (read),
  ``Starred`` (a star) or a folder of the person's own (kept as a tag);
  ``Selection``, the text selected when the link was saved, becomes a
  highlight; ``Timestamp`` is Unix seconds.
- **Readwise Reader** (``Title,URL,ID,Document tags,Saved date,Reading
  progress,Location,Seen``): ``Document tags`` is a list (``['a', 'b']``);
  ``Location`` is ``new``, ``later``, ``shortlist`` (kept as the tag
  ``shortlist``), ``archive`` (read) or ``feed``: an item of a subscribed feed
  the person never saved, reported and not imported. A ``Highlights`` or
  ``Notes`` column, where an export has one, is kept (one highlight a
  paragraph).
- **Raindrop.io** (``id,title,note,excerpt,url,folder,tags,created,cover,
  highlights,favorite``): ``folder`` is a path (``Dev/Rust``), each of its
  folders a tag except the default ``Unsorted``; ``tags`` are separated by
  commas; ``note`` is the note; ``favorite`` a star; ``created`` an ISO 8601
  time; ``highlights`` lists ``Highlight:`` lines, each optionally followed
  by a ``Note:`` line. The excerpt is the page's own summary, found again
  when the page is clipped. Raindrop's bookmarks HTML is a Netscape bookmark
  file (``clipper.importers.bookmarks``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from clipper.clipping import Highlight
from clipper.importers.model import Link, Parsed, Problem
from clipper.importers.tables import Row, Table, header_names, iso_time, list_cell, unix_time
from clipper.urls import is_web_url

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def _url(row: Row, *names: str) -> str | Problem:
    url = row.get(*names)
    if not is_web_url(url):
        return Problem(f"line {row.line}", f"no http(s) URL in this row: {url[:60] or '(empty)'}")
    return url


def _end(table: Table) -> Iterator[Problem]:
    if table.error:
        yield Problem(*table.error)


def _title(title: str, url: str) -> str:
    return "" if title == url else title


# -- Instapaper -----------------------------------------------------------------------

_INSTAPAPER = {"url", "title", "selection", "folder", "timestamp"}


def looks_like_instapaper(first_line: str) -> bool:
    return set(header_names(first_line)) >= _INSTAPAPER


def read_instapaper(text: str, origin: str = "instapaper") -> Iterator[Parsed]:
    table = Table(text)
    for row in table.rows():
        url = _url(row, "url")
        if isinstance(url, Problem):
            yield url
            continue
        folder = row.get("folder")
        kind = folder.casefold()
        tags = list_cell(row.get("tags"))
        if folder and kind not in ("unread", "archive", "starred"):
            tags.append(folder)
        selection = row.get("selection")
        stamp = row.get("timestamp")
        yield Link(
            url=url,
            title=_title(row.get("title"), url),
            tags=tuple(tags),
            starred=kind == "starred",
            saved_at=unix_time(stamp) if stamp else None,
            origin=origin,
            read=kind == "archive",
            highlights=(Highlight(selection),) if selection else (),
        )
    yield from _end(table)


# -- Readwise Reader ------------------------------------------------------------------


def looks_like_readwise(first_line: str) -> bool:
    names = set(header_names(first_line))
    return "url" in names and bool(names & {"document tags", "saved date"}) and "location" in names


def _paragraph_highlights(cell: str) -> tuple[Highlight, ...]:
    """Highlights from a cell: a JSON list (of texts, or objects with ``text`` and
    ``note``), else one highlight a paragraph."""
    text = cell.strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except (ValueError, RecursionError):
            items = None
        if isinstance(items, list):
            found = []
            for item in items:
                if isinstance(item, str) and item.strip():
                    found.append(Highlight(item.strip()))
                elif isinstance(item, dict) and isinstance(item.get("text"), str):
                    note = item.get("note")
                    found.append(Highlight(item["text"], note if isinstance(note, str) else ""))
            return tuple(h for h in found if h.quote.strip())
    return tuple(Highlight(part.strip()) for part in _PARAGRAPHS.split(text) if part.strip())


def read_readwise(text: str, origin: str = "readwise") -> Iterator[Parsed]:
    table = Table(text)
    for row in table.rows():
        url = _url(row, "url")
        if isinstance(url, Problem):
            yield url
            continue
        location = row.get("location").casefold()
        if location == "feed":
            yield Problem(
                f"line {row.line}",
                f"a feed item you never saved, skipped: {url[:60]}",
                skipped=True,
            )
            continue
        tags = list_cell(row.get("document tags", "tags"))
        if location == "shortlist":
            tags.append("shortlist")
        yield Link(
            url=url,
            title=_title(row.get("title"), url),
            tags=tuple(tags),
            note=row.get("notes", "note"),
            saved_at=iso_time(row.get("saved date")),
            origin=origin,
            read=location == "archive",
            highlights=_paragraph_highlights(row.get("highlights")),
        )
    yield from _end(table)


# -- Raindrop.io ----------------------------------------------------------------------

_HIGHLIGHT_LINE = re.compile(r"^\s*(highlight|note)\s*:\s?", re.IGNORECASE)


def looks_like_raindrop(first_line: str) -> bool:
    names = set(header_names(first_line))
    return "url" in names and "folder" in names and bool(names & {"excerpt", "cover", "favorite"})


def raindrop_highlights(cell: str) -> tuple[Highlight, ...]:
    """Raindrop's ``highlights`` cell: ``Highlight:`` lines, each optionally followed by
    a ``Note:`` line; a line without either continues the part before it."""
    if not _HIGHLIGHT_LINE.search(cell.strip().split("\n", 1)[0]):
        return _paragraph_highlights(cell)
    found: list[list[str]] = []  # [quote, note] pairs
    part = 0
    for line in cell.splitlines():
        marker = _HIGHLIGHT_LINE.match(line)
        if marker and marker.group(1).casefold() == "highlight":
            found.append([line[marker.end() :], ""])
            part = 0
        elif marker and found:
            found[-1][1] = line[marker.end() :]
            part = 1
        elif found:
            found[-1][part] += "\n" + line
    return tuple(Highlight(q.strip(), n.strip()) for q, n in found if q.strip())


def _folder_tags(folder: str) -> list[str]:
    parts = [part.strip() for part in folder.replace("\\", "/").split("/")]
    return [part for part in parts if part and part.casefold() != "unsorted"]


def read_raindrop(text: str, origin: str = "raindrop") -> Iterator[Parsed]:
    table = Table(text)
    for row in table.rows():
        url = _url(row, "url")
        if isinstance(url, Problem):
            yield url
            continue
        tags = [t.strip() for t in row.get("tags").split(",") if t.strip()]
        yield Link(
            url=url,
            title=_title(row.get("title"), url),
            tags=(*_folder_tags(row.get("folder")), *tags),
            note=row.get("note"),
            starred=row.get("favorite").casefold() in ("true", "1", "yes"),
            saved_at=iso_time(row.get("created")),
            origin=origin,
            highlights=raindrop_highlights(row.get("highlights")),
        )
    yield from _end(table)
