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
from typing import Any

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


def repack_gzip(member: bytes, content: bytes) -> PackedContent | None:
    """``content`` packed from the one gzip member it arrived in, without compressing it again.

    A gzip member and a zlib stream hold the same deflate data between
    different wrappings, so the server's compression is kept, and the
    archive costs a checksum instead of a compression (measured: 0.6 ms of a
    worker's 3 ms a page in ``benchmarks/batch.py``). The archive then holds
    what the server chose, often a lower level than ``ARCHIVE_LEVEL``: a few
    percent more bytes. ``None`` when the header is not one gzip writes;
    the caller has inflated ``member`` into ``content``, trailer checks included.
    """
    start = _gzip_header_length(member)
    if start is None or len(member) < start + 8:
        return None
    deflate = memoryview(member)[start:-8]
    # 0x78 0x9c: deflate with a 32 KB window (the most gzip allows), default level.
    stream = b"".join((b"\x78\x9c", deflate, zlib.adler32(content).to_bytes(4, "big")))
    return PackedContent(stream, hashlib.sha256(content).hexdigest())


_FHCRC, _FEXTRA, _FNAME, _FCOMMENT, _RESERVED = 0x02, 0x04, 0x08, 0x10, 0xE0


def _gzip_header_length(member: bytes) -> int | None:
    """Where the deflate data starts in a gzip member (RFC 1952), or ``None``."""
    if len(member) < 10 or member[:3] != b"\x1f\x8b\x08" or member[3] & _RESERVED:
        return None
    flags, position = member[3], 10
    if flags & _FEXTRA:
        if len(member) < position + 2:
            return None
        position += 2 + int.from_bytes(member[position : position + 2], "little")
    for field_flag in (_FNAME, _FCOMMENT):
        if flags & field_flag:
            end = member.find(b"\x00", position)
            if end < 0:
                return None
            position = end + 1
    if flags & _FHCRC:
        position += 2
    return position if position <= len(member) else None


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
    for the archive (``pack_content``), when someone did that in advance; a
    batch's worker hands its pages back packed only, with ``content`` empty,
    so that the raw bytes cross between processes once, compressed.
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

    def __getstate__(self) -> dict[str, Any]:
        # The read-only headers do not pickle: they travel as a plain dict.
        return {**self.__dict__, "headers": dict(self.headers)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, headers=_frozen(state["headers"]))

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
