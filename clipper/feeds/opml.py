"""OPML, the subscription lists every feed reader exports and imports.

Reading is lenient and inert: the file is tokenized by the standard
library's HTML tokenizer, which reads tags and attributes from markup that
is not well-formed (a bare ``&`` in a title is common in real exports) and
has no notion of a document type, so no entity is declared, expanded or
fetched. Each ``<outline>`` with an ``xmlUrl`` is a feed; the outlines
around it (folders) and its ``category`` attribute become its tags.

Writing produces OPML 2.0, flat, with each feed's tags in ``category``
(``/world,/politics``), which ``read_opml`` reads back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import format_datetime
from html.parser import HTMLParser
from xml.sax.saxutils import escape, quoteattr

from clipper.errors import SourceError
from clipper.page import utc_now
from clipper.text import one_line
from clipper.urls import is_web_url


@dataclass(frozen=True)
class Subscription:
    """A feed listed in an OPML file."""

    url: str
    name: str = ""
    tags: tuple[str, ...] = ()
    site_url: str | None = None


@dataclass
class OpmlFile:
    """What an OPML file holds: its feeds, and the outlines that are not feeds clipper reads."""

    subscriptions: list[Subscription] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # xmlUrl values that are not web URLs


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen_opml = False
        self.result = OpmlFile()
        self._folders: list[str | None] = []  # one per open outline: its name if a folder

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if tag == "opml":
            self.seen_opml = True
        if tag != "outline":
            return
        values = {name: value or "" for name, value in attrs}
        url = values.get("xmlurl", "").strip()
        name = one_line(values.get("title") or values.get("text") or "")
        if url:
            self._feed(url, name, values)
        if not closed:
            self._folders.append(None if url else name or None)

    def _feed(self, url: str, name: str, values: dict[str, str]) -> None:
        if not is_web_url(url):
            self.result.skipped.append(one_line(url))
            return
        tags = [folder for folder in self._folders if folder]
        for category in values.get("category", "").split(","):
            label = one_line(category.strip().strip("/").rsplit("/", 1)[-1])
            if label:
                tags.append(label)
        site = values.get("htmlurl", "").strip()
        self.result.subscriptions.append(
            Subscription(
                url.strip(),
                name,
                tuple(dict.fromkeys(tags)),
                site if is_web_url(site) else None,
            )
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "outline" and self._folders:
            self._folders.pop()


def read_opml(content: bytes, where: str) -> OpmlFile:
    """The feeds listed in the OPML document ``content`` (read from ``where``)."""
    text = _decode(content)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    if not reader.seen_opml:
        raise SourceError(f"{where} is not an OPML file (it has no <opml> element)")
    return reader.result


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    head = content[:200].lower()
    for name in ("iso-8859-1", "latin-1", "windows-1252"):
        if f'encoding="{name}"'.encode() in head or f"encoding='{name}'".encode() in head:
            return content.decode("cp1252", errors="replace")
    return content.decode("utf-8-sig", errors="replace")


def write_opml(feeds: Iterable[tuple[str, str, str | None, tuple[str, ...]]]) -> str:
    """OPML 2.0 for ``feeds``: each ``(url, name, site_url, tags)``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>clipper feeds</title>",
        f"    <dateCreated>{escape(format_datetime(utc_now(), usegmt=True))}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for url, name, site_url, tags in feeds:
        attributes = [f"type={quoteattr('rss')}", f"text={quoteattr(name)}"]
        attributes.append(f"title={quoteattr(name)}")
        attributes.append(f"xmlUrl={quoteattr(url)}")
        if site_url:
            attributes.append(f"htmlUrl={quoteattr(site_url)}")
        if tags:
            attributes.append(f"category={quoteattr(','.join('/' + tag for tag in tags))}")
        lines.append(f"    <outline {' '.join(attributes)}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
