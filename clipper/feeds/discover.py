"""The feeds a web page offers: its ``<link rel="alternate">``, then the usual places.

A site announces its feeds in the page's head, as browsers and feed readers
expect (``<link rel="alternate" type="application/rss+xml" href="/feed">``),
and most sites that do not still serve one at a conventional path. Links
are read from the page's markup only: nothing on the page is run, and
nothing taken from it becomes a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from clipper.text import one_line
from clipper.urls import is_web_url, join, split

#: Media types a feed link declares (``application/json`` is JSON Feed's older type).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
#: Where sites without a ``<link>`` usually serve a feed, tried in this order.
USUAL_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json")


@dataclass(frozen=True)
class FeedLink:
    """A feed a page links to: its absolute URL, and the title the link gives it."""

    url: str
    title: str = ""


def linked_feeds(content: bytes, url: str, charset: str | None = None) -> list[FeedLink]:
    """The feeds the page ``content`` (fetched from ``url``) names in its ``<link>`` tags.

    In the page's order, each once; relative links are resolved against the
    page's ``<base href>`` or its URL, and only http(s) links are kept.
    """
    from selectolax.lexbor import LexborHTMLParser

    from clipper.extraction.decode import decode_html

    text, _ = decode_html(content, charset)
    tree = LexborHTMLParser(text)
    base = url
    for node in tree.css("base[href]"):
        href = node.attributes.get("href") or ""
        base = join(url, href) or url
        break
    found: dict[str, FeedLink] = {}
    for node in tree.css("link[rel][href]"):
        attributes = node.attributes
        rels = (attributes.get("rel") or "").lower().split()
        kind = (attributes.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        if kind in ("application/json", "application/xml", "text/xml") and not _feedish(
            attributes.get("href") or ""
        ):
            continue  # an API or a sitemap, announced with a generic type
        link = join(base, attributes.get("href") or "")
        if link is None or not is_web_url(link) or link in found:
            continue
        found[link] = FeedLink(link, one_line(attributes.get("title") or ""))
    return list(found.values())


def _feedish(href: str) -> bool:
    lowered = href.lower()
    return any(word in lowered for word in ("feed", "rss", "atom", "rdf"))


def usual_places(url: str) -> list[str]:
    """``USUAL_PATHS`` on the site of ``url``: where to look when the page links no feed."""
    parts = split(url)
    if parts is None or not parts.netloc:
        return []
    root = f"{parts.scheme}://{parts.netloc}"
    return [root + path for path in USUAL_PATHS]
