"""Search snippets: a short window of the story around the matched words.

FTS5's ``snippet()`` would do this, but it has to run the query again for each
row it is asked about; for phrases and prefixes (``"the government said"``,
``elect*``) that costs as much as the search itself. The page of results is
already loaded, so clipper finds the matches in the loaded text instead: the
query's words, folded the way the index folds them (case and accents), become
one regular expression of literal words, run over a folded copy of the text
that has the same length, so match offsets point into the original. The window with the most
distinct matched words wins; matches are wrapped in ``Hit.MARK_START`` /
``Hit.MARK_END``.

The folding is close to, not identical with, SQLite's ``unicode61``
tokenizer: a word the index matched but this module does not recognise is
simply not highlighted.

Scripts written without spaces (``clipper.unspaced``) are matched as the index
matches them: a word is its characters, found inside any run of text, with
no boundary needed where one of its ends is such a character; the combining
marks after the last character (Thai vowels and tones) are marked with it.
The window is measured in terminal columns, a wide (CJK) character counting
two, so a Chinese snippet fills the same two lines as an English one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from clipper.clipping import Hit
from clipper.text import strip_controls
from clipper.unspaced import CLASS, is_unspaced, spaced

#: Characters in a snippet, about 30 words: two lines in a terminal.
WIDTH = 200
#: Characters of context kept before the first match in the window.
BEFORE = 50
_TOKEN = r"[^\W_]"
#: What a prefix may go on with: letters and digits, up to a character of an
#: unspaced script (a token of its own).
_PREFIX_TAIL = f"[^\\W_{CLASS}]*"
_FOLDED_RANGES = ((0x0000, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000))


@cache
def _fold_table() -> dict[int, str]:
    """Case and accent folding that keeps every character one character long."""
    table: dict[int, str] = {}
    for low, high in _FOLDED_RANGES:
        for code in range(low, high):
            char = chr(code)
            base = unicodedata.normalize("NFD", char)[0].lower()
            if len(base) == 1 and base != char:
                table[code] = base
    return table


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, the same length as ``text``."""
    return text.translate(_fold_table())


# Letters the fold table changes beyond ASCII case: when a text has none of
# them, str.lower() (fast, in C) folds it the same way.
_ACCENTED = re.compile("[\u00c0-\u024f\u0370-\u052f\u1e00-\u1fff]")


def _folded(text: str) -> str:
    if not _ACCENTED.search(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered
    return fold(text)


class Pattern(NamedTuple):
    """What to highlight: words, prefixes and phrases, as one regular expression."""

    regex: re.Pattern[str]
    terms: tuple[re.Pattern[str], ...]

    def term(self, found: str) -> int:
        """Which of the terms ``found`` (a match of ``regex``) is."""
        return next((i for i, t in enumerate(self.terms) if t.fullmatch(found)), -1)

    @classmethod
    def build(cls, phrases: Iterable[tuple[str, bool]]) -> Pattern | None:
        """From ``(text, is_prefix)`` pairs, as the query's terms give them."""
        alternatives: list[str] = []
        for text, prefix in phrases:
            folded = fold(unicodedata.normalize("NFC", text))
            tokens = re.findall(f"{_TOKEN}+", spaced(folded))
            if not tokens:
                continue
            body = re.escape(tokens[0])
            for before, token in itertools.pairwise(tokens):
                # Two words need something between them; a character of an
                # unspaced script is a token of its own, next to anything.
                joined = is_unspaced(before[-1]) or is_unspaced(token[0])
                body += (r"[\W_]*" if joined else r"[\W_]+") + re.escape(token)
            tail = _PREFIX_TAIL if prefix and not is_unspaced(tokens[-1][-1]) else ""
            alternatives.append(body + tail)
        if not alternatives:
            return None
        unique = list(dict.fromkeys(alternatives))
        # No capturing groups: with them, Python's regex engine loses its fast
        # literal-prefix scan and runs three times slower.
        return cls(re.compile("|".join(unique)), tuple(re.compile(a) for a in unique))


def snippet(text: str, pattern: Pattern | None) -> str | None:
    """The best window of ``text`` with its matches marked, or ``None`` if nothing matches."""
    if pattern is None or not text:
        return None
    folded = _folded(text)
    matches = []
    for found in pattern.regex.finditer(folded):
        start, end = found.start(), _after_marks(folded, found.end())
        if _alone(folded, start, end):
            matches.append((start, end, pattern.term(found.group())))
    if not matches:
        return None
    begin = _window_start(text, _best_window(matches))
    end = _word_end(text, _columns_end(text, begin, WIDTH))
    parts = ["…" if begin > 0 else ""]
    at = begin
    for match_start, match_end, _ in matches:
        if match_start < begin or match_end > end:
            continue
        parts += [_clean(text[at:match_start]), Hit.MARK_START]
        parts += [_clean(text[match_start:match_end]), Hit.MARK_END]
        at = match_end
    parts += [_clean(text[at:end]), "…" if end < len(text) else ""]
    return "".join(parts).strip()


def _alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is whole tokens (checked here: a regex with
    look-arounds at every position is several times slower than literal search).

    A character of an unspaced script is a token of its own, so on a side
    where it is the match's end, or the neighbour, no boundary is needed.
    """
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (not before.isalnum() or _unspaced_edge(before, text[start])) and (
        not after.isalnum() or _unspaced_edge(after, text[end - 1])
    )


def _unspaced_edge(neighbour: str, edge: str) -> bool:
    return is_unspaced(neighbour) or is_unspaced(edge)


def _after_marks(text: str, end: int) -> int:
    """``end`` moved past combining marks, which belong to the character before them."""
    while end < len(text) and unicodedata.category(text[end])[0] == "M":
        end += 1
    return end


#: Characters a terminal shows two columns wide (East Asian Wide and Fullwidth).
_WIDE = re.compile(
    "[\u1100-\u115f\u231a-\u231b\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff"
    "\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f"
    "\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def _columns_end(text: str, start: int, columns: int) -> int:
    """Where ``columns`` terminal columns of ``text`` from ``start`` end."""
    end = min(len(text), start + columns)
    if not _WIDE.search(text, start, end):
        return end
    at, used = start, 0
    while at < len(text) and used < columns:
        used += 2 if unicodedata.east_asian_width(text[at]) in "WF" else 1
        at += 1
    return at


def _columns_start(text: str, end: int, columns: int) -> int:
    """Where the ``columns`` terminal columns of ``text`` before ``end`` begin."""
    start = max(0, end - columns)
    if not _WIDE.search(text, start, end):
        return start
    at, used = end, 0
    while at > 0 and used < columns:
        at -= 1
        used += 2 if unicodedata.east_asian_width(text[at]) in "WF" else 1
    return at


def lead(text: str) -> str:
    """The opening of ``text``, for a hit whose story holds none of the words."""
    end = _word_end(text, _columns_end(text, 0, WIDTH))
    return (_clean(text[:end]) + ("…" if end < len(text) else "")).strip()


def _best_window(matches: list[tuple[int, int, int]]) -> int:
    """Where the window with the most distinct matched terms (then most matches) starts."""
    span = WIDTH - BEFORE
    counts: dict[int, int] = {}
    best = (0, 0, 0)
    best_start = matches[0][0]
    j = 0  # matches[i:j] are the window starting at matches[i]
    for i, (start, _, group) in enumerate(matches):
        j = max(j, i)
        while j < len(matches) and matches[j][1] <= start + span:
            counts[matches[j][2]] = counts.get(matches[j][2], 0) + 1
            j += 1
        score = (sum(1 for n in counts.values() if n), sum(counts.values()), 0)
        if score > best:
            best, best_start = score, start
        if j > i:  # matches[i] leaves the window
            counts[group] -= 1
    return best_start


def _window_start(text: str, match: int) -> int:
    """Some context before the first match: from its sentence's start if that is near."""
    near = _columns_start(text, match, 2 * BEFORE)
    if near == 0:
        return 0
    sentence = text.rfind(". ", near, match)
    if sentence >= 0:
        return sentence + 2
    # Chinese and Japanese end sentences without a space.
    sentence = max(text.rfind(mark, near, match) for mark in "。！？")
    if sentence >= 0:
        return sentence + 1
    return _word_start(text, _columns_start(text, match, BEFORE))


def _word_start(text: str, at: int) -> int:
    """``at`` moved forward to the start of a word (it never cuts one)."""
    if at == 0:
        return 0
    space = text.find(" ", at, at + 30)
    return space + 1 if space >= 0 else _after_marks(text, at)


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, at - 30), at)
    return space if space > 0 else _after_marks(text, at)


_SPACES = re.compile(r"\s+")


def _clean(piece: str) -> str:
    """A piece of page text for a one-line snippet: no controls, spaces collapsed."""
    return _SPACES.sub(" ", strip_controls(piece))
