"""What a feed is called when nobody said: its title, else its site's host; never a number.

Names are how people name feeds in commands (``clipper feed update "Le Monde"``)
and in searches (``feed:"le monde"``), so each is unique (case and spacing
aside) and none is a number, which would read as a feed's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clipper.text import one_line
from clipper.urls import split

if TYPE_CHECKING:
    from clipper.feeds.store import FeedStore

#: Longest name made from a title; a title longer than this is cut at a word.
LONGEST = 60


def default_name(title: str, url: str) -> str:
    """The feed's title (cut at a word if long), or its host when the title will not do."""
    name = one_line(title)
    if len(name) > LONGEST:
        name = name[:LONGEST].rsplit(" ", 1)[0] or name[:LONGEST]
    if not name or name.removeprefix("#").isdigit():
        parts = split(url)
        host = (parts.hostname or "") if parts is not None else ""
        name = host.removeprefix("www.") or "feed"
    return name


def free_name(feeds: FeedStore, title: str, url: str) -> str:
    """``default_name``, with `` (2)``, `` (3)``... added when another feed has it."""
    name = base = default_name(title, url)
    number = 2
    while feeds.name_taken(name):
        name = f"{base} ({number})"
        number += 1
    return name
