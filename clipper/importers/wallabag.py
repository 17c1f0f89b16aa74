"""wallabag's JSON export: a list of entries, most with the article's HTML.

wallabag already extracted each article, so an entry with ``content`` is
stored as a clipping without fetching anything: the content is wrapped in a
small HTML page carrying wallabag's metadata (title, authors, dates, image,
language) and run through clipper's extractor, and that page is kept as the
clipping's raw page so ``clipper reextract`` works on it later. wallabag's own
metadata wins over what the extractor finds. Tags, the star and annotations
(quote and comment, as the note) are kept; ``created_at`` becomes the
clipping's date. An entry without content, or whose content holds no
readable text, is kept as a pending link instead, so no entry is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from html import escape
from typing import Any

from clipper.importers.model import ArchivedPage, ImportItem, Link, Parsed, Problem
from clipper.page import Page, utc_now
from clipper.urls import is_web_url


def _iso(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    tags = []
    for tag in value:
        if isinstance(tag, str):
            tags.append(tag)
        elif isinstance(tag, dict) and isinstance(tag.get("label"), str):
            tags.append(tag["label"])
    return tuple(tags)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str) and v.strip())
    return ()


def _note(entry: dict[str, Any]) -> str:
    parts = []
    for annotation in entry.get("annotations") or []:
        if not isinstance(annotation, dict):
            continue
        quote = " ".join(str(annotation.get("quote") or "").split())
        text = str(annotation.get("text") or "").strip()
        parts.append("\n".join(p for p in ((f"> {quote}" if quote else ""), text) if p))
    return "\n\n".join(p for p in parts if p)


def _text_field(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def wrap_page(entry: dict[str, Any], url: str) -> bytes:
    """wallabag's content as a whole HTML page with its metadata in ``<meta>`` tags."""
    meta = []
    for name, value in (
        ("author", ", ".join(_strings(entry.get("published_by")))),
        ("article:published_time", _text_field(entry, "published_at")),
        ("og:image", _text_field(entry, "preview_picture")),
        ("og:site_name", _text_field(entry, "domain_name")),
    ):
        if value:
            meta.append(f'<meta property="{name}" name="{name}" content="{escape(value)}">')
    language = _text_field(entry, "language")
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(_text_field(entry, 'title'))}</title>"
        f'<link rel="canonical" href="{escape(url)}">{"".join(meta)}</head>\n'
        f"<body><article>\n{entry.get('content') or ''}\n</article></body></html>\n"
    )
    return html.encode("utf-8")


def _entry(entry: dict[str, Any], where: str, origin: str) -> Parsed:
    from clipper.clip import extract_page
    from clipper.errors import ClipperError

    url = _text_field(entry, "url") or _text_field(entry, "given_url")
    if not is_web_url(url):
        return Problem(where, f"no http(s) URL in this entry: {url[:60] or '(empty)'}")
    title = _text_field(entry, "title")
    tags = _tags(entry.get("tags"))
    starred = bool(entry.get("is_starred"))
    created = _iso(entry.get("created_at"))
    note = _note(entry)
    link = Link(url, title, tags, note, starred, created, origin)
    content = entry.get("content")
    if not isinstance(content, str) or not content.strip():
        return link
    page = Page(
        content=wrap_page(entry, url),
        source=origin,
        url=url,
        headers={"content-type": "text/html; charset=utf-8"},
        fetched_at=datetime.fromisoformat(created) if created else utc_now(),
    )
    try:
        article = extract_page(page)
    except ClipperError:
        return link
    authors = _strings(entry.get("published_by"))
    article = replace(
        article,
        title=title or article.title,
        authors=authors or article.authors,
        published=_iso(entry.get("published_at")) or article.published,
        image=_text_field(entry, "preview_picture") or article.image,
        language=_text_field(entry, "language") or article.language,
    )
    return ImportItem(
        article=article,
        clipped_at=created,
        updated_at=_iso(entry.get("updated_at")) or created,
        tags=tags,
        starred=starred,
        note=note,
        pages=(ArchivedPage.from_page(page),),
        where=where,
    )


def read_wallabag(text: str, origin: str = "wallabag") -> Iterator[Parsed]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Problem(f"line {error.lineno}", f"not valid JSON ({error.msg})")
        return
    except RecursionError:
        yield Problem("file", "not an export: nested too deeply")
        return
    if isinstance(data, dict):  # some tools wrap the list: {"entries": [...]}
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list):
        yield Problem("file", "expected a JSON list of wallabag entries")
        return
    for number, entry in enumerate(data, start=1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            yield Problem(where, "expected an object")
            continue
        yield _entry(entry, where, origin)
