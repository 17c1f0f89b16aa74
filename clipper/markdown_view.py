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
- images are a short ``[image: alt]`` placeholder.

It lives apart from ``clipper.render`` because importing Rich's Markdown
(markdown-it, and Pygments for code) costs time that only ``show`` should pay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from markdown_it.token import Token
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.text import Text

from clipper.text import strip_controls
from clipper.urls import SAFE_LINK_SCHEMES

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

#: Longest URL shown for a link with an unsafe scheme (``data:`` can be megabytes).
UNSAFE_URL_CHARS = 48


def story_markdown(markdown: str) -> Markdown:
    """``markdown`` (from a page) as a Rich renderable that is safe to print."""
    return _StoryMarkdown(strip_controls(markdown))


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

    def __init__(self, markup: str) -> None:
        super().__init__(markup, hyperlinks=False)
        _clean(self.parsed)


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
