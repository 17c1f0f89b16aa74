"""Clippings from the text another service saved, without fetching anything.

Omnivore exports the readable HTML of each article it saved, Karakeep the
HTML it crawled: that page is the story as the person saved it, and may be
all that is left of it. It is wrapped in a small HTML page carrying the
service's metadata (title, authors, dates, image, description, language) in
the tags clipper's extractor reads, run through the extractor, and kept as
the clipping's raw page, so ``clipper reextract`` works on it later. The
service's own metadata wins over what the extractor finds. When the saved
HTML holds no readable text, the caller keeps a pending link instead, so no
entry is lost.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape

from clipper.article import Article
from clipper.imported import ArchivedPage
from clipper.page import Page, utc_now


@dataclass(frozen=True)
class Saved:
    """What a service says about a saved article, beside its HTML."""

    url: str
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    description: str = ""
    image: str = ""
    site: str = ""
    language: str = ""
    saved_at: str | None = None


def wrap(html: str, saved: Saved) -> bytes:
    """The saved HTML as a whole page with the service's metadata in ``<meta>`` tags."""
    meta = []
    for name, value in (
        ("author", ", ".join(saved.authors)),
        ("article:published_time", saved.published or ""),
        ("description", saved.description),
        ("og:image", saved.image),
        ("og:site_name", saved.site),
    ):
        if value:
            meta.append(f'<meta property="{name}" name="{name}" content="{escape(value)}">')
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(saved.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(saved.title)}</title>"
        f'<link rel="canonical" href="{escape(saved.url)}">{"".join(meta)}</head>\n'
        f"<body><article>\n{html}\n</article></body></html>\n"
    )
    return page.encode("utf-8")


def clipped(html: str, saved: Saved, origin: str) -> tuple[Article, ArchivedPage] | None:
    """The article in ``html`` with the service's metadata, and the page it came from;
    ``None`` when the HTML holds no story."""
    from clipper.clip import extract_page
    from clipper.errors import ClipperError

    fetched = utc_now()
    if saved.saved_at:
        with contextlib.suppress(ValueError):
            fetched = datetime.fromisoformat(saved.saved_at)
    page = Page(
        content=wrap(html, saved),
        source=origin,
        url=saved.url,
        headers={"content-type": "text/html; charset=utf-8"},
        fetched_at=fetched,
    )
    try:
        article = extract_page(page)
    except ClipperError:
        return None
    article = replace(
        article,
        title=saved.title or article.title,
        authors=saved.authors or article.authors,
        published=saved.published or article.published,
        description=saved.description or article.description,
        image=saved.image or article.image,
        site=saved.site or article.site,
        language=saved.language or article.language,
    )
    return article, ArchivedPage.from_page(page)
