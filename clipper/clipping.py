"""A stored clipping: an article plus what the library and the user added to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clipper.article import Article

#: The keys of a clipping's JSON record, in order. Part of the CLI contract:
#: add keys at the end, never rename or remove one.
RECORD_KEYS = (
    "id",
    "url",
    "title",
    "author",
    "published",
    "site",
    "language",
    "image",
    "description",
    "text",
    "markdown",
    "word_count",
    "tags",
    "clipped_at",
    "authors",
    "modified",
    "starred",
    "note",
    "updated_at",
    "read",
    "highlights",
)


@dataclass(frozen=True)
class Highlight:
    """A passage of a clipping's story its owner marked, as they marked it, with a note.

    The quote is kept as it was when marked: a later version of the story may
    no longer hold it (``clipper.highlights.is_found``), and it is still kept.
    ``created_at`` is when it was made (ISO 8601), when known.
    """

    quote: str
    note: str = ""
    created_at: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"quote": self.quote, "note": self.note, "created_at": self.created_at}


@dataclass(frozen=True)
class Clipping:
    """An article as kept in the library, with its id, tags, note, read state and highlights."""

    id: int
    article: Article
    clipped_at: str
    updated_at: str
    tags: tuple[str, ...] = ()
    starred: bool = False
    note: str = ""
    read: bool = False
    highlights: tuple[Highlight, ...] = ()

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def url(self) -> str | None:
        return self.article.url

    def to_record(self) -> dict[str, Any]:
        """The JSON record printed by ``--json`` and written by JSONL export."""
        a = self.article
        values: dict[str, Any] = {
            "id": self.id,
            "url": a.url,
            "title": a.title,
            "author": a.author,
            "published": a.published,
            "site": a.site,
            "language": a.language,
            "image": a.image,
            "description": a.description,
            "text": a.text,
            "markdown": a.markdown,
            "word_count": a.word_count,
            "tags": list(self.tags),
            "clipped_at": self.clipped_at,
            "authors": list(a.authors),
            "modified": a.modified,
            "starred": self.starred,
            "note": self.note,
            "updated_at": self.updated_at,
            "read": self.read,
            "highlights": [highlight.to_record() for highlight in self.highlights],
        }
        return {key: values[key] for key in RECORD_KEYS}


@dataclass(frozen=True)
class Hit:
    """A search result: the clipping, a snippet around the matches, and its score.

    In ``snippet`` each match is wrapped in ``MARK_START``/``MARK_END``; those are
    control characters, which never occur in stored text, so renderers can
    highlight matches without parsing anything that came from a page.
    """

    MARK_START = "\x02"
    MARK_END = "\x03"

    clipping: Clipping
    snippet: str
    score: float

    def to_record(self) -> dict[str, Any]:
        plain = self.snippet.replace(self.MARK_START, "").replace(self.MARK_END, "")
        return {**self.clipping.to_record(), "snippet": plain, "score": round(self.score, 4)}
