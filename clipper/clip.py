"""Clipping, end to end: source → page → article → library.

This is the one place that strings the stages together, so the CLI and Python
callers get the same behaviour (including "already in the library"); the batch
(``clipper.batch``) runs the same steps, ``find_existing``, ``extract_page`` and
``store``, concurrently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, BinaryIO

from clipper.article import Article
from clipper.authors import author_names
from clipper.clipping import Clipping
from clipper.errors import AlreadyClippedError, ExtractionError
from clipper.history import VERSIONED_FIELDS
from clipper.library import Library
from clipper.page import Page
from clipper.sources import read_source
from clipper.urls import is_web_url

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions
    from clipper.images.model import ImageOutcome


@dataclass(frozen=True)
class ClipResult:
    """What became of one source: the stored clipping, and whether it is new.

    ``refetched`` is true when an existing clipping was fetched again and
    updated (``--refetch``), ``changed`` when that changed its title or text;
    ``collides_with`` holds the other clippings filed under the new one's
    canonical URL (different stories; ``clipper.dedup``).
    """

    clipping: Clipping
    created: bool
    refetched: bool = False
    changed: bool = False
    collides_with: tuple[int, ...] = ()
    images: tuple[ImageOutcome, ...] = ()

    def collision(self) -> str | None:
        """For stderr: a new clipping whose canonical link other stories have too."""
        if not self.collides_with:
            return None
        others = ", ".join(f"#{clipping_id}" for clipping_id in self.collides_with)
        return (
            f"#{self.clipping.id}: its canonical link {self.clipping.url} collides with "
            f"{others}, a different story; stored as a new clipping."
        )


def extract_page(page: Page) -> Article:
    """Extract the article from a page, refusing pages that hold no story."""
    return extract_content(page.content, page.url, page.headers, where=page.url or page.source)


def extract_content(
    content: bytes, url: str | None, headers: Mapping[str, str], *, where: str
) -> Article:
    """``extract_page`` on plain values, so it can run in another process."""
    from clipper.extraction import extract

    article = extract(content, url, headers=headers)
    names = author_names(article.authors)  # as the library stores them
    if names != article.authors:
        article = replace(article, authors=names)
    if not article.text.strip():
        raise ExtractionError(
            f"no story found in {where}: the page has no readable text "
            "(it may need JavaScript, or be a login or index page)"
        )
    return article


def find_existing(library: Library, source: str) -> Clipping | None:
    """The clipping already made from the URL ``source``, found without fetching it.

    Matches the URL against the addresses the clippings' pages were fetched
    from (so a link that redirects, or whose page names another canonical
    URL, is known too), and its clean form against canonical URLs that a page
    of the clipping came from (``clipper.dedup.clipping_at``): a canonical
    link no page came from may be a template's, and is fetched and compared.
    """
    if not is_web_url(source):
        return None
    return library.find_at(source.strip())


def store(
    library: Library,
    article: Article,
    page: Page,
    tags: Iterable[str] = (),
    *,
    existing: Clipping | None = None,
    refetch: bool = False,
    forms: Mapping[str, str] | None = None,
    images: Sequence[ImageOutcome] = (),
) -> ClipResult:
    """Store a freshly extracted ``article``, unless the library already has it.

    The library has it when ``existing`` is given, or when a clipping filed
    under the article's URL is the same story (``clipper.dedup``). With
    ``refetch``, that clipping is updated with the new article and page;
    without it, it is returned as it is, with any new tags added. ``forms`` are the article's
    ``Library.indexed_forms``, when worked out in advance; ``images`` what became of its
    pictures (``clipper.images``), stored with it.
    """
    tags = tuple(tags)
    images = tuple(images)
    others: tuple[int, ...] = ()
    if existing is None and article.url:
        existing, others = library.find_story(article)
    if existing is None:
        try:
            added = library.add(article, page, tags, forms=forms, images=images)
            return ClipResult(added, created=True, collides_with=others, images=images)
        except AlreadyClippedError as duplicate:  # another process stored it meanwhile
            existing = library.get(duplicate.clipping_id)
    if refetch:
        # What a reader sees changed: the test history uses to keep an earlier version.
        changed = any(
            getattr(existing.article, name) != getattr(article, name) for name in VERSIONED_FIELDS
        )
        library.update(existing.id, article, page, forms=forms, images=images)
        clipping = library.add_tags(existing.id, tags)
        return ClipResult(clipping, created=False, refetched=True, changed=changed, images=images)
    return ClipResult(library.add_tags(existing.id, tags), created=False)


def clip(
    library: Library,
    source: str,
    *,
    url: str | None = None,
    tags: Iterable[str] = (),
    stdin: BinaryIO | None = None,
    options: FetchOptions | None = None,
    refetch: bool = False,
) -> ClipResult:
    """Fetch or read ``source``, extract its story and store it in ``library``.

    A story already in the library (fetched from the same address before, or
    the same story under the same canonical URL: ``clipper.dedup``) is not
    stored twice: the existing clipping is returned with ``created=False`` and
    any new tags are added to it. With ``refetch=True`` it is fetched again and
    updated; the earlier raw page is kept beside the new one. With
    ``options.images`` the story's pictures are fetched right after the page
    (``clipper.images``) and stored with it.
    """
    tags = tuple(tags)
    existing = find_existing(library, source)
    if existing is not None and not refetch:
        return ClipResult(library.add_tags(existing.id, tags), created=False)
    page = read_source(source, url=url, stdin=stdin, options=options)
    article = extract_page(page)
    images: tuple[ImageOutcome, ...] = ()
    if options is not None and options.images:
        from clipper.images.fetch import collect_now

        skip = library.images.stored_keys(existing.id) if existing is not None else ()
        images = collect_now(article, page, options, skip=skip)
    return store(library, article, page, tags, existing=existing, refetch=refetch, images=images)
