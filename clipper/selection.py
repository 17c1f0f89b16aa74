"""Which clippings a command works on: ids, or a search.

Commands that act on clippings (``reextract``, ``refresh``, ``export``) take
words. A bare number is what ``show``, ``tag``, ``rm`` and the cards call a
clipping, so when every word is one (``12``, ``#12``, or a list ``12 15 18``,
in one argument or several, commas allowed), they are ids. Anything else is
a search in clipper's query language (``clipper.query``), where ``id:12``
names a clipping; a number in such a search is a word of the text, which
could surprise, so the command says so (``Selection.notice``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_ID = re.compile(r"#?(\d{1,18})")
_SEPARATORS = re.compile(r"[\s,]+")


class Selection(NamedTuple):
    """Ids, or a query (then ``ids`` is empty); ``notice`` says how a query holding a
    number was read, for stderr."""

    ids: tuple[int, ...] = ()
    query: str | None = None
    notice: str | None = None


def pieces(words: Sequence[str]) -> list[str]:
    return [piece for word in words for piece in _SEPARATORS.split(word) if piece]


def id_of(piece: str) -> int | None:
    found = _ID.fullmatch(piece)
    return int(found.group(1)) if found else None


def select(words: Sequence[str], command: str) -> Selection:
    """``words`` as ids when every one is an id, else as a query (``Selection``)."""
    parts = pieces(words)
    if not parts:
        return Selection()
    ids = [id_of(part) for part in parts]
    if all(number is not None for number in ids):
        return Selection(ids=tuple(dict.fromkeys(n for n in ids if n is not None)))
    query = " ".join(words)
    numbers = [part for part, number in zip(parts, ids, strict=True) if number is not None]
    notice = None
    if numbers:
        first = numbers[0].removeprefix("#")
        notice = (
            f"{query!r} is a search, in which {' and '.join(numbers)} "
            f"{'is a word' if len(numbers) == 1 else 'are words'} of the text; ids go alone "
            f"(clipper {command} {first}), or as id:{first} in a search"
        )
    return Selection(query=query, notice=notice)


def number_notice(words: Sequence[str]) -> str | None:
    """For ``clipper search``, which always searches: a query of numbers only is text,
    said so with the way to name the clipping instead."""
    parts = pieces(words)
    ids = [id_of(part) for part in parts]
    if not parts or any(number is None for number in ids):
        return None
    first = ids[0]
    return (
        f"searched for {' '.join(parts)} as text; for clipping #{first}, "
        f"search id:{first} or run clipper show {first}"
    )
