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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from clipper.clipping import Hit
from clipper.text import strip_controls

#: Characters in a snippet, about 30 words: two lines in a terminal.
WIDTH = 200
#: Characters of context kept before the first match in the window.
BEFORE = 50
_TOKEN = r"[^\W_]"
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
            tokens = re.findall(f"{_TOKEN}+", fold(unicodedata.normalize("NFC", text)))
            if not tokens:
                continue
            body = r"[\W_]+".join(re.escape(token) for token in tokens)
            tail = f"{_TOKEN}*" if prefix else ""
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
    matches = [
        (m.start(), m.end(), pattern.term(m.group()))
        for m in pattern.regex.finditer(folded)
        if _alone(folded, m.start(), m.end())
    ]
    if not matches:
        return None
    begin = _window_start(text, _best_window(matches))
    end = _word_end(text, min(len(text), begin + WIDTH))
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
    """Whether ``text[start:end]`` is whole words (checked here: a regex with
    look-arounds at every position is several times slower than literal search)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def lead(text: str) -> str:
    """The opening of ``text``, for a hit whose story holds none of the words."""
    end = _word_end(text, min(len(text), WIDTH))
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
    if match <= 2 * BEFORE:
        return 0
    sentence = text.rfind(". ", match - 2 * BEFORE, match)
    if sentence >= 0:
        return sentence + 2
    return _word_start(text, match - BEFORE)


def _word_start(text: str, at: int) -> int:
    """``at`` moved forward to the start of a word (it never cuts one)."""
    if at == 0:
        return 0
    space = text.find(" ", at, at + 30)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, at - 30), at)
    return space if space > 0 else at


_SPACES = re.compile(r"\s+")


def _clean(piece: str) -> str:
    """A piece of page text for a one-line snippet: no controls, spaces collapsed."""
    return _SPACES.sub(" ", strip_controls(piece))
