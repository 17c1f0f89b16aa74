"""Small text helpers shared by extraction, storage and rendering."""

from __future__ import annotations

import re
import unicodedata

# Scripts written without spaces: each character counts as a word, which is
# how reading-time estimates for Chinese and Japanese are usually made.
_UNSPACED_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")

# C0 and C1 controls except tab and newline, DEL, and the Unicode bidi controls:
# none belongs in stored text, and each can change what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks, clipboard
    r"|[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|[@-Z\\-_])"  # two-byte escapes
)


def count_words(text: str) -> int:
    """Words in ``text``: what whitespace separates, as ``wc -w`` and word
    processors count them (``don't`` and ``U.S.`` are one word each), with
    each CJK character one word.

    Whitespace and runs of CJK characters, not a regular expression for each
    word: this runs on every story clipped, and a ``\\w+`` scan took four
    times as long (0.34 ms a story in ``benchmarks/batch.py``, 1 ms a
    Chinese one).
    """
    if text.isascii():
        return len(text.split())
    runs = _UNSPACED_RUN.findall(text)
    if not runs:
        return len(text.split())
    return sum(map(len, runs)) + len(_UNSPACED_RUN.sub(" ", text).split())


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 note``, ``2 notes``, ``0 notes``: a count with its noun in agreement.

    ``plural`` for nouns that do not take an ``s`` (``entry``/``entries``).
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def size_text(count: int) -> str:
    """``222 bytes``, ``4.0 GB``, ``256 MB``: decimal units, as disks and browsers
    count them, one way everywhere clipper shows a size."""
    if count < 1000:
        return f"{count} bytes"
    value = float(count)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")


def reading_minutes(word_count: int) -> int:
    """Minutes a person needs to read ``word_count`` words (at least 1)."""
    return max(1, round(word_count / 230))


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters, keeping tabs and newlines.

    Whole ANSI/OSC sequences go first so that their printable tails
    (``[31m``) do not survive as garbage.
    """
    return _CONTROL.sub("", _ANSI_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """``text`` made safe for a single terminal line: no controls, no line breaks."""
    return " ".join(strip_controls(text).split())


def fold(text: str) -> str:
    """Case- and accent-folded ``text``, for comparisons people expect to be loose."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
