"""The feeds a library follows and the entries seen in them: the SQL, in one place.

``Library.feeds`` hands out a ``FeedStore`` over the library's connection;
its writes run in the library's transactions (inside a batch's group
commit, in the savepoint of the clipping they belong to), and sqlite3
errors become ``LibraryError`` as everywhere else in the library.

The tables are migration 10's (``clipper.migrations.m010_feeds``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from clipper.errors import LibraryError, NotFoundError
from clipper.page import utc_now

#: What became of an entry (``feed_entries.state``).
NEW, CLIPPED, ALREADY, SKIPPED, NOLINK, FAILED, ABANDONED = (
    "new", "clipped", "already", "skipped", "nolink", "failed", "abandoned"
)  # fmt: skip
#: Updates at which a failing entry is tried (its first included) before it is given up.
MAX_ATTEMPTS = 3
#: Parameters in one ``IN (...)``: well under SQLite's limit of 32,766.
_CHUNK = 500


def name_key(name: str) -> str:
    """Feed names compare as tags do: case and spacing aside."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Feed:
    """A feed the library follows, with what ``clipper feed list`` reports of it."""

    id: int
    name: str
    url: str
    title: str = ""
    site_url: str | None = None
    tags: tuple[str, ...] = ()
    added_at: str = ""
    checked_at: str | None = None
    read_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""
    failures: int = 0
    stories: int = 0
    last_new_at: str | None = None
    failing: int = 0
    given_up: int = 0

    def to_record(self) -> dict[str, Any]:
        """The JSON record of ``clipper feed list --json`` (README: the CLI contract)."""
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "title": self.title,
            "site_url": self.site_url,
            "tags": list(self.tags),
            "added_at": self.added_at,
            "checked_at": self.checked_at,
            "last_new_at": self.last_new_at,
            "stories": self.stories,
            "error": self.error or None,
            "errors": self.failures,
            "failing": self.failing,
            "given_up": self.given_up,
        }


@dataclass(frozen=True)
class SeenEntry:
    """An entry recorded earlier that is still to be clipped (``new`` or ``failed``)."""

    id: int
    feed_id: int
    link: str | None
    guid: str | None
    title: str
    published: str | None
    attempts: int


@dataclass
class Reading:
    """What one reading of a feed changes: the feed's row, and the entries seen first now.

    ``entries`` are ``(guid, link, title, published, state)``.
    """

    feed_id: int
    checked_at: str
    error: str = ""
    title: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    read: bool = False  # read (200 or 304): validators and title are kept
    entries: list[tuple[str | None, str | None, str, str | None, str]] = field(default_factory=list)


_FEED_COLUMNS = """
    f.*,
    (SELECT count(DISTINCT e.clipping_id) FROM feed_entries AS e
      WHERE e.feed_id = f.id AND e.clipping_id IS NOT NULL) AS stories,
    (SELECT max(c.clipped_at) FROM feed_entries AS e JOIN clippings AS c ON c.id = e.clipping_id
      WHERE e.feed_id = f.id AND e.state = 'clipped') AS last_new_at,
    (SELECT count(*) FROM feed_entries AS e WHERE e.feed_id = f.id AND e.state = 'failed')
      AS failing,
    (SELECT count(*) FROM feed_entries AS e WHERE e.feed_id = f.id AND e.state = 'abandoned')
      AS given_up
"""


def _feed(row: sqlite3.Row) -> Feed:
    keys = row.keys()
    return Feed(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        title=row["title"],
        site_url=row["site_url"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        added_at=row["added_at"],
        checked_at=row["checked_at"],
        read_at=row["read_at"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        error=row["error"],
        failures=row["failures"],
        stories=row["stories"] if "stories" in keys else 0,
        last_new_at=row["last_new_at"] if "last_new_at" in keys else None,
        failing=row["failing"] if "failing" in keys else 0,
        given_up=row["given_up"] if "given_up" in keys else 0,
    )


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class FeedStore:
    """The feeds of one library (``Library.feeds``)."""

    def __init__(
        self,
        query: Callable[[str, Sequence[Any]], list[sqlite3.Row]],
        transaction: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._query = query
        self._transaction = transaction

    # -- the feeds ---------------------------------------------------------------------

    def add(
        self,
        url: str,
        name: str,
        *,
        title: str = "",
        site_url: str | None = None,
        tags: Iterable[str] = (),
    ) -> Feed:
        """Follow the feed at ``url`` as ``name``; ``LibraryError`` if either is taken."""
        from clipper.library import normalize_tag

        names = sorted({normalize_tag(tag) for tag in tags} - {""})
        with self._transaction() as db:
            self._refuse_taken(db, url, name)
            cursor = db.execute(
                "INSERT INTO feeds (url, name, name_key, title, site_url, tags, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, name, name_key(name), title, site_url, json.dumps(names), _now()),
            )
            feed_id = int(cursor.lastrowid or 0)
        return self.get(feed_id)

    @staticmethod
    def _refuse_taken(db: sqlite3.Connection, url: str, name: str) -> None:
        row = db.execute("SELECT id, name FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is not None:
            raise LibraryError(f"{url} is already followed, as feed #{row['id']} {row['name']!r}")
        row = db.execute("SELECT id FROM feeds WHERE name_key = ?", (name_key(name),)).fetchone()
        if row is not None:
            raise LibraryError(
                f"the name {name!r} is taken by feed #{row['id']}; choose another with --name"
            )

    def name_taken(self, name: str) -> bool:
        rows = self._query("SELECT 1 FROM feeds WHERE name_key = ?", (name_key(name),))
        return bool(rows)

    def following(self, url: str) -> Feed | None:
        """The feed followed at ``url``, if any."""
        rows = self._query("SELECT id FROM feeds WHERE url = ?", (url,))
        return self.get(rows[0]["id"]) if rows else None

    def get(self, feed_id: int) -> Feed:
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds AS f WHERE f.id = ?", (feed_id,))
        if not rows:
            raise NotFoundError(f"no feed with id {feed_id}; `clipper feed list` shows them")
        return _feed(rows[0])

    def all(self) -> list[Feed]:
        """Every feed, by name."""
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds AS f ORDER BY f.name_key", ())
        return [_feed(row) for row in rows]

    def find(self, ref: str) -> Feed:
        """The feed named ``ref`` (case and spacing aside), or numbered so (``12``, ``#12``)."""
        rows = self._query("SELECT id FROM feeds WHERE name_key = ?", (name_key(ref),))
        number = ref.strip().removeprefix("#")
        if not rows and number.isascii() and number.isdigit() and len(number) < 19:
            rows = self._query("SELECT id FROM feeds WHERE id = ?", (int(number),))
        if not rows:
            raise NotFoundError(
                f"no feed is named or numbered {ref!r}; `clipper feed list` shows them"
            )
        return self.get(rows[0]["id"])

    def remove(self, feeds: Iterable[Feed]) -> None:
        """Stop following ``feeds``; their entries go, their clippings stay."""
        with self._transaction() as db:
            db.executemany("DELETE FROM feeds WHERE id = ?", [(feed.id,) for feed in feeds])

    # -- entries -----------------------------------------------------------------------

    def seen(
        self, feed_id: int, guids: Sequence[str], links: Sequence[str]
    ) -> tuple[set[str], set[str]]:
        """Which of ``guids`` and ``links`` the feed has shown before."""
        found_guids: set[str] = set()
        found_links: set[str] = set()
        for column, values, found in (("guid", guids, found_guids), ("link", links, found_links)):
            for chunk in _chunks(list(dict.fromkeys(values))):
                marks = ", ".join("?" * len(chunk))
                rows = self._query(
                    f"SELECT {column} FROM feed_entries"
                    f" WHERE feed_id = ? AND {column} IN ({marks})",
                    (feed_id, *chunk),
                )
                found.update(row[0] for row in rows)
        return found_guids, found_links

    def waiting(self, feed_ids: Sequence[int]) -> list[SeenEntry]:
        """Entries of these feeds still to be clipped: new ones, and failed ones to try again."""
        entries: list[SeenEntry] = []
        for chunk in _chunks([str(i) for i in feed_ids]):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                "SELECT id, feed_id, link, guid, title, published, attempts FROM feed_entries"
                f" WHERE feed_id IN ({marks}) AND state IN ('new', 'failed') ORDER BY id",
                [int(i) for i in chunk],
            )
            entries += [SeenEntry(*row) for row in rows]
        return entries

    def record(self, readings: Sequence[Reading]) -> dict[tuple[int, str | None, str | None], int]:
        """Store what the readings found, in one transaction; the new entries' ids by
        ``(feed_id, guid, link)``."""
        ids: dict[tuple[int, str | None, str | None], int] = {}
        with self._transaction() as db:
            for reading in readings:
                if reading.read:
                    db.execute(
                        "UPDATE feeds SET checked_at = ?, read_at = ?, error = '', failures = 0,"
                        " etag = ?, last_modified = ?, title = coalesce(?, title),"
                        " site_url = coalesce(?, site_url) WHERE id = ?",
                        (reading.checked_at, reading.checked_at, reading.etag,
                         reading.last_modified, reading.title, reading.site_url,
                         reading.feed_id),
                    )  # fmt: skip
                else:
                    db.execute(
                        "UPDATE feeds SET checked_at = ?, error = ?, failures = failures + 1"
                        " WHERE id = ?",
                        (reading.checked_at, reading.error, reading.feed_id),
                    )
                for guid, link, title, published, state in reading.entries:
                    cursor = db.execute(
                        "INSERT INTO feed_entries"
                        " (feed_id, guid, link, title, published, seen_at, state)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (reading.feed_id, guid, link, title, published, reading.checked_at, state),
                    )
                    ids[(reading.feed_id, guid, link)] = int(cursor.lastrowid or 0)
        return ids

    def settle(
        self, entry_ids: Sequence[int], clipping_id: int, state: str, text_from: str | None
    ) -> None:
        """The entries became (or already were) the clipping ``clipping_id``."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE feed_entries SET state = ?, clipping_id = ?, text_from = ?, error = ''"
                " WHERE id = ?",
                [(state, clipping_id, text_from, entry_id) for entry_id in entry_ids],
            )

    def fail(self, entry_ids: Sequence[int], error: str) -> bool:
        """One more failed attempt at the entries; ``True`` if that was their last."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE feed_entries SET attempts = attempts + 1, error = ?,"
                " state = CASE WHEN attempts + 1 >= ? THEN 'abandoned' ELSE 'failed' END"
                " WHERE id = ?",
                [(error, MAX_ATTEMPTS, entry_id) for entry_id in entry_ids],
            )
            marks = ", ".join("?" * len(entry_ids))
            rows = db.execute(
                f"SELECT count(*) FROM feed_entries WHERE state = 'abandoned' AND id IN ({marks})",
                tuple(entry_ids),
            ).fetchone()
        return bool(rows[0])

    def clipping_ids(self, feed_id: int) -> list[int]:
        rows = self._query(
            "SELECT DISTINCT clipping_id FROM feed_entries"
            " WHERE feed_id = ? AND clipping_id IS NOT NULL",
            (feed_id,),
        )
        return [row[0] for row in rows]


def _now() -> str:
    return utc_now().isoformat()
