"""Export clippings as Markdown notes (YAML front matter) or JSON lines.

Front matter follows the keys Obsidian Web Clipper writes (``title``,
``source``, ``author`` as a list, ``published``, ``created``, ``tags``...), so
notes drop into an Obsidian vault or a static site as they are. The YAML is
produced by PyYAML's emitter rather than by string formatting: a title may
hold quotes, colons, ``#``, a leading ``-`` or newlines, and must still parse.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import yaml

from clipper.clipping import Clipping
from clipper.errors import ExportError
from clipper.text import strip_controls

MAX_FILENAME_BYTES = 120
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f#\[\]^%]+')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)


def front_matter(clipping: Clipping) -> dict[str, Any]:
    a = clipping.article
    return {
        "title": a.title,
        "source": a.url,
        "author": list(a.authors),
        "published": a.published,
        "created": clipping.clipped_at,
        "site": a.site,
        "description": a.description,
        "tags": list(clipping.tags),
        "image": a.image,
        "clipper_id": clipping.id,
    }


def note(clipping: Clipping) -> str:
    """One clipping as a Markdown note: front matter, ``# Title``, the story."""
    matter = yaml.safe_dump(
        front_matter(clipping),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    title = " ".join(strip_controls(clipping.title).split()) or "Untitled"
    return f"---\n{matter}---\n\n# {title}\n\n{clipping.article.markdown}\n"


def slug(title: str, max_bytes: int) -> str:
    """A file-name-safe form of ``title``: Unicode kept, separators and controls gone."""
    text = unicodedata.normalize("NFC", strip_controls(title))
    text = _UNSAFE_FILENAME.sub(" ", text)
    text = re.sub(r"[\s\-_.]+", "-", text).strip("-.").lower()
    encoded = text.encode("utf-8")[:max_bytes]
    return encoded.decode("utf-8", "ignore").strip("-.")


def note_filename(clipping: Clipping, *, suffix: str = "") -> str:
    """``YYYY-MM-DD-slug.md``: safe on Linux, macOS and Windows, at most 120 bytes."""
    date = (clipping.article.published or clipping.clipped_at or "")[:10] or "undated"
    budget = MAX_FILENAME_BYTES - len(f"{date}--{suffix}.md".encode())
    name = slug(clipping.title, budget) or "untitled"
    if _WINDOWS_RESERVED.match(name):
        name = f"{name}-note"
    return f"{date}-{name}{'-' + suffix if suffix else ''}.md"


def _clipper_id_of(path: Path) -> int | None:
    try:
        head = path.read_text(encoding="utf-8")[:4096]
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(r"^clipper_id: (\d+)$", head, re.MULTILINE)
    return int(match.group(1)) if match else None


def export_markdown(clippings: Iterable[Clipping], folder: Path) -> list[Path]:
    """Write one note per clipping into ``folder``; return the paths written.

    A file that already holds the same clipping is overwritten (re-exporting
    updates notes in place); a file that holds another clipping with the same
    name is left alone and this one gets its id appended.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        root = folder.resolve()
        written = []
        for clipping in clippings:
            path = root / note_filename(clipping)
            owner = _clipper_id_of(path) if path.exists() else clipping.id
            if owner != clipping.id:
                path = root / note_filename(clipping, suffix=str(clipping.id))
            if path.resolve().parent != root:  # defence in depth: never leave the folder
                raise ExportError(f"refusing to write outside {root}: {path.name}")
            path.write_text(note(clipping), encoding="utf-8")
            written.append(path)
        return written
    except OSError as error:
        raise ExportError(f"cannot write notes to {folder}: {error.strerror}") from error


def export_jsonl(clippings: Iterable[Clipping], stream: IO[str]) -> int:
    """Write one JSON record per line; return how many."""
    count = 0
    for clipping in clippings:
        stream.write(json.dumps(clipping.to_record(), ensure_ascii=False) + "\n")
        count += 1
    return count
