"""Scripts written without spaces between words, split as the search index splits them.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar run their words together, and
Korean glues particles to its words (검색을 is 검색 plus 을). The full-text
index therefore gives every character of these scripts a token of its own
(migration 6 puts a space on each side of each one before FTS5's ``unicode61``
tokenizer sees the text), and a query word in them becomes the phrase of its
characters: ``地铁`` is the phrase 地 铁, found wherever the two characters
stand side by side, inside any run of text. This module is the query side of
that rule, built from the same ``UNSPACED_RANGES``, so that a query is split
exactly as the index was (``tests/test_search_unspaced.py`` holds the two to
that, on random text).
"""

from __future__ import annotations

from clipper.migrations import UNSPACED_CHARACTER as _CHARACTER
from clipper.migrations import UNSPACED_CLASS, UNSPACED_RANGES, pad_unspaced

#: The ranges as the inside of a regular expression's character class.
CLASS = UNSPACED_CLASS


#: Every range starts at or above this character (Thai): a cheap first test.
_LOWEST = chr(min(low for low, _ in UNSPACED_RANGES))


def is_unspaced(character: str) -> bool:
    """Whether ``character`` belongs to a script the index splits into characters."""
    return character >= _LOWEST and _CHARACTER.fullmatch(character) is not None


def has_unspaced(text: str) -> bool:
    return _CHARACTER.search(text) is not None


def spaced(text: str) -> str:
    """``text`` with a space on each side of every unspaced-script character.

    The same string the index's view makes of a stored text (``_spaced`` in
    ``clipper.migrations``), so FTS5 tokenizes both alike.
    """
    return pad_unspaced(text, " ")
