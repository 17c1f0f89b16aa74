"""Netscape bookmark files: what every browser, Pocket and Pinboard export.

The format is loose HTML (``<DT>`` is never closed), so it is read with the
standard library's tolerant ``HTMLParser`` and a small state machine rather
than a DOM. From each ``<A HREF>`` we keep the URL, the title, ``TAGS``
(comma-separated: Pinboard, Pocket, Firefox), the date (``ADD_DATE`` or
Pocket's ``TIME_ADDED``, in Unix seconds) and the ``<DD>`` description as the
note. The names of the folders a bookmark sits in become tags too, except the
browser's own containers (toolbar, unfiled), which say nothing about the story.
Entries that are not http(s) links (bookmarklets, ``place:`` queries, local
files) cannot be clipped; they are counted and reported, not stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from clipper.importers.model import Link, Parsed, Problem
from clipper.importers.tables import unix_time
from clipper.urls import is_web_url

_CONTAINER_FLAGS = ("personal_toolbar_folder", "unfiled_bookmarks_folder")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.folders: list[str | None] = []
        self.next_folder: str | None = None
        self.heading: dict[str, str | None] | None = None
        self.anchor: dict[str, str | None] | None = None
        self.buffer: list[str] = []
        self.description: list[str] | None = None
        self.entries: list[tuple[dict[str, str | None], str, list[str], int]] = []
        self.notes: dict[int, str] = {}

    def _end_description(self) -> None:
        if self.description is not None and self.entries:
            note = " ".join("".join(self.description).split())
            if note:
                self.notes[len(self.entries) - 1] = note
        self.description = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("dt", "dl", "h3", "a", "h1", "p"):
            self._end_description()
        if tag == "h3":
            self.heading, self.buffer = dict(attrs), []
        elif tag == "dl":
            self.folders.append(self.next_folder)
            self.next_folder = None
        elif tag == "a":
            self.anchor, self.buffer = dict(attrs), []
        elif tag == "dd":
            self.description = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self.heading is not None:
            flags = (self.heading.get(flag) or "" for flag in _CONTAINER_FLAGS)
            flagged = any(value.lower() == "true" for value in flags)
            name = " ".join("".join(self.buffer).split())
            self.next_folder = None if flagged or not name else name
            self.heading = None
        elif tag == "a" and self.anchor is not None:
            title = " ".join("".join(self.buffer).split())
            folders = [f for f in self.folders if f]
            self.entries.append((self.anchor, title, folders, self.getpos()[0]))
            self.anchor = None
        elif tag == "dl":
            self._end_description()
            if self.folders:
                self.folders.pop()

    def handle_data(self, data: str) -> None:
        if self.anchor is not None or self.heading is not None:
            self.buffer.append(data)
        elif self.description is not None:
            self.description.append(data)


def read_bookmarks(text: str, origin: str = "bookmarks") -> Iterator[Parsed]:
    """Links from a Netscape bookmark file, in file order, and problems for the rest."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._end_description()
    for index, (attrs, title, folders, line) in enumerate(parser.entries):
        href = (attrs.get("href") or "").strip()
        if not is_web_url(href):
            shown = href[:60] or "(no address)"
            yield Problem(f"line {line}", f"not an http(s) link, skipped: {shown}", skipped=True)
            continue
        tags = [t.strip() for t in (attrs.get("tags") or "").split(",") if t.strip()]
        stamp = attrs.get("add_date") or attrs.get("time_added")
        yield Link(
            url=href,
            title=title,
            tags=(*tags, *folders),
            note=parser.notes.get(index, ""),
            saved_at=unix_time(stamp) if stamp else None,
            origin=origin,
        )
