"""Reading feeds over HTTP: conditional requests, and finding the feeds a page offers.

A feed read before is asked for with the validators its last answer gave
(``If-None-Match`` with its ``ETag``, ``If-Modified-Since`` with its
``Last-Modified``), so an unchanged feed costs one ``304 Not Modified`` and
nothing is parsed. Every limit of ``clipper.fetch`` holds for feeds as for
pages (size, time, redirects, per-site concurrency): a 50 MB feed is refused
at the size limit like a 50 MB page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from clipper.errors import ClipperError, FeedError, internal_error
from clipper.fetch import Fetcher, FetchOptions, run_async
from clipper.page import Page

if TYPE_CHECKING:
    from clipper.feeds.parse import ParsedFeed
    from clipper.feeds.store import Feed

#: What clipper asks for when it asks for a feed; a server that negotiates sends one.
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)


@dataclass(frozen=True)
class FeedRead:
    """What became of reading one feed: ``read`` (with its entries), ``unchanged`` (304),
    or ``failed`` (with the reason)."""

    feed: Feed
    status: Literal["read", "unchanged", "failed"]
    parsed: ParsedFeed | None = None
    error: str = ""
    etag: str | None = None
    last_modified: str | None = None


def conditional_headers(feed: Feed) -> dict[str, str]:
    """The validators of the feed's last answer, for a conditional request."""
    headers = {"Accept": ACCEPT}
    if feed.read_at is not None:
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
    return headers


async def read_feed(fetcher: Fetcher, feed: Feed, *, conditional: bool = True) -> FeedRead:
    """Fetch and parse one feed; never raises for the feed's own failures.

    A feed update runs it in the batch's workers (``clipper.workers.Task``),
    where the parsing (feedparser: ~4 ms a feed of 20 entries) is done beside
    the extraction of pages, not in the process that stores them.
    """
    from clipper.feeds.parse import parse_feed

    headers = conditional_headers(feed) if conditional else {"Accept": ACCEPT}
    try:
        page = await fetcher.fetch(feed.url, headers=headers, html=False)
        etag = page.headers.get("etag") or None
        modified = page.headers.get("last-modified") or None
        if page.status == 304:
            return FeedRead(
                feed,
                "unchanged",
                etag=etag or feed.etag,
                last_modified=modified or feed.last_modified,
            )
        parsed = parse_feed(
            page.content, page.url or feed.url, page.headers.get("content-type", "")
        )
    except ClipperError as error:
        return FeedRead(feed, "failed", error=error.message)
    except Exception as error:  # a bug must not cost the other feeds
        return FeedRead(feed, "failed", error=internal_error(error))
    return FeedRead(feed, "read", parsed, etag=etag, last_modified=modified)


def read_feeds(
    feeds: Sequence[Feed], options: FetchOptions | None = None, *, conditional: bool = True
) -> list[FeedRead]:
    """Read every feed at once (within ``options``' limits), in the order given."""

    async def read_all() -> list[FeedRead]:
        async with Fetcher(options) as fetcher:
            return list(
                await asyncio.gather(
                    *(read_feed(fetcher, feed, conditional=conditional) for feed in feeds)
                )
            )

    return run_async(read_all()) if feeds else []


# -- a feed for ``feed add`` -----------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A feed found for ``clipper feed add``: where it is, and what it holds now."""

    url: str
    feed: ParsedFeed


def find_feeds(url: str, options: FetchOptions | None = None) -> list[Found]:
    """The feed at ``url``, or the feeds of the page at ``url``.

    A feed answers for itself. A web page offers the feeds it links
    (``<link rel="alternate">``); one that links none is looked for at the
    usual places on its site (``clipper.feeds.discover.USUAL_PATHS``). Each
    candidate is fetched and kept only if it is a feed. Raises the first
    answer's error when nothing is found.
    """
    return run_async(_find_feeds(url, options))


async def _find_feeds(url: str, options: FetchOptions | None) -> list[Found]:
    from clipper.feeds.discover import USUAL_PATHS, usual_places
    from clipper.feeds.parse import parse_feed

    async with Fetcher(options) as fetcher:
        page = await fetcher.fetch(url, headers={"Accept": ACCEPT}, html=False)
        try:
            return [Found(url, parse_feed(page.content, _where(page, url), _type(page)))]
        except FeedError as error:
            candidates = list(error.feeds)
            if not candidates and not _is_web_page(page):
                raise
            searched = "it links none"
            if not candidates:
                candidates = [place for place in usual_places(_where(page, url)) if place != url]
                searched = "it links none, and its site has none at " + ", ".join(USUAL_PATHS)
            found = await asyncio.gather(*(_feed_at(fetcher, place) for place in candidates))
            feeds = [item for item in found if item is not None]
            if not feeds:
                raise FeedError(f"{url} is a web page, not a feed; {searched}") from None
            return feeds


async def _feed_at(fetcher: Fetcher, url: str) -> Found | None:
    from clipper.feeds.parse import parse_feed

    try:
        page = await fetcher.fetch(url, headers={"Accept": ACCEPT}, html=False)
        return Found(url, parse_feed(page.content, _where(page, url), _type(page)))
    except ClipperError:
        return None


def _is_web_page(page: Page) -> bool:
    from clipper.feeds.parse import looks_like_html

    return looks_like_html(page.content, _type(page))


def _where(page: Page, url: str) -> str:
    return page.url or url


def _type(page: Page) -> str:
    return page.headers.get("content-type", "")
