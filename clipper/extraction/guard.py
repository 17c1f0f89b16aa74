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

MAX_DEPTH = 1_000
KEEP_DEPTH = 400
_MIN_TAGS = 5_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
# Elements that never hold children, and elements whose end tag is implied
# by the next sibling (they do not pile up in the parser's stack).
_FLAT = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "image",
    }
)  # fmt: skip
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext", "noscript"})


def _tags(html: str) -> list[tuple[int, int, int]]:
    """``(start, end, depth change)`` of every tag that nests, skipping raw text."""
    found: list[tuple[int, int, int]] = []
    position = 0
    search = _TAG.search
    while True:
        match = search(html, position)
        if match is None:
            return found
        closing, name = match.group(1), match.group(2).lower()
        position = match.end()
        if name in _RAW_TEXT and not closing:
            end = _find_close(html, name, position)
            position = len(html) if end < 0 else end
            continue
        if name in _FLAT or html[match.end() - 2] == "/":
            continue
        found.append((match.start(), match.end(), -1 if closing else 1))


def _find_close(html: str, name: str, start: int) -> int:
    match = re.compile(f"</{name}", re.IGNORECASE).search(html, start)
    return match.start() if match else -1


def bound_nesting(html: str) -> str:
    """``html``, with the tags nested deeper than ``KEEP_DEPTH`` dropped when the page
    nests deeper than ``MAX_DEPTH``; otherwise ``html`` itself."""
    if len(html) < 3 * _MIN_TAGS or html.count("<") < _MIN_TAGS:
        return html
    tags = _tags(html)
    depth = deepest = 0
    for _, _, change in tags:
        depth = max(0, depth + change)
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH:
        return html
    parts: list[str] = []
    kept_until = 0
    depth = 0
    for start, end, change in tags:
        before = depth
        depth = max(0, depth + change)
        if max(before, depth) > KEEP_DEPTH:
            parts.append(html[kept_until:start])
            kept_until = end
    parts.append(html[kept_until:])
    return "".join(parts)
