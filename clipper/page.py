"""A page as it was obtained, before anything is extracted from it.

A ``Page`` is the hand-over point between getting bytes (``clipper.sources``,
``clipper.fetch``) and understanding them (``clipper.extraction``). It keeps the
raw bytes untouched, because the library archives them for re-extraction.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

#: Response headers worth keeping with a clipping; the rest is noise.
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")

#: The zlib level raw pages are archived at. Measured on the 181 real pages of the
#: ScrapingHub set (170 KB each on average; ``benchmarks/batch.py`` serves them):
#:
#: ======  ===========  ==============
#: level   ms a page    stored size
#: ======  ===========  ==============
#: 1       1.05         23.5 % of raw
#: 3       1.30         22.1 %
#: 4       1.65         20.7 %
#: 6       2.88         19.7 % (zlib's default, and clipper's before)
#: 9       4.65         19.6 %
#: ======  ===========  ==============
#:
#: Level 4 is the knee: it compresses in 57 % of level 6's time for 5 % more
#: bytes; below it each step saves less time and costs more space. Any level
#: decompresses alike, so libraries written at another level read the same.
ARCHIVE_LEVEL = 4


@dataclass(frozen=True)
class PackedContent:
    """A page's raw bytes as the library archives them: zlib-compressed, with their SHA-256.

    Packing costs more than storing; a batch packs in its extraction workers,
    in parallel, so that the one thread that writes to the library only stores.
    """

    compressed: bytes
    sha256: str


def pack_content(content: bytes) -> PackedContent:
    """``content`` packed for the archive (see ``ARCHIVE_LEVEL``)."""
    return PackedContent(zlib.compress(content, ARCHIVE_LEVEL), hashlib.sha256(content).hexdigest())


def _frozen(headers: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({k.lower(): v for k, v in headers.items()})


def utc_now() -> datetime:
    """Now, in UTC, to the second: the precision clipper records times with."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Page:
    """Raw page bytes plus what is known about where they came from.

    ``source`` is what the user typed (a URL, a path, ``-``); ``url`` is the URL the
    page is known by (the final URL after redirects, or ``--url`` for files and
    stdin), or ``None`` when nobody said. ``packed`` is ``content`` already packed
    for the archive (``pack_content``), when someone did that in advance.
    """

    content: bytes
    source: str
    url: str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=utc_now)
    packed: PackedContent | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", _frozen(self.headers))

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased (``""`` when unknown)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named by the Content-Type header, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None

    def archived(self) -> PackedContent:
        """The raw bytes packed for the archive: as packed in advance, or packed now."""
        return self.packed if self.packed is not None else pack_content(self.content)

    def kept_headers(self) -> dict[str, str]:
        """The headers stored with a clipping (see ``KEPT_HEADERS``)."""
        return {k: self.headers[k] for k in KEPT_HEADERS if k in self.headers}
