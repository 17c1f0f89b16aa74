"""The images a story names, and its Markdown pointed at local copies of them.

A story names its pictures in its Markdown, as ``![alt](URL)`` (with the caption
in italics on the line after, as the extractor writes them), and may have a
lead image (``og:image`` and its kin) that the story itself does not show.
Each is a ``Reference``, known by its ``key``: the URL as the Markdown (or the
lead image field) writes it, so that an export can find the stored copy of
every picture by the text in front of it. A ``data:`` URL, which can be
megabytes long, is known by a short key made from its hash instead.

Images inside code (fenced blocks and inline code spans) are text, not images.
Nothing here fetches or parses HTML; the Markdown is read with one regular
expression of clipper's own (page text is never used as a pattern).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: ``![alt](url "title")``: the alt text with its backslash escapes, the URL bare
#: (balanced parentheses allowed) or in angle brackets, and an optional title.
_IMAGE = re.compile(
    r"""!\[(?P<alt>(?:\\.|[^\\\]\n])*)\]"""
    r"""\(\s*(?P<url><[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"""
    r"""(?P<title>\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)"""
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_ESCAPED = re.compile(r"\\(.)")
#: Keys longer than this (``data:`` URLs) are stored as their hash.
_LONGEST_KEY = 2048


@dataclass(frozen=True)
class Reference:
    """One picture a story names: ``url`` as written (what fetching starts from),
    ``key`` what the library files it under, ``alt`` its text, ``lead`` whether it
    is the clipping's lead image."""

    url: str
    key: str
    alt: str = ""
    lead: bool = False

    @property
    def is_data(self) -> bool:
        return self.url[:5].lower() == "data:"


def reference_key(url: str) -> str:
    """The key a picture's URL is filed under: the URL itself, or for a ``data:`` URL
    longer than 2 KB, ``data:`` followed by its media type and the URL's SHA-256."""
    if len(url) <= _LONGEST_KEY:
        return url
    media = url[5:].split(",", 1)[0].split(";", 1)[0][:64] if url[:5].lower() == "data:" else ""
    return f"data:{media};sha256={hashlib.sha256(url.encode('utf-8', 'replace')).hexdigest()}"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    url_start: int
    url_end: int
    url: str
    alt: str


def _outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """Each line of ``markdown`` outside fenced code, with its offset, code spans blanked."""
    fence: str | None = None
    offset = 0
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif "!" in line:
            yield offset, _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        offset += len(line)


def _images(markdown: str) -> Iterator[_Found]:
    if "![" not in markdown:
        return
    for offset, line in _outside_code(markdown):
        for match in _IMAGE.finditer(line):
            if match.start() > 0 and line[match.start() - 1] == "\\":
                continue  # \![...]: an escaped "!", not an image
            raw = match.group("url")
            inner = raw[1:-1] if raw.startswith("<") else raw
            if not inner:
                continue
            url_start = offset + match.start("url") + (1 if raw.startswith("<") else 0)
            yield _Found(
                offset + match.start(),
                offset + match.end(),
                url_start,
                url_start + len(inner),
                markdown[url_start : url_start + len(inner)],
                " ".join(_ESCAPED.sub(r"\1", match.group("alt")).split()),
            )


def story_references(markdown: str, lead_image: str | None = None) -> list[Reference]:
    """The pictures of a story, each once: the lead image first when the story does not
    show it, then the story's own in the order they stand."""
    found: dict[str, Reference] = {}
    lead_key = reference_key(lead_image) if lead_image else None
    for image in _images(markdown):
        key = reference_key(image.url)
        if key not in found:
            found[key] = Reference(image.url, key, image.alt, lead=key == lead_key)
    if lead_image and lead_key is not None and lead_key not in found:
        return [Reference(lead_image, lead_key, lead=True), *found.values()]
    return list(found.values())


def rewrite(markdown: str, local: Callable[[str], str | None]) -> str:
    """``markdown`` with each image's URL replaced by ``local(key)``, where it gives one
    (a relative path to a stored copy); other images keep their URLs."""
    pieces: list[str] = []
    at = 0
    for image in _images(markdown):
        path = local(reference_key(image.url))
        if path is None:
            continue
        pieces += [markdown[at : image.url_start], path]
        at = image.url_end
    if not pieces:
        return markdown
    return "".join(pieces) + markdown[at:]
