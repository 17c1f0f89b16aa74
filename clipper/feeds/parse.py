"""A feed's bytes → ``ParsedFeed``: its title and its entries, each with an id, a link,
a date and, when the feed carries it, the story's full text.

RSS (0.9x, 1.0, 2.0) and Atom are read by feedparser, chosen for how much
of the real web's broken feeds it recovers (``benchmarks/feeds.py`` measures
it beside two faster parsers): undeclared HTML entities, a declared encoding
the bytes do not match, and XML that is not well-formed are read rather than
lost. It is safe with hostile XML: it drops the document type declaration,
keeps only flat entities (no references between them, no external ones),
and asks expat never to load external entities; expat 2.4 and later also
bound entity expansion. The bytes are handed to it as a stream, never as a
string, which feedparser would try as a file name or URL.

JSON Feed (1.0 and 1.1) is JSON: the standard library parses it, and this
module maps its documented keys.

What is kept of an entry, and why:

- its **id** (RSS ``guid``, Atom ``id``, JSON Feed ``id``): stable while the
  link may change, so it tells an entry already seen;
- its **link**, resolved against the feed (and ``xml:base``), only when it is
  an http(s) URL: a ``javascript:``, ``data:`` or ``file:`` link is no link;
- its **date** (``clipper.feeds.dates``), to pick the newest entries;
- its **full text** (``content:encoded``, Atom ``content``, JSON Feed
  ``content_html``/``content_text``), to clip when the story's page cannot
  be. A summary (``description``) is not a story: it is not kept.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from clipper.errors import FeedError
from clipper.feeds.dates import feed_date
from clipper.text import one_line
from clipper.urls import clean_url, is_web_url, join

#: Entries read from one feed: a feed is a window on the newest stories, and a
#: document with more is an archive or an attack; the first ones are the newest.
MAX_ENTRIES = 1000
#: Longest id kept; longer ones are cut (they still tell entries apart).
MAX_ID = 2000
_TAG = re.compile(r"<[^>]*>")
_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)[\s>]")
_HTML_TYPES = ("html", "xhtml")


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, as clipper uses it."""

    guid: str | None
    link: str | None  # an http(s) URL in clean form (``clipper.urls.clean_url``)
    title: str = ""
    published: str | None = None  # ISO 8601, as clipper stores dates
    author: str = ""
    content: str | None = None  # the story's full text, as HTML


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title, its site's address, its format and its entries (in the feed's order)."""

    title: str
    site_url: str | None
    kind: str
    entries: tuple[Entry, ...]


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Read the feed ``content`` fetched from ``url``; ``FeedError`` when it is none.

    A web page answered instead of a feed is a ``FeedError`` whose ``feeds``
    are those the page links, so that the caller can offer them.
    """
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return parse_json_feed(content, url)
    if looks_like_html(content, content_type):
        raise not_a_feed(content, url, content_type)
    return _parse_xml_feed(content, url, content_type)


def looks_like_html(content: bytes, content_type: str = "") -> bool:
    """A web page rather than a feed: it starts as HTML, or says it is and has no feed root."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    declared = content_type.split(";")[0].strip().lower()
    return declared in ("text/html", "application/xhtml+xml") and not _FEED_ROOT.search(head)


def not_a_feed(content: bytes, url: str, content_type: str = "") -> FeedError:
    """The error for a web page answered instead of a feed, naming the feeds it links."""
    from clipper.feeds.discover import linked_feeds
    from clipper.page import Page

    charset = Page(b"", source=url, headers={"content-type": content_type}).charset
    links = linked_feeds(content, url, charset)
    if not links:
        return FeedError(f"{url} is a web page, not a feed, and it links no feed", feeds=())
    listed = ", ".join(link.url for link in links)
    return FeedError(
        f"{url} is a web page, not a feed; it links {listed}: follow one of them "
        "(clipper feed add URL)",
        feeds=tuple(link.url for link in links),
    )


# -- RSS and Atom ---------------------------------------------------------------------


def _parse_xml_feed(content: bytes, url: str, content_type: str) -> ParsedFeed:
    import feedparser

    # No Content-Location: given one, feedparser resolves every element's URLs against
    # it, a third of its time (measured in benchmarks/feeds.py); links are resolved
    # here instead, against the feed's URL, after feedparser applied any xml:base.
    headers = {"content-type": content_type} if content_type else {}
    result = feedparser.parse(
        io.BytesIO(content),
        response_headers=headers,
        sanitize_html=False,  # the extractor reads hostile HTML; feedparser need not clean it
        resolve_relative_uris=False,  # links in the text are resolved by the extractor
    )
    version = result.get("version") or ""
    if not version:
        if result.get("entries"):
            version = "rss"
        else:
            raise FeedError(
                f"{url} is not a feed clipper can read (not RSS, Atom or JSON Feed)"
                + _reason(result)
            )
    feed = result.get("feed") or {}
    kind = feedparser.api.SUPPORTED_VERSIONS.get(version, "RSS") or version
    entries = [_xml_entry(item, url) for item in (result.get("entries") or [])[:MAX_ENTRIES]]
    return ParsedFeed(
        title=_plain(feed.get("title")),
        site_url=_web_link(url, feed.get("link")),
        kind=kind,
        entries=_without_shared_ids(entries),
    )


def _reason(result: Any) -> str:
    error = result.get("bozo_exception")
    return f" ({one_line(str(error))[:200]})" if error else ""


def _xml_entry(item: Any, url: str) -> Entry:
    guid = _id(item.get("id"))
    return Entry(
        guid=guid,
        link=_web_link(url, item.get("link")) or _permalink(guid),
        title=_plain(item.get("title")),
        published=feed_date(
            item.get("published") or item.get("updated") or item.get("created"),
            item.get("published_parsed") or item.get("updated_parsed"),
        ),
        author=_plain(item.get("author")),
        content=_full_text(item.get("content") or []),
    )


def _full_text(contents: list[Any]) -> str | None:
    """The longest full text of an entry, as HTML (plain text is escaped into paragraphs)."""
    best: str | None = None
    for part in contents:
        value = part.get("value") if isinstance(part, dict) else None
        if not isinstance(value, str) or not value.strip():
            continue
        kind = str(part.get("type") or "text/html").lower()
        text = value if any(word in kind for word in _HTML_TYPES) else _paragraphs(value)
        if best is None or len(text) > len(best):
            best = text
    return best


# -- JSON Feed ----------------------------------------------------------------------------


def parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    """A JSON Feed (https://jsonfeed.org/version/1.1) mapped as the XML feeds are."""
    try:
        document = json.loads(content.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as error:
        raise FeedError(f"{url} is not a feed: it looks like JSON, but is not ({error})") from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedError(f"{url} is JSON, but not a JSON Feed (it has no jsonfeed.org version)")
    items = document.get("items")
    entries = [
        _json_entry(item, url)
        for item in (items if isinstance(items, list) else [])[:MAX_ENTRIES]
        if isinstance(item, dict)
    ]
    number = version.rsplit("/", 1)[-1]
    return ParsedFeed(
        title=_plain(_text(document.get("title"))),
        site_url=_web_link(url, _text(document.get("home_page_url"))),
        kind=f"JSON Feed {number}",
        entries=_without_shared_ids(entries),
    )


def _json_entry(item: dict[str, Any], url: str) -> Entry:
    number = item.get("id")
    guid = _id(str(number) if isinstance(number, int) and not isinstance(number, bool) else number)
    content = _text(item.get("content_html")) or None
    if content is None and (plain := _text(item.get("content_text"))):
        content = _paragraphs(plain)
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]  # JSON Feed 1.0
    names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    link = _text(item.get("url")) or _text(item.get("external_url"))
    return Entry(
        guid=guid,
        link=_web_link(url, link) or _permalink(guid),
        title=_plain(_text(item.get("title"))),
        published=feed_date(_text(item.get("date_published")) or _text(item.get("date_modified"))),
        author=", ".join(name for name in names if name),
        content=content,
    )


def _id(value: object) -> str | None:
    return value.strip()[:MAX_ID] or None if isinstance(value, str) else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# -- shared -----------------------------------------------------------------------------


def _web_link(base: str, href: object) -> str | None:
    """``href`` resolved against ``base``, in clean form, if it is an http(s) URL."""
    if not isinstance(href, str) or not href.strip():
        return None
    link = join(base, href)
    return clean_url(link) if link is not None and is_web_url(link) else None


def _permalink(guid: str | None) -> str | None:
    """An id that is itself a web address is the entry's link when it gives no other
    (RSS: a ``guid`` is a permalink unless it says otherwise)."""
    return clean_url(guid) if guid is not None and is_web_url(guid) else None


def _plain(value: object) -> str:
    """A title as plain text on one line: markup a feed left in it removed."""
    if not isinstance(value, str):
        return ""
    if "<" in value:
        value = html.unescape(_TAG.sub("", value))
    return one_line(value)[:1000]


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _without_shared_ids(entries: list[Entry]) -> tuple[Entry, ...]:
    """The entries, each once, with ids that several different entries share dropped.

    A feed that gives every entry the same id (its own URL, a constant) tells
    nothing by it: those entries are told apart by their links instead. Two
    entries with the same id and link are one entry written twice.
    """
    links_by_id: dict[str, set[str | None]] = {}
    for entry in entries:
        if entry.guid is not None:
            links_by_id.setdefault(entry.guid, set()).add(entry.link)
    kept: list[Entry] = []
    seen: set[tuple[str | None, str | None]] = set()
    for entry in entries:
        if entry.guid is not None and len(links_by_id[entry.guid]) > 1:
            if entry.link is None:
                continue  # no link and an id it shares: nothing tells it apart
            entry = replace(entry, guid=None)
        key = (entry.guid, entry.link)
        if key in seen:
            continue
        seen.add(key)
        kept.append(entry)
    return tuple(kept)
