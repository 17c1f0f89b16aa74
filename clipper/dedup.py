"""When a page is a clipping the library already holds.

A page's canonical link (``<link rel=canonical>``, the URL a clipping is
filed under) is a hint, not proof: some templates point every page at one
URL (a section, a placeholder, another story). So two pages are one clipping
only when their canonical URLs match *and* they are the same story
(``same_story``):

* the same title, once folded (``title_key``: case, accents, punctuation and
  spacing ignored; a title without a letter or digit says nothing), or
* near-identical text: the resemblance of the two texts, the Jaccard index
  of their sets of ``SHINGLE``-word shingles (Broder's measure for
  near-duplicate documents), is at least ``RESEMBLANCE``, and each holds at
  least ``MIN_WORDS`` words. One changed word changes at most five shingles,
  so the same story re-extracted, retitled or lightly edited scores near 1;
  two different stories share almost no five-word run and score near 0. A
  short text (a paywall's teaser, a caption, "please enable JavaScript")
  proves nothing, identical or not.

When in doubt the new page is kept: a story stored twice can be removed, a
story never stored is lost. Words are counted as the search index counts
them, each character of Chinese, Japanese, Korean or Thai a word.

Before fetching, an address is known when a page of the clipping came from
it, or when it is the clipping's canonical URL and a page of the clipping
came from that URL too (give or take tracking parameters), or the clipping
has no raw page to tell (``clipping_at``): a canonical URL that no page of
the clipping was fetched from may be someone else's template, so that page
is fetched and compared instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterable
from typing import Protocol

from clipper.text import fold
from clipper.unspaced import spaced
from clipper.urls import clean_url

SHINGLE = 5
RESEMBLANCE = 0.8
MIN_WORDS = 50
_WORD = re.compile(r"\w+")


class Story(Protocol):
    """What the comparison reads: an ``Article``, or a row of the library."""

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...


def title_key(title: str) -> str:
    """A title as compared: folded, its words joined by single spaces."""
    return " ".join(_WORD.findall(fold(title)))


def words(text: str) -> list[str]:
    """The words of ``text``, folded, unspaced-script characters one each."""
    return _WORD.findall(spaced(fold(text)))


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of ``SHINGLE`` consecutive words; empty below ``MIN_WORDS`` words."""
    found = words(text)
    if len(found) < MIN_WORDS:
        return frozenset()
    return frozenset(tuple(found[i : i + SHINGLE]) for i in range(len(found) - SHINGLE + 1))


def resemblance(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """The Jaccard index of two shingle sets; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def same_story(a: Story, b: Story) -> bool:
    """Whether ``a`` and ``b`` are one story (the module docstring says how)."""
    key = title_key(a.title)
    if key and key == title_key(b.title):
        return True
    return resemblance(shingles(a.text), shingles(b.text)) >= RESEMBLANCE


def same_story_at(
    db: sqlite3.Connection, story: Story, url: str, *, exclude: Collection[int] = ()
) -> tuple[int | None, list[int]]:
    """Among the clippings filed under ``url`` (but those in ``exclude``): the one
    that is ``story``, and the others.

    Titles first (they are small); texts only when no title matched, and only
    of clippings whose length could allow the resemblance (the Jaccard index
    of two sets is at most the smaller over the larger).
    """
    rows = [
        row
        for row in db.execute(
            "SELECT id, title, word_count FROM clippings WHERE url = ? ORDER BY id", (url,)
        )
        if row[0] not in exclude
    ]
    if not rows:  # the common case, answered without reading the story's text
        return None, []
    ids = [int(row[0]) for row in rows]
    key = title_key(story.title)
    for clipping_id, title, _ in rows:
        if key and title_key(title) == key:
            return int(clipping_id), [i for i in ids if i != clipping_id]
    mine = shingles(story.text)
    if mine:
        size = len(words(story.text))
        for clipping_id, _, word_count in rows:
            if min(size, word_count) < RESEMBLANCE * max(size, word_count) * 0.9:
                continue  # the stored count is counted a little differently: a margin
            (text,) = db.execute(
                "SELECT text FROM clippings WHERE id = ?", (clipping_id,)
            ).fetchone()
            if resemblance(mine, shingles(text)) >= RESEMBLANCE:
                return int(clipping_id), [i for i in ids if i != clipping_id]
    return None, ids


def clipping_at(db: sqlite3.Connection, address: str) -> int | None:
    """The clipping known to be at ``address`` before fetching it (module docstring)."""
    row = db.execute(
        "SELECT clipping_id FROM pages WHERE source = ? OR url = ? ORDER BY id LIMIT 1",
        (address, address),
    ).fetchone()
    if row is not None:
        return int(row[0])
    canonical = clean_url(address)
    rows = db.execute(
        "SELECT c.id, p.source, p.url FROM clippings AS c"
        " LEFT JOIN pages AS p ON p.clipping_id = c.id WHERE c.url = ? ORDER BY c.id, p.id",
        (canonical,),
    ).fetchall()
    for clipping_id, source, url in rows:
        if source is None or canonical in (clean_url(source), clean_url(url or "")):
            return int(clipping_id)
    return None


def fetched_elsewhere(
    db: sqlite3.Connection, clipping_id: int, addresses: Iterable[str | None]
) -> bool:
    """Whether the pages of ``clipping_id`` and a page fetched from ``addresses`` show
    two different pages: both sides have addresses, and they share none (clean forms)."""
    theirs = {clean_url(a) for a in addresses if a}
    rows = db.execute("SELECT source, url FROM pages WHERE clipping_id = ?", (clipping_id,))
    ours = {clean_url(a) for row in rows for a in row if a}
    return bool(theirs) and bool(ours) and not theirs & ours
