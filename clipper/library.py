"""The clippings library: one SQLite file, no server.

Everything that touches the database lives here, so the rest of clipper deals
in ``Article`` and ``Clipping`` values. sqlite3 errors are translated into
``LibraryError`` at this boundary with a message a person can act on.

Durability choices: WAL journal (readers never block the writer), a busy
timeout (several clipper processes may share one library), ``synchronous=FULL``
(a clipping reported as saved survives a power cut), and short write
transactions (one clipping at a time).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from clipper.article import Article
from clipper.authors import author_names
from clipper.clipping import Clipping, Highlight, Hit
from clipper.dedup import clipping_at, same_story_at
from clipper.errors import AlreadyClippedError, LibraryError, NotFoundError
from clipper.migrations import INDEXED_FIELDS, host_sql, indexed_form, migrate
from clipper.page import Page, utc_now

if TYPE_CHECKING:
    from clipper.feeds.store import FeedStore
    from clipper.history import Version
    from clipper.images.model import ImageOutcome
    from clipper.images.store import ImageStore
    from clipper.imported import ImportItem, ImportOutcome, Link, PendingLink, PendingOutcome
    from clipper.search import Suggestion

BUSY_TIMEOUT_SECONDS = 30.0
_TAG_SEPARATOR = "\x1f"

_COLUMNS = f"""
    c.*, (SELECT group_concat(tag, '{_TAG_SEPARATOR}')
            FROM (SELECT tag FROM tags WHERE clipping_id = c.id ORDER BY tag)) AS tag_list,
         (SELECT json_group_array(json_array(quote, note, created_at))
            FROM (SELECT quote, note, created_at FROM highlights
                   WHERE clipping_id = c.id ORDER BY id)) AS highlight_list
"""
_SELECT = f"SELECT {_COLUMNS} FROM clippings AS c"
# Ids are never reused, even after the newest clipping is removed (migration m002):
# the next id is above every id stored and every id ever removed.
RETIRED_UP_TO = "(SELECT coalesce((SELECT max_id FROM id_high_water), 0))"
NEXT_ID = f"(SELECT 1 + max(coalesce((SELECT max(id) FROM clippings), 0), {RETIRED_UP_TO}))"


# The host of ``c.url``, lower-cased, without a port or user name, as ``site:`` sees it.
_HOST = host_sql("c.url")


@dataclass(frozen=True)
class LibraryStats:
    """What ``clipper stats`` reports; sizes in bytes, times as stored (ISO 8601)."""

    clippings: int
    sites: int
    words: int
    starred: int
    tags: int
    pages: int
    pages_bytes: int
    size_bytes: int
    oldest_published: str | None
    newest_published: str | None
    first_clipped: str | None
    last_clipped: str | None
    read: int = 0
    highlights: int = 0
    images: int = 0
    images_bytes: int = 0


def _like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: The clippings columns an ``Article`` fills, in the order ``article_values`` gives them.
ARTICLE_COLUMNS = (
    "title", "authors", "published", "modified", "site", "language", "image",
    "description", "text", "markdown", "word_count",
)  # fmt: skip


#: A raw page row; the values in column order (``Library._insert_page``, imports).
INSERT_PAGE = """
    INSERT INTO pages (clipping_id, source, url, status, headers, redirects,
        fetched_at, sha256, html)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def article_values(article: Article) -> tuple[Any, ...]:
    """An article's values for ``ARTICLE_COLUMNS``; authors as names, never link labels."""
    return (
        article.title,
        json.dumps(list(author_names(article.authors)), ensure_ascii=False),
        article.published,
        article.modified,
        article.site,
        article.language,
        article.image,
        article.description,
        article.text,
        article.markdown,
        article.word_count,
    )


def forms_of(values: Sequence[Any]) -> dict[str, str]:
    """The indexed forms (``migrations.indexed_form``) of a clipping's ``values``, by column.

    Only the columns whose form differs from their value: those holding
    Chinese, Japanese, Korean or Thai text.
    """
    by_column = dict(zip(ARTICLE_COLUMNS, values, strict=True))
    return {
        field: form
        for field in INDEXED_FIELDS
        if isinstance(value := by_column[field], str) and (form := indexed_form(value)) is not None
    }


def indexed_forms(article: Article) -> dict[str, str]:
    """``forms_of`` an article, worked out in advance: a batch's workers do it,
    so that the one thread writing to the library only stores the forms."""
    return forms_of(article_values(article))


@contextmanager
def index_forms(
    db: sqlite3.Connection,
    clipping_id: int,
    values: Sequence[Any],
    forms: Mapping[str, str] | None = None,
) -> Iterator[None]:
    """Around writing a clipping's ``values`` (``article_values``): their indexed forms.

    Stored before the row is written, so that the index's triggers read them
    rather than space Chinese, Japanese, Korean or Thai text in SQL, ~40 times
    slower (``migrations.indexed_form``, migration 6); the forms stored for the
    clipping before are dropped after it, once nothing reads them. ``forms``
    are ``forms_of(values)`` when worked out in advance.
    """
    earlier = db.execute("SELECT rowid FROM clippings_spaced WHERE id = ?", (clipping_id,))
    stale = [row[0] for row in earlier]
    if forms is None:
        forms = forms_of(values)
    if forms:
        db.executemany(
            "INSERT INTO clippings_spaced (id, field, value) VALUES (?, ?, ?)",
            [(clipping_id, field, form) for field, form in forms.items()],
        )
    yield
    if stale:
        db.executemany("DELETE FROM clippings_spaced WHERE rowid = ?", [(r,) for r in stale])


@contextmanager
def indexed_once(db: sqlite3.Connection, clipping_id: int) -> Iterator[None]:
    """Around writing a new clipping's row and its tags: index it once, at the end.

    The index covers the tags (migration 8), so each tag written after the
    row would index the whole clipping again. While the clipping is listed
    in ``clippings_unindexed`` the triggers leave it alone; taking it off
    the list indexes it, tags included. Enter it before ``index_forms``: the
    forms that one stores must still be there when this one ends and indexes.
    On an error the write's savepoint takes the listing back with the row.
    """
    db.execute("INSERT INTO clippings_unindexed (id) VALUES (?)", (clipping_id,))
    yield
    db.execute("DELETE FROM clippings_unindexed WHERE id = ?", (clipping_id,))


def normalize_tag(tag: str) -> str:
    """Tags are compared loosely: ``Russia`` and `` russia `` are one tag."""
    return " ".join(tag.split()).casefold()


def _describe(error: sqlite3.Error, path: str) -> str:
    """A message for a failed library operation, chosen by SQLite's error code."""
    code = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if code.startswith("SQLITE_FULL") or "full" in text:
        return f"the disk holding {path} is full; free some space and try again (nothing was saved)"
    if code.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return (
            f"could not write the library {path} (disk I/O error): the disk may be full "
            "or failing; nothing was saved"
        )
    if code.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return f"the library {path} is read-only; check its permissions or use --library"
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return f"the library {path} is busy with another clipper process; try again in a moment"
    if code.startswith("SQLITE_NOTADB") or code.startswith("SQLITE_CORRUPT"):
        return f"{path} is not a clipper library, or it is damaged"
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        if Path(path).is_dir():
            return (
                f"{path} is a folder; the library is a file in it, "
                f"e.g. --library {Path(path) / 'clippings.db'}"
            )
        return f"cannot open the library {path}; check that its folder exists and is writable"
    return f"library error ({path}): {error}"


T = TypeVar("T")


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def retry_busy(action: Callable[[], T], *, seconds: float = BUSY_TIMEOUT_SECONDS) -> T:
    """Run ``action``, retrying with a short backoff while the database is busy.

    SQLite's busy timeout covers most waits, but where waiting could deadlock
    (switching the journal mode, two processes creating one library) it answers
    "database is locked" at once; those are the moments retried here.
    """
    deadline = time.monotonic() + seconds
    delay = 0.002
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


@contextmanager
def _translated(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise LibraryError(_describe(error, path)) from error


def _not_found(clipping_id: int) -> str:
    return f"no clipping with id {clipping_id}; `clipper list` shows the ids"


def _tuple_from_json(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parsed = json.loads(value)
    return tuple(str(item) for item in parsed) if isinstance(parsed, list) else ()


def _clipping(row: sqlite3.Row) -> Clipping:
    article = Article(
        title=row["title"],
        url=row["url"],
        authors=_tuple_from_json(row["authors"]),
        published=row["published"],
        modified=row["modified"],
        site=row["site"],
        language=row["language"],
        image=row["image"],
        description=row["description"],
        text=row["text"],
        markdown=row["markdown"],
        word_count=row["word_count"],
    )
    tag_list = row["tag_list"]
    return Clipping(
        id=row["id"],
        article=article,
        clipped_at=row["clipped_at"],
        updated_at=row["updated_at"],
        tags=tuple(tag_list.split(_TAG_SEPARATOR)) if tag_list else (),
        starred=bool(row["starred"]),
        note=row["note"],
        read=bool(row["read"]),
        highlights=_highlights(row["highlight_list"]),
    )


def _highlights(listed: str | None) -> tuple[Highlight, ...]:
    """The highlights ``_COLUMNS`` lists as JSON ``[quote, note, created_at]`` triples."""
    if not listed or listed == "[]":
        return ()
    return tuple(
        Highlight(quote, note, created_at) for quote, note, created_at in json.loads(listed)
    )


def _connect(target: str) -> sqlite3.Connection:
    db = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        uri=target.startswith("file:"),
    )
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _make_folder(location: Path) -> None:
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(
            f"cannot create the folder for the library {location}: {error.strerror}"
        ) from error


def _is_read_only(location: Path) -> bool:
    """A file without write permission is opened read-only, even by root.

    The permission bits are the user's statement that an archived library must
    not change; SQLite alone would ignore them for the superuser.
    """
    return not os.access(location, os.W_OK) or not location.stat().st_mode & 0o222


def _use_wal(db: sqlite3.Connection) -> None:
    # Asking for WAL when it is already on still takes a lock; only switch once.
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")


class Library:
    """A clippings library backed by one SQLite file.

    Use ``Library.open(path)``; it creates the file and runs migrations. With
    ``create=False`` a missing file opens as an empty in-memory library, so that
    reading commands never leave a file behind on a fresh machine.
    """

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Library:
        location = Path(path).expanduser()
        if not location.exists():
            if not create:  # an empty library that leaves nothing on disk
                db = _connect(":memory:")
                migrate(db)
                return cls(db, ":memory:")
            _make_folder(location)
        name = str(location)
        read_only = location.exists() and _is_read_only(location)
        with _translated(name):
            db = _connect(location.resolve().as_uri() + "?mode=ro" if read_only else name)
            try:
                if not read_only:
                    retry_busy(lambda: _use_wal(db))
                # Refuses a newer schema before writing anything; a read-only
                # library that needs an upgrade fails with the read-only message.
                retry_busy(lambda: migrate(db))
            except BaseException:
                db.close()
                raise
        return cls(db, name)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit several writes at once; each write still succeeds or fails on its own.

        Inside, every write method runs in a savepoint of this one transaction,
        so a write that fails leaves the others to commit. A batch uses it to
        share one commit (one fsync) among the clippings that are ready at the
        same moment; nothing is durable, or may be reported, before it ends.
        """
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; taken IMMEDIATE so it never deadlocks on upgrade."""
        with _translated(self.path):
            nested = self._db.in_transaction  # inside transaction(): a savepoint of it
            if nested:
                self._db.execute("SAVEPOINT write")
                try:
                    yield self._db
                    self._db.execute("RELEASE write")
                except BaseException:
                    self._db.execute("ROLLBACK TO write")
                    self._db.execute("RELEASE write")
                    raise
                return
            retry_busy(lambda: self._db.execute("BEGIN IMMEDIATE"))
            try:
                yield self._db
                retry_busy(lambda: self._db.execute("COMMIT"))
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with _translated(self.path):
            return self._db.execute(sql, parameters).fetchall()

    # -- writing ---------------------------------------------------------------

    def add(
        self,
        article: Article,
        page: Page | None = None,
        tags: Iterable[str] = (),
        *,
        forms: Mapping[str, str] | None = None,
        images: Sequence[ImageOutcome] = (),
    ) -> Clipping:
        """Store ``article`` (and the raw ``page`` it came from) as a new clipping.

        Raises ``AlreadyClippedError`` when a clipping with the same URL is the
        same story (``clipper.dedup``); a different story under the same URL is
        stored beside it. The check runs under the write lock, so two processes
        clipping the same story at once still store it once. ``forms`` are
        ``indexed_forms(article)``, when worked out in advance; ``images`` what
        became of its pictures (``clipper.images``), stored in the same commit.
        """
        now = utc_now().isoformat()
        with self._transaction() as db:
            if article.url is not None:
                same, _ = same_story_at(db, article, article.url)
                if same is not None:
                    raise AlreadyClippedError(
                        f"{article.url} is already in the library (id {same})",
                        clipping_id=same,
                    )
            columns = ", ".join(ARTICLE_COLUMNS)
            marks = ", ".join("?" * len(ARTICLE_COLUMNS))
            clipping_id = int(db.execute(f"SELECT {NEXT_ID}").fetchone()[0])
            values = article_values(article)
            with indexed_once(db, clipping_id), index_forms(db, clipping_id, values, forms):
                db.execute(
                    f"INSERT INTO clippings (id, url, {columns}, clipped_at, updated_at)"
                    f" VALUES (?, ?, {marks}, ?, ?)",
                    (clipping_id, article.url, *values, now, now),
                )
                self._insert_tags(db, clipping_id, tags)
            if page is not None:
                self._insert_page(db, clipping_id, page)
            if images:
                from clipper.images.store import keep

                keep(db, clipping_id, images)
        return self.get(clipping_id)

    def update(
        self,
        clipping_id: int,
        article: Article,
        page: Page | None = None,
        *,
        forms: Mapping[str, str] | None = None,
        images: Sequence[ImageOutcome] = (),
    ) -> Clipping:
        """Replace a clipping's extracted fields with ``article``'s (``forms`` and
        ``images`` as for ``add``; pictures stored before are kept).

        Used when a story is re-extracted or fetched again. What the user added
        (tags, note, star) and the clipping's URL, its identity, stay as they
        are; ``page``, when given, is kept beside the earlier raw pages. When
        the title, text or Markdown change, the text being replaced is kept as
        an earlier version (``clipper.history``), so an update never loses a text.
        """
        from clipper.history import keep_previous_version

        now = utc_now().isoformat()
        with self._transaction() as db:
            self._require(db, clipping_id)
            current = db.execute("SELECT * FROM clippings WHERE id = ?", (clipping_id,)).fetchone()
            keep_previous_version(db, current, article, now)
            assignments = ", ".join(f"{column} = ?" for column in ARTICLE_COLUMNS)
            values = article_values(article)
            with index_forms(db, clipping_id, values, forms):
                db.execute(
                    f"UPDATE clippings SET {assignments}, updated_at = ? WHERE id = ?",
                    (*values, now, clipping_id),
                )
            if page is not None:
                self._insert_page(db, clipping_id, page)
            if images:
                from clipper.images.store import keep

                keep(db, clipping_id, images)
        return self.get(clipping_id)

    def add_tags(self, clipping_id: int, tags: Iterable[str]) -> Clipping:
        """Add ``tags`` to a clipping (tags it already has are left alone)."""
        tags = list(tags)
        if tags:
            with self._transaction() as db:
                self._require(db, clipping_id)
                self._insert_tags(db, clipping_id, tags)
        return self.get(clipping_id)

    def change_tags(
        self, clipping_id: int, *, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> Clipping:
        """Add and remove tags in one step; removing a tag it lacks is not an error."""
        names = {normalize_tag(tag) for tag in remove} - {""}
        with self._transaction() as db:
            self._require(db, clipping_id)
            db.executemany(
                "DELETE FROM tags WHERE clipping_id = ? AND tag = ?",
                [(clipping_id, name) for name in sorted(names)],
            )
            self._insert_tags(db, clipping_id, add)
        return self.get(clipping_id)

    def set_note(self, clipping_id: int, note: str) -> Clipping:
        """Replace the clipping's note (``""`` clears it)."""
        with self._transaction() as db:
            self._require(db, clipping_id)
            db.execute("UPDATE clippings SET note = ? WHERE id = ?", (note, clipping_id))
        return self.get(clipping_id)

    def set_starred(self, clipping_ids: Iterable[int], starred: bool = True) -> list[Clipping]:
        """Star (or unstar) every clipping in ``clipping_ids``, or none if one is missing."""
        ids = list(dict.fromkeys(clipping_ids))
        with self._transaction() as db:
            for clipping_id in ids:
                self._require(db, clipping_id)
            db.executemany(
                "UPDATE clippings SET starred = ? WHERE id = ?", [(int(starred), i) for i in ids]
            )
        return [self.get(clipping_id) for clipping_id in ids]

    def set_read(self, clipping_ids: Iterable[int], read: bool = True) -> list[Clipping]:
        """Mark every clipping in ``clipping_ids`` read (or unread), or none if one is missing."""
        ids = list(dict.fromkeys(clipping_ids))
        with self._transaction() as db:
            for clipping_id in ids:
                self._require(db, clipping_id)
            db.executemany(
                "UPDATE clippings SET read = ? WHERE id = ?", [(int(read), i) for i in ids]
            )
        return [self.get(clipping_id) for clipping_id in ids]

    def add_highlight(
        self, clipping_id: int, highlight: Highlight
    ) -> tuple[Clipping, Literal["added", "updated", "unchanged"]]:
        """Keep ``highlight`` on the clipping; the same quote again changes only its note.

        A highlight is one quote of a clipping: marking it again with a note
        sets that note; without one, the stored highlight stays as it was.
        """
        from clipper.merging import store_highlights

        with self._transaction() as db:
            self._require(db, clipping_id)
            outcome = store_highlights(db, clipping_id, (highlight,), replace_notes=True)
        return self.get(clipping_id), outcome

    def delete(self, clipping_ids: Iterable[int]) -> list[Clipping]:
        """Remove clippings with their tags, raw pages, pictures and index entries;
        return them.

        All or nothing: if one id is unknown, nothing is removed. Removed ids
        are never given to a later clipping (migration m002). A picture another
        clipping shows stays; the others go (migration m011's triggers).
        """
        ids = list(dict.fromkeys(clipping_ids))
        removed = []
        with self._transaction() as db:
            for clipping_id in ids:
                rows = db.execute(_SELECT + " WHERE c.id = ?", (clipping_id,)).fetchall()
                if not rows:
                    raise NotFoundError(_not_found(clipping_id))
                removed.append(_clipping(rows[0]))
            # Tags, pages and pictures go by ON DELETE CASCADE, the index entry and the
            # images no clipping uses any more by triggers.
            db.executemany("DELETE FROM clippings WHERE id = ?", [(i,) for i in ids])
        return removed

    @staticmethod
    def _require(db: sqlite3.Connection, clipping_id: int) -> None:
        if db.execute("SELECT 1 FROM clippings WHERE id = ?", (clipping_id,)).fetchone() is None:
            raise NotFoundError(_not_found(clipping_id))

    @staticmethod
    def _insert_tags(db: sqlite3.Connection, clipping_id: int, tags: Iterable[str]) -> None:
        names = {normalize_tag(tag) for tag in tags} - {""}
        db.executemany(
            "INSERT OR IGNORE INTO tags (clipping_id, tag) VALUES (?, ?)",
            [(clipping_id, name) for name in sorted(names)],
        )

    @staticmethod
    def _insert_page(db: sqlite3.Connection, clipping_id: int, page: Page) -> None:
        packed = page.archived()  # packed in advance by a batch's workers, else here
        db.execute(
            INSERT_PAGE,
            (
                clipping_id,
                page.source,
                page.url,
                page.status,
                json.dumps(page.kept_headers(), ensure_ascii=False),
                json.dumps(list(page.redirects), ensure_ascii=False),
                page.fetched_at.isoformat(),
                packed.sha256,
                packed.compressed,
            ),
        )

    # -- archive: imports, pending links, versions (logic in clipper.merging and clipper.history)

    def import_clippings(
        self, items: Sequence[ImportItem], fresh: set[int] | None = None
    ) -> list[ImportOutcome]:
        """Store clippings from an import, merging those already here (by URL).

        One transaction for the batch, one savepoint per item: an item the
        database refuses is reported in its outcome and the others still go in.
        ``fresh`` holds the ids added by earlier batches of the same import,
        which its items are never merged into (``clipper.merging``);
        the ids added now join it.
        """
        from clipper.merging import store_item

        added = set() if fresh is None else fresh
        with self._transaction() as db:
            return [store_item(db, item, added) for item in items]

    def add_pending(self, links: Sequence[Link]) -> list[PendingOutcome]:
        """Keep links to clip later; links already clipped or pending are merged."""
        from clipper.merging import store_link

        with self._transaction() as db:
            return [store_link(db, link) for link in links]

    def pending(self) -> list[PendingLink]:
        """Links waiting to be clipped, oldest first."""
        from clipper.merging import pending_links

        with _translated(self.path):
            return pending_links(self._db)

    def absorb_pending(self, pending_id: int, clipping_id: int, *, new: bool) -> Clipping:
        """The pending link ``pending_id`` was clipped as ``clipping_id``: the clipping gets
        what the link knew, and the link leaves the list (``merging.absorb_pending``)."""
        from clipper.merging import absorb_pending

        with self._transaction() as db:
            self._require(db, clipping_id)
            absorb_pending(db, pending_id, clipping_id, new=new)
        return self.get(clipping_id)

    def settle_pending(self, pending_id: int, error: str | None = None) -> None:
        """Forget a pending link once it is clipped, or note why clipping it failed."""
        with self._transaction() as db:
            if error is None:
                db.execute("DELETE FROM pending WHERE id = ?", (pending_id,))
            else:
                db.execute(
                    "UPDATE pending SET attempts = attempts + 1, error = ? WHERE id = ?",
                    (error, pending_id),
                )

    def versions(self, clipping_id: int) -> list[Version]:
        """Every text the clipping has had, oldest first; the last is the current one."""
        from clipper.history import all_versions

        with _translated(self.path):
            current = self._db.execute(
                "SELECT * FROM clippings WHERE id = ?", (clipping_id,)
            ).fetchone()
            if current is None:
                raise NotFoundError(_not_found(clipping_id))
            return all_versions(self._db, current)

    def earlier_versions(self, clipping_id: int) -> list[Version]:
        """The texts an update replaced, oldest first (the current one excluded)."""
        from clipper.history import earlier_versions

        with _translated(self.path):
            return earlier_versions(self._db, clipping_id)

    @property
    def feeds(self) -> FeedStore:
        """The feeds this library follows, and the entries seen in them (``clipper.feeds``)."""
        from clipper.feeds.store import FeedStore

        return FeedStore(self._query, self._transaction)

    @property
    def images(self) -> ImageStore:
        """The pictures kept with the clippings (``clipper.images``)."""
        from clipper.images.store import ImageStore

        return ImageStore(self._query, self._transaction)

    # -- reading ---------------------------------------------------------------

    def get(self, clipping_id: int) -> Clipping:
        rows = self._query(_SELECT + " WHERE c.id = ?", (clipping_id,))
        if not rows:
            raise NotFoundError(_not_found(clipping_id))
        return _clipping(rows[0])

    def find_by_url(self, url: str) -> Clipping | None:
        """The first clipping stored under ``url`` (a canonical URL), if any.

        Several clippings may share one (``clipper.dedup``): ``find_story``
        tells which of them, if any, is a given story.
        """
        rows = self._query(_SELECT + " WHERE c.url = ? ORDER BY c.id LIMIT 1", (url,))
        return _clipping(rows[0]) if rows else None

    def find_story(self, article: Article) -> tuple[Clipping | None, tuple[int, ...]]:
        """The clipping that is ``article``'s story under its URL, and the ids of the
        other clippings filed under that URL (different stories sharing the link)."""
        if article.url is None:
            return None, ()
        with _translated(self.path):
            same, others = same_story_at(self._db, article, article.url)
        return (None if same is None else self.get(same)), tuple(others)

    def find_at(self, address: str) -> Clipping | None:
        """The clipping known to be at the web address ``address``, without fetching it
        (``clipper.dedup.clipping_at``)."""
        with _translated(self.path):
            found = clipping_at(self._db, address)
        return None if found is None else self.get(found)

    def find_by_page_url(self, url: str) -> Clipping | None:
        """The clipping whose raw page was fetched from ``url`` (as typed, or after redirects).

        A story filed under its canonical URL is still found from the address it
        was clipped from, so re-running a list of links skips what is done
        without fetching it again.
        """
        rows = self._query(
            _SELECT + " WHERE c.id = (SELECT clipping_id FROM pages"
            " WHERE source = ? OR url = ? ORDER BY id LIMIT 1)",
            (url, url),
        )
        return _clipping(rows[0]) if rows else None

    def clippings(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        site: str | None = None,
        tags: Iterable[str] = (),
        since: datetime | None = None,
        starred: bool | None = None,
        read: bool | None = None,
        feed: int | None = None,
    ) -> list[Clipping]:
        """Clippings, newest clipped first, optionally filtered.

        ``site`` matches the site's name (any part of it, any case) or the URL's
        host (``example.org`` also matches ``www.example.org``); every one of
        ``tags`` must be on the clipping; ``since`` compares with the time it
        was clipped; ``read`` keeps the read (``True``) or unread clippings;
        ``feed`` is the id of a feed it came from.
        """
        where: list[str] = []
        parameters: list[Any] = []
        if site:
            pattern = _like_escape(site.strip().lower())
            where.append(
                f"(c.site LIKE '%' || ? || '%' ESCAPE '\\' OR {_HOST} = ?"
                f" OR {_HOST} LIKE '%.' || ? ESCAPE '\\')"
            )
            parameters += [pattern, site.strip().lower(), pattern]
        for tag in {normalize_tag(tag) for tag in tags} - {""}:
            where.append("EXISTS (SELECT 1 FROM tags WHERE clipping_id = c.id AND tag = ?)")
            parameters.append(tag)
        if since is not None:
            where.append("c.clipped_at >= ?")
            parameters.append(since.astimezone(UTC).isoformat())
        if starred is not None:
            where.append("c.starred = ?")
            parameters.append(int(starred))
        if read is not None:
            where.append("c.read = ?")
            parameters.append(int(read))
        if feed is not None:
            where.append("c.id IN (SELECT clipping_id FROM feed_entries WHERE feed_id = ?)")
            parameters.append(feed)
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._query(
            _SELECT + condition + " ORDER BY c.clipped_at DESC, c.id DESC LIMIT ? OFFSET ?",
            (*parameters, -1 if limit is None else limit, offset),
        )
        return [_clipping(row) for row in rows]

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM clippings")[0][0])

    def stats(self) -> LibraryStats:
        """Counts, sizes and date ranges for ``clipper stats``, in one query."""
        row = self._query(
            """
            SELECT (SELECT count(*) FROM clippings) AS clippings,
                   (SELECT count(DISTINCT coalesce(site, '')) FROM clippings) AS sites,
                   (SELECT coalesce(sum(word_count), 0) FROM clippings) AS words,
                   (SELECT count(*) FROM clippings WHERE starred) AS starred,
                   (SELECT count(*) FROM clippings WHERE read = 1) AS read,
                   (SELECT count(*) FROM highlights) AS highlights,
                   (SELECT count(DISTINCT tag) FROM tags) AS tags,
                   (SELECT count(*) FROM pages) AS pages,
                   (SELECT coalesce(sum(length(html)), 0) FROM pages) AS pages_bytes,
                   (SELECT count(*) FROM images) AS images,
                   (SELECT coalesce(sum(size), 0) FROM images) AS images_bytes,
                   (SELECT min(published) FROM clippings) AS oldest_published,
                   (SELECT max(published) FROM clippings) AS newest_published,
                   (SELECT min(clipped_at) FROM clippings) AS first_clipped,
                   (SELECT max(clipped_at) FROM clippings) AS last_clipped,
                   (SELECT page_count FROM pragma_page_count())
                     * (SELECT page_size FROM pragma_page_size()) AS size_bytes
            """
        )[0]
        return LibraryStats(**dict(zip(row.keys(), row, strict=True)))

    def raw_pages(self, clipping_id: int) -> list[Page]:
        """Every raw page stored for a clipping, oldest first."""
        rows = self._query("SELECT * FROM pages WHERE clipping_id = ? ORDER BY id", (clipping_id,))
        return [
            Page(
                content=zlib.decompress(row["html"]),
                source=row["source"],
                url=row["url"],
                status=row["status"],
                headers=json.loads(row["headers"]),
                redirects=tuple(json.loads(row["redirects"])),
                fetched_at=datetime.fromisoformat(row["fetched_at"]),
            )
            for row in rows
        ]

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = "relevance",
    ) -> list[Hit]:
        """Clippings matching ``query`` (the language of ``clipper.query``), best first.

        ``limit=None`` returns every match; ``sort="date"`` orders them newest
        first. Raises ``QueryError`` for a query that cannot be understood.
        """
        from clipper import search
        from clipper.query import parse

        parsed = parse(query)
        with _translated(self.path):
            return search.run(self._db, parsed, limit=limit, offset=offset, sort=sort)

    def suggest(self, query: str) -> list[Suggestion]:
        """Queries near ``query`` that find something, for when it finds nothing."""
        from clipper import search
        from clipper.query import parse

        parsed = parse(query)
        with _translated(self.path):
            return search.suggest(self._db, parsed)
