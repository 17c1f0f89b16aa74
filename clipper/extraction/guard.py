"""Keep pathological markup from making the HTML parser crawl.

Lexbor builds the tree in time that grows with the square of the nesting
depth: 20,000 nested ``<div>``s take seconds, 100,000 take a minute. Real pages
nest a few dozen levels deep. A page deeper than ``MAX_DEPTH`` has its tags
below ``KEEP_DEPTH`` dropped before parsing (their text is kept), so such a page
still gives its words quickly instead of hanging the caller.

The check itself is linear and only runs on documents with enough tags to be
dangerous: a page of N tags cannot nest deeper than N, and a few thousand
levels parse in well under a second.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import sub

MAX_DEPTH = 1_000
KEEP_DEPTH = 400
_MIN_TAGS = 5_000
_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9:-]*)")
_RAW_START = re.compile(r"<(script|style|textarea|title|xmp|noscript)\b[^>]*>", re.IGNORECASE)
_RAW_END = {
    name: re.compile(f"</{name}\\s*>", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp", "noscript")
}
# Elements that never hold children, elements whose end tag is implied by the
# next sibling (they do not pile up in the parser's stack), and the SVG shapes
# that are written self-closing (``<path/>``). Elsewhere in HTML ``<div/>``
# opens a div, so a trailing slash is rightly not looked at.
_FLAT = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "image", "path",
        "circle", "rect", "line", "polyline", "polygon", "ellipse", "use", "stop", "animate",
        "set", "mpath", "feblend", "fecolormatrix", "fecomposite", "feflood", "fegaussianblur",
        "feoffset", "femergenode", "fedropshadow", "feturbulence", "fefunca", "fefuncr",
        "fefuncg", "fefuncb", "mspace", "mglyph", "malignmark",
    }
)  # fmt: skip
_FLAT_CHANGES = dict.fromkeys(_FLAT, 0) | dict.fromkeys((f"/{name}" for name in _FLAT), 0)


def _without_raw_text(html: str) -> str:
    """``html`` without the contents of scripts, styles and other raw-text elements,
    where a ``<div`` is not a tag. An unclosed one runs to the end, as in a parser."""
    parts: list[str] = []
    position = 0
    while True:
        start = _RAW_START.search(html, position)
        if start is None:
            parts.append(html[position:])
            return "".join(parts)
        parts.append(html[position : start.end()])
        end = _RAW_END[start.group(1).lower()].search(html, start.end())
        if end is None:
            return "".join(parts)
        position = end.start()


def _depth_change(tag: str) -> int:
    """+1 for a start tag that nests, -1 for an end tag, 0 for the flat ones."""
    tag = tag.lower()
    if tag in _FLAT_CHANGES:
        return 0
    return -1 if tag[0] == "/" else 1


def _depth_changes(tags: list[str]) -> list[int]:
    # Most tags are lower case already: look them up before lower-casing.
    flat = _FLAT_CHANGES
    return [
        flat[tag]
        if tag in flat
        else (-1 if tag[0] == "/" else 1)
        if tag.islower()
        else _depth_change(tag)
        for tag in tags
    ]


def _nests_deeper(changes: list[int], limit: int) -> bool:
    """Whether the changes nest deeper than ``limit``, never counting below zero.

    With prefix sums S, the depth after step i is S[i] minus the lowest S so
    far; both runs are done by ``accumulate`` in C. That depth is never more
    than the spread of S (its highest less its lowest), which costs a quarter
    as much: a page whose spread stays within ``limit`` (every real page)
    needs no more.
    """
    sums = list(accumulate(changes, initial=0))
    if max(sums) - min(sums) <= limit:
        return False
    deepest: int = max(map(sub, sums, accumulate(sums, min)))
    return deepest > limit


def bound_nesting(html: str, data: bytes | None = None) -> str:
    """``html``, with the tags nested deeper than ``KEEP_DEPTH`` dropped when the page
    nests deeper than ``MAX_DEPTH``; otherwise ``html`` itself.

    ``data``, when the caller has it, is ``html`` encoded as UTF-8: its ``<``
    are the same and counted in a third less time than in the text.
    """
    if len(html) < 3 * _MIN_TAGS:
        return html
    if (data.count(b"<") if data is not None else html.count("<")) < _MIN_TAGS:
        return html
    markup = _without_raw_text(html)
    if not _nests_deeper(_depth_changes(_TAG.findall(markup)), MAX_DEPTH):
        return html
    # Rare: rebuild the page without the deep tags, keeping their text (and
    # without the scripts, so such a page loses its JSON-LD).
    parts: list[str] = []
    kept_until = 0
    depth = 0
    for match in _TAG.finditer(markup):
        before = depth
        depth = max(0, depth + _depth_change(match.group(1)))
        if max(before, depth) > KEEP_DEPTH:  # the whole tag goes, attributes and all
            end = markup.find(">", match.end())
            parts.append(markup[kept_until : match.start()])
            kept_until = len(markup) if end < 0 else end + 1
    parts.append(markup[kept_until:])
    return "".join(parts)
