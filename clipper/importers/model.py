"""The values a reader yields.

A reader turns a file into a stream of ``ImportItem`` (a clipping with its
content, from clipper's own JSONL or a wallabag export), ``Link`` (a URL to
clip later, from bookmarks, Pocket or a plain list) and ``Problem`` (a line or
entry that could not be understood, with where it is). The first two are the
library's own values (``clipper.imported``), re-exported here for the readers;
the library stores them by the rules in ``clipper.merging``. Nothing here
touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from clipper.imported import (
    ArchivedPage,
    ImportItem,
    ImportOutcome,
    Link,
    PendingLink,
    PendingOutcome,
)

__all__ = [
    "ArchivedPage",
    "ImportItem",
    "ImportOutcome",
    "Link",
    "Parsed",
    "PendingLink",
    "PendingOutcome",
    "Problem",
]


@dataclass(frozen=True)
class Problem:
    """A part of an import file that was not imported; ``where`` is e.g. ``line 7``.

    ``skipped`` marks entries that are well-formed but cannot be clipped (a
    bookmarklet, a ``place:`` query): they are reported, but are not errors.
    """

    where: str
    message: str
    skipped: bool = False


Parsed = ImportItem | Link | Problem
