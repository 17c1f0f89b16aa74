"""Turn the story's DOM into blocks, and blocks into Markdown and plain text.

Both outputs come from the same blocks, so the Markdown and the text of an
article never disagree about what the story is. Links keep absolute URLs, and
only with safe schemes: a ``javascript:`` or ``data:`` link becomes plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from clipper.text import strip_controls
from clipper.urls import join, safe_link

_INLINE_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_SKIPPED = frozenset({"-comment", "script", "style", "noscript", "template", "svg", "button"})
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTAINERS = frozenset(
    {
        "div", "section", "article", "main", "header", "span", "center", "form",
        "fieldset", "details", "summary", "address", "body", "font",
    }
)  # fmt: skip
_BLOCK_CHILDREN = frozenset(
    {
        "p", "div", "section", "article", "ul", "ol", "dl", "blockquote", "pre", "table",
        "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "header", "center",
        "form", "fieldset", "details", "address",
    }
)  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u2000-\u200b\u3000]+")


@dataclass(frozen=True)
class Block:
    """One block of the story: a heading, paragraph, list, quote, code, table or image."""

    kind: str
    text: str
    markdown: str


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text)


class _Inline:
    """Accumulates inline content as parallel Markdown and plain text."""

    def __init__(self) -> None:
        self.markdown: list[str] = []
        self.text: list[str] = []

    def add(self, markdown: str, text: str) -> None:
        self.markdown.append(markdown)
        self.text.append(text)

    def result(self) -> tuple[str, str]:
        markdown = "".join(self.markdown)
        text = "".join(self.text)
        markdown = "\n".join(" ".join(line.split()) for line in markdown.split("\n")).strip()
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        return _LINE_START_SPECIAL.sub(r"\1\\\2\3", markdown), text


class BlockWriter:
    """Walks a DOM subtree and emits blocks; one instance per article."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []

    # -- inline content --------------------------------------------------------

    def _link(self, href: str | None) -> str | None:
        if not href or href.startswith("#"):
            return None
        absolute = join(self.base_url, href)
        return safe_link(absolute) if absolute else None

    def inline(self, node: LexborNode, into: _Inline) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                raw = strip_controls(child.text_content or "")
                into.add(_escape(_squash(raw)), _squash(raw))
            elif tag in _SKIPPED:
                continue
            elif tag == "br":
                into.add("  \n", "\n")
            elif tag == "a":
                inner = _Inline()
                self.inline(child, inner)
                markdown, text = inner.result()
                href = self._link(child.attributes.get("href"))
                if href and text:
                    into.add(f"[{markdown}]({href.replace(')', '%29').replace(' ', '%20')})", text)
                else:
                    into.add(markdown, text)
            elif tag in _INLINE_EMPHASIS:
                inner = _Inline()
                self.inline(child, inner)
                markdown, text = inner.result()
                mark = _INLINE_EMPHASIS[tag]
                if text:
                    into.add(f" {mark}{markdown}{mark} ", f" {text} ")
            elif tag == "code":
                code = _squash(child.text(deep=True))
                if code.strip():
                    into.add(f"`{code.strip()}`", code)
            elif tag == "img":
                continue
            else:
                self.inline(child, into)

    # -- blocks ----------------------------------------------------------------

    def _emit(self, kind: str, markdown: str, text: str) -> None:
        if text.strip() or kind == "image":
            self.blocks.append(Block(kind, text.strip(), markdown.strip()))

    def _paragraph(self, node: LexborNode) -> None:
        buffer = _Inline()
        self.inline(node, buffer)
        markdown, text = buffer.result()
        self._emit("paragraph", markdown, text)

    def _list(self, node: LexborNode, depth: int = 0) -> tuple[list[str], list[str]]:
        ordered = node.tag == "ol"
        md_lines: list[str] = []
        text_lines: list[str] = []
        number = 0
        for item in node.iter():
            if item.tag not in ("li", "dt", "dd"):
                continue
            number += 1
            buffer = _Inline()
            nested: list[LexborNode] = []
            for child in item.iter(include_text=True):
                if child.tag in ("ul", "ol"):
                    nested.append(child)
                else:
                    holder = _Inline()
                    if child.tag == "-text":
                        raw = strip_controls(child.text_content or "")
                        holder.add(_escape(_squash(raw)), _squash(raw))
                    elif child.tag not in _SKIPPED:
                        self.inline(child, holder)
                    buffer.markdown.extend([*holder.markdown, " "])
                    buffer.text.extend([*holder.text, " "])
            markdown, text = buffer.result()
            marker = f"{number}." if ordered else "-"
            indent = "   " * depth
            if text:
                md_lines.append(f"{indent}{marker} {markdown.replace(chr(10), ' ')}")
                text_lines.append(text.replace("\n", " "))
            for sub in nested:
                sub_md, sub_text = self._list(sub, depth + 1)
                md_lines.extend(sub_md)
                text_lines.extend(sub_text)
        return md_lines, text_lines

    def _table(self, node: LexborNode) -> None:
        rows: list[list[str]] = []
        for row in node.css("tr"):
            cells = []
            for cell in row.iter():
                if cell.tag in ("td", "th"):
                    buffer = _Inline()
                    self.inline(cell, buffer)
                    cells.append(buffer.result()[0].replace("\n", " ").replace("|", "\\|"))
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        text = "\n".join(" ".join(c for c in r if c) for r in rows)
        self._emit("table", "\n".join(lines), text)

    def _image(self, node: LexborNode) -> None:
        attrs = node.attributes
        src = attrs.get("src") or attrs.get("data-src") or ""
        url = self._link(src) if not src.startswith("data:") else None
        if url:
            alt = _escape(" ".join(strip_controls(attrs.get("alt") or "").split()))
            self._emit("image", f"![{alt}]({url.replace(' ', '%20')})", "")

    def block(self, node: LexborNode) -> None:
        """Emit ``node`` and its descendants as blocks."""
        tag = node.tag
        if tag in _SKIPPED or tag == "-text":
            return
        if tag in _HEADINGS:
            buffer = _Inline()
            self.inline(node, buffer)
            markdown, text = buffer.result()
            markdown = markdown.replace("\n", " ").replace("  ", " ")
            self._emit("heading", "#" * _HEADINGS[tag] + " " + markdown, text)
        elif tag == "p":
            if node.css_first("img") is not None:
                for image in node.css("img"):
                    self._image(image)
            self._paragraph(node)
        elif tag in ("ul", "ol", "dl"):
            md_lines, text_lines = self._list(node)
            if md_lines:
                self._emit("list", "\n".join(md_lines), "\n".join(text_lines))
        elif tag == "blockquote":
            inner = BlockWriter(self.base_url)
            inner.children(node)
            if inner.blocks:
                markdown = "\n>\n".join(
                    "\n".join("> " + line if line else ">" for line in b.markdown.split("\n"))
                    for b in inner.blocks
                )
                self._emit("quote", markdown, "\n\n".join(b.text for b in inner.blocks if b.text))
        elif tag == "pre":
            code = strip_controls(node.text(deep=True)).strip("\n")
            fence = "````" if "```" in code else "```"
            self._emit("code", f"{fence}\n{code}\n{fence}", code)
        elif tag == "table":
            self._table(node)
        elif tag == "img":
            self._image(node)
        elif tag == "hr":
            return
        elif tag == "figure":
            for image in node.css("img"):
                self._image(image)
            caption = node.css_first("figcaption")
            if caption is not None:
                self._paragraph(caption)
        else:
            self.children(node)

    def children(self, node: LexborNode) -> None:
        """Emit the children of a container: runs of inline content become paragraphs."""
        buffer = _Inline()
        for child in node.iter(include_text=True):
            if child.tag in _BLOCK_CHILDREN or (
                child.tag in _CONTAINERS and child.css_first(",".join(_BLOCK_CHILDREN))
            ):
                self._flush(buffer)
                buffer = _Inline()
                self.block(child)
            elif child.tag == "-text":
                raw = strip_controls(child.text_content or "")
                buffer.add(_escape(_squash(raw)), _squash(raw))
            elif child.tag == "br":
                buffer.add("  \n", "\n")
            elif child.tag == "img":
                self._flush(buffer)
                buffer = _Inline()
                self._image(child)
            elif child.tag not in _SKIPPED:
                holder = _Inline()
                self.inline(child, holder)
                buffer.markdown.extend(holder.markdown)
                buffer.text.extend(holder.text)
        self._flush(buffer)

    def _flush(self, buffer: _Inline) -> None:
        markdown, text = buffer.result()
        self._emit("paragraph", markdown, text)


def render_blocks(blocks: list[Block]) -> tuple[str, str]:
    """``(markdown, text)`` of the story: blocks separated by blank lines."""
    markdown = "\n\n".join(b.markdown for b in blocks if b.markdown)
    text = "\n\n".join(b.text for b in blocks if b.text)
    return markdown, text
