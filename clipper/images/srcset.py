"""Which file to fetch for a picture the page offers in several sizes.

A story's Markdown keeps one URL per picture (the extractor's choice: its
``src``, or the first ``srcset`` candidate). Pages offer more: ``srcset`` lists
widths (``photo-800.jpg 800w``) or densities (``photo@2x.jpg 2x``), and a
``<picture>`` adds ``<source>`` elements, often in newer formats. The raw page
is kept with every clipping, so the candidates are read from it here, at clip
time, without changing what the extractor writes.

The choice: the widest candidate no wider than ``max_width`` (1,600 px unless
set), a format any reader shows preferred over AVIF at equal width; when no
candidate's width is known to fit, the Markdown's own URL (its width is not
known: the page's own fallback); when every candidate is known to be wider,
the narrowest. A density is a width only when the ``<img>`` states its width.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from clipper.urls import join, safe_link

#: Source types a ``<picture>`` may offer that clipper can keep (any other is skipped).
_KEPT_TYPES = frozenset(
    {"image/jpeg", "image/jpg", "image/png", "image/gif", "image/webp", "image/avif",
     "image/svg+xml"}
)  # fmt: skip
_LAZY_SOURCES = ("src", "data-src", "data-lazy-src", "data-original", "data-url")
_SRCSETS = ("srcset", "data-srcset", "data-lazy-srcset")
_WIDTH = re.compile(r"^(\d+)w$")
_DENSITY = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)x$")
_WHITESPACE = " \t\n\r\f"


@dataclass(frozen=True)
class Candidate:
    """One file offered for a picture: its absolute URL, its width in pixels when the
    page says, and its media type when a ``<source type>`` says."""

    url: str
    width: int | None = None
    media_type: str | None = None


def parse_srcset(value: str) -> list[tuple[str, str | None]]:
    """``(url, descriptor)`` pairs of a ``srcset`` (the HTML standard's parsing, in short:
    a URL may hold commas; a comma ending it ends the candidate)."""
    pairs: list[tuple[str, str | None]] = []
    position, length = 0, len(value)
    while position < length:
        while position < length and (value[position] in _WHITESPACE or value[position] == ","):
            position += 1
        start = position
        while position < length and value[position] not in _WHITESPACE:
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            pairs.append((url.rstrip(","), None))
            continue
        descriptor_start = position
        depth = 0
        while position < length and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1
        descriptors = value[descriptor_start:position].split()
        pairs.append((url, descriptors[0] if descriptors else None))
    return pairs


def _width(descriptor: str | None, declared_width: int | None) -> int | None:
    if descriptor is None:
        return None
    if match := _WIDTH.match(descriptor):
        return int(match.group(1)) or None
    if declared_width and (match := _DENSITY.match(descriptor)):
        return round(float(match.group(1)) * declared_width) or None
    return None


class PageImages:
    """Every ``<img>`` of a raw page, findable by any URL it names (resolved as the
    extractor resolves them), with all the candidates it and its ``<picture>`` offer."""

    def __init__(self, html: bytes | str, base_url: str | None, http_charset: str | None = None):
        from selectolax.lexbor import LexborHTMLParser

        from clipper.extraction.decode import decode_html

        text = decode_html(html, http_charset)[0] if isinstance(html, bytes) else html
        self.base_url = base_url
        self._by_url: dict[str, list[Candidate]] = {}
        tree = LexborHTMLParser(text.encode("utf-8", "ignore"))
        for image in tree.css("img"):
            self._read(image)

    def _resolve(self, href: str | None) -> str | None:
        href = (href or "").strip()
        if not href or href.startswith(("#", "data:")):
            return None
        absolute = href if href.startswith(("http://", "https://")) else join(self.base_url, href)
        url = safe_link(absolute) if absolute else None
        return url.replace(" ", "%20").replace(")", "%29") if url else None

    def _read(self, image: object) -> None:
        attributes: dict[str, str | None] = image.attributes  # type: ignore[attr-defined]
        declared = (attributes.get("width") or "").strip()
        declared_width = int(declared) if declared.isdigit() else None
        candidates: list[Candidate] = []
        named: list[str] = []
        for name in _LAZY_SOURCES:
            if url := self._resolve(attributes.get(name)):
                named.append(url)
                candidates.append(Candidate(url))
        candidates += self._srcset(attributes, declared_width, None)
        parent = image.parent  # type: ignore[attr-defined]
        if parent is not None and parent.tag == "picture":
            for source in parent.iter():
                if source.tag != "source":
                    continue
                kind = (source.attributes.get("type") or "").split(";")[0].strip().lower()
                if kind and kind not in _KEPT_TYPES:
                    continue
                candidates += self._srcset(source.attributes, declared_width, kind or None)
        if not candidates:
            return
        for candidate in [*named, *(c.url for c in candidates)]:
            self._by_url.setdefault(candidate, candidates)

    def _srcset(
        self, attributes: dict[str, str | None], declared_width: int | None, kind: str | None
    ) -> list[Candidate]:
        found: list[Candidate] = []
        for name in _SRCSETS:
            for href, descriptor in parse_srcset(attributes.get(name) or ""):
                if url := self._resolve(href):
                    found.append(Candidate(url, _width(descriptor, declared_width), kind))
        return found

    def candidates(self, url: str) -> list[Candidate]:
        """What the page offers for the picture the Markdown names ``url`` (``[]``: unknown)."""
        return self._by_url.get(url, [])


def choose(url: str, candidates: Iterable[Candidate], max_width: int) -> str:
    """The file to fetch for the picture the Markdown names ``url`` (module docstring)."""
    offered = list(candidates)
    own = next((c.width for c in offered if c.url == url and c.width), None)
    known = [c for c in offered if c.width is not None]
    fitting = [c for c in known if c.width is not None and c.width <= max_width]
    if fitting:
        return max(fitting, key=lambda c: (c.width or 0, c.media_type != "image/avif")).url
    if own is None:
        return url
    return min(known, key=lambda c: (c.width or 0, c.media_type == "image/avif")).url
