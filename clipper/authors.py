"""Author names as clipper stores and shows them: never a link's label.

Themes link a byline to the author's archive with a label such as "View all
posts by Jane Doe", and extraction sometimes takes the label for the name.
Whatever extraction does, a card must never show such a line, so clipper
cleans author names where it stores them and again where it shows them
(for clippings stored before): the label's words around a name are dropped,
and a label without a name is no author at all.

The labels are the generic ones of blog and news themes (WordPress's own
"View all posts by %s" in the languages clipper's users clip most), kept
here as data. Nothing taken from a page is ever read as a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clipper.text import fold

_WHAT = r"(?:posts|articles|stories|entries|columns|pieces|content)"
#: Labels around an author's name (``name``); matched against the whole name, any case.
_LABELS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"(?:(?:view|see|show|browse|read)\s+)?(?:all\s+|more\s+)?(?:the\s+)?{_WHAT}\s+"
        r"(?:written\s+)?(?:by|from)\s*:?\s+(?P<name>.+)",
        r"(?:view|see|read)\s+(?:all|more)\s+(?:by|from)\s+(?P<name>.+)",
        r"more\s+(?:by|from)\s+(?P<name>.+)",
        r"(?:view|see|show)\s+(?:the\s+)?(?:author\s+)?(?:profile|archive)\s+(?:of|for)\s+"
        r"(?P<name>.+)",
        r"alle\s+(?:beiträge|artikel)\s+von\s+(?P<name>.+?)(?:\s+anzeigen)?",  # de
        r"(?:voir|afficher)\s+tous\s+les\s+articles\s+(?:de|par)\s+(?P<name>.+)",  # fr
        r"ver\s+tod[ao]s\s+(?:las\s+entradas|los\s+art[ií]culos|os\s+posts|as\s+publica"
        r"[çc][õo]es|os\s+artigos)\s+(?:de|por)\s+(?P<name>.+)",  # es, pt
        r"visualizza\s+tutti\s+gli\s+articoli\s+di\s+(?P<name>.+)",  # it
        r"(?:bekijk\s+)?alle\s+berichten\s+van\s+(?P<name>.+?)(?:\s+bekijken)?",  # nl
    )
)
#: Labels that name nobody: the whole "name" is one of these (folded).
_NAMELESS = re.compile(
    rf"(?:(?:view|see|show|browse|read)\s+)?(?:all|more)\s+(?:{_WHAT[3:-1]}|by\s+this\s+author)"
    r"|author\s+(?:archive|profile|page)",
    re.IGNORECASE,
)


def author_name(label: str) -> str | None:
    """The name in ``label`` without a link label's words, or ``None`` when it names nobody.

    A name that is no label is returned exactly as it came.
    """
    spaced = " ".join(label.split())
    if not spaced or _NAMELESS.fullmatch(spaced):
        return None
    for pattern in _LABELS:
        found = pattern.fullmatch(spaced)
        if found:
            name = found.group("name").strip(" :,.")
            return name if name and not _NAMELESS.fullmatch(name) else None
    return label


def author_names(labels: Iterable[str]) -> tuple[str, ...]:
    """``labels`` as names (``author_name``), each once (compared ignoring case and accents)."""
    names: dict[str, str] = {}
    for label in labels:
        name = author_name(label)
        if name is not None:
            names.setdefault(fold(name), name)
    return tuple(names.values())
