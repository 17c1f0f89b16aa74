"""Omnivore's export (a ZIP, or the folder it unpacks to), with the text it saved.

Omnivore closed in November 2024; its export is a ZIP holding:

- ``metadata_0_to_20.json``, ``metadata_20_to_40.json``...: JSON lists of
  articles (``id, slug, title, description, author, url, state,
  readingProgress, thumbnail, labels, savedAt, updatedAt, publishedAt``).
  ``labels`` are names (or, in some exports, objects with a ``name``);
  ``state`` is ``SUCCEEDED`` (or ``active``), ``ARCHIVED`` (read),
  ``DELETED`` (in the trash: not imported, and said so);
- ``content/<slug>.html``: the readable HTML Omnivore kept of the article;
- ``highlights/<slug>.md``: its highlights as Markdown, one after another:
  the quote as a blockquote, then the highlight's labels (``#a #b``) and its
  note as paragraphs. A note written on the article rather than on a passage
  is a paragraph with no quote before it.

An article with saved HTML becomes a clipping at once, from that HTML and
nothing fetched (``clipper.importers.saved``); one without (Omnivore kept no
text, or the file is missing) is kept as a pending link with its title, date,
labels (as tags), state and highlights. A highlight's labels are kept at the
end of its note; notes on the article become the clipping's note. Files are
found by name in the export (never by a path built from a slug), metadata
files in their numbered order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from clipper.clipping import Highlight
from clipper.importers.bundle import Bundle, is_clutter
from clipper.importers.model import ImportItem, Link, Parsed, Problem
from clipper.importers.saved import Saved, clipped
from clipper.importers.tables import decode, iso_time
from clipper.urls import is_web_url

METADATA = re.compile(r"(?:^|/)metadata_(\d+)_to_\d+\.json$", re.IGNORECASE)
_CONTENT = re.compile(r"(?:^|/)content/([^/]+)\.html$", re.IGNORECASE)
_HIGHLIGHTS = re.compile(r"(?:^|/)highlights/([^/]+)\.md$", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_LABELS = re.compile(r"#\S+(?:\s+#\S+)*")


def is_omnivore_bundle(names: list[str]) -> bool:
    return any(METADATA.search(name) for name in names)


def parse_highlights(markdown: str) -> tuple[list[Highlight], list[str]]:
    """The highlights in one of Omnivore's ``highlights/<slug>.md`` files, and the notes
    written on the article itself (paragraphs before any quote)."""
    highlights: list[Highlight] = []
    loose: list[str] = []
    quote: str | None = None
    notes: list[str] = []
    labels: list[str] = []

    def finish() -> None:
        if quote is not None and quote.strip():
            highlights.append(Highlight(quote.strip(), "\n\n".join([*notes, *labels])))

    for paragraph in _PARAGRAPHS.split(markdown.replace("\r\n", "\n")):
        text = paragraph.strip()
        if not text:
            continue
        if text.startswith(">"):
            finish()
            lines = []
            for line in text.splitlines():
                line = line.strip()
                line = line[1:] if line.startswith(">") else line
                lines.append(line.strip())
            quote = "\n".join(lines).strip()
            quote = re.sub(r"\n{2,}", "\n\n", quote)
            notes, labels = [], []
        elif quote is None:
            loose.append(text)
        elif not notes and not labels and _LABELS.fullmatch(text):
            labels.append(text)  # kept after the note, as a line of #labels
        else:
            notes.append(text)
    finish()
    return highlights, loose


def _labels(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = []
    for label in value:
        if isinstance(label, dict):
            label = label.get("name")
        if isinstance(label, str) and label.strip():
            names.append(label.strip())
    return tuple(names)


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def _entry(
    entry: dict[str, Any], where: str, bundle: Bundle, files: dict[str, dict[str, str]], origin: str
) -> Parsed:
    url = _text(entry, "url") or _text(entry, "originalArticleUrl")
    if not is_web_url(url):
        return Problem(where, f"no http(s) URL in this article: {url[:60] or '(empty)'}")
    state = _text(entry, "state").upper()
    if state == "DELETED":
        return Problem(where, f"deleted in Omnivore, not imported: {url[:60]}", skipped=True)
    slug = _text(entry, "slug")
    highlights: list[Highlight] = []
    loose: list[str] = []
    marked = files["highlights"].get(slug) if slug else None
    if marked is not None:
        highlights, loose = parse_highlights(decode(bundle.read(marked)))
    saved_at = iso_time(entry.get("savedAt"))
    title = _text(entry, "title")
    tags = _labels(entry.get("labels"))
    read = state == "ARCHIVED"
    note = "\n\n".join(loose)
    saved_html = files["content"].get(slug) if slug else None
    if saved_html is not None:
        author = _text(entry, "author")
        saved = Saved(
            url=url,
            title=title,
            authors=(author,) if author else (),
            published=iso_time(entry.get("publishedAt")),
            description=_text(entry, "description"),
            image=_text(entry, "thumbnail"),
            saved_at=saved_at,
        )
        made = clipped(decode(bundle.read(saved_html)), saved, origin)
        if made is not None:
            article, page = made
            return ImportItem(
                article=article,
                clipped_at=saved_at,
                updated_at=iso_time(entry.get("updatedAt")) or saved_at,
                tags=tags,
                note=note,
                pages=(page,),
                where=where,
                read=read,
                highlights=tuple(highlights),
            )
    return Link(
        url=url,
        title="" if title == url else title,
        tags=tags,
        note=note,
        saved_at=saved_at,
        origin=origin,
        read=read,
        highlights=tuple(highlights),
    )


def read_omnivore(
    bundle: Bundle, origin: str = "omnivore", *, metadata: list[str] | None = None
) -> Iterator[Parsed]:
    """Clippings and links from Omnivore's export (module docstring); ``metadata`` names
    the metadata files when they are not named as Omnivore names them (one given alone)."""
    names = bundle.names()
    files: dict[str, dict[str, str]] = {"content": {}, "highlights": {}}
    for name in names:
        if is_clutter(name):
            continue
        if found := _CONTENT.search(name):
            files["content"].setdefault(found.group(1), name)
        elif found := _HIGHLIGHTS.search(name):
            files["highlights"].setdefault(found.group(1), name)
    if metadata is None:
        numbered = sorted(
            (int(m.group(1)), name)
            for name in names
            if not is_clutter(name) and (m := METADATA.search(name))
        )
        metadata = [name for _, name in numbered]
    if not metadata:
        yield Problem(str(bundle.path), "no metadata_*.json file: not an Omnivore export")
        return
    for name in metadata:
        try:
            data = json.loads(decode(bundle.read(name)))
        except json.JSONDecodeError as error:
            yield Problem(f"{name} line {error.lineno}", f"not valid JSON ({error.msg})")
            continue
        except RecursionError:
            yield Problem(name, "not an export: nested too deeply")
            continue
        if not isinstance(data, list):
            yield Problem(name, "expected a JSON list of articles")
            continue
        for number, entry in enumerate(data, start=1):
            where = f"{name} entry {number}"
            if not isinstance(entry, dict):
                yield Problem(where, "expected an object")
                continue
            yield _entry(entry, where, bundle, files, origin)
