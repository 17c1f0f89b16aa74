"""Turn the story's DOM into blocks, and blocks into Markdown and plain text.

Both outputs come from the same blocks, so the Markdown and the text of an
article never disagree about what the story is. Links keep absolute URLs, and
only with safe schemes: a ``javascript:`` or ``data:`` link becomes plain text.

Blocks form a flat list: a list item or a paragraph inside a quotation is a
block of its own that carries its nesting (``level``, ``quote``), and
``render_blocks`` regroups them. The walk over the DOM uses explicit stacks,
never Python recursion, so a page nested 100,000 elements deep costs time in
proportion to its size and nothing more.

Captions belong to their image: Markdown keeps them in the image block, in
italics under the picture; plain text is the story's prose only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from clipper.extraction.microdata import is_post, item_value, own
from clipper.text import strip_controls
from clipper.urls import join, safe_link, split

# Tells the writer what an element inside the story is: 0 story, 1 furniture
# to leave out, 2 a picture with a caption, 3 a scrap of furniture (see
# ``content.Judge.verdict``).
Verdict = Callable[[LexborNode], int]
_SKIP, _FIGURE, _DROP = 1, 2, 3

_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_IGNORED = frozenset(
    {
        "-comment", "script", "style", "noscript", "template", "svg", "button", "input",
        "select", "textarea", "iframe", "object", "embed", "canvas", "head", "title", "meta",
        "link", "nav", "aside", "footer", "label", "dialog", "menu",
    }
)  # fmt: skip
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PARAGRAPHS = frozenset({"p", "dt", "dd", "address", "summary", "figcaption", "caption", "legend"})
# Elements that start a new block; anything else is inline content.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "ul", "ol", "dl", "dt", "dd",
        "li", "blockquote", "pre", "table", "figure", "figcaption", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "center", "details", "summary", "address", "tr", "td", "th",
        "tbody", "thead", "tfoot", "caption", "fieldset", "legend", "hgroup", "picture",
        "body", "html",
    }
)  # fmt: skip
# Inline elements that sometimes wrap whole blocks (card links, styled spans).
_INLINE_WRAPPERS = frozenset({"a", "span", "font", "b", "strong", "em", "i", "u", "small", "big"})
# Elements that make an inline wrapper around them a block.
_BLOCKS_INSIDE = frozenset(
    {
        "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "section",
    }
)  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<_])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)", re.MULTILINE)
_LINE_START_CHARS = frozenset("#>+-0123456789")
_BREAK = "\x01"  # a <br>, in both outputs, until lines are made
_PARAGRAPH_BREAK = re.compile("(?:\x01\\s*){2,}")
_UNSEEN = re.compile(
    r"tooltip|popover|hovercard|rollover|popup|sr-only|visually-hidden|screen-reader|off-?screen"
)
_MAX_CELLS = 10_000
_MAX_NESTING = 8  # list indentation and quotation levels shown in Markdown


@dataclass(frozen=True)
class Block:
    """One block of the story.

    ``kind`` is heading, paragraph, item (of a list), code, table, image or
    poster (the line naming who wrote a thread's post, and when), and
    "skipped", a marker the writer leaves where it dropped furniture,
    which ``polish`` consumes. ``level`` is a heading's level or a list
    item's nesting depth (0 = top);
    ``quote`` is how many quotations the block sits in; ``marker`` is a list
    item's "-" or "3."; ``links`` counts the characters of text inside links.
    """

    kind: str
    text: str
    markdown: str
    level: int = 0
    quote: int = 0
    marker: str = ""
    links: int = 0


_GLYPH = 4  # characters: a picture whose alt text is this short and has no letter is a glyph
# A formula's TeX as MediaWiki's math pictures carry it in their alt text
# ("{\\displaystyle a_{ij}}"), and as MathML may carry it (``alttext``, or an
# ``annotation`` in TeX).
_TEX_WRAPPER = re.compile(r"\{\\(?:display|text)style\s*(.*)\}", re.DOTALL)
_TEX_LONGEST = 1000  # characters: longer is not a formula in a sentence
_TEX_ANNOTATION = 'annotation[encoding="application/x-tex" i]'


def _tex(node: LexborNode) -> str | None:
    """The TeX source of a formula drawn as a picture or written in MathML, to
    write as ``$…$`` where it stands in its sentence; ``None`` for anything else.

    A source that could close the math span early (a ``$``, a backtick) is not
    trusted: the picture stays a picture, MathML its text."""
    if node.tag == "math":
        source = node.attributes.get("alttext") or ""
        if not source:
            annotation = node.css_first(_TEX_ANNOTATION)
            source = annotation.text(deep=True) if annotation is not None else ""
        wrapped = _TEX_WRAPPER.fullmatch(source.strip())
        if wrapped:  # MathML's TeX may come in MediaWiki's wrapper too
            source = wrapped.group(1)
    else:  # a picture is a formula only when its alt text is so wrapped
        wrapped = _TEX_WRAPPER.fullmatch((node.attributes.get("alt") or "").strip())
        source = wrapped.group(1) if wrapped else ""
    tex = " ".join(source.split())
    if not tex or len(tex) > _TEX_LONGEST or "$" in tex or "`" in tex:
        return None
    return strip_controls(tex)


def _escape(text: str) -> str:
    """``text`` with Markdown's special characters escaped (``text`` itself if none).

    Escape sequences go first: once ``[`` is escaped, ``ESC [31m`` is no longer
    one sequence, and the whole of it must leave the Markdown as it leaves the text.
    """
    if "\x1b" in text:
        text = strip_controls(text)
    if "\\" in text or "`" in text or "*" in text or "[" in text or "]" in text:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if "<" in text or "_" in text:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text


def _is_unseen(node: LexborNode) -> bool:
    """Whether an inline element is text a reader never sees in the line: a
    hover card or tooltip shown on demand, or words for screen readers only."""
    names = node.attributes.get("class")
    return names is not None and _UNSEEN.search(names.lower()) is not None


def _holds_block(node: LexborNode) -> bool:
    """Whether an inline element wraps a block (a card's link around a ``<div>``).

    A walk testing tags, not a CSS query: lexbor would parse a list of
    fourteen selectors on every call, ten times the cost of the walk.
    """
    return any(inner.tag in _BLOCKS_INSIDE for inner in node.traverse())


def _plain_host(url: str) -> bool:
    """Whether an absolute URL's host part (up to the first ``/``, ``?`` or ``#``)
    is ASCII without a port or brackets: then ``urlsplit`` cannot fail on it,
    and most links are checked without taking them apart."""
    host = url.partition("://")[2].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return host.isascii() and ":" not in host and "[" not in host and "]" not in host


def _lines(raw: str) -> str:
    """Whitespace squashed within lines; ``_BREAK`` becomes a line break."""
    if _BREAK not in raw:
        return " ".join(raw.split())
    return "\n".join(
        line for line in (" ".join(part.split()) for part in raw.split(_BREAK)) if line
    )


@dataclass
class _Close:
    """End of an inline element whose output wraps its content (a link, emphasis)."""

    kind: str
    start: int
    href: str | None = None


class _Inline:
    """Inline content as parallel Markdown and text parts."""

    __slots__ = ("formulas", "images", "links", "markdown", "plain", "text")

    def __init__(self) -> None:
        self.markdown: list[str] = []
        self.text: list[str] = []
        self.links = 0
        self.images: list[LexborNode] = []
        self.plain = True  # Markdown and text are the same so far
        self.formulas = 0  # formulas written in the Markdown alone


_NODE, _RUN, _ITEM_END = 0, 1, 2
_ITEM_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre"}
)


@dataclass(slots=True)
class _Work:
    """One step of the block walk: an element, a run of inline nodes, or an item's end."""

    kind: int
    node: LexborNode | None
    quote: int
    depth: int
    counter: list[int] | None
    start: int = 0
    marker: str = ""
    nodes: list[LexborNode] | None = None


_POSTER_NAME = 60  # characters: a longer "name" is a sentence, not a poster's
_POSTER_BOX = 300  # characters: an author element holding more holds more than the poster


def _poster(post: LexborNode) -> tuple[str, str, list[LexborNode]]:
    """The name of the post's author and the time shown on it, with the elements
    that show them (written once, in the poster's line, and not again).

    Forum software marks up each post for search engines (schema.org
    ``Comment``, ``DiscussionForumPosting``, ``Answer``), while its own layout
    names the poster's box in words of its own ("message-user", "postbit",
    "crawler-post-meta") that read like a profile box or page furniture.
    """
    name, shown, used = "", "", []
    for author in post.css("[itemprop~=author]"):
        if not own(author, post):
            continue
        holder = author
        if "itemscope" in author.attributes:
            holder = next(
                (found for found in author.css("[itemprop~=name]") if own(found, post)), author
            )
            if holder is author:
                # The name was given in a <meta>, which cleaning removed: the
                # link to the poster's profile shows it, beside their score.
                holder = next((link for link in author.css("a") if link.text(strip=True)), author)
        name = item_value(holder)
        if len(name) > _POSTER_NAME:
            name = ""
        if name and len(item_value(author) if holder is not author else name) <= _POSTER_BOX:
            used.append(author)
        break
    if not name:
        return "", "", []
    for prop in ("datePublished", "dateCreated"):
        found = next((d for d in post.css(f"[itemprop~={prop}]") if own(d, post)), None)
        if found is not None and found.tag != "meta":
            shown = item_value(found)
            if shown:
                used.append(found)
            break
    return name, shown, used


def _fields_apart(span: LexborNode) -> bool:
    """Whether ``span`` follows another ``span`` with nothing between, as the
    fields of a card do ("1994" "2h 22m" "R"), which a page's style sets
    apart: read as one word they run together ("19942h 22mR"). A word
    split in two for styling ("Co" "rnell") is lower case on both sides."""
    previous = span.prev
    if previous is None or previous.tag != "span":
        return False
    before = previous.text(deep=True)
    after = span.text(deep=True)
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return False
    return not (before[-1].islower() and after[0].islower())


class BlockWriter:
    """Walks story elements and emits blocks; one instance per article."""

    def __init__(
        self,
        base_url: str | None,
        verdict: Verdict | None = None,
        texts: Mapping[int, str] | None = None,
        *,
        thread: bool = False,
    ) -> None:
        self.base_url = base_url
        self.verdict = verdict
        # On a thread's page each post opens with a line naming its poster.
        self.thread = thread
        self._shown: set[int] = set()  # elements already written in a poster's line
        # Elements' text with whitespace squashed, by ``mem_id``, where the
        # content finder has measured it already.
        self.texts: Mapping[int, str] = texts or {}
        self.blocks: list[Block] = []
        # "https://host" of the base, to resolve "/path" links without urljoin.
        self._origin = ""
        if base_url and base_url.startswith(("http://", "https://")):
            scheme, _, rest = base_url.partition("://")
            host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
            if host and "@" not in host and "\\" not in host:
                self._origin = f"{scheme}://{host}"

    # -- inline content --------------------------------------------------------

    def _link(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        if href.startswith(("http://", "https://")):
            # Malformed: text, not a link.
            return href if _plain_host(href) or split(href) is not None else None
        if self._origin and href.startswith("/") and not href.startswith("//"):
            return self._origin + href if "\\" not in href else None
        absolute = join(self.base_url, href)  # None for a malformed link: text, not a link
        return safe_link(absolute) if absolute else None

    def inline(self, node: LexborNode, into: _Inline) -> None:
        """Append the inline content of ``node``'s children to ``into``."""
        self._inline_nodes(list(node.iter(include_text=True)), into)

    def _inline_nodes(self, nodes: list[LexborNode], into: _Inline) -> None:
        markdown, text = into.markdown, into.text
        stack: list[LexborNode | _Close] = list(reversed(nodes))
        # Links and emphasis already open: a nested one adds nothing to Markdown
        # (and a link inside a link is not Markdown at all).
        open_kinds: dict[str, int] = {}
        while stack:
            item = stack.pop()
            if isinstance(item, _Close):
                if item.kind != "break":
                    open_kinds[item.kind] -= 1
                self._close(item, into)
                continue
            tag = item.tag
            if tag == "-text":
                raw = item.text_content or ""
                escaped = _escape(raw)
                if escaped is not raw:
                    into.plain = False
                markdown.append(escaped)
                text.append(raw)
                continue
            if tag in _IGNORED or tag is None or (self._shown and item.mem_id in self._shown):
                continue
            into.plain = False
            if tag == "br":
                markdown.append(_BREAK)
                text.append(_BREAK)
            elif tag == "a" or tag in _EMPHASIS:
                kind = "a" if tag == "a" else _EMPHASIS[tag]
                if not open_kinds.get(kind):
                    open_kinds[kind] = 1
                    href = item.attrs.get("href") if kind == "a" else None
                    stack.append(_Close(kind, len(text), href))
                stack.extend(list(item.iter(include_text=True))[::-1])
            elif tag == "code" or tag == "kbd" or tag == "samp":
                code = " ".join((item.text(deep=True) or "").split())
                if code:
                    fence = "``" if "`" in code else "`"
                    markdown.append(f"{fence}{code}{fence}")
                    text.append(code)
            elif (tag == "img" or tag == "math") and (tex := _tex(item)) is not None:
                # Markdown only, as captions are: TeX is markup, not the words
                # that search and snippets work with.
                markdown.append(f"${tex}$")
                into.formulas += 1
            elif tag == "img":
                alt = (item.attrs.get("alt") or "").strip()
                if alt and len(alt) <= _GLYPH and not any(c.isalnum() for c in alt):
                    # An emoji or a symbol drawn as a picture ("😀", "→"): a character
                    # of the sentence, not a picture to set apart from it.
                    markdown.append(_escape(alt))
                    text.append(alt)
                else:
                    into.images.append(item)
            elif tag == "picture" or tag == "figure":
                into.images.extend(item.css("img"))
            elif tag in _BLOCKS:
                markdown.append(_BREAK)
                text.append(_BREAK)
                stack.append(_Close("break", len(text)))
                stack.extend(list(item.iter(include_text=True))[::-1])
            elif tag == "span" and _is_unseen(item):
                continue
            else:
                if tag == "span" and _fields_apart(item):
                    markdown.append(" ")
                    text.append(" ")
                stack.extend(list(item.iter(include_text=True))[::-1])

    def _close(self, close: _Close, into: _Inline) -> None:
        markdown, text = into.markdown, into.text
        if close.kind == "break":
            markdown.append(_BREAK)
            text.append(_BREAK)
            return
        inner_text = "".join(text[close.start :])
        inner_markdown = "".join(markdown[close.start :])
        del text[close.start :], markdown[close.start :]
        stripped = inner_text.strip()
        if not stripped:
            markdown.append(inner_markdown)
            text.append(inner_text)
            return
        before = " " if inner_text[:1].isspace() else ""
        after = " " if inner_text[-1:].isspace() else ""
        inner_markdown = inner_markdown.strip()
        if close.kind == "a":
            into.links += len(stripped)
            href = self._link(close.href)
            if href and _BREAK not in inner_markdown:
                href = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                inner_markdown = f"[{inner_markdown}]({href})"
        elif _BREAK not in inner_markdown:
            inner_markdown = f"{close.kind}{inner_markdown}{close.kind}"
        markdown.append(f"{before}{inner_markdown}{after}")
        text.append(inner_text)

    # -- blocks ----------------------------------------------------------------

    def _emit_inline(self, kind: str, into: _Inline, level: int, quote: int, marker: str) -> None:
        raw_text = "".join(into.text)
        if not raw_text or raw_text.isspace():
            if into.formulas:  # a formula on a line of its own
                self.blocks.append(Block("image", "", _lines("".join(into.markdown)), 0, quote))
            return
        raw_markdown = raw_text if into.plain else "".join(into.markdown)
        texts = [raw_text]
        markdowns = [raw_markdown]
        if kind == "paragraph" and _BREAK in raw_text:
            texts = _PARAGRAPH_BREAK.split(raw_text)
            markdowns = _PARAGRAPH_BREAK.split(raw_markdown)
            if len(texts) != len(markdowns):
                texts, markdowns = [raw_text], [raw_markdown]
        for text_part, markdown_part in zip(texts, markdowns, strict=True):
            # Control characters are removed once, from the rendered article.
            text = _lines(text_part)
            if not text:
                continue
            markdown = text if into.plain else _lines(markdown_part)
            if kind == "heading":
                text = text.replace("\n", " ")
                markdown = "#" * level + " " + markdown.replace("\n", " ")
            elif "\n" in markdown:
                markdown = _LINE_START_SPECIAL.sub(r"\1\\\2\3", markdown).replace("\n", "\\\n")
            elif markdown[:1] in _LINE_START_CHARS:
                markdown = _LINE_START_SPECIAL.sub(r"\1\\\2\3", markdown)
            links = min(into.links, len(text)) if len(texts) == 1 else 0
            self.blocks.append(Block(kind, text, markdown, level, quote, marker, links))

    def _poster_line(self, post: LexborNode, quote: int) -> None:
        """The line naming who wrote ``post`` and when, as the page shows them."""
        name, shown, used = _poster(post)
        if not name:
            return
        self._shown.update(node.mem_id for node in used)
        text = f"{name} · {shown}" if shown else name
        markdown = f"**{_escape(name)}** · {_escape(shown)}" if shown else f"**{_escape(name)}**"
        self.blocks.append(Block("poster", text, markdown, 0, quote))

    def _plain(self, text: str, quote: int) -> None:
        """A paragraph of plain ``text`` (whitespace squashed)."""
        if not text:
            return
        markdown = _escape(text)
        if markdown[:1] in _LINE_START_CHARS:
            markdown = _LINE_START_SPECIAL.sub(r"\1\\\2\3", markdown)
        self.blocks.append(Block("paragraph", text, markdown, 0, quote))

    def _image(self, node: LexborNode, quote: int, caption: str = "") -> None:
        attrs = node.attributes
        src = ""
        for name in ("src", "data-src", "data-lazy-src", "data-original", "data-url"):
            value = (attrs.get(name) or "").strip()
            if value and not value.startswith("data:"):
                src = value
                break
        if not src:
            srcset = (attrs.get("srcset") or attrs.get("data-srcset") or "").strip()
            src = srcset.split(",")[0].split(" ")[0] if srcset else ""
        url = self._link(src)
        if not url:
            return
        alt = _escape(" ".join(strip_controls(attrs.get("alt") or "").split()))
        markdown = f"![{alt}]({url.replace(' ', '%20').replace(')', '%29')})"
        if caption:
            markdown += f"\\\n*{caption}*"
        self.blocks.append(Block("image", "", markdown, 0, quote))

    def _table(self, node: LexborNode, quote: int) -> None:
        rows: list[list[str]] = []
        text_rows: list[str] = []
        for row in node.css("tr")[:_MAX_CELLS]:
            cells: list[str] = []
            texts: list[str] = []
            for cell in row.iter():
                if cell.tag in ("td", "th"):
                    buffer = _Inline()
                    self.inline(cell, buffer)
                    markdown = " ".join("".join(buffer.markdown).replace(_BREAK, " ").split())
                    cells.append(strip_controls(markdown).replace("|", "\\|"))
                    texts.append(strip_controls(" ".join("".join(buffer.text).split())))
            if any(texts):
                rows.append(cells)
                text_rows.append(" ".join(t for t in texts if t))
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.blocks.append(Block("table", "\n".join(text_rows), "\n".join(lines), 0, quote))

    @staticmethod
    def _is_layout_table(node: LexborNode) -> bool:
        """Whether a table lays out the page (tables inside, or long prose in its
        cells) rather than holding data. CSS here also matches the table itself."""
        if len(node.css("table")) > 1:
            return True
        cells = node.css("td, th")
        if not cells:
            return True
        text = len(" ".join(node.text(deep=True).split()))
        return text > 150 * len(cells) and node.css_first("p, div, br") is not None

    def _figure(self, node: LexborNode, quote: int) -> None:
        caption_node = node.css_first("figcaption")
        if caption_node is None and node.tag != "figure":
            caption_node = node
        caption = ""
        if caption_node is not None:
            buffer = _Inline()
            self.inline(caption_node, buffer)
            caption = _lines("".join(buffer.markdown)).replace("\n", " ")
            caption = strip_controls(caption).replace("*", "\\*")
        images = node.css("img")
        for index, image in enumerate(images):
            self._image(image, quote, caption if index == len(images) - 1 else "")

    def write(self, root: LexborNode) -> None:
        """Emit ``root`` and everything inside it as blocks, in document order."""
        stack: list[_Work] = [_Work(_NODE, root, 0, -1, None)]
        verdict = self.verdict
        while stack:
            work = stack.pop()
            if work.nodes is not None:
                buffer = _Inline()
                self._inline_nodes(work.nodes, buffer)
                self._emit_inline("paragraph", buffer, 0, work.quote, "")
                continue
            if work.kind == _ITEM_END:
                self._make_item(work)
                continue
            node = work.node
            if node is None:
                continue
            quote, depth, counter = work.quote, work.depth, work.counter
            tag = node.tag
            if tag is None or tag in _IGNORED or tag == "-text":
                continue
            if verdict is not None and node is not root:
                said = verdict(node)
                if said == _SKIP:
                    # Left for ``polish``: a label just before furniture is furniture too.
                    self.blocks.append(Block("skipped", "", "", 0, quote))
                    continue
                if said == _FIGURE:
                    self._figure(node, quote)
                    continue
                if said == _DROP:
                    continue
            if self.thread:
                if node.mem_id in self._shown:
                    continue
                if "itemscope" in node.attributes and is_post(node):
                    self._poster_line(node, quote)
            if tag in _HEADINGS:
                buffer = _Inline()
                self.inline(node, buffer)
                self._emit_inline("heading", buffer, _HEADINGS[tag], quote, "")
            elif tag in _PARAGRAPHS:
                if tag == "figcaption":
                    continue
                child = node.child
                if child is not None and child.next is None and child.tag == "-text":
                    # The common case: a paragraph of plain text, nothing inside.
                    text = self.texts.get(node.mem_id)
                    if text is None:
                        text = " ".join((child.text_content or "").split())
                    self._plain(text, quote)
                    continue
                buffer = _Inline()
                self.inline(node, buffer)
                for image in buffer.images:
                    self._image(image, quote)
                self._emit_inline("paragraph", buffer, 0, quote, "")
            elif tag in ("ul", "ol"):
                number = [0 if tag == "ol" else -1]
                start = node.attributes.get("start") if tag == "ol" else None
                if start and start.strip().isdigit():
                    number[0] = int(start.strip()) - 1
                self._children(node, stack, quote, depth + 1, number)
            elif tag == "li":
                self._item(node, stack, quote, max(depth, 0), counter)
            elif tag == "blockquote":
                self._children(node, stack, quote + 1, depth, counter)
            elif tag == "pre":
                code = strip_controls(node.text(deep=True)).strip("\n")
                if code.strip():
                    fence = "````" if "```" in code else "```"
                    self.blocks.append(Block("code", code, f"{fence}\n{code}\n{fence}", 0, quote))
            elif tag == "table":
                if self._is_layout_table(node):
                    self._children(node, stack, quote, depth, counter)
                else:
                    self._table(node, quote)
            elif tag == "img":
                tex = _tex(node)
                if tex is not None:  # a displayed formula, on a line of its own
                    self.blocks.append(Block("image", "", f"$${tex}$$", 0, quote))
                else:
                    self._image(node, quote)
            elif tag == "figure":
                if node.css_first("p, ul, ol, table") is not None:
                    self._children(node, stack, quote, depth, counter)
                else:
                    self._figure(node, quote)
            elif tag == "hr" or tag == "br":
                continue
            else:
                self._children(node, stack, quote, depth, counter)

    def _item(
        self,
        node: LexborNode,
        stack: list[_Work],
        quote: int,
        depth: int,
        counter: list[int] | None,
    ) -> None:
        marker = self._marker(counter) if counter is not None else "-"
        nested: list[LexborNode] = []
        parts: list[LexborNode] = []
        has_blocks = False
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "ul" or tag == "ol":
                nested.append(child)
            else:
                parts.append(child)
                has_blocks = has_blocks or tag in _ITEM_BLOCKS
        if has_blocks and not nested:
            # An item made of blocks: written as blocks, the first one carries the marker.
            stack.append(_Work(_ITEM_END, None, quote, depth, None, len(self.blocks), marker))
            self._children(node, stack, quote, depth, counter)
            return
        buffer = _Inline()
        self._inline_nodes(parts, buffer)
        self._emit_inline("item", buffer, depth, quote, marker)
        for sub in reversed(nested):
            stack.append(_Work(_NODE, sub, quote, depth, counter))

    def _make_item(self, work: _Work) -> None:
        if work.start < len(self.blocks):
            first = self.blocks[work.start]
            if first.kind in ("paragraph", "heading"):
                markdown = (
                    first.markdown.lstrip("#").strip()
                    if first.kind == "heading"
                    else first.markdown
                )
                self.blocks[work.start] = Block(
                    "item", first.text, markdown, work.depth, first.quote, work.marker, first.links
                )

    @staticmethod
    def _marker(counter: list[int]) -> str:
        if counter[0] < 0:
            return "-"
        counter[0] += 1
        return f"{counter[0]}."

    def _children(
        self,
        node: LexborNode,
        stack: list[_Work],
        quote: int,
        depth: int,
        counter: list[int] | None,
    ) -> None:
        """Queue ``node``'s children in order: runs of inline content become paragraphs.

        A run of nothing but whitespace (the indentation between blocks, most
        runs of a page) would make no paragraph: it is not queued at all.
        """
        work: list[_Work] = []
        run: list[LexborNode] = []
        shown = False  # whether the run holds more than whitespace
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                run.append(child)
                shown = shown or not (child.text_content or "").isspace()
                continue
            if tag is None or tag in _IGNORED:
                continue
            is_block = tag in _BLOCKS or tag == "img"
            if not is_block and tag in _INLINE_WRAPPERS:
                is_block = _holds_block(child)
            if is_block:
                if shown:
                    work.append(_Work(_RUN, None, quote, depth, counter, nodes=run))
                run, shown = [], False
                work.append(_Work(_NODE, child, quote, depth, counter))
            elif tag == "br" and run and run[-1].tag == "br":
                work.append(_Work(_RUN, None, quote, depth, counter, nodes=run))
                run, shown = [], False
            else:
                run.append(child)
                shown = True
        if shown:
            work.append(_Work(_RUN, None, quote, depth, counter, nodes=run))
        stack.extend(reversed(work))


def render_blocks(blocks: list[Block]) -> tuple[str, str]:
    """``(markdown, text)`` of the story: blocks separated by blank lines.

    Consecutive list items form one list; blocks inside quotations get one
    ``>`` per level in Markdown.
    """
    markdown_parts: list[str] = []
    text_parts: list[str] = []
    index = 0
    count = len(blocks)
    previous_quote = 0
    while index < count:
        block = blocks[index]
        if block.kind == "item":
            end = index
            while end < count and blocks[end].kind == "item" and blocks[end].quote == block.quote:
                end += 1
            group = blocks[index:end]
            markdown = "\n".join(
                "    " * min(item.level, _MAX_NESTING)
                + f"{item.marker or '-'} "
                + item.markdown.replace("\\\n", " ").replace("\n", " ")
                for item in group
            )
            text = "\n".join(item.text.replace("\n", " ") for item in group)
            index = end
        else:
            markdown, text = block.markdown, block.text
            index += 1
        quote = min(block.quote, _MAX_NESTING)
        if quote and markdown:
            prefix = "> " * quote
            markdown = "\n".join(
                (prefix + line).rstrip() if line else prefix.rstrip()
                for line in markdown.split("\n")
            )
            if markdown_parts and previous_quote == quote:
                # The same quotation goes on: join with a quoted blank line.
                markdown_parts[-1] += "\n" + prefix.rstrip() + "\n" + markdown
                markdown = ""
        if markdown:
            markdown_parts.append(markdown)
            previous_quote = quote
        if text:
            text_parts.append(text)
    return "\n\n".join(markdown_parts), "\n\n".join(text_parts)


def declared_body(body: str, base_url: str | None) -> list[Block]:
    """Blocks from a JSON-LD ``articleBody``: HTML when it is markup, else plain text
    with one paragraph per line."""
    if "</p>" in body or "<br" in body or "</div>" in body:
        fragment = LexborHTMLParser(f"<body>{body}</body>").body
        writer = BlockWriter(base_url)
        if fragment is not None:
            writer.write(fragment)
        return writer.blocks
    blocks = []
    for line in html.unescape(body).splitlines():
        text = " ".join(line.split())
        if text:
            blocks.append(
                Block("paragraph", text, _LINE_START_SPECIAL.sub(r"\1\\\2\3", _escape(text)))
            )
    return blocks
