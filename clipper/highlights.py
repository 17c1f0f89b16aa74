"""Highlights: finding a marked passage in a story, and writing highlights as Markdown.

A highlight keeps its quote as it was marked, in the story as it was then.
Stories change (``clipper refresh``), other services quote with their own
spacing and curly quotes, and a passage may run over paragraphs or through a
link; so a quote is looked for loosely: case, runs of spaces and line breaks,
and the shapes of quotation marks and apostrophes aside, paragraph by
paragraph. A quote none of whose paragraphs is found is "no longer in the
story": ``clipper show`` lists it apart, and it is never dropped.

Pure functions: the reader view (``clipper.markdown_view``) marks the spans
found here, ``show --raw`` and exported notes end with ``markdown_section``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clipper.article import Article
from clipper.clipping import Highlight
from clipper.text import strip_controls

#: Characters compared as one: the shapes of quotation marks and apostrophes.
_SAME = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                       "»": '"', "\u00a0": " "})  # fmt: skip
#: Shorter pieces of a quote are not looked for alone: "a" would be found anywhere.
MIN_PIECE = 4


def folded(text: str) -> tuple[str, list[int]]:
    """``text`` as compared (lower case, one space for any run of blank space, quotation
    marks alike), and for each of its characters the index it came from in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    blank = True  # drops blank space at the start
    for index, char in enumerate(text.translate(_SAME)):
        if char.isspace():
            if not blank:
                out.append(" ")
                origin.append(index)
            blank = True
            continue
        blank = False
        for lowered in char.lower():
            out.append(lowered)
            origin.append(index)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def pieces(quote: str) -> list[str]:
    """The paragraphs of ``quote`` (folded) long enough to be looked for."""
    found = (folded(line)[0] for line in quote.splitlines())
    return [piece for piece in found if len(piece) >= MIN_PIECE] or (
        [folded(quote)[0]] if folded(quote)[0] else []
    )


def spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where the paragraphs of ``quotes`` occur in ``text``: sorted, merged ``(start, end)``."""
    haystack, origin = folded(text)
    found: list[tuple[int, int]] = []
    for quote in quotes:
        for piece in pieces(quote):
            at = haystack.find(piece)
            while at >= 0:
                found.append((origin[at], origin[at + len(piece) - 1] + 1))
                at = haystack.find(piece, at + len(piece))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def is_found(quote: str, article: Article) -> bool:
    """Whether the story still holds ``quote`` (any of its paragraphs, loosely)."""
    stories = [folded(article.text)[0], folded(article.markdown)[0]]
    return any(piece in story for piece in pieces(quote) for story in stories)


def missing(highlights: Sequence[Highlight], article: Article) -> list[Highlight]:
    """The highlights whose passage the story no longer holds."""
    return [h for h in highlights if not is_found(h.quote, article)]


def blockquote(text: str) -> str:
    """``text`` as a Markdown blockquote, paragraph breaks kept."""
    lines = strip_controls(text).strip().splitlines()
    return "\n".join(f"> {line.strip()}" if line.strip() else ">" for line in lines)


def markdown_section(highlights: Sequence[Highlight]) -> str:
    """``## Highlights``: each quote a blockquote, its note after it; ``""`` without any."""
    if not highlights:
        return ""
    parts = ["## Highlights"]
    for highlight in highlights:
        parts.append(blockquote(highlight.quote))
        note = strip_controls(highlight.note).strip()
        if note:
            parts.append(note)
    return "\n\n".join(parts) + "\n"
