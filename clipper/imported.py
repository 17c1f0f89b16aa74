"""What an import hands the library: clippings with their content, and links to clip later.

These values belong to the library layer (``clipper.library`` and the merge
rules in ``clipper.merging`` store them), so that the readers in
``clipper.importers``, the batch and ``clipper.refresh`` can build them without
the library ever importing a reader: the library is the lower layer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from clipper.article import Article
from clipper.clipping import Highlight
from clipper.history import Version
from clipper.images.model import ImageOutcome
from clipper.page import Page


@dataclass(frozen=True)
class ArchivedPage:
    """A raw page exactly as the library keeps it (strings, not parsed values)."""

    content: bytes
    source: str
    url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    fetched_at: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @classmethod
    def from_page(cls, page: Page) -> ArchivedPage:
        return cls(
            content=page.content,
            source=page.source,
            url=page.url,
            status=page.status,
            headers=page.kept_headers(),
            redirects=tuple(page.redirects),
            fetched_at=page.fetched_at.isoformat(),
        )

    def to_record(self) -> dict[str, Any]:
        import base64

        return {
            "source": self.source,
            "url": self.url,
            "status": self.status,
            "headers": self.headers,
            "redirects": list(self.redirects),
            "fetched_at": self.fetched_at,
            "sha256": self.sha256,
            "content_base64": base64.b64encode(self.content).decode("ascii"),
        }


@dataclass(frozen=True)
class ImportItem:
    """A whole clipping to store: what extraction gave plus what the user added.

    ``id`` is the id the clipping had where it came from; it is kept when that
    id is free in this library. ``clipped_at``/``updated_at`` default to now.
    ``read`` is the other tool's "archived" (or clipper's own read state);
    ``images`` the clipping's picture records (clipper's own JSON lines, with
    ``--with-images``).
    """

    article: Article
    clipped_at: str | None = None
    updated_at: str | None = None
    tags: tuple[str, ...] = ()
    starred: bool = False
    note: str = ""
    id: int | None = None
    pages: tuple[ArchivedPage, ...] = ()
    versions: tuple[Version, ...] = ()
    where: str = ""
    read: bool = False
    highlights: tuple[Highlight, ...] = ()
    images: tuple[ImageOutcome, ...] = ()


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one ``ImportItem``.

    ``added``: a new clipping (``renumbered`` when its old id was taken);
    ``merged``: the library already held its URL, and the import added its
    tags, star, note, read state, highlights and raw pages to that clipping;
    ``failed``: the database refused it (``message`` says why), nothing of it
    was stored.
    """

    status: Literal["added", "merged", "failed"]
    clipping_id: int | None = None
    renumbered: bool = False
    message: str = ""
    where: str = ""


@dataclass(frozen=True)
class Link:
    """A URL to clip later, with what the other tool knew about it.

    ``saved_at`` (when it was saved there) and ``title`` are kept until it is
    clipped, and become the clipping's date and, when the page has none, its
    title; ``read`` and ``highlights`` carry over to the clipping too.
    """

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    starred: bool = False
    saved_at: str | None = None
    origin: str = ""
    read: bool = False
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True)
class PendingLink:
    """A link stored in the library, waiting to be clipped."""

    id: int
    link: Link
    attempts: int = 0
    error: str = ""

    def to_record(self) -> dict[str, Any]:
        link = self.link
        return {
            "id": self.id,
            "url": link.url,
            "title": link.title,
            "tags": list(link.tags),
            "note": link.note,
            "starred": link.starred,
            "saved_at": link.saved_at,
            "origin": link.origin,
            "attempts": self.attempts,
            "error": self.error,
            "read": link.read,
            "highlights": [highlight.to_record() for highlight in link.highlights],
        }


@dataclass(frozen=True)
class PendingOutcome:
    """What became of one ``Link``: kept as pending, merged into one, or already clipped."""

    status: Literal["pending", "already pending", "already clipped"]
    id: int
