"""Clipping, end to end: source → page → article → library.

This is the one place that strings the stages together, so the CLI and Python
callers get the same behaviour (including "already in the library").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from clipper.article import Article
from clipper.clipping import Clipping
from clipper.errors import AlreadyClippedError, ExtractionError
from clipper.library import Library
from clipper.page import Page
from clipper.sources import read_source
from clipper.urls import clean_url, is_web_url


@dataclass(frozen=True)
class ClipResult:
    """What became of one source: the stored clipping, and whether it is new."""

    clipping: Clipping
    created: bool


def extract_page(page: Page) -> Article:
    """Extract the article from a page, refusing pages that hold no story."""
    from clipper.extraction import extract

    article = extract(page.content, page.url, headers=page.headers)
    if not article.text.strip():
        raise ExtractionError(
            f"no story found in {page.url or page.source}: the page has no readable text "
            "(it may need JavaScript, or be a login or index page)"
        )
    return article


def clip(
    library: Library,
    source: str,
    *,
    url: str | None = None,
    tags: Iterable[str] = (),
    stdin: BinaryIO | None = None,
) -> ClipResult:
    """Fetch or read ``source``, extract its story and store it in ``library``.

    A story already in the library (same canonical URL) is not stored twice:
    the existing clipping is returned with ``created=False`` and any new tags
    are added to it.
    """
    tags = tuple(tags)
    if is_web_url(source) and (existing := library.find_by_url(clean_url(source))):
        return ClipResult(library.add_tags(existing.id, tags), created=False)
    page = read_source(source, url=url, stdin=stdin)
    article = extract_page(page)
    if article.url and (existing := library.find_by_url(article.url)):
        return ClipResult(library.add_tags(existing.id, tags), created=False)
    try:
        return ClipResult(library.add(article, page, tags), created=True)
    except AlreadyClippedError as duplicate:  # another process stored it meanwhile
        return ClipResult(library.add_tags(duplicate.clipping_id, tags), created=False)
