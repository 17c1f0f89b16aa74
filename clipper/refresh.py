"""Renewing clippings: re-extraction and refetching.

- ``reextract`` runs the current extractor over each clipping's newest stored
  raw page (no network) and updates the clippings whose result differs.
- ``refresh`` fetches each clipping again (from the address its newest raw
  page came from, else its URL); when the story changed, the
  clipping is updated and the new raw page stored (the old text becomes an
  earlier version, see ``clipper.history``). When nothing extracted changed,
  nothing is written: a news page's HTML differs on every fetch (ads, tokens,
  timestamps), and storing identical stories again would only grow the file.

Both keep what the user added (tags, note, star, read state, highlights):
they go through ``Library.update``. With ``options.images`` both fetch the
story's pictures the library does not hold yet (``clipper.images``): a
re-extraction needs the network for them, and finds their ``srcset``
candidates in the stored raw page; pictures stored before are kept, also
those a new version of the story no longer shows. (Links imported as pending are clipped
by the batch pipeline, ``clipper.batch``.) They use only the stable surface
of fetching and extraction: ``read_source(url) -> Page`` and
``extract_page(page) -> Article``. A failure on one clipping is reported and
the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from clipper.article import Article
from clipper.clipping import Clipping
from clipper.errors import ClipperError
from clipper.history import VERSIONED_FIELDS
from clipper.page import Page
from clipper.text import counted
from clipper.urls import is_web_url

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions
    from clipper.images.model import ImageOutcome
    from clipper.library import Library

Fetch = Callable[[str], Page]
Extract = Callable[[Page], Article]
OnFailure = Callable[[str, str], None]


def _fetch(url: str, options: FetchOptions | None = None) -> Page:
    from clipper.sources import read_source

    return read_source(url, options=options)


def _extract(page: Page) -> Article:
    from clipper.clip import extract_page

    return extract_page(page)


@dataclass
class RenewReport:
    """How many clippings changed text, changed only metadata, stayed the same, or failed."""

    changed: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Pictures fetched (with images on): how many were stored, how many not.
    pictures: list[int] = field(default_factory=lambda: [0, 0])

    def summary(self, verb: str, skipped_reason: str) -> str:
        total = self.changed + self.updated + self.unchanged + self.skipped + len(self.failed)
        parts = [
            f"{self.changed} with a new text (the old one kept as a version)",
            f"{self.updated} with new details only",
            f"{self.unchanged} unchanged",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} {skipped_reason}")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        line = f"{verb} {counted(total, 'clipping')}: " + ", ".join(parts)
        stored, refused = self.pictures
        if stored or refused:
            line += f"; pictures: {stored} stored, {refused} not (clipper images ID says why)"
        return line + "."


def differences(stored: Article, fresh: Article) -> set[str]:
    """Names of the extracted fields that differ; the URL is identity and never compared."""
    return {
        f.name
        for f in fields(Article)
        if f.name != "url" and getattr(stored, f.name) != getattr(fresh, f.name)
    }


def _pictures(
    library: Library, clipping: Clipping, article: Article, page: Page, options: FetchOptions | None
) -> tuple[ImageOutcome, ...]:
    """The story's pictures the library does not hold yet, fetched (with images on)."""
    if options is None or not options.images:
        return ()
    from clipper.images.fetch import collect_now

    return collect_now(article, page, options, skip=library.images.stored_keys(clipping.id))


def _apply(
    library: Library,
    clipping: Clipping,
    article: Article,
    page: Page | None,
    report: RenewReport,
    images: tuple[ImageOutcome, ...] = (),
) -> None:
    stored = sum(1 for image in images if image.image is not None)
    report.pictures[0] += stored
    report.pictures[1] += len(images) - stored
    changed = differences(clipping.article, article)
    if not changed:
        if images:
            library.images.keep(clipping.id, images)
        report.unchanged += 1
        return
    library.update(clipping.id, article, page, images=images)
    if changed & set(VERSIONED_FIELDS):
        report.changed += 1
    else:
        report.updated += 1


def _newest(pages: list[Page]) -> Page:
    # max() keeps the first of equals, so scan newest-stored first.
    return max(reversed(pages), key=lambda page: page.fetched_at)


def reextract(
    library: Library,
    clippings: Iterable[Clipping],
    *,
    extract: Extract = _extract,
    on_failure: OnFailure | None = None,
    options: FetchOptions | None = None,
) -> RenewReport:
    """Re-run extraction on the stored raw pages; ``skipped`` counts clippings without one.
    With ``options.images``, the pictures not stored yet are fetched."""
    report = RenewReport()
    for clipping in clippings:
        pages = library.raw_pages(clipping.id)
        if not pages:
            report.skipped += 1
            continue
        try:
            page = _newest(pages)
            article = extract(page)
        except ClipperError as error:
            _failed(report, f"#{clipping.id}", error.message, on_failure)
            continue
        _apply(library, clipping, article, None, report, _pictures(library, clipping, article,
               page, options))  # fmt: skip
    return report


def refresh(
    library: Library,
    clippings: Iterable[Clipping],
    *,
    fetch: Fetch | None = None,
    extract: Extract = _extract,
    on_failure: OnFailure | None = None,
    options: FetchOptions | None = None,
) -> RenewReport:
    """Fetch clippings again (under ``options``); ``skipped`` counts clippings without a
    web URL. With ``options.images``, the pictures not stored yet are fetched too."""
    report = RenewReport()
    for clipping in clippings:
        url = _refresh_url(library, clipping)
        if url is None:
            report.skipped += 1
            continue
        try:
            page = fetch(url) if fetch is not None else _fetch(url, options)
            article = extract(page)
        except ClipperError as error:
            _failed(report, f"#{clipping.id} {clipping.url}", error.message, on_failure)
            continue
        _apply(library, clipping, article, page, report, _pictures(library, clipping, article,
               page, options))  # fmt: skip
    return report


def _refresh_url(library: Library, clipping: Clipping) -> str | None:
    """Where to fetch a clipping again: where it was last fetched from, else its URL.

    The clipping's URL is the page's declared canonical URL, which is not
    always fetchable (a wrong host, a template mistake); the address the last
    raw page actually came from is.
    """
    pages = library.raw_pages(clipping.id)
    for candidate in ([_newest(pages).url] if pages else []) + [clipping.url]:
        if candidate and is_web_url(candidate):
            return candidate
    return None


def _failed(report: RenewReport, what: str, message: str, on_failure: OnFailure | None) -> None:
    report.failed.append((what, message))
    if on_failure:
        on_failure(what, message)
