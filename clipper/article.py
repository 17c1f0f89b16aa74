"""What extraction produces: the story and its metadata, independent of storage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from clipper.text import count_words


@dataclass(frozen=True)
class Article:
    """An extracted story.

    Dates are ISO 8601 strings (a date, or a datetime with its offset when the
    page gave one) so they sort as text and survive JSON unchanged. ``text`` is the
    plain story body with paragraphs separated by blank lines; ``markdown`` is the
    same story with its structure (headings, lists, quotes, links, images).
    """

    title: str = ""
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site: str | None = None
    language: str | None = None
    image: str | None = None
    description: str | None = None
    text: str = ""
    markdown: str = ""
    word_count: int = field(default=-1)

    def __post_init__(self) -> None:
        if self.word_count < 0:
            object.__setattr__(self, "word_count", count_words(self.text))

    @property
    def author(self) -> str | None:
        """All authors as one display string, or ``None``."""
        return ", ".join(self.authors) or None

    def to_record(self) -> dict[str, Any]:
        """The article as JSON-ready data (``clipper extract --json``)."""
        record = asdict(self)
        record["authors"] = list(self.authors)
        record["author"] = self.author
        return record
