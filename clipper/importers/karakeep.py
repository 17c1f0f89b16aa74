"""Karakeep's (formerly Hoarder's) JSON export: ``{"bookmarks": [...], "lists": [...]}``.

Each bookmark has ``createdAt`` (Unix seconds), ``title``, ``tags`` (names),
``note``, ``archived`` (read), ``favourited`` (a star), and ``content``:

- ``{"type": "link", "url": ...}`` (newer exports add ``description``,
  ``author``, ``publisher``, ``imageUrl``): a pending link, or, when the
  export carries the page Karakeep crawled (``htmlContent``), a clipping made
  from it without fetching (``clipper.importers.saved``);
- ``{"type": "text", "text": ...}``: a note saved in Karakeep, kept as a
  clipping of its own (no URL), titled by its title or its first line;
- ``{"type": "asset", ...}``: an uploaded image or PDF, which the export does
  not hold: reported and skipped.

The lists a bookmark is in are not kept (their names are not in the
bookmark); its tags are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from clipper.article import Article
from clipper.importers.model import ImportItem, Link, Parsed, Problem
from clipper.importers.saved import Saved, clipped
from clipper.importers.tables import iso_time
from clipper.urls import is_web_url


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = (tag.get("name") if isinstance(tag, dict) else tag for tag in value)
    return tuple(name.strip() for name in names if isinstance(name, str) and name.strip())


def _bookmark(entry: dict[str, Any], where: str, origin: str) -> Parsed:
    content = entry.get("content")
    kind = _text(content.get("type")) if isinstance(content, dict) else ""
    title = _text(entry.get("title"))
    saved_at = iso_time(entry.get("createdAt"))
    tags = _tags(entry.get("tags"))
    note = _text(entry.get("note"))
    starred = entry.get("favourited") is True
    read = entry.get("archived") is True
    if kind == "text" and isinstance(content, dict):
        text = _text(content.get("text"))
        if not text:
            return Problem(where, "a text bookmark without text")
        first = text.splitlines()[0].strip()
        article = Article(title=title or first[:120], text=text, markdown=text)
        return ImportItem(
            article=article, clipped_at=saved_at, tags=tags, starred=starred, note=note,
            where=where, read=read,
        )  # fmt: skip
    if kind != "link" or not isinstance(content, dict):
        what = (
            "an uploaded file (image or PDF)" if kind == "asset" else f"a {kind or 'bad'} bookmark"
        )
        return Problem(where, f"{what}, which the export does not hold; skipped", skipped=True)
    url = _text(content.get("url"))
    if not is_web_url(url):
        return Problem(where, f"no http(s) URL in this bookmark: {url[:60] or '(empty)'}")
    html = content.get("htmlContent")
    if isinstance(html, str) and html.strip():
        author = _text(content.get("author"))
        saved = Saved(
            url=url,
            title=title or _text(content.get("title")),
            authors=(author,) if author else (),
            published=iso_time(content.get("datePublished")),
            description=_text(content.get("description")),
            image=_text(content.get("imageUrl")),
            site=_text(content.get("publisher")),
            saved_at=saved_at,
        )
        made = clipped(html, saved, origin)
        if made is not None:
            article, page = made
            return ImportItem(
                article=article, clipped_at=saved_at, tags=tags, starred=starred, note=note,
                pages=(page,), where=where, read=read,
            )  # fmt: skip
    return Link(
        url=url,
        title="" if title == url else title,
        tags=tags,
        note=note,
        starred=starred,
        saved_at=saved_at,
        origin=origin,
        read=read,
    )


def read_karakeep(text: str, origin: str = "karakeep") -> Iterator[Parsed]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Problem(f"line {error.lineno}", f"not valid JSON ({error.msg})")
        return
    except RecursionError:
        yield Problem("file", "not an export: nested too deeply")
        return
    bookmarks = data.get("bookmarks") if isinstance(data, dict) else None
    if not isinstance(bookmarks, list):
        yield Problem("file", 'expected a JSON object with a "bookmarks" list')
        return
    for number, entry in enumerate(bookmarks, start=1):
        where = f"bookmark {number}"
        if not isinstance(entry, dict):
            yield Problem(where, "expected an object")
            continue
        yield _bookmark(entry, where, origin)
