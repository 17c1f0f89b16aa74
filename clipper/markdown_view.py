"""The reader view: a story's Markdown rendered for the terminal, safely.

Rich renders the Markdown (headings, lists, quotes, code, tables); this module
decides what a page is allowed to put on the screen:

- no terminal hyperlinks (OSC 8) at all: a link is shown as ``text (URL)``, so
  where it leads is always visible, and a ``javascript:``/``data:`` link can
  never be clicked. Its URL is shown shortened, as text;
- a link whose text is its own URL is shown once, not as ``URL (URL)``;
- control characters and bidi overrides are stripped *after* parsing too,
  because Markdown entities (``&#x202e;``) decode to them;
- headings keep their ``#`` marks when there are no styles (``NO_COLOR``,
  ``TERM=dumb``, a pipe), so the structure survives as plain text;
- images are a short ``[image: alt]`` placeholder;
- the passages its owner highlighted (``clipper.highlights``) are marked: in
  reverse video, or between ``==`` and ``==`` (Markdown's highlight, as
  Obsidian writes it) when there are no styles to show it.

It lives apart from ``clipper.render`` because importing Rich's Markdown
(markdown-it, and Pygments for code) costs time that only ``show`` should pay.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from markdown_it.token import Token
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.text import Text
from rich.theme import Theme

from clipper.highlights import spans
from clipper.text import strip_controls
from clipper.urls import SAFE_LINK_SCHEMES

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

#: Longest URL shown for a link with an unsafe scheme (``data:`` can be megabytes).
UNSAFE_URL_CHARS = 48


#: How a highlighted passage looks where there are styles.
_MARKED = Theme({"markdown.mark": "reverse"})
#: What stands around a highlighted passage where there are none.
PLAIN_MARK = "=="


def story_markdown(markdown: str, quotes: Sequence[str] = ()) -> Markdown:
    """``markdown`` (from a page) as a Rich renderable that is safe to print, with the
    passages ``quotes`` (highlights) marked."""
    return _StoryMarkdown(strip_controls(markdown), quotes)


class _PlainHeading(Heading):
    """A heading; with no styles to show it, it keeps its ``#`` marks."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console.color_system is None:
            yield Text("#" * int(self.tag[1:]) + " ") + self.text
        else:
            yield from super().__rich_console__(console, options)


class _StoryMarkdown(Markdown):
    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": _PlainHeading,
    }
    inlines = {*Markdown.inlines, "mark"}  # noqa: RUF012 (Rich declares it unannotated)

    def __init__(self, markup: str, quotes: Sequence[str] = ()) -> None:
        super().__init__(markup, hyperlinks=False)
        _clean(self.parsed)
        self.marked = bool(quotes) and _mark(self.parsed, quotes)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.marked:
            yield from super().__rich_console__(console, options)
        elif console.color_system is None:  # no styles: the marks as text
            parsed = self.parsed
            self.parsed = _plain_marks(parsed)
            try:
                yield from super().__rich_console__(console, options)
            finally:
                self.parsed = parsed
        else:
            console.push_theme(_MARKED)
            try:
                yield from super().__rich_console__(console, options)
            finally:
                console.pop_theme()


def _mark(tokens: Iterable[Token], quotes: Sequence[str]) -> bool:
    """Wrap the passages of ``quotes`` in ``mark`` tokens, block by block; whether any was.

    A passage may run through a link or a bold word: each text token's part of
    it is wrapped on its own, so the marks always nest inside the other inline
    tokens; ``meta`` says which part opens and which closes the passage.
    """
    marked = False
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        offsets: list[int] = []
        haystack = ""
        for child in token.children:
            offsets.append(len(haystack))
            if child.type == "text":
                haystack += child.content
            elif child.type in ("softbreak", "hardbreak"):
                haystack += " "
        found = spans(haystack, quotes)
        if not found:
            continue
        marked = True
        token.children = list(_marked_children(token.children, offsets, found))
    return marked


def _marked_children(
    children: list[Token], offsets: list[int], found: list[tuple[int, int]]
) -> Iterator[Token]:
    for child, start in zip(children, offsets, strict=True):
        end = start + len(child.content) if child.type == "text" else start
        cuts = [(max(a, start), min(b, end), a, b) for a, b in found if a < end and b > start]
        if child.type != "text" or not cuts:
            yield child
            continue
        at = start
        for cut_start, cut_end, passage_start, passage_end in cuts:
            if cut_start > at:
                yield Token("text", "", 0, content=child.content[at - start : cut_start - start])
            yield Token("mark_open", "mark", 1, meta={"first": cut_start == passage_start})
            yield Token("text", "", 0, content=child.content[cut_start - start : cut_end - start])
            yield Token("mark_close", "mark", -1, meta={"last": cut_end == passage_end})
            at = cut_end
        if at < end:
            yield Token("text", "", 0, content=child.content[at - start :])


def _plain_marks(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each passage's marks written as ``PLAIN_MARK`` (copies; the
    document keeps its marks for a console with styles)."""

    def plain(child: Token) -> Token:
        if child.tag != "mark":
            return child
        shown = child.meta.get("first") or child.meta.get("last")
        return Token("text", "", 0, content=PLAIN_MARK if shown else "")

    copies = []
    for token in tokens:
        if token.children and any(child.tag == "mark" for child in token.children):
            token = token.copy()
            token.children = [plain(child) for child in token.children or ()]
        copies.append(token)
    return copies


def _clean(tokens: Iterable[Token]) -> None:
    """Strip controls from every token and rewrite links (see the module docstring)."""
    for token in tokens:
        token.content = strip_controls(token.content)
        token.attrs = {
            k: strip_controls(v) if isinstance(v, str) else v for k, v in token.attrs.items()
        }
        if token.children:
            _clean(token.children)
            token.children = _links(token.children)


def _scheme(href: str) -> str:
    head, colon, _ = href.partition(":")
    return head.lower() if colon and "/" not in head else ""


def _links(children: list[Token]) -> list[Token]:
    result: list[Token] = []
    openers: list[tuple[int, Token]] = []
    for token in children:
        if token.type == "image":
            # In place, as text: Rich would print an image apart from its sentence.
            alt = " ".join(token.content.split())
            result.append(Token("text", "", 0, content=f"[image: {alt}]" if alt else "[image]"))
            continue
        if token.type == "link_open":
            openers.append((len(result), token))
            result.append(token)
            continue
        if token.type != "link_close" or not openers:
            result.append(token)
            continue
        start, opener = openers.pop()
        href = str(opener.attrs.get("href", ""))
        label = "".join(t.content for t in result[start + 1 :]).strip()
        scheme = _scheme(href)
        if scheme and scheme not in SAFE_LINK_SCHEMES:
            del result[start]
            shown = href if len(href) <= UNSAFE_URL_CHARS else href[: UNSAFE_URL_CHARS - 1] + "…"
            result.append(Token("text", "", 0, content=f" ({shown})"))
        elif label in (href, unquote(href), href.removeprefix("mailto:")) or not href:
            del result[start]  # the URL is its own text: show it once
        else:
            result.append(token)
    return result
