"""Last pass over the story's blocks: what only shows once the blocks are known.

The title repeated as the first line, a teaser that repeats the lead, "Read
more" and share lines, exact duplicates, a heading left with nothing under it.
"""

from __future__ import annotations

import re

from clipper.extraction.blocks import Block
from clipper.extraction.hints import FURNITURE_LINE

_WORDS = re.compile(r"\w+")
_SHORT_LINE = 80
_SENTENCE_END = (".", "!", "?", "。", "！", "？", "…", '"', "”", "»", ":")


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _shingles(words: list[str], size: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _is_repeat(block: Block, later: set[tuple[str, ...]]) -> bool:
    words = _WORDS.findall(block.text.lower())
    if len(words) < 8:
        return False
    own = _shingles(words)
    return len(own & later) >= 0.8 * len(own)


def _is_label(block: Block) -> bool:
    text = block.text
    if block.kind == "heading":
        return len(text) <= 80
    return block.kind == "paragraph" and len(text) <= 50 and not text.endswith(_SENTENCE_END)


def _drop_labels(blocks: list[Block]) -> list[Block]:
    """Drop the heading or short line that introduces furniture left out of the story
    ("Related stories" over a removed list), and the markers the writer left."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "skipped":
            if kept and _is_label(kept[-1]):
                kept.pop()
            continue
        kept.append(block)
    return kept


def polish(blocks: list[Block], title: str) -> list[Block]:
    """The blocks without repeats and furniture lines."""
    blocks = _drop_labels(blocks)
    title_key = _key(title)
    kept: list[Block] = []
    seen: set[str] = set()
    for block in blocks:
        if block.kind == "image":
            kept.append(block)
            continue
        key = _key(block.text)
        if not key:
            continue
        if key in seen and block.kind != "item" and len(key) > 20:
            continue
        if title_key and key == title_key:
            continue
        if len(block.text) <= _SHORT_LINE and FURNITURE_LINE.match(block.text):
            continue
        seen.add(key)
        kept.append(block)
    kept = _drop_teaser(kept)
    while kept and kept[-1].kind in ("heading", "image"):
        kept.pop()
    return kept


def _drop_teaser(blocks: list[Block]) -> list[Block]:
    """Drop blocks at the top that the story repeats later (a lead shown twice)."""
    text_blocks = [i for i, b in enumerate(blocks) if b.text]
    if len(text_blocks) < 3:
        return blocks
    head = text_blocks[:3]
    later_words: list[str] = []
    for index in text_blocks[3:]:
        later_words.extend(_WORDS.findall(blocks[index].text.lower()))
    drop: set[int] = set()
    later = _shingles(later_words)
    for position in reversed(head):
        block = blocks[position]
        if block.kind == "paragraph" and _is_repeat(block, later):
            drop.add(position)
        later |= _shingles(_WORDS.findall(block.text.lower()))
    return [b for i, b in enumerate(blocks) if i not in drop]
