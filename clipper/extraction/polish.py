"""Last pass over the story's blocks: what only shows once the blocks are known.

- a heading or short label right above furniture the writer left out
  ("Related" over a removed list) goes with it;
- a short line right under a picture that repeats its alternative text or
  ends in a photo credit is the caption: it moves into the picture's block
  (Markdown only);
- "Read more", "Advertisement", share prompts and calls to subscribe or
  follow (``hints``) go, as do lines that only date the story (but for the
  times of a live blog's posts, one before each), exact repeats and the title
  repeated (a paragraph right after its twin is the page's own repetition and
  stays; a repeat further down is a template showing a section twice);
- in a thread, the lines forum software prints with every post go: its
  number, a lone tally of votes, the poster's join date, post count and
  location, "Edited" notes; so do the prompt to log in before answering, the
  button to ask a question and the heading over other questions;
- a paragraph at the top that the story repeats below it (a standfirst or
  teaser showing the lead twice) goes;
- a heading or picture left at the very end, with no story under it, goes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import accumulate, islice

from clipper.extraction.blocks import Block
from clipper.extraction.hints import (
    DATE_LINE,
    DATED_LINE,
    FURNITURE_CALL,
    FURNITURE_LINE,
    FURNITURE_PREFIX,
    PHOTO_CREDIT,
    THREAD_LINE,
)

_WORDS = re.compile(r"\w+")
_SHORT_LINE = 80
_THREAD_LINE = 60
_CAPTION = 300
_CALL_LINE = 200
_PROSE_KINDS = frozenset({"paragraph", "heading", "item"})  # a description's, not a doc's code
_COPIED_RUN = 3  # blocks: a run this long copying an earlier one is the template's
_REPEAT_LINE = 200  # characters: a repeated line this short goes even alone (a pull quote)
_SENTENCE_END = (".", "!", "?", "。", "！", "？", "…", '"', "”", "»", ":")
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "؟")
_CLOSERS = "\"'”’»)]"
_DATE_LINE = 120
_LINES = frozenset({"paragraph", "heading"})  # kinds judged line by line
# A line that is only a time of day: on its own once, a byline's; one after
# another down a story, the times of a live blog's posts, which are the story's.
_CLOCK_LINE = re.compile(
    r"\d{1,2}[:h.]\d{2}(?:\s?(?:[ap]\.?m\.?|uhr|h|[a-z]{2,4}t))?", re.IGNORECASE
)
_LIVE_POSTS = 3


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_repeat(text: str, later: str) -> bool:
    """Whether the words of ``text`` mostly recur, three by three, in ``later``
    (both as space-joined lower-case ``\\w+`` words with a space at each end)."""
    words = _WORDS.findall(text.casefold())
    if len(words) < 8:
        return False
    probes = [f" {' '.join(words[i : i + 3])} " for i in range(0, len(words) - 2, 2)]
    found = [probe in later for probe in probes]
    # Its first words recur too: paragraphs cut from one pattern ("Flight 12 from
    # Oslo was cancelled", "Flight 14 from Oslo...") differ where they start.
    return found[0] and sum(found) >= 0.8 * len(probes)


def _is_date_line(text: str, lower: str) -> bool:
    """A short line that dates the story (or says who posted it) rather than tells it."""
    if len(text) > _DATE_LINE or len(text.split()) > 14:
        return False
    if DATED_LINE.match(lower) and DATE_LINE.search(lower):
        return True
    return not text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) and bool(DATE_LINE.search(lower))


def _is_post_time(text: str, blocks: list[Block]) -> bool:
    """Whether ``text`` is only a time of day, one of several such lines down the
    story (a live blog's posts); counted only for such a line, and only up to the
    number that decides."""
    if _CLOCK_LINE.fullmatch(text) is None:
        return False
    times = (block for block in blocks if _CLOCK_LINE.fullmatch(block.text))
    return len(list(islice(times, _LIVE_POSTS))) == _LIVE_POSTS


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


def _caption_of(image: Block, block: Block) -> bool:
    """Whether ``block``, right under ``image``, is the picture's caption: it repeats
    the alternative text, or ends with a photo credit."""
    text = block.text
    if block.kind != "paragraph" or len(text) > _CAPTION or "\\\n*" in image.markdown:
        return False
    if PHOTO_CREDIT.search(text.lower()):
        return True
    end = image.markdown.find("](")
    alt = image.markdown[2:end].replace("\\", "").casefold() if end > 2 else ""
    return len(alt) >= 4 and alt in text.casefold()


def _attach_captions(blocks: list[Block]) -> list[Block]:
    """Move captions found under pictures from the prose into the picture's block."""
    kept: list[Block] = []
    for block in blocks:
        previous = kept[-1] if kept else None
        if previous is not None and previous.kind == "image" and _caption_of(previous, block):
            caption = block.markdown.replace("\\\n", " ").replace("\n", " ").replace("*", "\\*")
            kept[-1] = replace(previous, markdown=f"{previous.markdown}\\\n*{caption}*")
            continue
        kept.append(block)
    return kept


def polish(blocks: list[Block], title: str, *, thread: bool = False) -> list[Block]:
    """The blocks without repeats and furniture lines (and, in a thread, the
    lines forum software prints with every post: its number, its poster's
    join date and post count, "Edited" notes)."""
    blocks = _attach_captions(_drop_labels(blocks))
    title_key = _key(title)
    kept: list[Block] = []
    seen: set[str] = set()
    repeats = _repeats(blocks)
    for index, block in enumerate(blocks):
        text = block.text
        if block.kind == "image":
            kept.append(block)
            continue
        if not text:
            continue
        if repeats[index] and (
            len(text) <= _REPEAT_LINE
            or (index and repeats[index - 1])
            or (index + 1 < len(blocks) and repeats[index + 1])
        ):
            # A template showing a section twice repeats a run of blocks; a
            # long paragraph repeated alone is the page's own words.
            continue
        if len(text) <= _CALL_LINE and block.kind in _LINES:
            lower = text.lower()
            if len(text) <= _SHORT_LINE and FURNITURE_LINE.match(lower):
                continue
            if thread and len(text) <= _THREAD_LINE and THREAD_LINE.match(lower):
                continue
            if FURNITURE_PREFIX.match(lower) or FURNITURE_CALL.search(lower):
                continue
            if _is_date_line(text, lower) and not _is_post_time(text, blocks):
                continue
        if title_key and len(text) <= len(title) + 10 and _key(text) == title_key:
            continue
        seen.add(text)
        kept.append(block)
    kept = _drop_teaser(kept)
    end = len(kept)
    while end and kept[end - 1].kind in ("heading", "image"):
        end -= 1
    if end:  # headings and pictures alone are all there is: they stay
        del kept[end:]
    return kept


def _repeats(blocks: list[Block]) -> list[bool]:
    """Which blocks repeat the text of an earlier one (not right after it, where
    the page says it twice on purpose; list items repeat by nature).

    Short lines and list items go too when a whole run of prose blocks (no
    code: a doc's tabs repeat their snippets on purpose), a paragraph among
    them, copies an earlier run block for block: the template printed the
    section twice (a shop's description again for small screens, with its list
    of what is included)."""
    seen: dict[str, int] = {}
    marks = []
    echoes = []  # the block's text was seen before, whatever its kind and length
    previous = ""
    for index, block in enumerate(blocks):
        text = block.text
        echo = bool(text) and text in seen and text != previous
        echoes.append(echo)
        marks.append(echo and block.kind not in ("item", "image") and len(text) > 20)
        if text:
            seen.setdefault(text, index)
            previous = text
    start = 0
    while start < len(blocks):
        if not echoes[start]:
            start += 1
            continue
        end = start
        while end < len(blocks) and echoes[end]:
            end += 1
        first = seen[blocks[start].text]
        size = end - start
        if (
            size >= _COPIED_RUN
            and first + size <= start
            and any(marks[start:end])
            and all(block.kind in _PROSE_KINDS for block in blocks[start:end])
            and all(blocks[first + i].text == blocks[start + i].text for i in range(size))
        ):
            marks[start:end] = [True] * size
        start = end
    return marks


def _drop_teaser(blocks: list[Block]) -> list[Block]:
    """Drop paragraphs at the top that the story repeats as it opens (a lead
    shown twice), before its first subheading: text that recurs further down is
    the story's own."""
    text_blocks = [i for i, b in enumerate(blocks) if b.text]
    # The story repeats its lead where it starts, before its first subheading.
    for order, i in enumerate(text_blocks[1:], start=1):
        if blocks[i].kind == "heading":
            del text_blocks[order:]
            break
    if len(text_blocks) < 4:
        return blocks
    head = [i for i in text_blocks[:3] if blocks[i].kind == "paragraph"]
    if not head:
        return blocks
    # Cheap first look: do a few words of a head paragraph appear after it at all?
    texts = [blocks[i].text.casefold() for i in text_blocks]
    everything = " ".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    found = False
    for order, i in enumerate(text_blocks[:3]):
        if i not in head:
            continue
        words = texts[order].split()
        if len(words) >= 8:
            after = starts[order + 1]
            probes = (" ".join(words[:5]), " ".join(words[len(words) // 2 :][:5]))
            found = found or any(everything.find(probe, after) >= 0 for probe in probes)
    if not found:
        return blocks
    tail = " ".join(blocks[i].text for i in text_blocks[3:]).casefold()
    later = f" {' '.join(_WORDS.findall(tail))} "
    drop: set[int] = set()
    for position in reversed(head):
        block = blocks[position]
        twin = position + 1 < len(blocks) and blocks[position + 1].text == block.text
        if block.kind == "paragraph" and not twin and _is_repeat(block.text, later):
            drop.add(position)
        later = f" {' '.join(_WORDS.findall(block.text.casefold()))}{later}"
    return [b for i, b in enumerate(blocks) if i not in drop]
