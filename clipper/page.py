"""A page as it was obtained, before anything is extracted from it.

A ``Page`` is the hand-over point between getting bytes (``clipper.sources``,
``clipper.fetch``) and understanding them (``clipper.extraction``). It keeps the
raw bytes untouched, because the library archives them for re-extraction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

#: Response headers worth keeping with a clipping; the rest is noise.
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")


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
    stdin), or ``None`` when nobody said.
    """

    content: bytes
    source: str
    url: str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=utc_now)

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

    def kept_headers(self) -> dict[str, str]:
        """The headers stored with a clipping (see ``KEPT_HEADERS``)."""
        return {k: self.headers[k] for k in KEPT_HEADERS if k in self.headers}
