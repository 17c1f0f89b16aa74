"""The pictures of a library's clippings: the SQL, in one place (migration 11).

``Library.images`` hands out an ``ImageStore``; ``keep`` also runs inside
``Library.add`` and ``Library.update``, so a clipping and its pictures are
stored in one commit. Images no clipping uses any more leave the library by
the migration's triggers.

Rules for a clipping's records (``keep``): a picture met for the first time is
appended; a picture stored before stays as it is (a later failure to fetch it
again never loses it); a picture that failed before takes the new outcome.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from clipper.images.model import ImageData, ImageOutcome, StoredReference

#: Parameters in one ``IN (...)``: well under SQLite's limit of 32,766.
_CHUNK = 500

_REFERENCES = """
    SELECT r.clipping_id, r.url, r.position, r.source, r.fetched_at, r.error, r.sha256,
           i.type, i.size, i.width, i.height
      FROM clipping_images AS r LEFT JOIN images AS i ON i.sha256 = r.sha256
"""


def _reference(row: sqlite3.Row) -> StoredReference:
    return StoredReference(
        key=row["url"],
        position=row["position"],
        source=row["source"],
        fetched_at=row["fetched_at"],
        error=row["error"],
        sha256=row["sha256"],
        media_type=row["type"],
        size=row["size"],
        width=row["width"],
        height=row["height"],
    )


def keep(db: sqlite3.Connection, clipping_id: int, outcomes: Iterable[ImageOutcome]) -> None:
    """Record ``outcomes`` for the clipping (the rules in the module docstring)."""
    outcomes = list(outcomes)
    if not outcomes:
        return
    rows = db.execute(
        "SELECT url, sha256 FROM clipping_images WHERE clipping_id = ?", (clipping_id,)
    ).fetchall()
    known = {row[0]: row[1] for row in rows}
    position = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM clipping_images WHERE clipping_id = ?",
        (clipping_id,),
    ).fetchone()[0]
    for outcome in outcomes:
        if known.get(outcome.key) is not None:
            continue  # stored already: kept as it is
        sha256 = _insert_image(db, outcome.image) if outcome.image is not None else None
        values = (outcome.source, outcome.fetched_at, sha256, outcome.error)
        if outcome.key in known:
            db.execute(
                "UPDATE clipping_images SET source = ?, fetched_at = ?, sha256 = ?, error = ?"
                " WHERE clipping_id = ? AND url = ?",
                (*values, clipping_id, outcome.key),
            )
        else:
            db.execute(
                "INSERT INTO clipping_images"
                " (clipping_id, position, url, source, fetched_at, sha256, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (clipping_id, position, outcome.key, *values),
            )
            position += 1
        known[outcome.key] = sha256


def _insert_image(db: sqlite3.Connection, image: ImageData) -> str:
    sha256 = image.sha256
    db.execute(
        "INSERT INTO images (sha256, type, size, width, height, data) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (sha256) DO NOTHING",
        (sha256, image.media_type, image.size, image.width, image.height, image.content),
    )
    return sha256


class ImageStore:
    """The pictures of one library's clippings (``Library.images``)."""

    def __init__(
        self,
        query: Callable[[str, Sequence[Any]], list[sqlite3.Row]],
        transaction: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._query = query
        self._transaction = transaction

    def of(self, clipping_id: int) -> list[StoredReference]:
        """The pictures the clipping keeps a record of, in the order it met them."""
        rows = self._query(
            _REFERENCES + " WHERE r.clipping_id = ? ORDER BY r.position", (clipping_id,)
        )
        return [_reference(row) for row in rows]

    def of_clippings(self, clipping_ids: Sequence[int]) -> dict[int, list[StoredReference]]:
        """``of`` for many clippings at once (an export's page of them)."""
        found: dict[int, list[StoredReference]] = {}
        ids = list(dict.fromkeys(clipping_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                _REFERENCES + f" WHERE r.clipping_id IN ({marks})"
                " ORDER BY r.clipping_id, r.position",
                chunk,
            )
            for row in rows:
                found.setdefault(row["clipping_id"], []).append(_reference(row))
        return found

    def data(self, sha256: str) -> bytes | None:
        """A stored image's bytes, or ``None`` when no clipping uses that image."""
        rows = self._query("SELECT data FROM images WHERE sha256 = ?", (sha256,))
        return bytes(rows[0][0]) if rows else None

    def outcomes(self, clipping_id: int) -> list[ImageOutcome]:
        """The clipping's records with the images' bytes: what ``keep`` would store again
        (JSON lines carry them)."""
        rows = self._query(
            "SELECT r.url, r.source, r.fetched_at, r.error, i.type, i.width, i.height, i.data"
            " FROM clipping_images AS r LEFT JOIN images AS i ON i.sha256 = r.sha256"
            " WHERE r.clipping_id = ? ORDER BY r.position",
            (clipping_id,),
        )
        return [
            ImageOutcome(
                row["url"],
                ImageData(bytes(row["data"]), row["type"], row["width"], row["height"])
                if row["data"] is not None
                else None,
                row["error"],
                row["source"],
                row["fetched_at"],
            )
            for row in rows
        ]

    def keep(self, clipping_id: int, outcomes: Iterable[ImageOutcome]) -> None:
        """Record the outcomes of fetching the clipping's pictures (``keep``)."""
        with self._transaction() as db:
            keep(db, clipping_id, outcomes)

    def stored_keys(self, clipping_id: int) -> set[str]:
        """The references of the clipping whose image is stored (not to fetch again)."""
        rows = self._query(
            "SELECT url FROM clipping_images WHERE clipping_id = ? AND sha256 IS NOT NULL",
            (clipping_id,),
        )
        return {row[0] for row in rows}
